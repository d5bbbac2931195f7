"""IO behind small interfaces, each with a real and a fake implementation.

Modules here talk to the outside world (OS keyring, files, devices); callers depend on
the interface so unit tests can swap in the in-memory fake.
"""
