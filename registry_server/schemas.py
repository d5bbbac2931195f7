"""Request and response models: strict, with a length limit on every field.

Record payloads inside pushes are plain JSON objects here; their per-kind shape is
checked by :mod:`supervisor_app.domain.wire` (one validator for client and server).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

MAX_PUSH_ITEMS = 200
MAX_SAFE_INT = 2**53 - 1

Username = Annotated[str, StringConstraints(min_length=1, max_length=64,
                                            pattern=r"^[A-Za-z0-9._-]+$")]
DeviceId = Annotated[str, StringConstraints(min_length=1, max_length=64,
                                            pattern=r"^[A-Za-z0-9._:-]+$")]
Hex64 = Annotated[str, StringConstraints(min_length=64, max_length=64, pattern=r"^[0-9a-f]{64}$")]
Uuid = Annotated[str, StringConstraints(
    min_length=36, max_length=36,
    pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
AppVersion = Annotated[str, StringConstraints(
    min_length=1, max_length=32, pattern=r"^\d+(\.\d+){0,3}([-+.][0-9A-Za-z.]+)?$")]
Code = Annotated[str, StringConstraints(min_length=1, max_length=32,
                                        pattern=r"^[0-9A-Za-z._/-]+$")]
Ident = Annotated[str, StringConstraints(min_length=1, max_length=64,
                                         pattern=r"^[0-9A-Za-z._:/-]+$")]
PushKind = Literal["ruling", "decision", "objection", "observer_report", "complaint",
                   "complaint_event", "audit_head", "ledger_head", "branch", "observer"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


# --- errors -------------------------------------------------------------------------------


class ErrorDetail(BaseModel):
    code: str
    message: str
    message_fa: str
    details: dict[str, Any]


class ErrorBody(BaseModel):
    error: ErrorDetail


# --- auth ---------------------------------------------------------------------------------


class LoginRequest(Strict):
    username: Username
    password: Annotated[str, StringConstraints(min_length=1, max_length=256)]
    device_id: DeviceId
    device_name: Annotated[str, StringConstraints(max_length=128)] = ""


class ScopeOut(BaseModel):
    level: str
    province_code: str | None
    county_code: str | None
    district_code: str | None
    branch_codes: list[str]


class AccountOut(BaseModel):
    username: str
    role: str
    board_id: str | None
    observer_id: str | None
    device_id: str
    scope: ScopeOut
    expires_at: str | None = None


class ServerInfo(BaseModel):
    api_version: str
    schema_version: int
    cycle_code: str | None
    min_app_version: str


class LoginResponse(BaseModel):
    token: str
    token_type: Literal["bearer"]
    expires_at: str
    account: AccountOut
    server: ServerInfo


# --- feeds --------------------------------------------------------------------------------


class FeedItem(BaseModel):
    kind: str
    id: str
    seq: int
    revision: int
    content_sha256: str
    data: dict[str, Any]


class FeedPage(BaseModel):
    items: list[FeedItem]
    next_cursor: int
    has_more: bool


# --- push ---------------------------------------------------------------------------------


class PushItem(Strict):
    id: Uuid
    kind: PushKind
    content_hash: Hex64
    payload: dict[str, Any]


class PushRequest(Strict):
    app_version: AppVersion
    schema_version: Annotated[int, Field(ge=0, le=MAX_SAFE_INT)]
    cycle_code: Code
    board_id: Ident
    device_id: DeviceId
    items: Annotated[list[PushItem], Field(max_length=MAX_PUSH_ITEMS)]


class PushResult(BaseModel):
    id: str
    kind: str
    status: Literal["created", "duplicate", "conflict", "rejected"]
    content_hash: str
    seq: int | None = None
    error: ErrorDetail | None = None


class PushResponse(BaseModel):
    results: list[PushResult]
    cursor: int


# --- registry maintenance, attachments, status, misc ----------------------------------------


class DossierWriteResponse(BaseModel):
    id: str
    seq: int
    revision: int
    status: Literal["created", "updated", "unchanged"]


class AttachmentPutResponse(BaseModel):
    sha256: str
    size: int


class KindDigestOut(BaseModel):
    count: int
    digest: str


class StatusResponse(BaseModel):
    cursor: int
    schema_version: int
    cycle_code: str | None
    server_time: str
    kinds: dict[str, KindDigestOut]


class CountsResponse(BaseModel):
    cursor: int
    counts: dict[str, int]


class HealthResponse(BaseModel):
    status: Literal["ok"]
    api_version: str
    schema_version: int


class DemoMemberKey(BaseModel):
    member_id: str
    role: str
    private_key_pem: str
    certificate_pem: str


class DemoKeysResponse(BaseModel):
    ca_certificate: str
    crl: str
    members: list[DemoMemberKey]
