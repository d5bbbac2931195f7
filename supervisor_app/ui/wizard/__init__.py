"""The first-run wizard: sets up a workstation from an empty data directory."""
