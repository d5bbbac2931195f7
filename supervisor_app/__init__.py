"""Nezarat (نظارت): desktop client of the election supervisory boards."""

__version__ = "0.1.0"
