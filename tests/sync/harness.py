"""The real registry server in a subprocess, a fault-injecting proxy, workstation helpers.

Loaded by path from ``tests/sync/conftest.py`` and ``tests/ui/test_sync_page.py`` (the
tests run in importlib mode, without packages, so they cannot import each other).

* :class:`RegistryProcess` runs ``python -m registry_server --seed-demo N`` on a free
  loopback port and waits until ``/health`` answers.
* :class:`FaultProxy` is a small HTTP/1.1 proxy in front of it. Rules matched by method
  and path inject the faults of the scenario matrix: a 500, a delay (a slow server or a
  timeout), a connection dropped mid-body, a reset before any answer, an answer lost
  after the server processed the request, truncated JSON and malformed JSON. It can also
  force small feed pages (rewriting ``limit``), so a few hundred records make many pages
  even for a client that asks for big ones (a subprocess).
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import requests

DEMO_PASSWORD = "nezarat-1405"
API = "/api/v1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- the server ---------------------------------------------------------------------------


def _die_with_parent() -> None:
    """In the child before exec: on Linux, get SIGTERM when the test process dies, so a
    killed pytest never leaves a server behind (PR_SET_PDEATHSIG)."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)


class RegistryProcess:
    """``registry-server`` as a user starts it, on SQLite in ``root``."""

    def __init__(self, root: Path, dossiers: int, seed: int = 1404) -> None:
        self.root = root
        self.port = free_port()
        self.database = root / "registry.sqlite3"
        self.log = root / "registry.log"
        self.dossiers = dossiers
        self.seed = seed
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120) -> RegistryProcess:
        args = [sys.executable, "-m", "registry_server", "--database",
                f"sqlite:///{self.database}", "--host", "127.0.0.1", "--port", str(self.port),
                "--log-level", "warning"]
        if not self.database.exists():
            args += ["--seed-demo", str(self.dossiers), "--seed", str(self.seed)]
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT,
                                         cwd=self.root, preexec_fn=_die_with_parent)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"registry-server exited: {self.log.read_text()[-2000:]}")
            try:
                if requests.get(self.url + API + "/health", timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise RuntimeError("registry-server did not answer /health in time")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None


class Api:
    """A direct HTTP client of the server for test set-up and server-side checks."""

    def __init__(self, base_url: str, username: str, device: str | None = None) -> None:
        self.base = base_url.rstrip("/") + API
        self.http = requests.Session()
        self.device = device or f"test-{username}-{uuid.uuid4().hex[:8]}"
        r = self.http.post(self.base + "/auth/login", json={
            "username": username, "password": DEMO_PASSWORD, "device_id": self.device,
            "device_name": "آزمون"}, timeout=30)
        r.raise_for_status()
        self.login = r.json()
        self.http.headers["Authorization"] = f"Bearer {self.login['token']}"

    def get(self, path: str, **params: Any) -> Any:
        r = self.http.get(self.base + path, params=params, timeout=60)
        r.raise_for_status()
        return r.json()

    def status(self) -> dict[str, Any]:
        return self.get("/status")

    def feed_all(self, name: str) -> list[dict[str, Any]]:
        out, cursor = [], 0
        while True:
            page = self.get(f"/{name}", after=cursor, limit=2000)
            out += page["items"]
            cursor = page["next_cursor"]
            if not page["has_more"]:
                return out

    def put_dossier(self, data: dict[str, Any]) -> dict[str, Any]:
        r = self.http.put(f"{self.base}/dossiers/{data['registration_id']}", json=data,
                          timeout=30)
        r.raise_for_status()
        return r.json()

    def withdraw(self, registration_id: str) -> dict[str, Any]:
        r = self.http.post(f"{self.base}/dossiers/{registration_id}/withdraw", timeout=30)
        r.raise_for_status()
        return r.json()


# --- the fault-injecting proxy -----------------------------------------------------------


@dataclass
class Rule:
    """Apply ``action`` to requests matching ``method`` and ``path`` (a prefix of the path
    after /api/v1), ``times`` times (None = always), after skipping ``skip`` matches."""

    action: str  # error500 | delay | slow_answer | drop_mid_body | reset | lose_response
    #              | truncate_json | malformed_json | tamper_record
    #              | refuse (answer ``status`` with error ``code``, as a server would)
    path: str = ""
    method: str = ""
    times: int | None = 1
    skip: int = 0
    seconds: float = 0.0
    hits: int = 0
    status: int = 413
    code: str = "payload_too_large"

    def matches(self, method: str, path: str) -> bool:
        return (not self.method or self.method == method) and path.startswith(self.path)


@dataclass
class FaultProxy:
    upstream: str
    rules: list[Rule] = field(default_factory=list)
    page_limits: dict[str, int] = field(default_factory=dict)  # feed path → forced page size
    delay_all: float = 0.0  # added before every forwarded request (a slow server)
    log: list[tuple[str, str, str]] = field(default_factory=list)  # (method, path, action)
    encodings: list[tuple[str, str]] = field(default_factory=list)  # (path, Content-Encoding)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        target = urllib.parse.urlsplit(self.upstream)
        self._host, self._port = target.hostname or "127.0.0.1", target.port or 80
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                proxy._handle(self)

            do_POST = do_PUT = do_HEAD = do_GET

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def add(self, action: str, path: str = "", **kwargs: Any) -> Rule:
        rule = Rule(action, path, **kwargs)
        with self._lock:
            self.rules.append(rule)
        return rule

    def clear(self) -> None:
        with self._lock:
            self.rules.clear()
            self.page_limits = {}
            self.delay_all = 0.0

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def actions(self) -> list[str]:
        with self._lock:
            return [a for _m, _p, a in self.log]

    # --- internals -----------------------------------------------------------------------

    def _pick(self, method: str, path: str) -> Rule | None:
        with self._lock:
            for rule in self.rules:
                if not rule.matches(method, path):
                    continue
                if rule.skip > 0:
                    rule.skip -= 1
                    continue
                if rule.times is not None and rule.hits >= rule.times:
                    continue
                rule.hits += 1
                return rule
        return None

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        method = h.command
        split = urllib.parse.urlsplit(h.path)
        path = split.path.removeprefix(API)
        query = split.query
        if method == "GET" and path in self.page_limits:
            params = dict(urllib.parse.parse_qsl(query))
            params["limit"] = str(min(int(params.get("limit", 500)), self.page_limits[path]))
            query = urllib.parse.urlencode(params)
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        rule = self._pick(method, path)
        action = rule.action if rule else "pass"
        with self._lock:
            self.log.append((method, path, action))
        if self.delay_all:
            time.sleep(self.delay_all)
        if action == "reset":
            h.close_connection = True
            h.connection.shutdown(socket.SHUT_RDWR)
            return
        if action == "error500":
            payload = json.dumps({"error": {"code": "internal", "message": "injected",
                                            "message_fa": "خطای آزمایشی", "details": {}}})
            self._send(h, 500, {"Content-Type": "application/json"}, payload.encode())
            return
        if action == "refuse" and rule is not None:  # the body was read: a clean answer
            payload = json.dumps({"error": {"code": rule.code, "message": "injected refusal",
                                            "message_fa": "", "details": {}}})
            self._send(h, rule.status, {"Content-Type": "application/json"}, payload.encode())
            return
        if action == "delay":
            time.sleep(rule.seconds if rule else 0)
        headers = {k: v for k, v in h.headers.items()
                   if k.lower() not in ("host", "content-length", "connection")}
        if action in ("truncate_json", "malformed_json", "tamper_record", "drop_mid_body"):
            headers["Accept-Encoding"] = "identity"  # the proxy edits the bytes
        conn = http.client.HTTPConnection(self._host, self._port, timeout=120)
        try:
            conn.request(method, split.path + ("?" + query if query else ""), body=body,
                         headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            out_headers = {k: v for k, v in resp.getheaders()
                           if k.lower() not in ("content-length", "connection",
                                                "transfer-encoding")}
            status = resp.status
        finally:
            conn.close()
        with self._lock:
            self.encodings.append((path, resp.getheader("Content-Encoding") or "identity"))
        if action == "slow_answer":  # the server did the work; the answer takes its time
            time.sleep(rule.seconds if rule else 0)
        if action == "lose_response":  # the server did the work; the answer never arrives
            h.close_connection = True
            h.connection.shutdown(socket.SHUT_RDWR)
            return
        if action == "drop_mid_body":
            h.send_response(status)
            for k, v in out_headers.items():
                h.send_header(k, v)
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.wfile.write(data[: len(data) // 2])
            h.wfile.flush()
            h.close_connection = True
            h.connection.shutdown(socket.SHUT_RDWR)
            return
        if action in ("truncate_json", "malformed_json", "tamper_record"):
            if out_headers.get("content-encoding", "").lower() == "gzip":
                data = gzip.decompress(data)
            out_headers = {k: v for k, v in out_headers.items()
                           if k.lower() != "content-encoding"}
            data = _mangle(action, data)
        self._send(h, status, out_headers, data)

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, status: int, headers: dict[str, str],
              data: bytes) -> None:
        h.send_response(status)
        for k, v in headers.items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)
        h.wfile.flush()


def _mangle(action: str, data: bytes) -> bytes:
    """Valid HTTP, broken content: cut JSON, a record that breaks its codec, a bad hash."""
    if action == "truncate_json":
        return data[: max(1, len(data) * 2 // 3)]
    page = json.loads(data)
    if action == "malformed_json":
        # Valid JSON, invalid record: a Jalali date where an ISO date must be.
        page["items"][-1]["data"]["birth_date"] = "1359/01/01"
    else:  # tamper_record: valid record, but not the one the hash vouches for
        page["items"][-1]["data"]["first_name"] = "دستکاری"
    return json.dumps(page, ensure_ascii=False).encode()


# --- workstations ------------------------------------------------------------------------


def cli(data_dir: Path, *args: str, stdin: str | None = None, timeout: float = 300,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``supervisor-app --data-dir DATA ARGS`` as a subprocess (no OS keyring: file)."""
    return subprocess.run(
        [sys.executable, "-m", "supervisor_app", "--data-dir", str(data_dir), *args],
        input=stdin, capture_output=True, text=True, timeout=timeout, check=False,
        env={**os.environ, **workstation_env(), **(env or {})},
    )


def workstation_env() -> dict[str, str]:
    """A keyring that refuses (as on a headless Linux) and the encrypted-file passphrase."""
    return {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            "SUPERVISOR_KEYSTORE_PASSPHRASE": "test-master-passphrase",
            "QT_QPA_PLATFORM": "offscreen"}


@dataclass
class BoardServices:
    """One board workstation's real services over its own store, signed in to a server."""

    store: Any
    settings: Any
    certificates: Any
    members: Any
    rulings: Any
    complaints: Any
    sync: Any


def board_services(root: Path, server_url: str, username: str) -> BoardServices:
    """A fresh workstation in ``root`` signed in as ``username`` (keys in memory)."""
    from supervisor_app.adapters.keystore import MemoryKeystore
    from supervisor_app.adapters.registry_client import RegistryClient
    from supervisor_app.services.certificates import CertificateService
    from supervisor_app.services.complaints import ComplaintService
    from supervisor_app.services.members import MemberKeyService
    from supervisor_app.services.rulings import RulingService
    from supervisor_app.services.session_auth import SessionAuth
    from supervisor_app.services.sync import SyncService
    from supervisor_app.settings import Settings
    from supervisor_app.store import open_store

    root.mkdir()
    store = open_store(root / "store.sqlite3")
    settings = Settings()
    auth = SessionAuth(
        store,
        settings,
        root / "settings.json",
        MemoryKeystore(),
        client_factory=lambda url: RegistryClient(url, timeout=(5.0, 60.0)),
    )
    auth.login(server_url, username, DEMO_PASSWORD)
    certificates = CertificateService(store)
    members = MemberKeyService(store, MemoryKeystore(), certificates)
    rulings = RulingService(store, members, actor=username)
    sync = SyncService(store, auth, data_root=root, rulings=rulings, certificates=certificates)
    complaints = ComplaintService(
        store, board_id=settings.board_id, cycle_code=settings.cycle_code, actor=username
    )
    return BoardServices(store, settings, certificates, members, rulings, complaints, sync)
