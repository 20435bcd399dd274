"""`shopdesk payments list | act | reconcile`: the payment inbox and reconciling a gateway's statement."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.services.common import access, clock
from shopdesk.services.orders import selling as orders
from tests.cli.conftest import STAFF_PW, VIEWER_PW, as_user
from tests.helpers import statements as files

BEIJING = ZoneInfo("Asia/Shanghai")


def _create(shop, qty="1"):
    return shop.json("order", "create", "--customer", "1", "--sku", "Q-10", "--qty", qty)


def _close_expired(shop) -> list[int]:
    app = ShopApp.open(load_config(shop.path))
    try:
        clock.freeze(clock.now() + timedelta(hours=1))
        with app.db.write() as session:
            session.info["identity"] = access.SYSTEM  # the shop's own sweep
            return orders.close_expired(session)
    finally:
        clock.freeze(None)
        app.close()


def _late_payment(shop, trade="LATE-1"):
    """Order 1 closed unpaid, then its payment of 9.80 arrives: flagged (inbox item 1)."""
    _create(shop)
    assert _close_expired(shop) == [1]
    assert shop("order", "pay", "1", "--trade-no", trade, "--amount", "9.80", "--method", "alipay").code == 2


def _second_payment(shop, trade="TWICE-2"):
    order = _create(shop)
    shop.json("order", "pay", str(order["id"]), "--trade-no", f"FIRST-{order['id']}", "--amount", "9.80")
    assert shop("order", "pay", str(order["id"]), "--trade-no", trade, "--amount", "9.80").code == 2
    return order["id"]


def _keys(shop, status: str) -> int:
    return shop.count("card_key", f"status = '{status}'")


# --- the inbox ----------------------------------------------------------------------------------------


def test_the_inbox_lists_payments_for_closed_orders_and_second_payments(stocked):
    _late_payment(stocked)
    second = _second_payment(stocked)

    listed = stocked.json("payments", "list")["payments"]

    assert [(p["kind"], p["trade_no"], p["amount"]) for p in listed] == [
        ("closed_order", "LATE-1", "9.80"),
        ("second_payment", "TWICE-2", "9.80"),
    ]
    assert set(listed[0]) >= {"id", "kind", "order_id", "order", "customer", "trade_no", "method", "amount"}
    assert listed[0]["order_id"] == 1 and listed[0]["customer"] == "Bob" and listed[0]["method"] == "alipay"
    assert listed[1]["order_id"] == second and listed[1]["order_status"] == "delivered"
    assert stocked("payments", "list").out.count("\n") == 2


def test_deliver_reopens_a_closed_order_and_delivers_it_once(stocked):
    _late_payment(stocked)

    done = stocked.json("payments", "act", "1", "--deliver")

    assert done == {"id": 1, "action": "deliver", "outcome": "delivered", "replayed": False, "order_id": 1,
                    "case_id": None}  # fmt: skip
    order = stocked.json("order", "show", "1")
    assert (order["status"], order["payment_status"]) == ("delivered", "paid")
    assert [p["trade_no"] for p in order["payments"]] == ["LATE-1"]
    assert len(order["delivered_keys"]) == 1
    assert stocked.json("payments", "list") == {"payments": []}
    assert stocked.count("audit_event", "action = 'payment.inbox_delivered'") == 1
    # acting again changes nothing
    before = stocked.dump()
    again = stocked.json("payments", "act", "1", "--deliver")
    assert again["replayed"] is True and again["outcome"] == "delivered"
    assert stocked.dump() == before


def test_deliver_a_second_payment_sells_the_same_items_again_as_a_new_order(stocked):
    first = _second_payment(stocked)

    done = stocked.json("payments", "act", "1", "--deliver")

    assert done["outcome"] == "delivered" and done["order_id"] != first
    again = stocked.json("order", "show", str(done["order_id"]))
    assert again["status"] == "delivered" and again["customer_id"] == 1
    assert [p["trade_no"] for p in again["payments"]] == ["TWICE-2"]
    assert [ln["sku"] for ln in again["lines"]] == ["Q-10"]
    assert _keys(stocked, "delivered") == 2


def test_deliver_without_stock_refunds_to_the_wallet_and_opens_a_case(stocked):
    _late_payment(stocked)
    # the five keys are sold to someone else meanwhile
    stocked.json("customer", "add", "--name", "Ann", "--contact", "qq:123")
    big = stocked.json("order", "create", "--customer", "2", "--sku", "Q-10", "--qty", "5")
    stocked.json("order", "pay", str(big["id"]), "--trade-no", "BIG-1")
    assert _keys(stocked, "available") == 0

    done = stocked.json("payments", "act", "1", "--deliver")

    assert done["outcome"] == "refunded_to_wallet" and done["case_id"] is not None
    assert stocked.json("customer", "show", "1")["balance"] == "9.80"
    order = stocked.json("order", "show", "1")
    assert order["status"] == "cancelled" and order["refunded"] == "9.80"
    case = stocked.json("case", "show", str(done["case_id"]))
    assert case["order_id"] == 1
    assert stocked.json("payments", "list") == {"payments": []}
    before = stocked.dump()
    assert stocked.json("payments", "act", "1", "--deliver")["replayed"] is True
    assert stocked.dump() == before
    assert stocked.json("customer", "show", "1")["balance"] == "9.80"


def test_deliver_with_part_of_the_stock_delivers_that_and_opens_a_case_for_the_rest(stocked):
    _create(stocked, qty="2")
    assert _close_expired(stocked) == [1]
    assert stocked("order", "pay", "1", "--trade-no", "LATE-2", "--amount", "19.60").code == 2
    stocked.json("customer", "add", "--name", "Ann", "--contact", "qq:123")
    other = stocked.json("order", "create", "--customer", "2", "--sku", "Q-10", "--qty", "4")
    stocked.json("order", "pay", str(other["id"]), "--trade-no", "OTHER-1")
    assert _keys(stocked, "available") == 1

    done = stocked.json("payments", "act", "1", "--deliver")

    assert done["outcome"] == "waiting_for_stock" and done["case_id"] is not None
    order = stocked.json("order", "show", "1")
    assert order["status"] == "awaiting_stock" and len(order["delivered_keys"]) == 1
    assert stocked.json("customer", "show", "1")["balance"] == "0.00"  # it gets its second key when keys come
    stocked.stock("Q-10", 1)
    assert stocked.json("order", "show", "1")["status"] == "delivered"


def test_deliver_a_second_payment_without_stock_refunds_it_to_the_wallet(stocked):
    first = _second_payment(stocked)
    stocked.json("customer", "add", "--name", "Ann", "--contact", "qq:123")
    rest = stocked.json("order", "create", "--customer", "2", "--sku", "Q-10", "--qty", "4")
    stocked.json("order", "pay", str(rest["id"]), "--trade-no", "REST-1")

    done = stocked.json("payments", "act", "1", "--deliver")

    assert done["outcome"] == "refunded_to_wallet" and done["order_id"] not in (first, rest["id"])
    assert stocked.json("order", "show", str(done["order_id"]))["status"] == "cancelled"
    assert stocked.json("order", "show", str(first))["status"] == "delivered"  # the first order keeps its key
    assert stocked.json("customer", "show", "1")["balance"] == "9.80"


def test_refund_records_the_gateway_refund_and_another_decision_is_refused(stocked):
    _late_payment(stocked)

    done = stocked.json("payments", "act", "1", "--refund", "--note", "支付宝退款 2026120199")

    assert done["outcome"] == "refunded" and done["replayed"] is False
    assert stocked.count("unmatched_payment", "resolved_at IS NOT NULL") == 1
    assert stocked.json("payments", "act", "1", "--refund")["replayed"] is True
    run = stocked.writes_nothing("--json", "payments", "act", "1", "--dismiss", "--note", "test")
    assert "already decided (refund)" in run.error()["error"]
    run = stocked.writes_nothing("--json", "payments", "act", "1", "--deliver")
    assert "already decided" in run.error()["error"]


def test_dismiss_needs_a_note_and_is_audited(stocked):
    _late_payment(stocked)

    run = stocked.writes_nothing("--json", "payments", "act", "1", "--dismiss")
    assert run.error()["field"] == "note"

    done = stocked.json("payments", "act", "1", "--dismiss", "--note", "a test payment of ours")
    assert done["outcome"] == "dismissed"
    assert stocked.count("audit_event", "action = 'payment.dismissed'") == 1
    assert stocked.json("order", "show", "1")["status"] == "closed"


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["99", "--refund"], 2),
        (["1"], 2),
        (["1", "--refund", "--dismiss"], 2),
        (["1", "--dismiss", "--note", "x" * 1001], 2),
    ],
    ids=["unknown item", "no action", "two actions", "note too long"],
)
def test_bad_act_exits_2_and_writes_nothing(stocked, argv, code):
    _late_payment(stocked)
    stocked.writes_nothing("payments", "act", *argv, code=code)


def test_a_viewer_may_not_decide_and_staff_may(staffed, monkeypatch):
    _late_payment(staffed)
    _second_payment(staffed)

    as_user(monkeypatch, "kan", VIEWER_PW)
    assert len(staffed.json("payments", "list")["payments"]) == 2  # a viewer sees the inbox
    for action in (["--deliver"], ["--refund"], ["--dismiss", "--note", "no"]):
        run = staffed("--json", "payments", "act", "1", *action)
        assert run.code == 3 and run.error()["exit"] == 3
    assert staffed.count("unmatched_payment", "resolved_at IS NULL") == 2
    assert staffed.count("payment") == 1  # the first payment of the paid-twice order only
    assert staffed.count("audit_event", "action = 'denied'") >= 3

    as_user(monkeypatch, "xiaowang", STAFF_PW)
    assert staffed.json("payments", "act", "1", "--deliver")["outcome"] == "delivered"
    assert staffed.json("payments", "act", "2", "--refund")["outcome"] == "refunded"


# --- reconcile ----------------------------------------------------------------------------------------


def _bj(minutes: int) -> str:
    return (clock.now() + timedelta(minutes=minutes)).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S")


@pytest.fixture
def paid_two(stocked):
    """Orders 1 and 2 paid by callback (AP-1, AP-2), order 3 pending (its callback never came), order 4 pending."""
    for n in range(4):
        _create(stocked)
        if n < 2:
            stocked.json("order", "pay", str(n + 1), "--trade-no", f"AP-{n + 1}")  # a callback: method external
    return stocked


def _statement(shop, kind, rows, name="statement.csv"):
    path = shop.path / name
    path.write_bytes({"alipay": files.alipay, "wechat": files.wechat, "csv": files.plain}[kind](rows))
    return path


@pytest.mark.parametrize("kind", ["alipay", "wechat"])
def test_reconcile_sorts_the_statement_into_the_four_groups(paid_two, kind):
    order3 = paid_two.json("order", "show", "3")["number"]
    rows = [
        ("AP-1", "9.80", _bj(-30), paid_two.json("order", "show", "1")["number"]),  # matched
        ("AP-3", "9.80", _bj(-20), order3),  # paid at the gateway, callback lost
        ("AP-9", "9.80", _bj(-10), "SD-NOWHERE"),  # no such order
    ]
    # AP-2 was paid in the shop inside the statement's hours but is not in the file
    rows.append(("AP-7", "9.80", _bj(30), "SD-NOWHERE-2"))
    path = _statement(paid_two, kind, rows)

    result = paid_two.json("payments", "reconcile", path)

    assert set(result) >= {"matched", "missing_in_shop", "missing_in_statement", "amount_mismatch"}
    assert result["format"] == kind and result["matched"] == 1
    assert [(e["trade_no"], e["amount"], e["order"]) for e in result["missing_in_shop"]] == [
        ("AP-3", "9.80", order3),
        ("AP-9", "9.80", None),
        ("AP-7", "9.80", None),
    ]
    assert [(e["trade_no"], e["amount"]) for e in result["missing_in_statement"]] == [("AP-2", "9.80")]
    assert result["amount_mismatch"] == []
    assert "applied" not in result


def test_reconcile_reports_an_amount_that_differs_and_apply_leaves_it(paid_two):
    rows = [("AP-1", "9.90", _bj(-5), "x"), ("AP-2", "9.80", _bj(5), "y")]
    path = _statement(paid_two, "csv", [(t, a, at.replace(" ", "T") + "+08:00", o) for t, a, at, o in rows])

    result = paid_two.json("payments", "reconcile", path, "--apply")

    assert result["matched"] == 1
    number = paid_two.json("order", "show", "1")["number"]
    assert result["amount_mismatch"] == [
        {"trade_no": "AP-1", "amount": "9.90", "recorded": "9.80", "order": number, "line": 2}
    ]
    assert result["applied"] == []
    assert paid_two.count("payment") == 2


def test_apply_records_the_missing_payments_once(paid_two):
    order3 = paid_two.json("order", "show", "3")
    paid_two.execute("UPDATE orders SET external_id = 'shop-4711', source = 'api' WHERE id = 4")
    rows = [
        ("AP-3", "9.80", _bj(-20), order3["number"]),  # by order number
        ("AP-4", "9.80", _bj(-15), "shop-4711"),  # by the storefront's id
        ("AP-9", "9.80", _bj(-10), "SD-NOWHERE"),  # not guessed
    ]
    path = _statement(paid_two, "alipay", rows)

    result = paid_two.json("payments", "reconcile", path, "--apply")

    assert [(a["trade_no"], a["result"]) for a in result["applied"]] == [
        ("AP-3", "recorded"),
        ("AP-4", "recorded"),
        ("AP-9", "order_not_found"),
    ]
    for n in (3, 4):
        shown = paid_two.json("order", "show", str(n))
        assert shown["status"] == "delivered" and shown["payments"][0]["method"] == "alipay"
    again = paid_two.json("payments", "reconcile", path, "--apply")
    assert again["matched"] == 2
    assert [(a["trade_no"], a["result"]) for a in again["applied"]] == [("AP-9", "order_not_found")]
    assert paid_two.count("payment") == 4
    assert paid_two.count("journal_entry", "kind = 'sale'") == 4


def test_apply_flags_a_payment_for_a_closed_order_as_the_callback_would(stocked):
    _create(stocked)
    assert _close_expired(stocked) == [1]
    number = stocked.json("order", "show", "1")["number"]
    path = _statement(stocked, "wechat", [("WX-LATE", "9.80", _bj(0), number)])

    result = stocked.json("payments", "reconcile", path, "--apply")

    assert [(a["trade_no"], a["result"]) for a in result["applied"]] == [("WX-LATE", "flagged")]
    assert [p["trade_no"] for p in stocked.json("payments", "list")["payments"]] == ["WX-LATE"]
    again = stocked.json("payments", "reconcile", path, "--apply")
    assert again["matched"] == 1 and again["applied"] == []


def test_a_viewer_may_reconcile_but_not_apply(staffed, monkeypatch):
    _create(staffed)
    path = _statement(staffed, "csv", [("T-1", "9.80", "2026-12-01T10:00:00+08:00", "x")])
    as_user(monkeypatch, "kan", VIEWER_PW)
    assert staffed.json("payments", "reconcile", path)["missing_in_shop"][0]["trade_no"] == "T-1"
    assert staffed("payments", "reconcile", path, "--apply").code == 3
    assert staffed.count("payment") == 0


def _gbk_wechat():
    return files.wechat([("WX-1", "9.80", "2026-12-01 10:00:00", "SD1")]).decode("utf-8-sig").encode("gbk")


BAD_FILES = [
    ("wrong encoding", _gbk_wechat(), [], "Line 1 is not UTF-8 text"),
    (
        "missing column",
        files.alipay([("AP-1", "9.80", "2026-12-01 10:00:00", "SD1")]).replace("商户订单号".encode("gbk"), b"order"),
        [],
        "Line 5: the table has no column 商户订单号",
    ),
    (
        "trade number twice",
        files.plain([("T-1", "9.80", "2026-12-01 10:00:00", "a"), ("T-1", "9.80", "2026-12-01 11:00:00", "b")]),
        [],
        "Line 3: trade number T-1 appears again (first on line 2)",
    ),
    (
        "unparseable amount",
        files.wechat([("WX-1", "9.8O", "2026-12-01 10:00:00", "SD1")]),
        [],
        "Line 2: '9.8O' in column 应结订单金额 is not an amount",
    ),
    ("not a statement", b"hello,world\n1,2\n", [], "is not an Alipay"),
    (
        "csv named alipay",
        files.plain([("T-1", "9.80", "2026-12-01 10:00:00", "a")]),
        ["--format", "alipay"],
        "names the column 账务流水号",
    ),
]


@pytest.mark.parametrize(("data", "extra", "message"), [b[1:] for b in BAD_FILES], ids=[b[0] for b in BAD_FILES])
def test_a_bad_statement_exits_2_with_its_line_and_writes_nothing(stocked, data, extra, message):
    _create(stocked)
    path = stocked.path / "bad.csv"
    path.write_bytes(data)

    run = stocked.writes_nothing("--json", "payments", "reconcile", path, "--apply", *extra)

    assert message in run.error()["error"]
    assert run.error()["field"] in ("file", "format")


def test_a_missing_statement_file_exits_2(stocked):
    run = stocked.writes_nothing("--json", "payments", "reconcile", stocked.path / "nope.csv")
    assert "no such file" in run.error()["error"]
