"""Signature v2 of the storefront API: the canonical request, signing and checking it, and the replay guard.

`X-ShopDesk-Signature` is the hex HMAC-SHA256, under the shop's API secret, of

    timestamp \n METHOD \n path-with-query \n Idempotency-Key \n hex(sha256(body))

with a 300-second window, and a signature is accepted once. `verify` needs no database (the server checks every
request before any write); `consume` records the signature in the transaction that acts on the request.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from shopdesk.db.models import ApiSignature
from shopdesk.services.common import clock

SIGNATURE_WINDOW_S = 300
MAX_BODY_BYTES = 1024 * 1024
TIMESTAMP_HEADER = "X-ShopDesk-Timestamp"
SIGNATURE_HEADER = "X-ShopDesk-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"


class ApiError(Exception):
    """A refusal with its HTTP status and a stable code; nothing was written."""

    def __init__(self, status: int, message: str, *, code: str, field: str | None = None):
        super().__init__(message)
        self.status, self.message, self.code, self.field = status, message, code, field


@dataclass(frozen=True)
class ApiRequestIn:
    method: str
    path: str  # the path with its query, exactly as sent
    headers: Mapping[str, str]
    body: bytes


@dataclass(frozen=True)
class Verified:
    """A request whose signature, timestamp and Idempotency-Key were checked before any database work."""

    signature: str
    expires_at: datetime  # the end of the signature's window: until then it must not be accepted again
    idempotency_key: str | None


# --- signature v2 ------------------------------------------------------------------------------------


def canonical_request(timestamp: str, method: str, path_with_query: str, idempotency_key: str, body: bytes) -> bytes:
    """What a signature covers: the request's time, what it does, where, under which key, with which body."""
    return "\n".join(
        (timestamp, method.upper(), path_with_query, idempotency_key, hashlib.sha256(body).hexdigest())
    ).encode("utf-8", "surrogateescape")


def sign(secret: str, timestamp: str, method: str, path_with_query: str, idempotency_key: str, body: bytes) -> str:
    message = canonical_request(timestamp, method, path_with_query, idempotency_key, body)
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def _sign_v1(secret: str, timestamp: str, body: bytes) -> str:
    """The scheme before v2 (timestamp + "." + body): recognised only to say what changed."""
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def verify(secret: str, request: ApiRequestIn) -> Verified:
    """Check the signature, its timestamp and the Idempotency-Key (no database work). Raises ApiError."""
    headers = {k.lower(): v for k, v in request.headers.items()}
    stamp = headers.get(TIMESTAMP_HEADER.lower(), "")
    given = headers.get(SIGNATURE_HEADER.lower(), "")
    if not stamp or not given:
        raise ApiError(401, f"Unsigned request: send {TIMESTAMP_HEADER} and {SIGNATURE_HEADER}.", code="unsigned")
    stamp = stamp.strip()
    if not (stamp.isascii() and stamp.isdigit() and len(stamp) <= 12):  # int() would take "²", "1_0", 10**4000
        raise ApiError(401, f"{TIMESTAMP_HEADER} must be unix seconds.", code="bad_timestamp")
    at = int(stamp)
    skew = abs(clock.now().timestamp() - at)
    if skew > SIGNATURE_WINDOW_S:
        raise ApiError(
            401,
            f"Stale request: the timestamp is {int(skew)} s away from now (limit "
            f"{SIGNATURE_WINDOW_S} s). Check the storefront's clock.",
            code="stale",
        )
    raw_key = headers.get(IDEMPOTENCY_HEADER.lower()) or ""
    # As bytes: compare_digest refuses str with non-ASCII characters (headers arrive surrogate-escaped).
    given_raw = given.strip().lower().encode("utf-8", "surrogateescape")
    expected = sign(secret, stamp, request.method, request.path, raw_key, request.body)
    if not hmac.compare_digest(expected.encode(), given_raw):
        if hmac.compare_digest(_sign_v1(secret, stamp, request.body).encode(), given_raw):
            raise ApiError(
                401,
                "This request is signed with the old scheme (timestamp + '.' + body), which ShopDesk no longer "
                "accepts: it let a captured signature be replayed on another order. Sign the canonical request "
                "instead — timestamp, METHOD, path with query, Idempotency-Key and hex SHA-256 of the body, joined "
                'by newlines (see the README, "Connect your storefront").',
                code="old_signature_scheme",
            )
        raise ApiError(
            401,
            "Bad signature: HMAC-SHA256 of timestamp\\nMETHOD\\npath?query\\nIdempotency-Key\\nsha256(body) with "
            "the shop's API secret does not match. `shopdesk api secret` prints the secret.",
            code="bad_signature",
        )
    key = None
    if request.method == "POST":
        key = raw_key.strip()
        if not key:
            raise ApiError(
                400,
                f"Every POST needs an {IDEMPOTENCY_HEADER} header (a unique string per operation, e.g. the "
                "storefront's order id + the action); a retry sends the same one.",
                code="idempotency_key_missing",
                field=IDEMPOTENCY_HEADER,
            )
        if len(key) > 200 or not _is_utf8(key):
            raise ApiError(
                400,
                f"{IDEMPOTENCY_HEADER} must be 1 to 200 characters of UTF-8 text.",
                code="idempotency_key_invalid",
                field=IDEMPOTENCY_HEADER,
            )
    expires = datetime.fromtimestamp(at, clock.now().tzinfo) + timedelta(seconds=SIGNATURE_WINDOW_S)
    return Verified(given_raw.decode("ascii"), max(expires, clock.now()), key)


def signed_headers(
    secret: str, method: str, path: str, body: bytes = b"", *, key: str | None = None, stamp: int | None = None
) -> dict[str, str]:
    """The headers a storefront sends with a request: timestamp, signature v2 and the Idempotency-Key."""
    at = str(int(clock.now().timestamp()) if stamp is None else stamp)
    headers = {TIMESTAMP_HEADER: at, SIGNATURE_HEADER: sign(secret, at, method, path, key or "", body)}
    if key is not None:
        headers[IDEMPOTENCY_HEADER] = key
    return headers


def signed_request(
    secret: str, method: str, path: str, body: bytes = b"", *, key: str | None = None, stamp: int | None = None
) -> ApiRequestIn:
    """A request signed the way a storefront signs it (for in-process callers and tests)."""
    return ApiRequestIn(method, path, signed_headers(secret, method, path, body, key=key, stamp=stamp), body)


class ReplayGuard:
    """The signatures accepted within their window, in memory (the `api_signature` table keeps them across a
    restart, and stops a signature accepted by another process on the same database)."""

    def __init__(self, seen: Mapping[str, datetime] | None = None):
        self._seen: dict[str, datetime] = dict(seen or {})
        self._pruned = clock.now()

    def claim(self, verified: Verified) -> None:
        """Take the signature, or raise ApiError(replayed) when it was already taken."""
        now = clock.now()
        if now - self._pruned > timedelta(seconds=30):
            self._seen = {s: t for s, t in self._seen.items() if t > now}
            self._pruned = now
        expires = self._seen.get(verified.signature)
        if expires is not None and expires > now:
            raise replayed()
        self._seen[verified.signature] = verified.expires_at

    def release(self, verified: Verified) -> None:
        """The request was not carried out (the database was unavailable): the storefront may send it again."""
        self._seen.pop(verified.signature, None)

    def __len__(self) -> int:
        return len(self._seen)


def replayed() -> ApiError:
    return ApiError(
        401,
        "Replayed request: this signature was already accepted. Sign every request afresh (a retry too: a new "
        "timestamp, the same Idempotency-Key).",
        code="replayed",
    )


def recent_signatures(session: Session) -> dict[str, datetime]:
    """The signatures still inside their window (a restarted server must still refuse them)."""
    now = clock.now()
    return dict(
        session.execute(
            select(ApiSignature.signature, ApiSignature.expires_at).where(ApiSignature.expires_at > now)
        ).all()
    )


def consume(session: Session, verified: Verified) -> None:
    table = ApiSignature.__table__
    dialect = session.get_bind().dialect.name
    values = {"signature": verified.signature, "expires_at": verified.expires_at}
    if dialect == "postgresql":
        stmt = postgresql.insert(table).values(values).on_conflict_do_nothing()
    else:
        stmt = sqlite.insert(table).values(values).on_conflict_do_nothing()
    # An INSERT's rowcount is kept only when asked for (SQLAlchemy 2.1 with psycopg reports -1 otherwise).
    if session.execute(stmt, execution_options={"preserve_rowcount": True}).rowcount != 1:
        raise replayed()  # another process on this database took it first
    session.execute(delete(table).where(table.c.expires_at < clock.now() - timedelta(seconds=60)))


def error_body(status: int, message: str, *, code: str, field: str | None = None, **extra) -> tuple[int, dict]:
    return status, {"error": message, "code": code, "field": field, **extra}


def _is_utf8(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
