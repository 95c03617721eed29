"""Reference central service for the one-stop desks (FastAPI + SQLAlchemy + Alembic).

The desk never imports this package; only its demo launcher starts it in-process through
:class:`central_api.embedded.EmbeddedServer`.
"""

__version__ = "0.1.0"
