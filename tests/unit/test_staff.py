"""Staff in the service layer: single-user mode, the permission table, refunds within a role's limit per case,
denied actions on the record, locks, the last owner, and the data key that survives a rotation for every user."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from svc_support import add_customer, add_product, refused, snapshot

from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.db.models import AuditEvent, CardKey
from shopdesk.services.catalog import products as catalog
from shopdesk.services.catalog.products import ProductInput
from shopdesk.services.common import access, clock, keystore
from shopdesk.services.common.access import SYSTEM, NotLoggedIn, PermissionDenied
from shopdesk.services.common.errors import Conflict, InvalidInput
from shopdesk.services.desk import sop
from shopdesk.services.inventory import secrets
from shopdesk.services.money import refunds
from shopdesk.services.orders import selling
from shopdesk.services.staff import users

OWNER, STAFF, VIEWER = ("boss", "boss passphrase"), ("wang", "wang passphrase"), ("kan", "kan passphrase")


@pytest.fixture
def staffed(shop):
    """The shop with an owner, a staff member and a viewer; the owner is logged in."""
    shop.protect(*OWNER, display_name="老板")
    for (name, pw), role in ((STAFF, "staff"), (VIEWER, "viewer")):
        with shop.db.write() as s:
            users.add_user(s, shop.wrapping_key, name, role, pw, actor=shop.actor)
    return shop


def as_(shop: ShopApp, who: tuple[str, str]) -> ShopApp:
    shop.login(*who)
    return shop


def denied_events(shop: ShopApp, actor: str) -> int:
    with shop.db.read() as s:
        return s.execute(
            select(func.count()).where(AuditEvent.action == "denied", AuditEvent.actor == actor)
        ).scalar_one()


def test_a_shop_without_users_allows_everything(shop):
    with shop.db.write() as s:
        assert access.protected(s) is False
        assert access.require(s, "users.manage") is None
        assert access.require(s, "vault.rotate") is None


def test_without_a_login_a_protected_shop_refuses_and_the_storefront_acts_as_system(staffed, data_dir):
    add_product(staffed, "P-1", keys=2)
    cid = add_customer(staffed)
    with staffed.db.write() as s:
        s.info.pop("identity")  # a session nobody is logged in to (the vault stays open for the test)
        with pytest.raises(NotLoggedIn, match="log in"):
            selling.create_order(s, cid, [("P-1", 1)], actor="anyone")
        s.info["identity"] = SYSTEM  # what the storefront API's requests run as
        assert selling.create_order(s, cid, [("P-1", 1)], actor="storefront").status == "pending_payment"
    locked = ShopApp.open(load_config(data_dir))  # a fresh start: no key file, nobody logged in
    try:
        assert locked.vault_error.code == "vault.login_needed" and not (data_dir / "vault.key").exists()
    finally:
        locked.close()


def test_staff_defaults_and_a_denied_action_on_the_record(staffed):
    add_product(staffed, "P-1", keys=1)
    as_(staffed, STAFF)
    with staffed.db.write() as s:
        assert access.require(s, "keys.import").name == "wang"
        assert access.require(s, "cases.handle").role == "staff"
    before = snapshot(staffed)
    with pytest.raises(PermissionDenied, match="desk.settings") as info, staffed.db.write() as s:
        sop.save_policy(s, "customer", "normal", first_response_minutes=1, resolution_minutes=10, actor="x")
    assert info.value.exit_code == 3
    after = snapshot(staffed)
    trail = ("audit_event", "change", "chain_head", "staff_user")  # the denied event, and the login before it
    assert {t: rows for t, rows in after.items() if t not in trail} == {
        t: rows for t, rows in before.items() if t not in trail
    }
    assert denied_events(staffed, "wang") == 1


def test_a_viewer_reads_but_cannot_reveal(staffed):
    add_product(staffed, "P-1", keys=1)
    as_(staffed, VIEWER)
    with staffed.db.read() as s:
        key_id = s.execute(select(CardKey.id)).scalar_one()
    with pytest.raises(PermissionDenied, match="keys.reveal"), staffed.db.write() as s:
        secrets.reveal(s, staffed.vault, key_id, actor="kan")
    assert denied_events(staffed, "kan") == 1
    as_(staffed, OWNER)
    with staffed.db.write() as s:
        assert secrets.reveal(s, staffed.vault, key_id, actor="boss").startswith("SECRET-")


def test_the_owner_changes_what_a_role_may_do(staffed):
    with staffed.db.write() as s:
        users.set_permission(s, "staff", "catalog.edit", False, actor="boss")
    as_(staffed, STAFF)
    with pytest.raises(PermissionDenied), staffed.db.write() as s:
        catalog.add_product(s, ProductInput(sku="NEW", name="New", price_fen=100))
    with pytest.raises(PermissionDenied, match="users.manage"), staffed.db.write() as s:
        users.set_permission(s, "staff", "catalog.edit", True, actor="wang")
    as_(staffed, OWNER)
    with staffed.db.write() as s:
        users.set_permission(s, "staff", "catalog.edit", True, actor="boss")
        rights = {r.role: r for r in users.role_rights(s)}
    assert "catalog.edit" in rights["staff"].permissions and rights["staff"].refund_limit_fen == 200_00
    assert rights["owner"].permissions == frozenset(access.PERMISSIONS) and rights["viewer"].permissions == frozenset()
    with pytest.raises(InvalidInput), staffed.db.write() as s:
        users.set_permission(s, "owner", "keys.export", False, actor="boss")


def test_the_refund_limit_counts_what_the_case_refunded_already(staffed):
    add_product(staffed, "P-1", keys=1, price_fen=500_00)
    cid = add_customer(staffed)
    with staffed.db.write() as s:
        order = selling.create_order(s, cid, [("P-1", 1)], actor="boss")
        selling.pay_order(s, order.id, method="external", trade_no="T-1", actor="boss")
    from desk_support import open_case

    case = open_case(staffed, order.id, reason="delivery_late", run_rules=False)
    with staffed.db.write() as s:  # the owner gives 150.00 back on the case first
        refunds.refund(s, order.id, 150_00, destination="wallet", actor="boss", idempotency_key="r1", case_id=case.id)
    as_(staffed, STAFF)
    with staffed.db.write() as s:
        access.require_refund(s, case.id, 50_00)  # 200.00 in all: at the limit
    with pytest.raises(PermissionDenied, match="200.00") as info, staffed.db.write() as s:
        access.require_refund(s, case.id, 50_01)
    assert "200.01" in info.value.message
    with staffed.db.write() as s:
        access.require_refund(s, None, 200_00)  # no case: the limit is for this refund alone


def test_five_wrong_passphrases_lock_for_five_minutes(staffed):
    clock.freeze(clock.now())
    for _ in range(5):
        with pytest.raises(NotLoggedIn, match="Wrong passphrase"):
            staffed.login("wang", "not it at all")
    with pytest.raises(NotLoggedIn, match="locked"):
        staffed.login(*STAFF)
    clock.advance(timedelta(minutes=5, seconds=1))
    assert staffed.login(*STAFF).name == "wang"


def test_the_last_owner_stays(staffed):
    with pytest.raises(Conflict, match="last active owner"), staffed.db.write() as s:
        users.set_role(s, "boss", "staff", actor="boss")
    with pytest.raises(Conflict, match="last active owner"), staffed.db.write() as s:
        users.disable_user(s, "boss", actor="boss")
    with staffed.db.write() as s:
        users.set_role(s, "wang", "owner", actor="boss")
        users.set_role(s, "boss", "staff", actor="boss")  # another owner exists now
        assert [u.role for u in users.list_users(s)] == ["staff", "viewer", "owner"]


@pytest.mark.parametrize(("name", "error"), [("", "user name"), ("a b", "user name"), ("BOSS", "already")])
def test_bad_user_names_are_refused(staffed, name, error):
    kind = InvalidInput if error == "user name" else Conflict
    with refused(staffed, kind, match=f"(?i){error}"), staffed.db.write() as s:
        users.add_user(s, staffed.wrapping_key, name, "staff", "long enough pass", actor="boss")


def test_a_disabled_user_loses_the_login_and_the_key_copy(staffed):
    with staffed.db.write() as s:
        users.disable_user(s, "kan", actor="boss")
    with pytest.raises(NotLoggedIn, match="disabled"):
        staffed.login(*VIEWER)


def test_rotation_keeps_every_users_copy_good(staffed, data_dir):
    add_product(staffed, "P-1", keys=3)
    old = staffed.vault
    with staffed.db.write() as s:
        new = keystore.rotate(s, data_dir, old, actor="boss")
    staffed.replace_vault(new)
    assert keystore.finish_rotation(data_dir, old) is None  # no key file in a shop with users
    assert not (data_dir / "vault.key").exists()
    again = ShopApp.open(load_config(data_dir))
    try:
        again.login(*STAFF)
        assert again.vault.key_id_hex == new.key_id_hex != old.key_id_hex
        with again.db.write() as s:
            key_id = s.execute(select(CardKey.id).limit(1)).scalar_one()
            assert secrets.reveal(s, again.vault, key_id, actor="wang").startswith("SECRET-")
    finally:
        again.close()


def test_the_trail_names_the_logged_in_user_whatever_the_caller_says(staffed):
    cid = add_customer(staffed)
    as_(staffed, STAFF)
    from shopdesk.services.money import customers

    with staffed.db.write() as s:
        customers.topup(s, cid, 10_00, idempotency_key="t-1", actor="cashier_li")
    with staffed.db.read() as s:
        actors = s.execute(select(AuditEvent.actor).where(AuditEvent.action == "money.topup")).scalars().all()
    assert actors[-1] == "wang"


@pytest.mark.breaks_invariants
@pytest.mark.parametrize(
    ("damage", "check", "named"),
    [
        (
            "DELETE FROM key_wrap WHERE user_id = (SELECT id FROM staff_user WHERE name = 'wang')",
            "holds a copy",
            "wang",
        ),
        ("UPDATE staff_user SET active = false WHERE name = 'kan'", "disabled user holds no copy", "kan"),
        ("UPDATE staff_user SET role = 'staff' WHERE name = 'boss'", "has an owner", "no active owner"),
        ("DELETE FROM setting WHERE key = 'vault.key.sealed'", "keeps its key sealed", "vault.key.sealed"),
    ],
)
def test_doctor_names_what_is_wrong_with_the_staff(staffed, damage, check, named):
    from sqlalchemy import text
    from svc_support import doctor

    with staffed.db.write() as s:
        s.execute(text(damage))
    found = [v for v in doctor(staffed) if check in v.check]
    assert len(found) == 1 and named in found[0].detail
