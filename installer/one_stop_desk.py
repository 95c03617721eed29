"""The frozen desk's entry script: PyInstaller runs this file as ``__main__``.

``desk_app/__main__.py`` cannot be the entry itself: run as a script it would load outside its
package, and the desk's modules import each other relatively.
"""

import sys

from desk_app.app import main

if __name__ == "__main__":
    sys.exit(main())
