"""PyQt6 user interface: windows, widgets, models and view helpers."""
