"""Importing a supplier's key file: preview counts, all-or-nothing write, duplicates over all history, cancel."""

from __future__ import annotations

import gc
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from svc_support import add_customer, refused, snapshot

from shopdesk.config import DB_FILENAME
from shopdesk.db.models import CardKey, KeyBatch, Order, OrderLine
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common import audit, clock
from shopdesk.services.common.errors import InvalidInput, NotFound
from shopdesk.services.common.vault import mask_tail
from shopdesk.services.inventory import browse as keys
from shopdesk.services.inventory import stock
from shopdesk.services.inventory.importing import CHUNK, Cancelled, ImportOptions, ImportReport, import_keys
from shopdesk.services.inventory.parsing import Rejected
from shopdesk.services.orders import selling as orders
from tests.helpers import pg

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def add_product(app, sku: str, *, kind: str = "secret", threshold: int = 20) -> int:
    with app.db.write() as s:
        return catalog.add_product(
            s, ProductInput(sku=sku, name=f"Product {sku}", price_fen=1000, kind=kind, low_stock_threshold=threshold)
        ).id


def run(app, data: bytes | str, sku: str, *, dry_run: bool = False, progress=None, **options) -> ImportReport:
    if isinstance(data, str):
        data = data.encode()
    with app.db.write() as s:
        return import_keys(
            s, app.vault, data, ImportOptions(sku=sku, **options), actor=app.actor, dry_run=dry_run, progress=progress
        )


def counts(app, product_id: int | None = None) -> tuple[int, int]:
    """(card_key rows, key_batch rows), for one product or all."""
    with app.db.read() as s:
        k = select(func.count()).select_from(CardKey)
        b = select(func.count()).select_from(KeyBatch)
        if product_id is not None:
            k, b = k.where(CardKey.product_id == product_id), b.where(KeyBatch.product_id == product_id)
        return s.execute(k).scalar_one(), s.execute(b).scalar_one()


def stored(app, product_id: int) -> list[tuple[str | None, str, str]]:
    """(card number, decrypted secret, status) of a product's keys, in id order."""
    with app.db.read() as s:
        rows = s.execute(
            select(CardKey.card_no, CardKey.secret_enc, CardKey.secret_hash, CardKey.status)
            .where(CardKey.product_id == product_id)
            .order_by(CardKey.id)
        ).all()
    return [(card_no, app.vault.open_secret(enc, h, product_id), status) for card_no, enc, h, status in rows]


def lines(*items: str) -> bytes:
    return ("\n".join(items) + "\n").encode()


@pytest.fixture
def game(shop):
    return add_product(shop, "GAME-1")


# --- preview ------------------------------------------------------------------------------------------


def test_preview_counts_exactly_and_writes_nothing(shop, game):
    run(shop, lines("EXIST-0001"), "GAME-1")
    data = lines(
        "SECRET-A-0001",  # 1 accepted
        "SECRET-A-0002",  # 2 accepted
        "SECRET-A-0001",  # 3 duplicate in the file
        "",  # 4 blank
        "ABC",  # 5 invalid: too short
        "EXIST-0001",  # 6 duplicate in the database
        "SECRET-A-0003",  # 7 accepted
        "ＳＥＣＲＥＴ－Ａ－０００２",  # 8 full-width: normalised, then a duplicate in the file
        "EXIST-0001",  # 9 a further occurrence counts in the file, not the database
        "Z" * 600,  # 10 invalid: too long
        "SEC\u200bRET-A-0004",  # 11 zero-width: normalised, accepted
    )
    before = snapshot(shop)
    report = run(shop, data, "GAME-1", dry_run=True)
    assert snapshot(shop) == before
    assert counts(shop, game) == (1, 1)
    assert report.dry_run is True and report.batch_id is None
    assert (report.accepted, report.duplicates_in_file, report.duplicates_in_db) == (4, 3, 1)
    assert [r.line for r in report.invalid] == [5, 10]
    assert "shorter" in report.invalid[0].reason and "600 characters" in report.invalid[1].reason
    assert report.normalised == (8, 11)
    assert (report.sku, report.product_id, report.format, report.encoding) == ("GAME-1", game, "lines", "utf-8")


def test_preview_and_import_agree(shop, game):
    data = lines("card,secret", "NO-1,SECRET-B-0001", "NO-2,SECRET-B-0002", "NO-3,SECRET-B-0001", "NO-4")
    preview = run(shop, data, "GAME-1", dry_run=True)
    done = run(shop, data, "GAME-1")
    assert preview.header_skipped is done.header_skipped is True
    assert (preview.separator, done.separator) == (",", ",")
    same = ("accepted", "duplicates_in_file", "duplicates_in_db", "invalid", "normalised")
    assert [getattr(preview, f) for f in same] == [getattr(done, f) for f in same]
    assert done.accepted == 2 and done.invalid == (Rejected(5, done.invalid[0].reason),)
    assert counts(shop, game) == (2, 1)


# --- the write --------------------------------------------------------------------------------------------


def test_import_writes_the_batch_and_sealed_keys(shop):
    pid = add_product(shop, "JD-100", kind="code+secret")
    clock.freeze(T0)
    expires = T0 + timedelta(days=90)
    data = lines("NO-0001----JD-SECRET-0001", "NO-0002----ＪＤ-SECRET-0002", "NO-0003----JD-SECRET-0003")
    report = run(shop, data, "JD-100", supplier="  供应商甲  ", unit_cost_fen=850, expires_at=expires, note="PO 42")
    assert report.dry_run is False and report.batch_id is not None
    assert (report.accepted, report.separator, report.normalised) == (3, "----", (2,))
    assert report.filled_orders == ()
    with shop.db.read() as s:
        batch = s.get(KeyBatch, report.batch_id)
        assert (batch.product_id, batch.supplier, batch.unit_cost_fen, batch.note) == (pid, "供应商甲", 850, "PO 42")
        assert (batch.expires_at, batch.imported_at, batch.imported_by) == (expires, T0, shop.actor)
        assert batch.key_count == 3
        rows = s.execute(select(CardKey).where(CardKey.product_id == pid).order_by(CardKey.id)).scalars().all()
        for row, n in zip(rows, (1, 2, 3), strict=True):
            secret = f"JD-SECRET-000{n}"
            assert row.batch_id == report.batch_id
            assert row.card_no == f"NO-000{n}"
            assert secret.encode() not in row.secret_enc
            assert (
                shop.vault.open_secret(row.secret_enc, row.secret_hash, row.product_id) == secret
            )  # the normalised secret is sealed
            assert row.secret_hash == shop.vault.hash(secret)
            assert row.secret_tail == mask_tail(secret) == secret[-4:]
            assert (row.status, row.order_line_id) == ("available", None)
            assert (row.expires_at, row.status_changed_at) == (expires, T0)


def test_import_is_audited_with_the_count(shop, game):
    report = run(shop, lines("SECRET-C-0001", "SECRET-C-0002", "SECRET-C-0001"), "GAME-1", supplier="Acme")
    with shop.db.read() as s:
        [event] = audit.recent(s, action="keys.import")
    assert (event.actor, event.subject) == (shop.actor, f"batch:{report.batch_id}")
    assert event.detail == {"sku": "GAME-1", "count": 2, "supplier": "Acme"}


def test_preview_is_not_audited(shop, game):
    run(shop, lines("SECRET-C-0001"), "GAME-1", dry_run=True)
    with shop.db.read() as s:
        assert audit.recent(s, action="keys.import") == []


def test_keys_are_compared_across_chunks(shop, game):
    many = [f"BULK-{n:06d}" for n in range(2 * CHUNK + 500)]
    data = lines(*many, many[0], many[CHUNK + 1], "BULK-NEW-LAST")
    report = run(shop, data, "GAME-1")
    assert (report.accepted, report.duplicates_in_file, report.duplicates_in_db) == (len(many) + 1, 2, 0)
    assert counts(shop, game) == (len(many) + 1, 1)
    with shop.db.read() as s:
        assert s.get(KeyBatch, report.batch_id).key_count == len(many) + 1


def test_valid_lines_are_written_and_bad_lines_reported(shop, game):
    data = b"".join(
        [
            "卡密一号-AAAA\n".encode(),
            "卡密二号-BBBB\n".encode("gbk"),
            "卡密三号-CCCC\n".encode(),
            "卡密四号-DDDD\n".encode(),
        ]
    )
    report = run(shop, data, "GAME-1")
    assert report.accepted == 3
    assert [r.line for r in report.invalid] == [2] and "encodings" in report.invalid[0].reason
    assert [secret for _, secret, _ in stored(shop, game)] == ["卡密一号-AAAA", "卡密三号-CCCC", "卡密四号-DDDD"]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("\ufeff卡密-UTF8BOM-01\r\n卡密-UTF8BOM-02\r\n".encode(), "utf-8-sig"),
        ("\ufeff卡密-UTF16-01\r\n卡密-UTF16-02\r\n".encode("utf-16-le"), "utf-16"),
        ("卡密-GBK-01\n卡密-GBK-02\n".encode("gbk"), "gbk"),
    ],
)
def test_encodings_are_imported_as_text(shop, game, data, encoding):
    report = run(shop, data, "GAME-1")
    assert (report.encoding, report.accepted) == (encoding, 2)
    assert [secret for _, secret, _ in stored(shop, game)] == [
        line.strip().lstrip("\ufeff") for line in data.decode(report.encoding).splitlines()
    ]


# --- duplicates against everything ever stored -------------------------------------------------------------


def test_duplicates_against_the_database_include_sold_void_and_other_products(shop, game):
    other = add_product(shop, "OTHER-1")
    run(shop, lines("SOLD-000001", "VOID-000001", "FREE-000001"), "GAME-1")
    run(shop, lines("ELSEWHERE-01"), "OTHER-1")
    cust = add_customer(shop)
    with shop.db.write() as s:
        view = orders.create_order(s, cust, [("GAME-1", 1)], actor="t")
        orders.pay_order(s, view.id, method="external", trade_no="T-SOLD", actor="t")
    with shop.db.read() as s:
        [void_id] = s.execute(select(CardKey.id).where(CardKey.secret_hash == shop.vault.hash("VOID-000001"))).scalars()
    with shop.db.write() as s:
        stock.void_keys(s, [void_id], actor="t", reason="supplier says used")
    statuses = {secret: status for _, secret, status in stored(shop, game)}
    assert statuses == {"SOLD-000001": "delivered", "VOID-000001": "void", "FREE-000001": "available"}

    data = lines("SOLD-000001", "VOID-000001", "FREE-000001", "ELSEWHERE-01", "ＳＯＬＤ-000001", "FRESH-000001")
    before = counts(shop)
    report = run(shop, data, "GAME-1")
    assert (report.accepted, report.duplicates_in_file, report.duplicates_in_db) == (1, 1, 4)
    assert counts(shop) == (before[0] + 1, before[1] + 1)
    assert counts(shop, other) == (1, 1)


def test_the_same_file_twice_writes_nothing_the_second_time(shop, game):
    data = lines(*(f"TWICE-{n:04d}" for n in range(50)), "TWICE-0007")
    first = run(shop, data, "GAME-1")
    assert (first.accepted, first.duplicates_in_file, first.duplicates_in_db) == (50, 1, 0)
    before = snapshot(shop)
    again = run(shop, data, "GAME-1")
    assert (again.accepted, again.duplicates_in_file, again.duplicates_in_db) == (0, 1, 50)
    assert again.batch_id is None and again.filled_orders == ()
    assert snapshot(shop) == before
    assert counts(shop, game) == (50, 1)


# --- refused input -------------------------------------------------------------------------------------------


def test_unknown_sku_is_refused(shop, game):
    before = snapshot(shop)
    with pytest.raises(NotFound, match="NOPE-9") as exc:
        run(shop, lines("SECRET-D-0001"), "NOPE-9")
    assert exc.value.field == "sku"
    assert snapshot(shop) == before


@pytest.mark.parametrize("ago", [timedelta(days=1), timedelta(0)], ids=["yesterday", "now"])
def test_expiry_in_the_past_is_refused(shop, game, ago):
    clock.freeze(T0)
    before = snapshot(shop)
    for dry_run in (True, False):
        with pytest.raises(InvalidInput, match="already past") as exc:
            run(shop, lines("SECRET-E-0001"), "GAME-1", expires_at=T0 - ago, dry_run=dry_run)
        assert exc.value.field == "expires"
    assert snapshot(shop) == before


def test_negative_cost_is_refused(shop, game):
    with refused(shop, InvalidInput, match="cost"):
        run(shop, lines("SECRET-E-0002"), "GAME-1", unit_cost_fen=-1)


@pytest.mark.parametrize("data", [b"", b"\n", b"\r\n \t\r\n\r\n", "\ufeff\n  \n".encode()], ids=repr)
def test_a_file_without_keys_is_refused(shop, game, data):
    before = snapshot(shop)
    for dry_run in (True, False):
        with pytest.raises(InvalidInput, match="holds no key") as exc:
            run(shop, data, "GAME-1", dry_run=dry_run)
        assert exc.value.field == "file"
    assert snapshot(shop) == before


def test_binary_file_is_refused(shop, game):
    with refused(shop, InvalidInput, match="binary"):
        run(shop, b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00", "GAME-1")


def test_a_ten_megabyte_line_is_refused_with_its_line_number(shop, game):
    with refused(shop, InvalidInput, match="line 1: line is 10,000,000 characters"):
        run(shop, b"K" * 10_000_000, "GAME-1")


def test_a_file_of_invalid_lines_is_refused_naming_them(shop, game):
    before = snapshot(shop)
    with pytest.raises(InvalidInput, match=r"line 1: secret shorter.*line 3: secret longer"):
        run(shop, lines("AB", "", "X" * 300), "GAME-1")
    with pytest.raises(InvalidInput, match=r"line 5: secret shorter than 4 characters \(and 2 more\)\.$"):
        run(shop, lines(*["abc"] * 7), "GAME-1")
    assert snapshot(shop) == before


def test_bad_options_are_refused(shop, game):
    before = snapshot(shop)
    for options, field in (({"fmt": "xls"}, "format"), ({"sep": ";"}, "sep"), ({"encoding": "big5"}, "encoding")):
        with pytest.raises(InvalidInput) as exc:
            run(shop, lines("SECRET-F-0001"), "GAME-1", **options)
        assert exc.value.field == field
    assert snapshot(shop) == before


# --- cancel and progress -------------------------------------------------------------------------------------


def test_progress_reports_lines_read_of_the_total(shop, game):
    seen = []
    data = lines(*(f"PROG-{n:06d}" for n in range(2 * CHUNK + 10)))
    report = run(shop, data, "GAME-1", progress=lambda done, total: seen.append((done, total)))
    total = 2 * CHUNK + 11  # the last newline leaves an empty last line
    assert report.accepted == 2 * CHUNK + 10
    assert [t for _, t in seen] == [total] * len(seen)
    assert len(seen) == 3
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert seen[-1] == (total, total)


@pytest.mark.parametrize("stop_at", [1, 2, 3])
def test_cancel_writes_nothing(shop, game, stop_at):
    cust = add_customer(shop)
    with shop.db.write() as s:
        waiting = orders.create_order(s, cust, [("GAME-1", 1)], actor="t")
        orders.pay_order(s, waiting.id, method="external", trade_no="T-WAIT", actor="t")
    calls = []

    def progress(done, total):
        calls.append(done)
        return len(calls) < stop_at

    data = lines(*(f"CANCEL-{n:06d}" for n in range(2 * CHUNK + 10)))
    before = snapshot(shop)
    with pytest.raises(Cancelled, match="nothing was written"):
        run(shop, data, "GAME-1", progress=progress)
    assert len(calls) == stop_at  # stopped at once: no further chunk was read
    assert counts(shop, game) == (0, 0)
    assert snapshot(shop) == before
    with shop.db.read() as s:
        assert s.get(Order, waiting.id).status == "awaiting_stock"
    assert run(shop, data, "GAME-1").accepted == 2 * CHUNK + 10  # nothing was left behind to clash with


def test_garbage_collection_is_back_on_after_an_import_that_ends_or_stops(shop, game):
    """The import pauses Python's cycle collector while it streams; whatever happens, it is on again afterwards."""
    seen = []
    data = lines(*(f"GCOFF-{n:06d}" for n in range(CHUNK + 5)))

    def progress(done, total):
        seen.append(gc.isenabled())
        return len(seen) < 2

    with pytest.raises(Cancelled):
        run(shop, data, "GAME-1", progress=progress)
    assert seen == [False, False] and gc.isenabled()
    assert run(shop, data, "GAME-1").accepted == CHUNK + 5
    assert gc.isenabled()


# --- waiting orders --------------------------------------------------------------------------------------------


def test_import_fills_waiting_orders_oldest_first(shop, game):
    add_product(shop, "GAME-2")
    cust = add_customer(shop)
    clock.freeze(T0)
    made = []
    for n, (sku, qty) in enumerate([("GAME-1", 2), ("GAME-2", 1), ("GAME-1", 2), ("GAME-1", 1)]):
        with shop.db.write() as s:
            view = orders.create_order(s, cust, [(sku, qty)], actor="t")
            assert orders.pay_order(s, view.id, method="external", trade_no=f"T-{n}", actor="t").order.status == (
                "awaiting_stock"
            )
        made.append(view.id)
        clock.advance(timedelta(minutes=1))
    first, other, second, third = made

    preview = run(shop, lines("FILL-0001", "FILL-0002", "FILL-0003"), "GAME-1", dry_run=True)
    assert preview.filled_orders == ()
    report = run(shop, lines("FILL-0001", "FILL-0002", "FILL-0003"), "GAME-1")
    assert report.filled_orders == (first, second)
    with shop.db.read() as s:
        status = {o: s.get(Order, o).status for o in made}
        assert status == {
            first: "delivered",
            other: "awaiting_stock",
            second: "awaiting_stock",
            third: "awaiting_stock",
        }
        assert s.execute(select(OrderLine.delivered_qty).where(OrderLine.order_id == second)).scalar_one() == 1
    assert sorted(status for _, _, status in stored(shop, game)) == ["delivered"] * 3

    report = run(shop, lines("FILL-0004", "FILL-0005", "FILL-0006"), "GAME-1")
    assert report.filled_orders == (second, third)
    with shop.db.read() as s:
        assert [s.get(Order, o).status for o in made] == ["delivered", "awaiting_stock", "delivered", "delivered"]
    assert [status for _, _, status in stored(shop, game)] == ["delivered"] * 5 + ["available"]


# --- reusable products -------------------------------------------------------------------------------------------


def test_reusable_product_takes_exactly_one_secret(shop):
    pid = add_product(shop, "WIN-PRO", kind="reusable")
    before = snapshot(shop)
    with pytest.raises(InvalidInput, match="exactly one"):
        run(shop, lines("WIN-KEY-0001", "WIN-KEY-0002"), "WIN-PRO")
    with pytest.raises(InvalidInput, match="exactly one"):
        run(shop, lines("WIN-KEY-0001", "WIN-KEY-0002"), "WIN-PRO", dry_run=True)
    assert snapshot(shop) == before

    report = run(shop, lines("WIN-KEY-0001", "WIN-KEY-0001"), "WIN-PRO")  # the same secret twice is one secret
    assert (report.accepted, report.duplicates_in_file) == (1, 1)
    assert counts(shop, pid) == (1, 1)

    with refused(shop, InvalidInput, match="voiding"):
        run(shop, lines("WIN-KEY-0002"), "WIN-PRO")

    with shop.db.read() as s:
        [key_id] = s.execute(select(CardKey.id).where(CardKey.product_id == pid)).scalars()
    with shop.db.write() as s:
        stock.void_keys(s, [key_id], actor="t", reason="replaced by the supplier")
    assert run(shop, lines("WIN-KEY-0002"), "WIN-PRO").accepted == 1
    assert [(secret, status) for _, secret, status in stored(shop, pid)] == [
        ("WIN-KEY-0001", "void"),
        ("WIN-KEY-0002", "available"),
    ]


# --- secrets at rest --------------------------------------------------------------------------------------------

CANARIES = ["CANARY-PLAINTEXT-7Q4Z-0001", "CANARY-PLAINTEXT-7Q4Z-0002", "金丝雀卡密-绝不落盘-0003"]


def _leaks(path: Path) -> list[str]:
    if not path.exists():
        return []
    return _leaks_in(path.read_bytes(), path.name)


def _leaks_in(blob: bytes, where: str) -> list[str]:
    found = []
    for secret in CANARIES:
        for encoded in (secret.encode("utf-8"), secret.encode("utf-16-le"), secret.encode("gbk")):
            if encoded in blob:
                found.append(f"{secret!r} in {where}")
    return found


def test_plaintext_secrets_never_reach_the_database_file(shop, game):
    data = "\n".join(f"CARD-NUMBER-IN-CLEAR-{n},{secret}" for n, secret in enumerate(CANARIES)).encode("gbk")
    report = run(shop, data, "GAME-1")
    assert report.accepted == 3
    with shop.db.read() as s:  # the search goes through the keyed hash and still finds them
        assert len(keys.key_ids(s, keys.find_by_secret(s, shop.vault, CANARIES[2]))) == 1

    if not shop.config.is_sqlite:
        assert _leaks_in(pg.stored_bytes(shop.config), "the database") == []
        return
    db_file = shop.config.data_dir / DB_FILENAME
    wal = db_file.with_name(db_file.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the import's pages are still in the log
    assert _leaks(wal) + _leaks(db_file) == []

    shop.db.dispose()
    con = sqlite3.connect(db_file)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    assert _leaks(db_file) + _leaks(wal) == []
    assert b"CARD-NUMBER-IN-CLEAR-2" in db_file.read_bytes()  # the scan does see what is stored in clear
    assert [secret for _, secret, _ in stored(shop, game)] == CANARIES  # sealed, not lost
