"""`shopdesk customer merge FROM_ID INTO_ID | block ID --reason TEXT | unblock ID`, and what show/list say after."""

from __future__ import annotations

import pytest

from tests.cli.conftest import STAFF_PW, VIEWER_PW, as_user


@pytest.fixture
def pair(stocked):
    """Bob (1) with 50.00 and one order; Bobby (2), the same person under another contact, with 10.00."""
    assert stocked("customer", "add", "--name", "Bobby", "--contact", "qq 10086123").code == 0
    assert stocked("customer", "topup", "1", "50.00", "--idempotency-key", "t-1").code == 0
    assert stocked("customer", "topup", "2", "10.00", "--idempotency-key", "t-2").code == 0
    assert stocked("--json", "order", "create", "--customer", "1", "--sku", "Q-10", "--qty", "1").code == 0
    return stocked


def test_merge_prints_the_survivor_and_hides_the_merged(pair):
    survivor = pair.json("customer", "merge", "1", "2")
    assert (survivor["id"], survivor["balance"], survivor["orders"], survivor["merged_into"]) == (2, "60.00", 1, None)
    gone = pair.json("customer", "show", "1")
    assert (gone["merged_into"], gone["balance"], gone["orders"]) == (2, "0.00", 0)
    listed = pair.json("customer", "list")["customers"]
    assert [c["id"] for c in listed] == [2]
    assert {"id", "name", "contact", "balance"} <= listed[0].keys()
    kinds = [p["kind"] for p in pair.json("customer", "history", "2")["postings"]]
    assert kinds == ["topup", "merge"]
    assert pair.count("audit_event", "action = 'customer.merged'") == 1
    text = pair("customer", "show", "1")
    assert text.code == 0 and "merged into customer 2" in text.out
    pair.doctor_ok()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("1", "1"), "into itself"),
        (("1", "99"), "No customer with id 99"),
        (("99", "1"), "No customer with id 99"),
        (("3", "2"), "already merged"),
        (("2", "3"), "merge into 1 instead"),
    ],
)
def test_bad_merges_exit_2_and_write_nothing(pair, argv, message):
    assert pair("customer", "add", "--name", "Old", "--contact", "wx:old").code == 0
    assert pair("customer", "merge", "3", "1").code == 0
    run = pair.writes_nothing("--json", "customer", "merge", *argv)
    assert message in run.error()["error"]


def test_block_show_unblock(stocked):
    run = stocked("--json", "customer", "block", "1", "--reason", "拒付两次")
    assert run.code == 0, run.err
    assert (run.json()["blocked"], run.json()["blocked_reason"]) == (True, "拒付两次")
    shown = stocked.json("customer", "show", "1")
    assert (shown["blocked"], shown["blocked_reason"]) == (True, "拒付两次")
    assert "blocked: 拒付两次" in stocked("customer", "show", "1").out
    assert stocked.count("audit_event", "action = 'customer.blocked'") == 1
    back = stocked.json("customer", "unblock", "1")
    assert (back["blocked"], back["blocked_reason"]) == (False, None)
    assert stocked.count("audit_event", "action = 'customer.unblocked'") == 1


def test_block_without_a_reason_exits_2_and_writes_nothing(stocked):
    run = stocked.writes_nothing("--json", "customer", "block", "1", "--reason", "  ")
    assert "why" in run.error()["error"]
    assert stocked.writes_nothing("customer", "block", "1").code == 2  # --reason is required
    assert "No customer" in stocked.writes_nothing("--json", "customer", "unblock", "42").error()["error"]


@pytest.mark.parametrize(("who", "pw"), [("xiaowang", STAFF_PW), ("kan", VIEWER_PW)])
@pytest.mark.parametrize(
    "argv", [("customer", "merge", "2", "1"), ("customer", "block", "1", "--reason", "x"), ("customer", "unblock", "1")]
)
def test_staff_and_viewers_are_refused_with_exit_3_and_a_denied_event(staffed, monkeypatch, who, pw, argv):
    assert staffed("customer", "add", "--name", "Bobby", "--contact", "wx:bobby").code == 0
    as_user(monkeypatch, who, pw)
    run = staffed("--json", *argv)
    assert run.code == 3, run.err
    assert run.error()["exit"] == 3
    assert staffed.count("audit_event", f"action = 'denied' AND actor = '{who}'") == 1
    assert staffed.count("customer", "merged_into_id IS NOT NULL OR blocked_at IS NOT NULL") == 0
