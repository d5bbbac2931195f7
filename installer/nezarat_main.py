"""The bundle's entry point: the same ``main`` as ``supervisor-app`` and ``python -m``."""

from __future__ import annotations

import multiprocessing
import sys

from supervisor_app.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the first-pull worker (services/pull_worker.py)
    sys.exit(main())
