"""Reference central service for the one-stop desks (FastAPI + SQLAlchemy + Alembic).

The desk never imports this package; only its demo launcher starts it in-process through
:class:`central_api.embedded.EmbeddedServer`.
"""

# One version for the whole system, written in one place: the desk's package.
from desk_app import __version__

__all__ = ["__version__"]
