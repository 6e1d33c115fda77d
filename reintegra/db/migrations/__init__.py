"""Alembic migrations, run from code (``reintegra db upgrade``) rather than alembic.ini."""
