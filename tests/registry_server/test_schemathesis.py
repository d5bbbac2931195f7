"""A bounded schema-based fuzz run (Schemathesis) against the served OpenAPI document.

It must find no 5xx, no undocumented status code, no wrong content type and no response
that violates its declared schema. Each backend gets its own freshly seeded server, so the
fuzzer's writes cannot disturb the other tests. Bounded: a fixed seed, 25 examples per
operation and per phase, well under two minutes per backend.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest.importorskip("schemathesis", reason="the fuzz run needs schemathesis (dev extra)")

CHECKS = ("not_a_server_error,status_code_conformance,content_type_conformance,"
          "response_schema_conformance")


def _run(live, username, tmp_path, *extra):
    token = live.token(username)
    command = [
        sys.executable, "-c", "import sys; from schemathesis.cli import schemathesis; "
        "sys.argv[0] = 'schemathesis'; sys.exit(schemathesis())",
        "run", f"{live.url}/api/v1/openapi.json",
        "--header", f"Authorization: Bearer {token}",
        "--checks", CHECKS,
        "--exclude-path", "/api/v1/auth/logout",  # would revoke the fuzzer's own token
        "--max-examples", "25", "--seed", "1404", "--no-color",
        "--phases", "examples,coverage,fuzzing",
        "--request-timeout", "30",
        "--generation-database", "none",  # no example cache left in the checkout
        *extra,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "Tested:" in done.stdout


def test_fuzzing_as_a_county_board_finds_no_5xx_or_schema_violations(fuzz_live, tmp_path):
    """Every operation, fuzzed with a county board's token: only documented answers."""
    _run(fuzz_live, "demo-county", tmp_path)


def test_fuzzing_registry_maintenance_finds_no_5xx(fuzz_live, tmp_path):
    """The registry's dossier endpoints, fuzzed with the registry's token."""
    _run(fuzz_live, "demo-registry", tmp_path, "--include-path-regex", "^/api/v1/dossiers")
