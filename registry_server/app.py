"""The HTTP face of the registry: FastAPI routes, body limits, gzip and structured errors."""


import hashlib
import json
from typing import Annotated, Any

from fastapi import Body, Depends, FastAPI, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from supervisor_app.domain import wire

from .errors import (
    ApiError,
    api_error_handler,
    error_body,
    http_error_handler,
    unexpected_error_handler,
    validation_error_handler,
)
from .pki import register_routes as register_pki_routes
from .schemas import (
    MAX_SAFE_INT,
    AccountOut,
    AttachmentPutResponse,
    CountsResponse,
    DemoKeysResponse,
    DossierWriteResponse,
    ErrorBody,
    FeedPage,
    HealthResponse,
    LoginRequest,
    LoginResponse,
    PushRequest,
    PushResponse,
    StatusResponse,
)
from .scope import Principal
from .service import API_VERSION, SCHEMA_VERSION, Registry

PREFIX = "/api/v1"
KIB = 1024
MIB = 1024 * KIB
DEFAULT_BODY_LIMIT = 64 * KIB
# Attachments up to what a record may cite (phone photos are 2-6 MB, scans more).
ATTACHMENT_BODY_LIMIT = wire.MAX_ATTACHMENT_BYTES
# (method, path prefix) → body limit; the first match wins.
BODY_LIMITS: tuple[tuple[str, str, int], ...] = (
    ("POST", f"{PREFIX}/auth/login", 4 * KIB),
    ("POST", f"{PREFIX}/push", 8 * MIB),
    ("PUT", f"{PREFIX}/dossiers/", 256 * KIB),
    ("PUT", f"{PREFIX}/attachments/", ATTACHMENT_BODY_LIMIT),
    ("PUT", f"{PREFIX}/pki/crl", 512 * KIB),
    ("POST", f"{PREFIX}/pki/certificates", 8 * MIB),
)
JSON_BODIES: tuple[tuple[str, str], ...] = (
    ("POST", f"{PREFIX}/auth/login"),
    ("POST", f"{PREFIX}/push"),
    ("PUT", f"{PREFIX}/dossiers/"),
    ("PUT", f"{PREFIX}/pki/"),
    ("POST", f"{PREFIX}/pki/"),
)
# Bodies the route reads itself, chunk by chunk, counting against the limit (not buffered
# here: an upload is not held twice, and a caller that may not upload is refused first).
STREAMED_BODIES: tuple[tuple[str, str], ...] = (("PUT", f"{PREFIX}/attachments/"),)

_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in (
        (400, "Malformed JSON"),
        (401, "Not authenticated"),
        (403, "Forbidden for this role or device"),
        (404, "Not found or outside the caller's scope"),
        (409, "Conflict (batch stamp or cursor)"),
        (413, "Body too large"),
        (415, "Unsupported media type"),
        (422, "Validation error"),
        (429, "Rate limited"),
    )
}

HEX64 = r"^[0-9a-f]{64}$"
IDENT = r"^[0-9A-Za-z._:-]{1,64}$"


def _limit_for(method: str, path: str) -> int:
    for m, prefix, limit in BODY_LIMITS:
        if method == m and path.startswith(prefix):
            return limit
    return DEFAULT_BODY_LIMIT


class BodyLimitMiddleware:
    """413 before parsing when a body is over its endpoint's limit; 415 for non-JSON.

    The body is read here (it is at most 8 MiB) and replayed to the app, so a chunked
    upload without Content-Length is counted too. Streamed bodies (attachments) are only
    checked against a declared Content-Length here; their route counts the rest.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        limit = _limit_for(method, path)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        declared = headers.get("content-length")
        if declared is not None:
            try:
                if int(declared) > limit:
                    await self._reject(send, 413, "payload_too_large",
                                       f"body larger than {limit} bytes")
                    return
            except ValueError:
                await self._reject(send, 400, "malformed_json", "bad Content-Length")
                return
        if any(method == m and path.startswith(p) for m, p in STREAMED_BODIES):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await self._reject(send, 413, "payload_too_large",
                                   f"body larger than {limit} bytes")
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if body and any(method == m and path.startswith(p) for m, p in JSON_BODIES):
            media = headers.get("content-type", "").split(";")[0].strip().lower()
            if media != "application/json":
                await self._reject(send, 415, "unsupported_media_type",
                                   "this endpoint takes application/json")
                return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _reject(send: Send, status: int, code: str, message: str) -> None:
        payload = json.dumps(error_body(code, message), ensure_ascii=False).encode()
        await send({"type": "http.response.start", "status": status, "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(payload)).encode()),
            (b"connection", b"close"),
        ]})
        await send({"type": "http.response.body", "body": payload})


def parse_range(header: str | None, size: int) -> tuple[int, int] | str | None:
    """One byte range of ``header`` → (start, end inclusive); "unsatisfiable"; or None.

    None means "serve the whole file": no header, a malformed one, or several ranges
    (RFC 9110 lets a server ignore Range).
    """
    if not header or not header.startswith("bytes=") or "," in header:
        return None
    spec = header[6:].strip()
    first, dash, last = spec.partition("-")
    if not dash or not (first.isdigit() or first == "") or not (last.isdigit() or last == ""):
        return None
    if first == "":
        if last == "":
            return None
        n = int(last)
        if n == 0 or size == 0:
            return "unsatisfiable"
        return max(0, size - n), size - 1
    start = int(first)
    if last and int(last) < start:
        return None  # syntactically invalid: ignored, the whole file is served
    if start >= size:
        return "unsatisfiable"
    return start, min(int(last), size - 1) if last else size - 1


def create_app(registry: Registry) -> FastAPI:
    app = FastAPI(
        title="Nezarat registry server",
        version="1",
        description="Board-facing API of the reference registration system (see API.md).",
        openapi_url=f"{PREFIX}/openapi.json",
        docs_url=f"{PREFIX}/docs",
        redoc_url=None,
    )
    app.state.registry = registry
    app.add_exception_handler(ApiError, api_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    app.add_exception_handler(StarletteHTTPException, http_error_handler)
    app.add_exception_handler(Exception, unexpected_error_handler)
    app.add_middleware(BodyLimitMiddleware)
    # Attachments and partial responses are never compressed (Range must mean bytes).
    # Level 1: dossier JSON compresses 4.6x at ~140 MB/s against 5.6x at ~50 MB/s for
    # level 5; a 300,000-dossier initial sync is ~650 MB of JSON, and the server's CPU,
    # not the link, is what 200 concurrent pullers exhaust first.
    app.add_middleware(GZipMiddleware, minimum_size=500, compresslevel=1,
                       exclude_content_types=("application/octet-stream",))

    bearer = HTTPBearer(auto_error=False, description="token from POST /api/v1/auth/login")

    def principal(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> Principal:
        return registry.authenticate(credentials.credentials if credentials else None)

    Caller = Annotated[Principal, Depends(principal)]
    After = Annotated[int, Query(ge=0, le=MAX_SAFE_INT, description="cursor from the last page")]

    @app.get(f"{PREFIX}/health", response_model=HealthResponse, responses=_ERRORS)
    def health() -> dict[str, Any]:
        return {"status": "ok", "api_version": API_VERSION, "schema_version": SCHEMA_VERSION}

    @app.post(f"{PREFIX}/auth/login", response_model=LoginResponse, responses=_ERRORS)
    def login(body: LoginRequest) -> dict[str, Any]:
        return registry.login(body)

    @app.post(f"{PREFIX}/auth/logout", status_code=204, responses=_ERRORS,
              response_class=Response)
    def logout(caller: Caller) -> Response:
        registry.logout(caller)
        return Response(status_code=204)

    @app.get(f"{PREFIX}/auth/me", response_model=AccountOut, responses=_ERRORS)
    def me(caller: Caller) -> dict[str, Any]:
        return {**caller.account(), "expires_at": caller.expires_at}

    def feed_route(name: str, default: int, maximum: int) -> None:
        def handler(
            caller: Caller,
            after: After = 0,
            limit: Annotated[int, Query(ge=1, le=maximum)] = default,
        ) -> Response:
            body = registry.feed(caller, name, after, limit)
            return Response(content=body, media_type="application/json")

        app.add_api_route(
            f"{PREFIX}/{name}", handler, methods=["GET"], name=f"feed_{name}",
            responses={200: {"model": FeedPage, "description": f"a page of the {name} feed"},
                       **_ERRORS},
            response_class=Response, summary=f"Incremental {name} feed",
        )

    feed_route("reference", 1000, 5000)
    feed_route("dossiers", 500, 2000)
    feed_route("records", 500, 2000)

    @app.put(f"{PREFIX}/dossiers/{{registration_id}}", response_model=DossierWriteResponse,
             responses=_ERRORS)
    def put_dossier(
        caller: Caller,
        registration_id: Annotated[str, Path(pattern=IDENT)],
        body: Annotated[dict[str, Any], Body()],
    ) -> dict[str, Any]:
        return registry.put_dossier(caller, registration_id, body)

    @app.post(f"{PREFIX}/dossiers/{{registration_id}}/withdraw",
              response_model=DossierWriteResponse, responses=_ERRORS)
    def withdraw_dossier(
        caller: Caller, registration_id: Annotated[str, Path(pattern=IDENT)]
    ) -> dict[str, Any]:
        return registry.withdraw_dossier(caller, registration_id)

    def get_attachment(
        request: Request, caller: Caller, sha256: Annotated[str, Path(pattern=HEX64)]
    ) -> Response:
        content = registry.attachment(caller, sha256)
        size = len(content)
        etag = f'"{sha256}"'
        headers = {"ETag": etag, "Accept-Ranges": "bytes",
                   "Cache-Control": "private, max-age=31536000, immutable"}
        inm = request.headers.get("if-none-match")
        if inm is not None and (inm.strip() == "*" or etag in [t.strip() for t in
                                                                inm.split(",")]):
            return Response(status_code=304, headers=headers)
        wanted = parse_range(request.headers.get("range"), size)
        if_range = request.headers.get("if-range")
        if if_range is not None and if_range.strip() != etag:
            wanted = None
        head = request.method == "HEAD"
        if wanted == "unsatisfiable":
            raise ApiError(416, "range_not_satisfiable", f"the file has {size} bytes",
                           {"size": size}, headers={"Content-Range": f"bytes */{size}",
                                                    **headers})
        if isinstance(wanted, tuple):
            start, end = wanted
            part = content[start:end + 1]
            headers |= {"Content-Range": f"bytes {start}-{end}/{size}",
                        "Content-Length": str(len(part))}
            return Response(b"" if head else part, status_code=206, headers=headers,
                            media_type="application/octet-stream")
        headers["Content-Length"] = str(size)
        return Response(b"" if head else content, headers=headers,
                        media_type="application/octet-stream")

    attachment_responses: dict[int | str, dict[str, Any]] = {
        200: {"content": {"application/octet-stream": {}}, "description": "the file"},
        206: {"content": {"application/octet-stream": {}}, "description": "one byte range"},
        304: {"description": "not modified"},
        416: {"model": ErrorBody, "description": "range not satisfiable"},
        **_ERRORS,
    }
    for method in ("GET", "HEAD"):
        app.add_api_route(
            f"{PREFIX}/attachments/{{sha256}}", get_attachment, methods=[method],
            response_class=Response, responses=attachment_responses,
            operation_id=f"{method.lower()}_attachment", summary="Download an attachment",
        )

    @app.put(f"{PREFIX}/attachments/{{sha256}}", response_model=AttachmentPutResponse,
             responses={201: {"model": AttachmentPutResponse, "description": "stored"},
                        **_ERRORS},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/octet-stream": {"schema": {"type": "string",
                                                         "format": "binary"}}}}})
    async def put_attachment(
        request: Request, caller: Caller, sha256: Annotated[str, Path(pattern=HEX64)]
    ) -> JSONResponse:
        # Counted as it streams in (a chunked upload has no Content-Length to check first);
        # the registry checks that the bytes hash to the name before storing them.
        if not caller.pushes_anything:  # refused before megabytes are read for nothing
            raise ApiError(403, "forbidden", f"role {caller.role} may not upload files")
        limit = ATTACHMENT_BODY_LIMIT
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise ApiError(413, "payload_too_large", f"attachment larger than {limit} bytes",
                               {"limit": limit}, headers={"Connection": "close"})
            chunks.append(chunk)
        content = b"".join(chunks)
        created = await run_in_threadpool(registry.put_attachment, caller, sha256, content)
        return JSONResponse({"sha256": sha256, "size": len(content)},
                            status_code=201 if created else 200)

    @app.get(f"{PREFIX}/rulings/{{ruling_id}}/bundle", response_class=Response,
             responses={200: {"content": {"application/json": {}},
                              "description": "the sealed bundle bytes"}, **_ERRORS})
    def get_bundle(caller: Caller, ruling_id: Annotated[str, Path(pattern=IDENT)]) -> Response:
        body = registry.ruling_bundle(caller, ruling_id)
        return Response(body, media_type="application/json",
                        headers={"ETag": f'"{hashlib.sha256(body).hexdigest()}"'})

    @app.post(f"{PREFIX}/push", response_model=PushResponse, responses=_ERRORS)
    def push(caller: Caller, body: PushRequest) -> dict[str, Any]:
        return registry.push(caller, body)

    @app.get(f"{PREFIX}/status", response_model=StatusResponse, responses=_ERRORS)
    def status(caller: Caller) -> dict[str, Any]:
        return registry.status(caller)

    @app.get(f"{PREFIX}/counts", response_model=CountsResponse, responses=_ERRORS)
    def counts(caller: Caller) -> dict[str, Any]:
        """Records per kind in the caller's scope (status without the digests)."""
        return registry.counts(caller)

    # Trust material: the central CA's CRL and member certificates (see pki.py).
    register_pki_routes(app, registry, Caller, PREFIX, _ERRORS)

    @app.get(f"{PREFIX}/demo/member-keys", response_model=DemoKeysResponse, responses=_ERRORS)
    def demo_member_keys(caller: Caller) -> dict[str, Any]:
        return registry.demo_member_keys(caller)

    return app

