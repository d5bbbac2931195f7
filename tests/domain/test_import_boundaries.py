"""The layering rules of ARCHITECTURE.md, enforced."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "supervisor_app"
FORBIDDEN_IN_DOMAIN = ("PyQt6", "sqlalchemy", "alembic", "requests", "keyring", "reportlab")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_domain_imports_neither_qt_nor_sqlalchemy():
    """No module under domain/ imports Qt, SQLAlchemy or any IO library."""
    offenders = {
        str(p.relative_to(PACKAGE)): sorted(_imported_modules(p) & set(FORBIDDEN_IN_DOMAIN))
        for p in (PACKAGE / "domain").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_domain_loads_no_qt_or_sqlalchemy_at_runtime():
    """Importing every domain module in a fresh interpreter pulls in neither Qt nor SQLAlchemy."""
    modules = [
        "supervisor_app.domain." + p.stem
        for p in (PACKAGE / "domain").glob("*.py")
        if p.stem != "__init__"
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PyQt6', 'sqlalchemy')]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_only_store_imports_sqlalchemy():
    """SQLAlchemy is imported only under store/ (the UI and services never build SQL)."""
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if "sqlalchemy" in _imported_modules(p) and p.relative_to(PACKAGE).parts[0] != "store"
    ]
    assert offenders == []


def test_only_ui_imports_qt_widgets():
    """Qt widgets are imported only under ui/."""
    offenders = []
    for p in PACKAGE.rglob("*.py"):
        if p.relative_to(PACKAGE).parts[0] == "ui":
            continue
        if "PyQt6.QtWidgets" in p.read_text(encoding="utf-8"):
            offenders.append(str(p.relative_to(PACKAGE)))
    assert offenders == []


def test_opening_the_window_does_not_import_the_pdf_signing_or_migration_stack():
    """pyHanko (with aiohttp) and alembic load only when a PDF is signed or a store
    migrated: importing the window must not pay for them (~0.7 s of every start)."""
    import subprocess
    import sys

    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "import supervisor_app.ui.main_window, supervisor_app.app\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pyhanko', 'aiohttp', 'alembic'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
