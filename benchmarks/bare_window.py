"""The baseline for benchmarks/startup.py: a bare PySide6 window, shown, then quit."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1366, 768)
    window.show()

    def shown() -> None:
        print("WINDOW-SHOWN", flush=True)
        app.quit()

    # Runs once the event loop has processed the show: the same moment the desk reports.
    QTimer.singleShot(0, shown)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
