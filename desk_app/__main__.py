"""``python -m desk_app`` starts the desk."""

import sys

from desk_app.app import main

sys.exit(main())
