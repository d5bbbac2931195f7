"""Dialogs: small windows that ask for something and hand it to a service."""
