"""Alembic migrations, run programmatically (no alembic.ini) by central_api.migrate."""
