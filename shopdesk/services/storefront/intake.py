"""Storefront intake: what the signed local HTTP API does, request by request (no HTTP here).

The server checks each request's signature before any write (`signing.verify`, with the secret it keeps in
memory); `handle` then consumes the signature in the transaction that acts, so even a refused request cannot be
sent twice. A POST carries an `Idempotency-Key`: a retry, signed afresh, gets the first response back; the same
key with another body is refused.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets as pysecrets
from collections.abc import Callable
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from shopdesk.db.locks import serialize
from shopdesk.db.models import ApiRequest, CardKey, Customer, KeyEvent, Order
from shopdesk.services.common import access, audit, clock, keystore
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound, PaymentRefused, ShopError
from shopdesk.services.common.money import format_yuan, parse_yuan
from shopdesk.services.common.vault import Vault
from shopdesk.services.desk import cases
from shopdesk.services.money import customers
from shopdesk.services.orders import flagged
from shopdesk.services.orders import selling as orders
from shopdesk.services.orders.detail import OrderView, load_order_view
from shopdesk.services.storefront import signing
from shopdesk.services.storefront.signing import IDEMPOTENCY_HEADER, ApiError, ApiRequestIn, Verified, error_body

SOURCE = "api"
SECRET_SETTING = "api.secret"


# --- the shop's API secret -------------------------------------------------------------------------


def api_secret(session: Session) -> str:
    """The secret the storefront signs with, sealed under the vault and created on first use (shared by every
    desktop on the database)."""
    vault = keystore.vault_of(session)
    secret = keystore.get_sealed(session, vault, SECRET_SETTING)
    if not secret:
        secret = pysecrets.token_hex(32)
        keystore.put_sealed(session, vault, SECRET_SETTING, secret)
    return secret


def reveal_secret(session: Session, *, actor: str) -> str:
    """The secret for a person to read (the Settings page's Show and Copy): owner only, on the audit trail."""
    access.require_owner(session, subject="api")
    secret = api_secret(session)
    audit.record(session, actor=actor, action="api.secret_shown", subject="api")
    return secret


@access.needs("vault.rotate")
def rotate_secret(session: Session, *, actor: str) -> str:
    secret = pysecrets.token_hex(32)
    keystore.put_sealed(session, keystore.vault_of(session), SECRET_SETTING, secret)
    audit.record(session, actor=actor, action="api.secret_rotated", subject="api")
    return secret


# --- handling ---------------------------------------------------------------------------------------


def handle(
    session: Session,
    vault: Vault,
    request: ApiRequestIn,
    verified: Verified,
    route: str,
    params: dict[str, str],
    *,
    actor: str = "storefront",
) -> tuple[int, dict]:
    """Consume the signature, then act (or replay), in one write transaction on the DB thread.

    A refusal the storefront can act on comes back as (status, error body): the signature stays consumed and
    nothing else is written — except the flag that keeps a refused gateway payment from being lost."""
    session.info["identity"] = access.SYSTEM  # the storefront acts on its signature's authority, not a desk user's
    signing.consume(session, verified)
    key = verified.idempotency_key
    action = _ACTIONS[route]
    if not key:
        return _attempt(session, action, vault, params, request.body, actor)
    body_hash = hashlib.sha256(request.body).hexdigest()
    serialize(session, "idempotency", key)  # the same request sent twice at once: the second waits, then replays
    prior = session.execute(select(ApiRequest).where(ApiRequest.idempotency_key == key)).scalar_one_or_none()
    if prior is not None:
        if (prior.method, prior.path, prior.body_hash) != (request.method, request.path, body_hash):
            return error_body(
                409,
                f"Idempotency-Key {key!r} was already used for another request "
                f"({prior.method} {prior.path}); use a new key for a new request.",
                code="idempotency_conflict",
                field=IDEMPOTENCY_HEADER,
            )
        return prior.status_code, json.loads(prior.response) | {"replayed": True}
    status, payload = _attempt(session, action, vault, params, request.body, actor)
    if status >= 400:
        return status, payload
    session.execute(
        insert(ApiRequest).values(
            idempotency_key=key,
            method=request.method,
            path=request.path,
            body_hash=body_hash,
            status_code=status,
            response=json.dumps(payload, ensure_ascii=False, default=str),
            at=clock.now(),
        )
    )
    return status, payload


def _attempt(session: Session, action, vault, params, body, actor) -> tuple[int, dict]:
    """Run the action in a savepoint: a refusal undoes everything it wrote, and is answered as an error body."""
    try:
        with session.begin_nested():
            return action(session, vault, params, body, actor)
    except PaymentRefused as refused:
        try:
            flagged.flag_unmatched_payment(session, refused, actor=actor)
        except Conflict as taken:  # the trade number is flagged for another order: refused, and nothing flagged
            return _refusal(taken)
        return error_body(409, refused.message, code="payment_refused", field=refused.field, flagged_for_refund=True)
    except (ApiError, ShopError) as exc:
        return _refusal(exc)


def _refusal(exc: ApiError | ShopError) -> tuple[int, dict]:
    """The error body of a refused action: 404 for what is not there, 409 for a clash with the shop's state, 400
    for bad input; an ApiError says its own status and code."""
    if isinstance(exc, ApiError):
        return error_body(exc.status, exc.message, code=exc.code, field=exc.field)
    if isinstance(exc, NotFound):
        return error_body(404, exc.message, code="not_found", field=exc.field)
    if isinstance(exc, Conflict):
        return error_body(409, exc.message, code="conflict", field=exc.field)
    return error_body(400, exc.message, code="invalid", field=exc.field)


def _create_order(session, vault, params, body, actor):
    data = _json_object(body)
    external_id = _text(data, "external_id", required=True, limit=100)
    who = data.get("customer")
    if not isinstance(who, dict):
        raise InvalidInput("api.customer_invalid")
    name = _text(who, "name", required=True, limit=200, path="customer.name")
    contact = _text(who, "contact", limit=200, path="customer.contact")
    lines = data.get("lines")
    if not isinstance(lines, list) or not lines:
        raise InvalidInput("api.lines_invalid", item="{sku, quantity}")
    wanted = []
    for i, line in enumerate(lines):
        if not isinstance(line, dict):
            raise InvalidInput("api.line_invalid", field=f"lines[{i}]", index=i)
        sku = _text(line, "sku", required=True, limit=64, path=f"lines[{i}].sku")
        qty = line.get("quantity")
        if isinstance(qty, bool) or not isinstance(qty, int):
            raise InvalidInput("api.quantity_invalid", field=f"lines[{i}].quantity", index=i, got=repr(qty))
        wanted.append((sku, qty))
    customer_id = _find_or_add_customer(session, name, contact)
    view = orders.create_order(
        session,
        customer_id,
        wanted,
        actor=actor,
        source=SOURCE,
        external_id=external_id,
        note=_text(data, "note", limit=1000),
    )
    return 201, order_json(view)


def _pay(session, vault, params, body, actor):
    data = _json_object(body)
    order_id = _order_id(params, session)
    trade_no = _text(data, "trade_no", required=True, limit=100)
    amount_raw = data.get("amount")
    if isinstance(amount_raw, bool) or not isinstance(amount_raw, str | int | float):
        raise InvalidInput("api.amount_invalid")
    amount = parse_yuan(str(amount_raw), field="amount")
    method = _text(data, "method", limit=24) or "external"
    if method == "wallet":
        raise InvalidInput("api.method_wallet")
    if method not in orders.PAYABLE_METHODS:
        method = "external"
    result = orders.pay_order(session, order_id, method=method, trade_no=trade_no, amount_fen=amount, actor=actor)
    return 200, order_json(result.order) | {"replayed": result.replayed}


def _cancel_request(session, vault, params, body, actor):
    data = _json_object(body)
    order_id = _order_id(params, session)
    reason = _text(data, "reason_code", limit=40) or None
    note = _text(data, "note", limit=2000)
    if reason is None and not note.strip():
        raise InvalidInput("ai.reason_missing")
    # the customer's words are read whenever they come: alone they pick the reason, beside a code they are checked
    opened = cases.open_case(
        session, order_id, reason_code=reason, actor=actor, note=note, text=note if note.strip() else None
    )
    payload = {
        "case_id": opened.id,
        "order_id": order_id,
        "status": opened.status,
        "class": opened.resp_class,
        "reason_code": opened.reason_code,
        "first_response_due": opened.first_response_due.isoformat(),
    }
    if opened.suggestion is not None:
        payload["suggestion"] = {
            "reason_code": opened.suggestion.reason_code,
            "confidence": opened.suggestion.confidence,
            "model_version": opened.suggestion.model_version,
        }
    return 201, payload


def _order_status(session, vault, params, body, actor):
    order_id = _order_id(params)
    view = load_order_view(session, order_id)
    if view.source != SOURCE:
        raise NotFound("order.not_found/order_id", order=order_id)
    payload = order_json(view)
    if view.delivered_keys:
        ids = [k.id for k in view.delivered_keys]
        sealed = {
            r.id: r
            for r in session.execute(
                select(CardKey.id, CardKey.secret_enc, CardKey.secret_hash, CardKey.product_id).where(
                    CardKey.id.in_(ids)
                )
            )
        }
        payload["keys"] = [
            {
                "sku": k.sku,
                "card_no": k.card_no,
                "secret": vault.open_secret(sealed[k.id].secret_enc, sealed[k.id].secret_hash, sealed[k.id].product_id),
            }
            for k in view.delivered_keys
        ]
        audit.record(session, actor=actor, action="api.keys_served", subject=f"order:{order_id}", count=len(ids))
        at = clock.now()
        session.execute(
            insert(KeyEvent),
            [
                {
                    "key_id": k,
                    "kind": "revealed",
                    "actor": actor,
                    "order_id": order_id,
                    "case_id": None,
                    "at": at,
                    "note": "served to the storefront",
                }
                for k in ids
            ],
        )
    return 200, payload


_ACTIONS: dict[str, Callable[..., tuple[int, dict]]] = {
    "create_order": _create_order,
    "pay": _pay,
    "cancel_request": _cancel_request,
    "order_status": _order_status,
}


def order_json(o: OrderView) -> dict[str, Any]:
    return {
        "id": o.id,
        "number": o.number,
        "external_id": o.external_id,
        "status": o.status,
        "payment_status": o.payment_status,
        "total": format_yuan(o.total_fen),
        "paid": format_yuan(o.paid_fen),
        "refunded": format_yuan(o.refunded_fen),
        "created_at": o.created_at.isoformat(),
        "lines": [
            {
                "sku": ln.sku,
                "quantity": ln.quantity,
                "unit_price": format_yuan(ln.unit_price_fen),
                "delivered": ln.delivered_qty,
            }
            for ln in o.lines
        ],
    }


def _find_or_add_customer(session: Session, name: str, contact: str) -> int:
    """Same contact (as `customers.contact_key` matches it: case, spaces, a QQ label...), same customer."""
    key = customers.contact_key(contact)
    if key:
        serialize(session, "customer-contact", key)  # two first orders from one contact at once: one customer
        found = customers.find_by_contact(session, contact)  # a merged customer's contact finds the survivor
        if found is not None:
            blocked = session.execute(select(Customer.blocked_at).where(Customer.id == found)).scalar_one_or_none()
            if blocked is not None:  # blacklisted: the owner's reason stays at the desk
                raise ApiError(
                    403,
                    "This shop does not take new orders from this customer.",
                    code="customer_blocked",
                    field="customer.contact",
                )
            return found
    return customers.add_customer(session, name, contact, notes="from the storefront").id


def _json_object(body: bytes) -> dict:
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidInput("api.body_not_utf8") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput("api.body_not_json/syntax", problem=exc.msg, line=exc.lineno, column=exc.colno) from None
    except ValueError:  # a number of more than 4300 digits
        raise InvalidInput("api.body_not_json/number") from None
    except RecursionError:
        raise InvalidInput("api.body_not_json/depth") from None
    if not isinstance(data, dict):
        raise InvalidInput("api.body_not_object")
    # A JSON escape like \ud800 alone decodes to a lone surrogate, which no database or response can store as UTF-8.
    if _SURROGATE_ESCAPE.search(body):
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except (UnicodeEncodeError, RecursionError):
            raise InvalidInput("api.body_surrogate") from None
    return data


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _text(data: dict, key: str, *, required: bool = False, limit: int, path: str | None = None) -> str:
    path = path or key
    value = data.get(key)
    if value is None:
        if required:
            raise InvalidInput("api.field_required", field=path, path=path)
        return ""
    if not isinstance(value, str):
        raise InvalidInput("api.field_not_text", field=path, path=path, got=type(value).__name__)
    value = value.strip()
    if required and not value:
        raise InvalidInput("api.field_empty", field=path, path=path)
    if len(value) > limit:
        raise InvalidInput("api.field_too_long", field=path, path=path, limit=limit)
    return value


def _order_id(params: dict[str, str], session: Session | None = None) -> int:
    """The order in the path; with a session, it must be one the storefront created (desk orders are not its)."""
    raw = params.get("id", "")
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:  # int() refuses "²", which isdigit() takes
        raise NotFound("order.not_found", order=repr(raw))
    order_id = int(raw)
    if session is not None:
        source = session.execute(select(Order.source).where(Order.id == order_id)).scalar_one_or_none()
        if source != SOURCE:
            raise NotFound("order.not_found/order_id", order=order_id)
    return order_id
