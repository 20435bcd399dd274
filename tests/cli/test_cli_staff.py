"""Staff accounts on the command line: the first owner, logging in, roles refused with exit 3 (and a `denied`
audit event, nothing else written), exit 4 without a login, and the data key that no longer lives in a file."""

from __future__ import annotations

import shutil

import pytest

from shopdesk.config import DB_FILENAME
from tests.cli.conftest import OWNER_PW, STAFF_PW, VIEWER_PW, add_user, as_user


def test_the_first_owner_needs_no_login_and_takes_the_key_file_away(as_owner, sd):
    assert (sd.path / "vault.key").exists()
    run = add_user(sd, "boss", "owner", OWNER_PW, "--display-name", "老板")
    assert run.code == 0, run.err
    assert run.json() == {"name": "boss", "role": "owner", "active": True, "display_name": "老板"}
    assert not (sd.path / "vault.key").exists()  # the key is wrapped for the owner in the database now
    assert sd.json("user", "list") == {
        "users": [{"name": "boss", "role": "owner", "active": True, "display_name": "老板"}]
    }


def test_the_first_user_must_be_an_owner(as_owner, sd):
    run = sd.writes_nothing("--json", "user", "add", "li", "--role", "staff", "--password-file", "/dev/null")
    assert "owner" in run.error()["error"]


def test_an_empty_passphrase_is_refused(as_owner, sd, tmp_path):
    empty = tmp_path / "pw"
    empty.write_text("\n")
    run = sd.writes_nothing("--json", "user", "add", "boss", "--role", "owner", "--new-password-file", empty)
    assert run.error()["field"] == "passphrase"


def test_without_a_login_every_command_exits_4(staffed, monkeypatch):
    monkeypatch.delenv("SHOPDESK_USER")
    for argv in (("product", "list"), ("user", "list"), ("keys", "export", "--out", staffed.path / "x.csv")):
        run = staffed.writes_nothing("--json", *argv, code=4)
        assert "--user" in run.error()["error"]


def test_a_user_naming_nobody_exits_4(staffed, monkeypatch):
    as_user(monkeypatch, "nobody", "whatever pass")
    run = staffed.writes_nothing("--json", "product", "list", code=4)
    assert "nobody" in run.error()["error"]


def test_five_wrong_passphrases_lock_the_user(staffed, monkeypatch):
    as_user(monkeypatch, "xiaowang", "not the passphrase")
    for _ in range(5):
        run = staffed("--json", "product", "list")
        assert run.code == 4 and "Wrong passphrase" in run.error()["error"]
    as_user(monkeypatch, "xiaowang", STAFF_PW)  # the right one, too late
    run = staffed("--json", "product", "list")
    assert run.code == 4 and "locked" in run.error()["error"]
    assert staffed.count("audit_event", "action = 'login_failed'") == 5


def test_a_chinese_passphrase_logs_in(staffed, monkeypatch):
    as_user(monkeypatch, "xiaowang", STAFF_PW)
    assert [p["sku"] for p in staffed.json("product", "list")["products"]] == ["Q-10"]


TRAIL = ("audit_event", "staff_user", '"change"', "sqlite_sequence", "chain_head")


def _rest(sd) -> list[str]:
    """Every row but the trail's: audit events with their change notices, and the users (a login writes its time)."""
    return [line for line in sd.dump() if not any(table in line for table in TRAIL)]


@pytest.mark.parametrize(
    ("who", "pw", "argv", "permission"),
    [
        ("xiaowang", STAFF_PW, ("keys", "export", "--out", "{dir}/keys.csv"), "keys.export"),
        ("kan", VIEWER_PW, ("key", "reveal", "1"), "keys.reveal"),
        ("kan", VIEWER_PW, ("customer", "topup", "1", "50.00", "--idempotency-key", "t1"), "money.topup"),
        ("xiaowang", STAFF_PW, ("user", "add", "li", "--role", "staff"), "users.manage"),
    ],
)
def test_a_missing_permission_exits_3_and_leaves_only_a_denied_event(staffed, monkeypatch, who, pw, argv, permission):
    as_user(monkeypatch, who, pw)
    monkeypatch.setenv("SHOPDESK_NEW_PASSWORD", "a new passphrase")
    argv = tuple(str(a).replace("{dir}", str(staffed.path)) for a in argv)
    before = _rest(staffed)
    denied_before = staffed.count("audit_event", "action = 'denied'")
    run = staffed("--json", *argv)
    assert run.code == 3, run.err
    assert permission in run.error()["error"]
    assert _rest(staffed) == before  # nothing but the trail (and the user's last login) was written
    assert staffed.count("audit_event", f"action = 'denied' AND actor = '{who}'") == denied_before + 1
    assert not (staffed.path / "keys.csv").exists()


def _paid_order(sd) -> int:
    """An order of Q-10 x 1 paid from Bob's wallet (topped up first)."""
    assert sd("customer", "topup", "1", "1000.00", "--idempotency-key", "top-1").code == 0
    return sd.json("order", "create", "--customer", "1", "--sku", "Q-10", "--pay", "wallet")["id"]


def test_staff_cannot_refund_above_their_limit(staffed, monkeypatch):
    staffed.execute("UPDATE product SET price_fen = 50000 WHERE sku = 'Q-10'")
    order_id = _paid_order(staffed)
    case = staffed.json("case", "open", str(order_id), "--reason", "changed_mind")
    as_user(monkeypatch, "xiaowang", STAFF_PW)
    before = _rest(staffed)
    run = staffed("--json", "case", "resolve", str(case["id"]), "--outcome", "cancelled")
    assert run.code == 3, run.err
    assert "200.00" in run.error()["error"] and "500.00" in run.error()["error"]
    assert _rest(staffed) == before
    small = staffed("--json", "case", "resolve", str(case["id"]), "--outcome", "cancelled", "--amount", "150.00")
    assert small.code == 0, small.err  # within the limit


def test_the_last_owner_cannot_be_disabled(staffed):
    run = staffed("--json", "user", "disable", "boss")
    assert run.code == 2 and "last active owner" in run.error()["error"]
    assert staffed.json("user", "list")["users"][0]["active"] is True


def test_a_disabled_user_cannot_log_in(staffed, monkeypatch):
    assert staffed.json("user", "disable", "kan")["active"] is False
    as_user(monkeypatch, "kan", VIEWER_PW)
    run = staffed("--json", "product", "list")
    assert run.code == 4 and "disabled" in run.error()["error"]


def test_a_changed_passphrase_logs_in_and_the_old_one_does_not(staffed, monkeypatch):
    as_user(monkeypatch, "xiaowang", STAFF_PW)
    monkeypatch.setenv("SHOPDESK_NEW_PASSWORD", "另一个很长的口令")
    assert staffed("--json", "user", "passwd").code == 0
    assert staffed("--json", "product", "list").code == 4  # the old one
    as_user(monkeypatch, "xiaowang", "另一个很长的口令")
    run = staffed("--json", "key", "reveal", "1")
    assert run.code == 0, run.err
    assert run.json()["secret"] == staffed.secrets[0]


def test_a_copied_database_opens_only_with_a_passphrase(staffed, tmp_path, monkeypatch, cli):
    fresh = tmp_path / "elsewhere"
    fresh.mkdir()
    if staffed.db_url is None:  # the file taken elsewhere; on PostgreSQL: another data dir on the same database
        shutil.copy(staffed.path / DB_FILENAME, fresh / DB_FILENAME)
    out = tmp_path / "stolen.csv"
    monkeypatch.delenv("SHOPDESK_USER")
    monkeypatch.delenv("SHOPDESK_PASSWORD")
    stolen = cli("--data-dir", fresh, "--json", "keys", "export", "--out", out)
    assert stolen.code == 4 and not out.exists()
    as_user(monkeypatch, "boss", "guessing")
    assert cli("--data-dir", fresh, "--json", "keys", "export", "--out", out).code == 4 and not out.exists()
    as_user(monkeypatch, "boss", OWNER_PW)
    run = cli("--data-dir", fresh, "--json", "keys", "export", "--out", out)
    assert run.code == 0, run.err
    assert all(secret in out.read_text() for secret in staffed.secrets)
    assert not (fresh / "vault.key").exists()


def test_an_unattended_desktop_opens_the_vault_without_a_login(staffed, monkeypatch):
    from shopdesk.app import ShopApp
    from shopdesk.config import load_config

    run = staffed("--json", "device", "allow-unattended")
    assert run.code == 0, run.err
    app = ShopApp.open(load_config(staffed.path))
    try:
        assert app.identity is None and app.vault_error is None and app.vault is not None
    finally:
        app.close()
    assert staffed.json("device", "revoke")["removed"] is True
    app = ShopApp.open(load_config(staffed.path))
    try:
        assert app.vault_error is not None and app.vault_error.code == "vault.login_needed"
    finally:
        app.close()
