"""Suite-wide set-up: Qt offscreen, no real keyring, demo data kept out of the user's folders."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests must never read or write the developer's real keyring.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
