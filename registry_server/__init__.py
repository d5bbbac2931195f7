"""Reference registration-system and sync server for Nezarat (FastAPI + SQLAlchemy).

``registry-server`` (``registry_server.__main__:main``) serves the board-facing API
described in ``registry_server/API.md``; ``create_app`` builds the ASGI app for tests.
"""
