"""The local store: the only package that imports SQLAlchemy.

``open_store(path)`` gives a ``Store``; every read or write is one
``store.unit_of_work()`` whose repositories take and return domain objects.
"""

from .database import Store, head_revision, open_store
from .errors import NotFound, StoreError
from .unit_of_work import UnitOfWork

__all__ = ["NotFound", "Store", "StoreError", "UnitOfWork", "head_revision", "open_store"]
