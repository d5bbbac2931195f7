"""Use cases over the store: no Qt widgets, no SQL strings."""
