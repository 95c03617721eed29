"""The desk's Qt layer: windows, dialogs, models and workers (the only package importing PySide6)."""
