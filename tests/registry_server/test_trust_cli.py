"""``registry-server trust set|show``: the operator installs the central CA (and rotates it
only on purpose) in a server database, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from registry_server.__main__ import main
from registry_server.db import items, make_engine, read_tx
from registry_server.pki import trust_info
from supervisor_app.domain import wire
from supervisor_app.signing.ca import init_ca
from supervisor_app.signing.pki import crl_pem
from supervisor_app.signing.trust import fingerprint

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path, postgres):
    """An empty server database (nothing created in it yet)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    if postgres is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    return postgres.create_database()


def _ca(tmp_path, name):
    ca = init_ca(tmp_path / name, f"مرجع {name}", "passphrase", now=NOW - timedelta(days=1))
    (tmp_path / f"{name}.pem").write_text(ca.certificate_pem)
    return ca


def _served(url):
    engine = make_engine(url)
    try:
        with read_tx(engine) as conn:
            rows = conn.execute(select(items.c.body).where(items.c.kind == "pki")).all()
            return [wire.decode_pki(json.loads(bytes(r.body))) for r in rows], trust_info(conn)
    finally:
        engine.dispose()


def test_trust_set_installs_a_ca_into_an_empty_database_and_serves_it_with_its_crl(
    database, tmp_path, capsys
):
    """In an empty database `trust set --ca` installs the CA (its fingerprint printed), and
    with `--crl` the pki record every workstation pulls holds both."""
    ca = _ca(tmp_path, "central")
    fp = fingerprint(ca.certificate)
    base = ["--database", database, "trust", "set", "--ca", str(tmp_path / "central.pem")]
    assert main(base) == 0
    out = capsys.readouterr().out
    assert "central CA installed" in out and fp in out
    records, info = _served(database)
    assert info.ca_fingerprint == fp and records == []  # served once a CRL exists

    crl = ca.crl(now=NOW - timedelta(minutes=1))
    (tmp_path / "crl.pem").write_text(crl_pem(crl))
    assert main([*base, "--crl", str(tmp_path / "crl.pem")]) == 0
    assert "already installed" in capsys.readouterr().out
    records, info = _served(database)
    assert [(r.ca_certificate, r.crl) for r in records] == [(ca.certificate_pem, crl_pem(crl))]
    assert info.served_ca_fingerprint == fp and info.crl_number == 1

    assert main(["--database", database, "trust", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["ca_fingerprint"] == fp and shown["crl_number"] == 1


def test_another_ca_needs_replace_and_a_non_ca_certificate_is_refused(database, tmp_path, capsys):
    """A second, different CA is refused (exit 1) until --replace, which drops the old CA's
    CRL; a member certificate or garbage is no CA (exit 2)."""
    first, second = _ca(tmp_path, "first"), _ca(tmp_path, "second")
    (tmp_path / "crl.pem").write_text(crl_pem(first.crl(now=NOW - timedelta(minutes=1))))
    base = ["--database", database, "trust", "set"]
    assert (
        main([*base, "--ca", str(tmp_path / "first.pem"), "--crl", str(tmp_path / "crl.pem")]) == 0
    )
    capsys.readouterr()
    assert main([*base, "--ca", str(tmp_path / "second.pem")]) == 1
    assert "--replace" in capsys.readouterr().err
    assert _served(database)[1].ca_fingerprint == fingerprint(first.certificate)

    assert main([*base, "--ca", str(tmp_path / "second.pem"), "--replace"]) == 0
    _records, info = _served(database)
    assert info.ca_fingerprint == fingerprint(second.certificate)
    assert info.crl_number is None  # the first CA's list means nothing for the second
    assert info.served_ca_fingerprint == fingerprint(first.certificate)  # until a new CRL

    (tmp_path / "junk.pem").write_text("not a certificate")
    assert main([*base, "--ca", str(tmp_path / "junk.pem")]) == 2
    assert "not a self-signed CA certificate" in capsys.readouterr().err


def test_the_installed_command_runs_as_operators_run_it(tmp_path):
    """`python -m registry_server --database URL trust set --ca FILE` in a subprocess."""
    ca = _ca(tmp_path, "central")
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "registry_server",
            "--database",
            url,
            "trust",
            "set",
            "--ca",
            str(tmp_path / "central.pem"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert fingerprint(ca.certificate) in done.stdout
    assert _served(url)[1].ca_fingerprint == fingerprint(ca.certificate)
