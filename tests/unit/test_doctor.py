"""`shopdesk doctor`: a clean shop has no violations; each kind of damage is found and named."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from svc_support import add_customer, add_product, doctor

from shopdesk.db.models import CardKey, OrderLine
from shopdesk.services.money import customers
from shopdesk.services.orders import selling as orders
from tests.helpers import pg


@pytest.fixture
def busy(shop):
    """A shop with a bit of everything: wallet money, a delivered order, an unpaid one, a waiting one."""
    cid = add_customer(shop, wallet_fen=10_000)
    add_product(shop, "A-1", keys=4, price_fen=500)
    add_product(shop, "B-1", keys=1, price_fen=700)
    with shop.db.write() as s:
        delivered = orders.create_order(s, cid, [("A-1", 2)], actor="t").id
        orders.pay_order(s, delivered, method="wallet", actor="t")
        unpaid = orders.create_order(s, cid, [("A-1", 1)], actor="t").id
        waiting = orders.create_order(s, cid, [("B-1", 2)], actor="t").id
        orders.pay_order(s, waiting, method="external", trade_no="T-W", actor="t")
        other = orders.create_order(s, cid, [("B-1", 1)], actor="t").id
        customers.topup(s, cid, 300, idempotency_key="d-1", actor="t")
    return {"customer": cid, "delivered": delivered, "unpaid": unpaid, "waiting": waiting, "other": other}


def corrupt(app, sql: str, **params) -> None:
    with app.db.write() as s:
        s.execute(text(sql), params)


def corrupt_without_foreign_keys(app, sql: str, *params) -> None:
    """Only a tool with foreign keys off (sqlite3's default) can break references."""
    pg.raw(app.config, sql, *params)


def named(violations, check: str) -> list[str]:
    return [v.detail for v in violations if v.check == check]


def test_clean_shop_has_no_violations(shop):
    assert doctor(shop) == []


def test_busy_shop_has_no_violations(shop, busy):
    assert doctor(shop) == []


@pytest.mark.breaks_invariants
def test_unbalanced_entry(shop, busy):
    corrupt(shop, "UPDATE posting SET amount_fen = amount_fen + 1 WHERE id = (SELECT MIN(id) FROM posting)")
    with shop.db.read() as s:
        entry = s.execute(text("SELECT entry_id FROM posting ORDER BY id LIMIT 1")).scalar_one()
    details = named(doctor(shop), "entry postings sum to zero")
    assert details == [f"entry {entry} postings sum to 1 over 2 posting(s)"]
    # the account holding that posting no longer matches its cached balance either
    assert named(doctor(shop), "cached balances equal postings")


# One kind of damage each: the SQL that does it (its :names are ids from `busy`), whether it needs foreign keys off
# (only a tool like sqlite3 can break a reference), the check that must name it, and what that check must say: the
# whole of its one detail (a string) or parts of it (a tuple); `{name}` in either is an id from `busy`.
DAMAGE = [
    pytest.param(
        "INSERT INTO journal_entry (kind, idempotency_key, input_hash, memo, actor, at) "
        "VALUES ('bogus', 'bogus', '', '', 't', '2026-01-01 00:00:00')",
        True,
        "entry postings sum to zero",
        ("over 0 posting(s)",),
        id="entry_with_a_single_posting",
    ),
    pytest.param(
        "UPDATE account SET balance_fen = balance_fen + 5000 WHERE code = 'revenue'",
        True,
        "cached balances equal postings",
        "account revenue says 7400 but its postings sum to 2400",
        id="balance_edited_in_place",
    ),
    pytest.param(
        "UPDATE card_key SET status = 'void' WHERE id = (SELECT MIN(id) FROM card_key WHERE status = 'delivered')",
        True,
        "delivered keys match the line's count",
        ("says 2 delivered but holds 1 delivered key(s)",),
        id="line_count_disagrees_with_its_keys",
    ),
    pytest.param(
        "UPDATE orders SET status = 'paid', payment_status = 'paid', paid_fen = total_fen WHERE id = :other",
        True,
        "order status agrees with its payments",
        ("payments sum to 0", "paid 700 of 700"),
        id="paid_order_without_a_payment",
    ),
    # a hold on a paid order means the reservation was never turned into a delivery
    pytest.param(
        "UPDATE card_key SET status = 'reserved' WHERE id = "
        "(SELECT MIN(k.id) FROM card_key k JOIN order_line l ON l.id = k.order_line_id WHERE l.order_id = :delivered)",
        True,
        "reserved keys belong to unpaid orders",
        ("reserved for order {delivered} which is delivered",),
        id="reserved_key_of_a_paid_order",
    ),
    pytest.param(
        "UPDATE payment SET entry_id = 999999 WHERE trade_no = 'T-W'",
        False,
        "every payment has its ledger entry",
        "payment T-W of order {waiting} has no matching ledger entry",
        id="payment_without_its_ledger_entry",
    ),
    # used to pass unnoticed: the entry's order_id is NULL and NULL <> x is not true in SQL
    pytest.param(
        "UPDATE payment SET entry_id = (SELECT id FROM journal_entry WHERE idempotency_key = 'd-1') "
        "WHERE trade_no = 'T-W'",
        True,
        "every payment has its ledger entry",
        "payment T-W of order {waiting} has no matching ledger entry",
        id="payment_pointing_at_an_entry_of_no_order",
    ),
]


@pytest.mark.breaks_invariants
@pytest.mark.parametrize(("sql", "foreign_keys", "check", "says"), DAMAGE)
def test_damage_is_named(shop, busy, sql, foreign_keys, check, says):
    if foreign_keys:
        corrupt(shop, sql, **busy)
    else:
        corrupt_without_foreign_keys(shop, sql)
    details = named(doctor(shop), check)
    if isinstance(says, str):
        assert details == [says.format(**busy)]
    else:
        assert len(details) == 1 and all(part.format(**busy) in details[0] for part in says), details


@pytest.mark.breaks_invariants
def test_delivered_key_on_a_line_of_another_product(shop, busy):
    with shop.db.read() as s:
        key = s.execute(select(CardKey.id).where(CardKey.status == "available").limit(1)).scalar_one()
        b_line = s.execute(
            select(OrderLine.id).where(OrderLine.order_id == busy["waiting"])  # a line of product B-1
        ).scalar_one()
        key_product = s.get(CardKey, key).product_id
        line_product = s.get(OrderLine, b_line).product_id
    assert key_product != line_product
    corrupt(shop, "UPDATE card_key SET status = 'delivered', order_line_id = :l WHERE id = :k", l=b_line, k=key)
    details = named(doctor(shop), "held keys belong to a line of their product")
    assert details == [f"key {key} is delivered for line {b_line} of product {line_product}"]


@pytest.mark.breaks_invariants
def test_delivered_key_whose_line_is_gone(shop, busy):
    with shop.db.read() as s:
        key = s.execute(select(CardKey.id).where(CardKey.status == "delivered").limit(1)).scalar_one()
    corrupt_without_foreign_keys(shop, "UPDATE card_key SET order_line_id = 999999 WHERE id = ?", key)
    violations = doctor(shop)
    assert named(violations, "held keys belong to a line of their product") == [
        f"key {key} is delivered for line 999999 which does not exist"
    ]
    assert any("card_key" in d for d in named(violations, "foreign keys"))


@pytest.mark.breaks_invariants
def test_order_marked_delivered_without_keys(shop, busy):
    corrupt(
        shop,
        "UPDATE orders SET status = 'delivered', payment_status = 'paid', paid_fen = total_fen WHERE id = :o",
        o=busy["unpaid"],
    )
    violations = doctor(shop)
    deliveries = named(violations, "order status agrees with its deliveries")
    assert len(deliveries) == 1 and "is delivered with 0 of 1 key(s) delivered" in deliveries[0]
    # it also claims money that no payment brought in
    assert len(named(violations, "order status agrees with its payments")) == 1


@pytest.mark.breaks_invariants
def test_reversal_that_does_not_mirror(shop, busy):
    from shopdesk.services.money import ledger

    with shop.db.write() as s:
        entry = ledger.post(s, kind="x", postings=[("revenue", 50), ("clearing", -50)], idempotency_key="m", actor="t")
        rev = ledger.reverse(s, entry.entry_id, idempotency_key="m-rev", actor="t")
    assert doctor(shop) == []
    corrupt(shop, "UPDATE posting SET amount_fen = amount_fen * 2 WHERE entry_id = :e", e=rev.entry_id)
    details = named(doctor(shop), "a reversal mirrors its entry")
    assert details == [f"entry {rev.entry_id} reverses entry {entry.entry_id} but does not mirror it"]


@pytest.mark.breaks_invariants
def test_every_violation_is_reported_not_just_the_first(shop, busy):
    corrupt(shop, "UPDATE account SET balance_fen = balance_fen + 1 WHERE code IN ('revenue', 'clearing')")
    corrupt(shop, "UPDATE orders SET status = 'completed' WHERE id = :o", o=busy["unpaid"])
    checks = {v.check for v in doctor(shop)}
    assert {"cached balances equal postings", "order status agrees with its deliveries"} <= checks
    assert len(named(doctor(shop), "cached balances equal postings")) == 2


FLAGGED = "flagged payments are real money of their order"


def flag(app, order_id: int, trade_no: str, amount_fen: int) -> None:
    corrupt(
        app,
        "INSERT INTO unmatched_payment (order_id, trade_no, method, amount_fen, reason, note, received_at) "
        "VALUES (:o, :t, 'alipay', :a, 'order closed', '', '2026-03-01 10:00:00.000000')",
        o=order_id,
        t=trade_no,
        a=amount_fen,
    )


def test_a_flagged_payment_of_the_orders_total_is_fine(shop, busy):
    flag(shop, busy["unpaid"], "LATE-1", 500)
    assert doctor(shop) == []


@pytest.mark.breaks_invariants
def test_a_flagged_payment_of_another_amount_is_named(shop, busy):
    """Someone filling the refund queue with made-up money (or a bug that did) is found."""
    flag(shop, busy["unpaid"], "FISH-1", 999_999)
    details = named(doctor(shop), FLAGGED)
    assert len(details) == 1 and "FISH-1" in details[0] and "does not equal the order total 500" in details[0]


@pytest.mark.breaks_invariants
def test_a_flagged_payment_that_was_also_recorded_as_paid_is_named(shop, busy):
    flag(shop, busy["waiting"], "T-W", 1400)
    details = named(doctor(shop), FLAGGED)
    assert len(details) == 1 and "also recorded as a payment" in details[0]


# --- the AI track's tables ------------------------------------------------------------------------------


def _small_model(shop) -> None:
    """A reason model stored as a retrain would (trained on a few messages: fast)."""
    from shopdesk.services.desk import classifier, suggestions

    samples = [
        classifier.Sample(t, c)
        for c, t in (
            ("paid_twice", "付了两次钱"),
            ("paid_twice", "charged twice"),
            ("key_used", "卡密显示已被使用"),
            ("key_used", "code already used"),
        )
    ]
    model = classifier.train(samples)
    blob = model.to_bytes()
    trained = suggestions.Trained(blob, classifier.digest_of(blob), model.classes, 4, 0, 1.0, 1.0, 1)
    with shop.db.write() as s:
        suggestions.store(s, trained, actor="t")


def _case_read_from_text(shop) -> int:
    from shopdesk.services.desk import cases

    cid = add_customer(shop)
    add_product(shop, "AI-1", keys=0)
    with shop.db.write() as s:
        oid = orders.create_order(s, cid, [("AI-1", 1)], actor="t").id
        return cases.open_case(s, oid, actor="storefront", text="付了两次钱", run_rules=False).id


def test_a_shop_with_a_stored_model_and_a_suggestion_is_clean(shop):
    _small_model(shop)
    _case_read_from_text(shop)
    assert doctor(shop) == []


@pytest.mark.breaks_invariants
def test_a_corrupted_model_is_reported_and_the_desk_still_reads(shop):
    from shopdesk.services.desk import suggestions

    _small_model(shop)
    corrupt(shop, "UPDATE reason_models SET digest = :d WHERE version = 1", d="0" * 64)
    suggestions.reset_cache()
    details = named(doctor(shop), "stored reason models match their digest")
    assert len(details) == 1 and details[0].startswith("reason model 1: its bytes do not match their digest")
    with shop.db.read() as s:  # not fatal: the seed model reads instead
        assert suggestions.suggest(s, "付了两次钱").model_version == suggestions.SEED_VERSION


@pytest.mark.breaks_invariants
def test_a_suggestion_of_a_missing_case_is_named(shop):
    case_id = _case_read_from_text(shop)
    corrupt_without_foreign_keys(shop, "UPDATE case_suggestions SET case_id = ? WHERE case_id = ?", 99_999, case_id)
    details = named(doctor(shop), "a case's suggestion names an existing case")
    assert len(details) == 1 and details[0].endswith("names case 99999 which does not exist")
