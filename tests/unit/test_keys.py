"""Card keys after import: browse, history, reveal and export under audit, void/recover, move, expiry, alerts."""

from __future__ import annotations

import csv
import io
import stat
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update
from svc_support import add_customer, refused, snapshot

from shopdesk.db.models import CardKey, KeyEvent
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common import audit, clock, notes
from shopdesk.services.common.errors import Conflict, InvalidInput, NotFound
from shopdesk.services.inventory import browse as keys
from shopdesk.services.inventory import secrets as key_secrets
from shopdesk.services.inventory import stock as key_stock
from shopdesk.services.inventory.browse import KeyFilter
from shopdesk.services.inventory.importing import ImportOptions, import_keys
from shopdesk.services.orders import selling as orders

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def add_product(app, sku: str, *, kind: str = "code+secret", threshold: int = 20, active: bool = True) -> int:
    with app.db.write() as s:
        return catalog.add_product(
            s,
            ProductInput(
                sku=sku, name=f"Product {sku}", price_fen=1000, kind=kind, low_stock_threshold=threshold, active=active
            ),
        ).id


def load(app, sku: str, rows: list[tuple[str, str]] | list[str], **options) -> tuple[int, list[int]]:
    """Import keys (card number, secret) or secrets; returns (batch id, key ids in line order)."""
    text = "\n".join(r if isinstance(r, str) else f"{r[0]}----{r[1]}" for r in rows)
    with app.db.write() as s:
        report = import_keys(s, app.vault, text.encode(), ImportOptions(sku=sku, **options), actor="importer")
        assert report.accepted == len(rows), report
        ids = s.execute(select(CardKey.id).where(CardKey.batch_id == report.batch_id).order_by(CardKey.id)).scalars()
        return report.batch_id, list(ids)


def ids(app, **filters) -> list[int]:
    with app.db.read() as s:
        return keys.key_ids(s, KeyFilter(**filters))


def status_of(app, key_ids) -> dict[int, str]:
    with app.db.read() as s:
        return dict(s.execute(select(CardKey.id, CardKey.status).where(CardKey.id.in_(list(key_ids)))).all())


def events_of(app, key_id) -> list[tuple[str, str, str]]:
    with app.db.read() as s:
        return [
            tuple(r)
            for r in s.execute(
                select(KeyEvent.kind, KeyEvent.actor, KeyEvent.note)
                .where(KeyEvent.key_id == key_id)
                .order_by(KeyEvent.id)
            )
        ]


def write(app, fn, *args, **kw):
    with app.db.write() as s:
        return fn(s, *args, **kw)


@dataclass
class Stock:
    a: int  # CARD-A, code+secret, threshold 5
    b: int  # CARD-B, code+secret
    s: int  # SEC-1, secret only
    batch1: int
    batch2: int
    batch_b: int
    a1: list[int]  # batch 1 of CARD-A: expires T0 + 3 days
    a2: list[int]  # batch 2 of CARD-A: no expiry
    b1: list[int]  # CARD-B: expires T0 + 30 days


@pytest.fixture
def stock(shop) -> Stock:
    clock.freeze(T0)
    a = add_product(shop, "CARD-A", threshold=5)
    b = add_product(shop, "CARD-B")
    s = add_product(shop, "SEC-1", kind="secret")
    batch1, a1 = load(
        shop,
        "CARD-A",
        [("NO-A1", "SECRET-A-0001"), ("NO-A2", "SECRET-A-0002"), ("NO-A3", "SECRET-A-0003")],
        supplier="S1",
        expires_at=T0 + timedelta(days=3),
    )
    clock.advance(timedelta(hours=1))
    batch2, a2 = load(shop, "CARD-A", [("NO-A4", "SECRET-A-0004"), ("NO-A5", "SECRET-A-0005")], supplier="S2")
    batch_b, b1 = load(shop, "CARD-B", [("NO-B1", "SECRET-B-0001")], expires_at=T0 + timedelta(days=30))
    clock.advance(timedelta(hours=1))
    return Stock(a, b, s, batch1, batch2, batch_b, a1, a2, b1)


# --- browse ---------------------------------------------------------------------------------------------------


def test_key_ids_by_product_batch_and_card_number(shop, stock):
    assert ids(shop, product_id=stock.a) == stock.a1 + stock.a2
    assert ids(shop, product_id=stock.b) == stock.b1
    assert ids(shop, product_id=stock.s) == []
    assert ids(shop, batch_id=stock.batch2) == stock.a2
    assert ids(shop, product_id=stock.b, batch_id=stock.batch2) == []
    assert ids(shop, card_no=" NO-A4 ") == [stock.a2[0]]
    assert ids(shop, card_no="NO-A") == []  # exact, not a prefix
    assert ids(shop) == stock.a1 + stock.a2 + stock.b1


def test_key_ids_by_status(shop, stock):
    write(shop, key_stock.void_keys, [stock.a1[1]], actor="t", reason="bad")
    assert ids(shop, status="void") == [stock.a1[1]]
    assert ids(shop, product_id=stock.a, status="available") == [stock.a1[0], stock.a1[2], *stock.a2]
    assert ids(shop, status="expired") == []
    with pytest.raises(InvalidInput, match="unknown") as exc:
        ids(shop, status="sold")
    assert exc.value.field == "status"


def test_key_ids_expiring_within_days(shop, stock):
    assert ids(shop, expires_within_days=1) == []
    assert ids(shop, expires_within_days=3) == stock.a1
    assert ids(shop, expires_within_days=29) == stock.a1
    assert ids(shop, expires_within_days=30) == stock.a1 + stock.b1
    assert ids(shop, expires_within_days=3650, product_id=stock.a) == stock.a1  # keys without expiry never match


def test_find_by_secret_goes_through_the_keyed_hash(shop, stock):
    with shop.db.read() as s:
        for pasted in ("SECRET-A-0002", "  SECRET-A-0002\n", "ＳＥＣＲＥＴ－Ａ－０００２", "SECRET-A\u200b-0002"):
            f = keys.find_by_secret(s, shop.vault, pasted)
            assert f.secret_hash == shop.vault.hash("SECRET-A-0002")
            assert keys.key_ids(s, f) == [stock.a1[1]]
        assert keys.key_ids(s, keys.find_by_secret(s, shop.vault, "secret-a-0002")) == []  # secrets are exact
        assert keys.key_ids(s, keys.find_by_secret(s, shop.vault, "NO-A2")) == []
        with pytest.raises(InvalidInput, match="Paste"):
            keys.find_by_secret(s, shop.vault, "   ")


def test_key_ids_sort_orders(shop, stock):
    everything = stock.a1 + stock.a2 + stock.b1
    assert ids(shop, sort="id") == everything
    assert ids(shop, sort="id", descending=True) == everything[::-1]
    # NULL expiry first ascending, last descending; ties by id in the same direction
    assert ids(shop, sort="expires_at") == stock.a2 + stock.a1 + stock.b1
    assert ids(shop, sort="expires_at", descending=True) == stock.b1 + stock.a1[::-1] + stock.a2[::-1]
    clock.advance(timedelta(minutes=5))
    write(shop, key_stock.void_keys, [stock.a1[0]], actor="t", reason="bad")
    assert ids(shop, sort="status_changed_at") == stock.a1[1:] + stock.a2 + stock.b1 + [stock.a1[0]]
    assert ids(shop, sort="status_changed_at", descending=True)[0] == stock.a1[0]
    with pytest.raises(InvalidInput, match="sort"):
        ids(shop, sort="secret")


def test_count_keys_agrees_with_key_ids(shop, stock):
    with shop.db.read() as s:
        for f in (
            KeyFilter(),
            KeyFilter(product_id=stock.a),
            KeyFilter(status="available", expires_within_days=5),
            KeyFilter(batch_id=stock.batch_b),
            KeyFilter(card_no="nope"),
        ):
            assert keys.count_keys(s, f) == len(keys.key_ids(s, f))


def test_key_rows_are_masked(shop, stock):
    _, short = load(shop, "SEC-1", ["SHORT-01", "TINY1"])  # 8 characters: 2 shown; 5: none
    wanted = [*stock.a2, stock.b1[0], *short]
    with shop.db.read() as s:
        rows = keys.key_rows(s, wanted[::-1])
        assert keys.key_rows(s, []) == {}
    assert set(rows) == set(wanted)
    row = rows[stock.a2[0]]
    assert (row.sku, row.card_no, row.status, row.batch_id, row.supplier) == (
        "CARD-A",
        "NO-A4",
        "available",
        stock.batch2,
        "S2",
    )
    assert row.masked_secret == "••••0004"
    assert (row.expires_at, row.order_id) == (None, None)
    assert row.status_changed_at == T0 + timedelta(hours=1)
    assert rows[stock.b1[0]].expires_at == T0 + timedelta(days=30)
    assert rows[short[0]].masked_secret == "••••01"
    assert rows[short[1]].masked_secret == "••••"
    for secret in ("SECRET-A-0004", "SECRET-A-0005", "SECRET-B-0001", "SHORT-01", "TINY1"):
        assert secret not in repr(rows)


def test_key_rows_show_the_order_of_a_delivered_key(shop, stock):
    cust = add_customer(shop)
    with shop.db.write() as s:
        view = orders.create_order(s, cust, [("CARD-B", 1)], actor="t")
        orders.pay_order(s, view.id, method="external", trade_no="T-ROW", actor="t")
    with shop.db.read() as s:
        row = keys.key_rows(s, stock.b1)[stock.b1[0]]
    assert (row.status, row.order_id) == ("delivered", view.id)


# --- history and reveal --------------------------------------------------------------------------------------------


def test_history_lists_every_step_with_its_operator(shop, stock):
    cust = add_customer(shop)
    with shop.db.write() as s:
        view = orders.create_order(s, cust, [("CARD-B", 1)], actor="desk-anna")
    clock.advance(timedelta(minutes=2))
    with shop.db.write() as s:
        orders.pay_order(s, view.id, method="external", trade_no="T-HIST", actor="callback")
    clock.advance(timedelta(minutes=3))
    with shop.db.write() as s:
        assert key_secrets.reveal(s, shop.vault, stock.b1[0], actor="owner-bob", reason="customer says invalid") == (
            "SECRET-B-0001"
        )
    with shop.db.read() as s:
        lines = keys.history(s, stock.b1[0])
    assert [(line.kind, line.actor, line.order_id) for line in lines] == [
        ("imported", "importer", None),
        ("reserved", "desk-anna", view.id),
        ("delivered", "callback", view.id),
        ("revealed", "owner-bob", None),
    ]
    assert [line.at for line in lines] == [
        T0 + timedelta(hours=1),
        T0 + timedelta(hours=2),
        T0 + timedelta(hours=2, minutes=2),
        T0 + timedelta(hours=2, minutes=5),
    ]
    assert notes.english(lines[0].note) == f"batch {stock.batch_b}"
    assert lines[3].note == "customer says invalid"
    with shop.db.read() as s, pytest.raises(NotFound):
        keys.history(s, 999_999)


def test_history_names_the_supplier_and_the_void(shop, stock):
    write(shop, key_stock.void_keys, [stock.a1[0]], actor="owner", reason="supplier says used")
    with shop.db.read() as s:
        lines = keys.history(s, stock.a1[0])
    assert [(line.kind, line.actor, notes.english(line.note)) for line in lines] == [
        ("imported", "importer", f"batch {stock.batch1} S1"),
        ("void", "owner", "supplier says used"),
    ]


def test_reveal_returns_the_secret_and_is_audited(shop, stock):
    with shop.db.write() as s:
        secret = key_secrets.reveal(s, shop.vault, stock.a1[2], actor="owner", reason="check with supplier")
    assert secret == "SECRET-A-0003"
    with shop.db.read() as s:
        [event] = audit.recent(s, action="key.reveal")
    assert (event.actor, event.subject, event.detail) == (
        "owner",
        f"key:{stock.a1[2]}",
        {"reason": "check with supplier"},
    )
    assert event.at == T0 + timedelta(hours=2)
    assert events_of(shop, stock.a1[2]) == [("revealed", "owner", "check with supplier")]
    assert status_of(shop, [stock.a1[2]]) == {stock.a1[2]: "available"}  # revealing does not take it off sale


def test_reveal_of_a_missing_key_writes_nothing(shop, stock):
    with refused(shop, NotFound), shop.db.write() as s:
        key_secrets.reveal(s, shop.vault, 999_999, actor="owner")


# --- export --------------------------------------------------------------------------------------------------------


def export(app, *, fmt: str = "csv", **kw) -> tuple[str, key_secrets.ExportResult]:
    folder = app.config.data_dir / "exports"
    folder.mkdir(exist_ok=True)
    out = folder / f"keys.{fmt}"
    out.unlink(missing_ok=True)
    result = key_secrets.export_to_path(app.db, app.vault, out, actor="owner", **kw)
    return out.read_text(encoding="utf-8"), result


def export_events(app) -> tuple[audit.AuditRow, audit.AuditRow]:
    with app.db.read() as s:
        [started] = audit.recent(s, action="keys.export_started")
        [finished] = audit.recent(s, action="keys.export_finished")
    return started, finished


def test_export_csv_with_chosen_columns(shop, stock):
    write(shop, key_stock.void_keys, [stock.a1[0]], actor="t", reason="bad")
    text, result = export(shop, product_id=stock.a, columns=("card_no", "secret", "status", "sku"))
    assert list(csv.reader(io.StringIO(text))) == [
        ["card_no", "secret", "status", "sku"],
        ["NO-A2", "SECRET-A-0002", "available", "CARD-A"],
        ["NO-A3", "SECRET-A-0003", "available", "CARD-A"],
        ["NO-A4", "SECRET-A-0004", "available", "CARD-A"],
        ["NO-A5", "SECRET-A-0005", "available", "CARD-A"],
    ]
    assert (result.count, result.columns) == (4, ("card_no", "secret", "status", "sku"))
    assert "<" not in text and "\x1b" not in text and "\r" not in text
    started, finished = export_events(shop)
    assert (started.id, finished.id) == (result.started_id, result.audit_id)
    assert started.id < finished.id
    assert (started.actor, started.subject) == ("owner", f"product:{stock.a}")
    detail = dict(started.detail)
    assert detail.pop("file").endswith("keys.csv") and ".shopdesk-export-" in detail.pop("temp") and detail.pop("host")
    assert detail == {
        "count": 4,
        "statuses": ["available"],
        "columns": ["card_no", "secret", "status", "sku"],
        "format": "csv",
    }
    assert (finished.subject, finished.detail["count"]) == (f"audit:{started.id}", 4)


def test_export_txt_by_status_across_products(shop, stock):
    write(shop, key_stock.void_keys, [stock.a1[0], stock.b1[0]], actor="t", reason="bad")
    text, result = export(shop, statuses=("void", "expired"), columns=("id", "sku", "secret", "batch"), fmt="txt")
    assert text.splitlines() == [
        f"{stock.a1[0]} CARD-A SECRET-A-0001 {stock.batch1}",
        f"{stock.b1[0]} CARD-B SECRET-B-0001 {stock.batch_b}",
    ]
    assert result.count == 2
    assert "<" not in text
    started, _ = export_events(shop)
    assert (started.subject, started.detail["count"], started.detail["format"]) == ("all", 2, "txt")


def test_export_without_secrets_never_decrypts(shop, stock):
    text, result = export(shop, product_id=stock.b, columns=("card_no", "expires_at", "status"))
    assert text.splitlines() == ["card_no,expires_at,status", "NO-B1,2026-03-31,available"]
    assert "SECRET" not in text


def test_export_neutralises_formula_cells_in_csv_and_keeps_txt_exact(shop):
    add_product(shop, "EVIL-1")
    rows = [
        ("=CARD(1)", "=1+2+3+4"),
        ("+NO-1", "+SUM(A1:A9)"),
        ("-NO-2", "-1+cmd|' /C calc'!A0"),
        ("@NO-3", "@SUM(1+1)"),
        ("NO-4", "-12345678"),  # a plain number is no formula
        ("NO-5", "SAFE=AFTER+START"),
    ]
    load(shop, "EVIL-1", rows)
    text, result = export(shop, columns=("card_no", "secret"))
    assert list(csv.reader(io.StringIO(text)))[1:] == [
        ["'=CARD(1)", "'=1+2+3+4"],
        ["'+NO-1", "'+SUM(A1:A9)"],
        ["'-NO-2", "'-1+cmd|' /C calc'!A0"],
        ["'@NO-3", "'@SUM(1+1)"],
        ["NO-4", "-12345678"],
        ["NO-5", "SAFE=AFTER+START"],
    ]
    # A text file is what a shop pastes to its customers: the secrets exactly as imported.
    txt, _ = export(shop, columns=("secret",), fmt="txt")
    assert txt.splitlines() == [secret for _, secret in rows]


def test_export_of_nothing_is_still_audited(shop, stock):
    text, result = export(shop, statuses=("expired",))
    assert (text, result.count) == ("card_no,secret\n", 0)
    started, finished = export_events(shop)
    assert started.detail["count"] == finished.detail["count"] == 0


@pytest.mark.parametrize(
    ("kw", "name", "field"),
    [
        ({"columns": ("secret", "password")}, "k.csv", "columns"),
        ({"columns": ()}, "k.csv", "columns"),
        ({"statuses": ("sold",)}, "k.csv", "status"),
        ({"statuses": ()}, "k.csv", "status"),
        ({}, "k.xlsx", "format"),
        ({}, "k.html", "format"),
    ],
)
def test_bad_export_requests_write_nothing(shop, stock, kw, name, field, tmp_path):
    before = snapshot(shop)
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(InvalidInput) as exc:
        key_secrets.export_to_path(shop.db, shop.vault, folder / name, actor="owner", **kw)
    assert exc.value.field == field
    assert list(folder.iterdir()) == []
    assert snapshot(shop) == before


def test_export_to_path_writes_an_owner_only_file(shop, stock, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "keys.txt"
    result = key_secrets.export_to_path(shop.db, shop.vault, target, actor="owner", product_id=stock.b)
    assert result.count == 1
    assert target.read_text(encoding="utf-8") == "NO-B1 SECRET-B-0001\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in folder.iterdir()] == ["keys.txt"]  # no temporary file left behind
    with pytest.raises(InvalidInput, match="does not exist"):
        key_secrets.export_to_path(shop.db, shop.vault, folder / "missing" / "k.csv", actor="owner")


# --- void and recover --------------------------------------------------------------------------------------------


def test_void_needs_a_reason(shop, stock):
    before = snapshot(shop)
    for reason in ("", "   "):
        with pytest.raises(InvalidInput, match="why") as exc:
            write(shop, key_stock.void_keys, stock.a2, actor="t", reason=reason)
        assert exc.value.field == "reason"
    assert snapshot(shop) == before


def test_void_takes_available_and_recalled_keys_out_of_sale(shop, stock):
    with shop.db.write() as s:  # a key recalled by an after-sales rollback (that service is not built yet)
        s.execute(update(CardKey).where(CardKey.id == stock.a2[1]).values(status="recalled"))
    assert write(shop, key_stock.void_keys, [stock.a2[0], stock.a2[1], stock.a2[0]], actor="owner", reason="used") == 2
    assert status_of(shop, stock.a2) == {stock.a2[0]: "void", stock.a2[1]: "void"}
    assert events_of(shop, stock.a2[0]) == [("void", "owner", "used")]
    with pytest.raises(InvalidInput, match="No key"):
        write(shop, key_stock.void_keys, [], actor="owner", reason="used")


def test_void_with_a_reserved_key_changes_nothing(shop, stock):
    cust = add_customer(shop)
    with shop.db.write() as s:
        view = orders.create_order(s, cust, [("CARD-A", 1)], actor="t")
    [held] = [k for k, st in status_of(shop, stock.a1 + stock.a2).items() if st == "reserved"]
    with refused(shop, Conflict, match="1 of the 3 key"):
        write(shop, key_stock.void_keys, [stock.a2[0], held, stock.a2[1]], actor="owner", reason="used")
    with shop.db.write() as s:
        assert orders.pay_order(s, view.id, method="external", trade_no="T-V", actor="t").order.status == "delivered"
    for bad in ([held], [999_999]):  # delivered, missing
        with pytest.raises(Conflict):
            write(shop, key_stock.void_keys, bad, actor="owner", reason="used")


def test_recover_a_wrong_void_within_24_hours(shop, stock):
    write(shop, key_stock.void_keys, stock.a2, actor="owner", reason="oops")
    clock.advance(timedelta(hours=24) - timedelta(seconds=1))
    assert write(shop, key_stock.recover_voided, stock.a2, actor="owner") == 2
    assert status_of(shop, stock.a2) == dict.fromkeys(stock.a2, "available")
    assert events_of(shop, stock.a2[0]) == [("void", "owner", "oops"), ("restocked", "owner", "void undone")]
    with shop.db.read() as s:
        assert keys.key_rows(s, stock.a2)[stock.a2[0]].status_changed_at == clock.now()
    assert ids(shop, product_id=stock.a, status="available") == stock.a1 + stock.a2


def test_recover_after_24_hours_is_refused(shop, stock):
    write(shop, key_stock.void_keys, [stock.a2[0]], actor="owner", reason="used")
    clock.advance(timedelta(hours=20))
    write(shop, key_stock.void_keys, [stock.a2[1]], actor="owner", reason="used")
    clock.advance(timedelta(hours=4, seconds=1))
    with refused(shop, Conflict, match=f"{stock.a2[0]} cannot be recovered.*24 hours"):
        write(shop, key_stock.recover_voided, stock.a2, actor="owner")
    assert write(shop, key_stock.recover_voided, [stock.a2[1]], actor="owner", reason="false alarm") == 1
    assert events_of(shop, stock.a2[1])[-1] == ("restocked", "owner", "false alarm")


def test_only_void_keys_can_be_recovered(shop, stock):
    before = snapshot(shop)
    with pytest.raises(Conflict, match="cannot be recovered"):
        write(shop, key_stock.recover_voided, [stock.a1[0]], actor="owner")
    with pytest.raises(NotFound):
        write(shop, key_stock.recover_voided, [stock.a1[0], 999_999], actor="owner")
    assert snapshot(shop) == before


# --- move ---------------------------------------------------------------------------------------------------------


def test_move_keys_to_a_product_of_the_same_kind(shop, stock):
    assert write(shop, key_stock.move_keys, stock.a2, stock.b, actor="owner") == 2
    assert ids(shop, product_id=stock.b) == sorted(stock.b1 + stock.a2)
    assert ids(shop, product_id=stock.a) == stock.a1
    assert ids(shop, batch_id=stock.batch2) == stock.a2  # the batch still says where they came from
    assert events_of(shop, stock.a2[0]) == [("moved", "owner", notes.coded("key.moved", sku="CARD-B"))]
    cust = add_customer(shop)
    with shop.db.write() as s:
        view = orders.create_order(s, cust, [("CARD-B", 3)], actor="t")
        delivered = orders.pay_order(s, view.id, method="external", trade_no="T-MV", actor="t").order
    assert {k.id for k in delivered.delivered_keys} == {*stock.b1, *stock.a2}


def test_move_to_another_kind_is_refused(shop, stock):
    before = snapshot(shop)
    with pytest.raises(Conflict, match="another kind") as exc:
        write(shop, key_stock.move_keys, stock.a2, stock.s, actor="owner")
    assert exc.value.field == "product"
    assert snapshot(shop) == before


def test_move_of_a_key_that_is_not_available_is_refused(shop, stock):
    write(shop, key_stock.void_keys, [stock.a2[1]], actor="owner", reason="used")
    cust = add_customer(shop)
    with shop.db.write() as s:
        orders.create_order(s, cust, [("CARD-A", 1)], actor="t")
    [held] = [k for k, st in status_of(shop, stock.a1).items() if st == "reserved"]
    before = snapshot(shop)
    for bad in ([stock.a2[0], stock.a2[1]], [held, stock.a2[0]], [stock.a2[0], 999_999]):
        with pytest.raises(Conflict, match="Only available keys"):
            write(shop, key_stock.move_keys, bad, stock.b, actor="owner")
    with pytest.raises(NotFound):
        write(shop, key_stock.move_keys, [stock.a2[0]], 999_999, actor="owner")
    with pytest.raises(InvalidInput, match="No key"):
        write(shop, key_stock.move_keys, [], stock.b, actor="owner")
    assert snapshot(shop) == before


def test_move_keeps_a_reusable_product_at_one_secret(shop):
    add_product(shop, "WIN-A", kind="reusable")
    win_b = add_product(shop, "WIN-B", kind="reusable")
    _, [first] = load(shop, "WIN-A", ["WIN-SECRET-0001"])
    assert write(shop, key_stock.move_keys, [first], win_b, actor="owner") == 1
    _, [second] = load(shop, "WIN-A", ["WIN-SECRET-0002"])
    with refused(shop, Conflict, match="one secret"):
        write(shop, key_stock.move_keys, [second], win_b, actor="owner")


# --- expiry --------------------------------------------------------------------------------------------------------


def test_expire_due_marks_past_expiry_available_keys(shop, stock):
    cust = add_customer(shop)
    with shop.db.write() as s:
        sold = orders.create_order(s, cust, [("CARD-A", 1)], actor="t")
        orders.pay_order(s, sold.id, method="external", trade_no="T-EXP", actor="t")
        held = orders.create_order(s, cust, [("CARD-A", 1)], actor="t")
    statuses = status_of(shop, stock.a1)
    assert sorted(statuses.values()) == ["available", "delivered", "reserved"]
    [left] = [k for k, st in statuses.items() if st == "available"]

    clock.freeze(T0 + timedelta(days=3) - timedelta(seconds=1))
    assert write(shop, key_stock.expire_due) == 0
    clock.freeze(T0 + timedelta(days=3))
    before_run = status_of(shop, stock.a1 + stock.a2 + stock.b1)
    assert write(shop, key_stock.expire_due) == 1
    after = status_of(shop, stock.a1 + stock.a2 + stock.b1)
    assert after == {**before_run, left: "expired"}
    assert events_of(shop, left) == [("expired", "system", "expiry date passed")]
    assert write(shop, key_stock.expire_due, actor="sweeper") == 0
    with shop.db.read() as s:
        assert orders.load_order_view(s, held.id).status == "pending_payment"


def test_expire_due_in_bulk(shop):
    add_product(shop, "BULK-EXP", kind="secret")
    clock.freeze(T0)
    load(shop, "BULK-EXP", [f"EXPIRING-{n:06d}" for n in range(12_000)], expires_at=T0 + timedelta(hours=1))
    clock.advance(timedelta(hours=2))
    assert write(shop, key_stock.expire_due) == 12_000
    assert ids(shop, status="available") == []
    assert len(ids(shop, status="expired")) == 12_000


# --- alerts --------------------------------------------------------------------------------------------------------


def alerts(app, **kw) -> dict[tuple[str, str], tuple[int, int, int]]:
    with app.db.read() as s:
        return {(a.sku, a.kind): (a.available, a.threshold, a.expiring) for a in key_stock.alerts(s, **kw)}


def test_alerts_for_low_stock_and_expiring_keys(shop, stock):
    assert alerts(shop) == {
        ("CARD-A", "expiring"): (5, 5, 3),  # 5 in stock is not below the threshold of 5
        ("CARD-B", "low_stock"): (1, 20, 0),
        ("SEC-1", "low_stock"): (0, 20, 0),
    }
    assert alerts(shop, expiring_within_days=30)[("CARD-B", "expiring")] == (1, 20, 1)
    assert ("CARD-A", "expiring") not in alerts(shop, expiring_within_days=1)

    write(shop, key_stock.void_keys, [stock.a1[0]], actor="owner", reason="used")
    found = alerts(shop)
    assert found[("CARD-A", "low_stock")] == (4, 5, 0)
    assert found[("CARD-A", "expiring")] == (4, 5, 2)  # void keys no longer count as expiring stock

    clock.advance(timedelta(days=3))
    write(shop, key_stock.expire_due)
    assert ("CARD-A", "expiring") not in alerts(shop)
    assert alerts(shop)[("CARD-A", "low_stock")] == (2, 5, 0)


def test_alerts_never_call_a_reusable_product_low(shop):
    add_product(shop, "WIN-1", kind="reusable", threshold=20)
    add_product(shop, "WIN-EMPTY", kind="reusable", threshold=20)
    clock.freeze(T0)
    load(shop, "WIN-1", ["WIN-SECRET-0001"], expires_at=T0 + timedelta(days=2))
    assert alerts(shop) == {("WIN-1", "expiring"): (1, 20, 1)}


def test_alerts_skip_inactive_products(shop):
    add_product(shop, "OLD-1", active=False)
    add_product(shop, "NEW-1", threshold=1)
    assert alerts(shop) == {("NEW-1", "low_stock"): (0, 1, 0)}


def test_keys_put_back_on_sale_go_first_to_orders_waiting_for_stock(shop):
    from shopdesk.services.catalog import products as catalog
    from shopdesk.services.catalog.products import ProductInput
    from shopdesk.services.inventory import browse as key_service
    from shopdesk.services.inventory import stock as inventory
    from shopdesk.services.money import customers
    from shopdesk.services.orders import selling as orders

    with shop.db.write() as s:
        product = catalog.add_product(s, ProductInput(sku="BACK-1", name="back", price_fen=700, kind="secret"))
        batch = inventory.add_keys(s, shop.vault, product.id, [(None, "BACK-SECRET-0001")], actor="t")
        key_id = key_service.key_ids(s, key_service.KeyFilter(batch_id=batch.batch_id))[0]
        key_stock.void_keys(s, [key_id], actor="t", reason="supplier said used")
        customer = customers.add_customer(s, "乙")
        order = orders.create_order(s, customer.id, [("BACK-1", 1)], actor="t")
        assert orders.pay_order(s, order.id, method="alipay", trade_no="BK-1", actor="t").order.status == (
            "awaiting_stock"
        )
    with shop.db.write() as s:
        assert key_stock.recover_voided(s, [key_id], actor="t") == 1
    with shop.db.read() as s:
        from shopdesk.services.orders.detail import load_order_view

        view = load_order_view(s, order.id)
    assert view.status == "delivered"
    assert [k.id for k in view.delivered_keys] == [key_id]
