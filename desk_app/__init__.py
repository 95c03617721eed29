"""One-stop desk (Bộ phận Một cửa) client."""

__version__ = "0.1.0"
