"""Use cases and rules: plain Python over a SQLAlchemy session, no Qt."""
