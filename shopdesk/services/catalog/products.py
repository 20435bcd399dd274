"""Products (SKUs): create, edit, list."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from shopdesk.db.models import CardKey, Product
from shopdesk.services.common import access, clock, outbox, settings
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound
from shopdesk.services.common.money import MAX_FEN, format_yuan

KINDS = ("code+secret", "secret", "reusable")
ROLLBACK_POLICIES = ("restock", "verify", "void")
_SKU = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,63}$")


@dataclass(frozen=True)
class ProductView:
    id: int
    sku: str
    name: str
    category: str
    kind: str
    price_fen: int
    face_value_fen: int
    rollback_policy: str
    low_stock_threshold: int
    active: bool
    available: int = 0
    delivery_template: str = ""  # "" = the default wording (services/orders/message.py)


@dataclass(frozen=True)
class ProductInput:
    sku: str
    name: str
    price_fen: int
    category: str = ""
    kind: str = "code+secret"
    face_value_fen: int = 0
    rollback_policy: str = "verify"
    low_stock_threshold: int | None = None  # None: the shop's default for new products (setting stock.low_threshold)
    active: bool = True
    delivery_template: str = ""


def validate(data: ProductInput) -> ProductInput:
    sku = data.sku.strip()
    if not _SKU.match(sku):
        raise InvalidInput("product.sku_invalid", sku=repr(data.sku))
    name = data.name.strip()
    if not name:
        raise InvalidInput("product.name_missing")
    if len(name) > 200:
        raise InvalidInput("product.name_too_long")
    if data.kind not in KINDS:
        raise InvalidInput("product.kind_unknown", kind=repr(data.kind), choices=", ".join(KINDS))
    if data.rollback_policy not in ROLLBACK_POLICIES:
        raise InvalidInput(
            "product.rollback_policy_unknown", policy=repr(data.rollback_policy), choices=", ".join(ROLLBACK_POLICIES)
        )
    for field, value in (("price", data.price_fen), ("face_value", data.face_value_fen)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput("product.price_not_whole", field=field, label=field, got=repr(value))
    if data.price_fen < 0 or data.face_value_fen < 0:
        raise InvalidInput("product.price_negative")
    if data.price_fen > MAX_FEN or data.face_value_fen > MAX_FEN:
        raise InvalidInput("product.price_too_large", most=format_yuan(MAX_FEN))
    if data.low_stock_threshold is not None and data.low_stock_threshold < 0:
        raise InvalidInput("product.threshold_negative")
    return ProductInput(
        sku=sku,
        name=name,
        price_fen=data.price_fen,
        category=data.category.strip(),
        kind=data.kind,
        face_value_fen=data.face_value_fen,
        rollback_policy=data.rollback_policy,
        low_stock_threshold=data.low_stock_threshold,
        active=data.active,
        delivery_template=data.delivery_template.strip(),
    )


@access.needs("catalog.edit")
def add_product(session: Session, data: ProductInput) -> ProductView:
    data = validate(data)
    if data.low_stock_threshold is None:
        data = replace(data, low_stock_threshold=settings.value(session, "stock.low_threshold"))
    if session.execute(select(Product.id).where(Product.sku == data.sku)).first():
        raise Conflict("product.sku_taken/add_product", sku=data.sku)
    now = clock.now()
    product = Product(**data.__dict__, created_at=now, updated_at=now)
    session.add(product)
    session.flush()
    outbox.emit(session, "product", product.id)
    return _view(product)


@access.needs("catalog.edit")
def edit_product(session: Session, product_id: int, data: ProductInput) -> ProductView:
    data = validate(data)
    product = session.get(Product, product_id)
    if product is None:
        raise NotFound("product.not_found", product=product_id)
    clash = session.execute(select(Product.id).where(Product.sku == data.sku, Product.id != product_id)).first()
    if clash:
        raise Conflict("product.sku_taken/edit_product", sku=data.sku)
    if data.kind != product.kind:
        has_keys = session.execute(select(CardKey.id).where(CardKey.product_id == product_id).limit(1)).first()
        if has_keys:
            raise Conflict("product.kind_locked")
    for field, value in data.__dict__.items():
        if value is not None:  # a threshold left out keeps the product's
            setattr(product, field, value)
    product.updated_at = clock.now()
    session.flush()
    outbox.emit(session, "product", product.id)
    return _view(product, _available(session).get(product.id, 0))


def get_product(session: Session, product_id: int) -> ProductView:
    product = session.get(Product, product_id)
    if product is None:
        raise NotFound("product.not_found", product=product_id)
    return _view(product, _available(session).get(product_id, 0))


def product_by_sku(session: Session, sku: str) -> Product:
    product = session.execute(select(Product).where(Product.sku == sku.strip())).scalar_one_or_none()
    if product is None:
        raise NotFound("product.sku_unknown/product_by_sku", sku=repr(sku))
    return product


def list_products(session: Session, *, include_inactive: bool = True) -> list[ProductView]:
    query = select(Product).order_by(Product.category, Product.sku)
    if not include_inactive:
        query = query.where(Product.active.is_(True))
    stock = _available(session)
    return [_view(p, stock.get(p.id, 0)) for p in session.execute(query).scalars()]


def _available(session: Session) -> dict[int, int]:
    rows = session.execute(
        select(CardKey.product_id, func.sum(case((CardKey.status == "available", 1), else_=0))).group_by(
            CardKey.product_id
        )
    )
    return {pid: int(n or 0) for pid, n in rows}


def _view(p: Product, available: int = 0) -> ProductView:
    return ProductView(
        p.id,
        p.sku,
        p.name,
        p.category,
        p.kind,
        p.price_fen,
        p.face_value_fen,
        p.rollback_policy,
        p.low_stock_threshold,
        p.active,
        available,
        p.delivery_template or "",
    )
