"""Real SoftHSM2 tokens in temporary directories, for the hardware-token tests.

Without SoftHSM2 (or python-pkcs11) the token tests skip on a developer machine but fail
under ``CI=true``: ``dev.sh test`` installs softhsm2, so a skip there would hide a gap.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import pytest

SO_PIN = "87654321"
MODULE_CANDIDATES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason}: CI must run the hardware-token tests", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def require_pkcs11() -> ModuleType:
    """python-pkcs11 (skip without it, fail under CI=true)."""
    try:
        import pkcs11
    except ImportError:
        _unavailable("python-pkcs11 is not installed (pip install -e '.[dev]')")
        raise
    return pkcs11


def softhsm_module() -> str:
    """The SoftHSM2 PKCS#11 module path (skip without SoftHSM2, fail under CI=true)."""
    module = next((p for p in MODULE_CANDIDATES if Path(p).exists()), None)
    if module is None or shutil.which("softhsm2-util") is None:
        _unavailable("SoftHSM2 is not installed (apt-get install softhsm2)")
    assert module is not None
    return module


def init_token(label: str, pin: str) -> None:
    """Initialise one more token under the current SOFTHSM2_CONF."""
    subprocess.run(
        [
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            label,
            "--pin",
            pin,
            "--so-pin",
            SO_PIN,
        ],
        check=True,
        capture_output=True,
        env=os.environ.copy(),
    )


def delete_token(label: str) -> None:
    """Remove a token, as if it were pulled out of the workstation."""
    subprocess.run(
        ["softhsm2-util", "--delete-token", "--token", label],
        check=True,
        capture_output=True,
        env=os.environ.copy(),
    )


@contextmanager
def softhsm(root: Path, tokens: dict[str, str]) -> Iterator[str]:
    """SoftHSM2 with ``tokens`` (label → user PIN) under ``root``; yields the module path.

    SOFTHSM2_CONF stays set while the context is open; the module is unloaded on exit
    so the next SoftHSM directory is read afresh."""
    pkcs11 = require_pkcs11()
    module = softhsm_module()
    (root / "tokens").mkdir(parents=True)
    conf = root / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {root / 'tokens'}\nobjectstore.backend = file\n"
        "log.level = ERROR\nslots.removable = false\n"
    )
    with pytest.MonkeyPatch.context() as mp:
        # SoftHSM reads its configuration when the module is initialised: set it first.
        mp.setenv("SOFTHSM2_CONF", str(conf))
        pkcs11.unload(module)
        for label, pin in tokens.items():
            init_token(label, pin)
        try:
            yield module
        finally:
            pkcs11.unload(module)
