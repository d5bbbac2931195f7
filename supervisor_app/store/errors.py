"""Errors the store raises; messages are English sources the UI translates."""

from __future__ import annotations


class StoreError(Exception):
    """The local database cannot be used as asked (wrong file, newer schema, ...)."""


class NotFound(StoreError):
    """A record that must exist does not."""
