"""Pure-Python domain: entities, state machines, rules. Imports neither Qt nor SQLAlchemy."""
