"""The double-entry ledger: balanced, immutable, idempotent, wallets never negative, reversed at most once."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import invariant, precondition, rule
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from svc_support import ShopMachine, add_customer, refused, snapshot, unique

from shopdesk.db.models import Account, JournalEntry, Posting
from shopdesk.services.common.errors import Conflict, IdempotencyConflict, InsufficientFunds, InvalidInput, NotFound
from shopdesk.services.common.money import MAX_FEN
from shopdesk.services.money import customers, ledger


def post(app, postings, *, key=None, kind="manual", **kw):
    with app.db.write() as s:
        return ledger.post(s, kind=kind, postings=postings, idempotency_key=key or unique("key"), actor=app.actor, **kw)


def balances(app) -> dict[str, int]:
    with app.db.read() as s:
        return dict(s.execute(select(Account.code, Account.balance_fen)).all())


# --- posting ----------------------------------------------------------------------------------


def test_post_a_balanced_entry(shop):
    cid = add_customer(shop)
    wallet = ledger.wallet_code(cid)
    result = post(shop, [(wallet, 1500), ("clearing", -1500)], kind="topup", memo="cash")
    assert result.replayed is False
    assert result.reverses_id is None
    assert dict(result.postings) == {wallet: 1500, "clearing": -1500}
    assert balances(shop)[wallet] == 1500
    assert balances(shop)["clearing"] == -1500
    with shop.db.read() as s:
        entry = s.get(JournalEntry, result.entry_id)
        assert (entry.kind, entry.memo, entry.actor) == ("topup", "cash", shop.actor)
        amounts = s.execute(select(Posting.amount_fen).where(Posting.entry_id == result.entry_id)).scalars().all()
    assert sorted(amounts) == [-1500, 1500]


def test_postings_to_one_account_are_merged(shop):
    result = post(shop, [("revenue", 300), ("revenue", 200), ("clearing", -500)])
    assert dict(result.postings) == {"revenue": 500, "clearing": -500}
    assert balances(shop)["revenue"] == 500


def test_three_way_entry(shop):
    cid = add_customer(shop, wallet_fen=1000)
    wallet = ledger.wallet_code(cid)
    post(shop, [(wallet, -1000), ("revenue", 900), ("compensation", 100)])
    got = balances(shop)
    assert (got[wallet], got["revenue"], got["compensation"]) == (0, 900, 100)


@pytest.mark.parametrize(
    ("postings", "why"),
    [
        ([("revenue", 500), ("clearing", -400)], "sum to zero"),
        ([("revenue", 500)], "at least two"),
        ([("revenue", 500), ("revenue", -500)], "at least two"),  # merges to nothing
        ([("revenue", 0), ("clearing", 0)], "at least two"),
        ([], "at least two"),
        ([("revenue", 1.5), ("clearing", -1.5)], "whole fen"),
        ([("revenue", 100.0), ("clearing", -100.0)], "whole fen"),
        ([("revenue", "100"), ("clearing", "-100")], "whole fen"),
        ([("revenue", Decimal(100)), ("clearing", Decimal(-100))], "whole fen"),
        ([("revenue", True), ("clearing", -1)], "whole fen"),
        # used to crash with OverflowError (SQLite integers are 64-bit)
        ([("revenue", 10**19), ("clearing", -(10**19))], "more than one movement"),
        ([("revenue", MAX_FEN + 1), ("clearing", -MAX_FEN - 1)], "more than one movement"),
    ],
)
def test_bad_entries_are_refused_and_write_nothing(shop, postings, why):
    with refused(shop, InvalidInput, match=why):
        post(shop, postings)


@pytest.mark.parametrize("key", ["", "   "])
def test_idempotency_key_is_required(shop, key):
    with refused(shop, InvalidInput, match="idempotency key"), shop.db.write() as s:
        ledger.post(s, kind="x", postings=[("revenue", 1), ("clearing", -1)], idempotency_key=key, actor="t")


def test_unknown_account_is_refused(shop):
    with refused(shop, NotFound, match="no-such"):
        post(shop, [("no-such", 100), ("clearing", -100)])


# --- wallets ------------------------------------------------------------------------------------


def test_wallet_never_goes_negative(shop):
    cid = add_customer(shop, wallet_fen=300)
    wallet = ledger.wallet_code(cid)
    before = snapshot(shop)
    with pytest.raises(InsufficientFunds) as info:
        post(shop, [(wallet, -301), ("revenue", 301)])
    assert "3.00" in info.value.message and "3.01" in info.value.message
    assert snapshot(shop) == before
    post(shop, [(wallet, -300), ("revenue", 300)])  # exactly all of it is fine
    assert balances(shop)[wallet] == 0


def test_a_new_wallet_cannot_be_spent(shop):
    cid = add_customer(shop)
    with refused(shop, InsufficientFunds):
        post(shop, [(ledger.wallet_code(cid), -1), ("revenue", 1)])


def test_database_refuses_a_negative_wallet_even_from_raw_sql(shop):
    cid = add_customer(shop)
    with pytest.raises(IntegrityError), shop.db.write() as s:
        s.execute(text("UPDATE account SET balance_fen = -1 WHERE code = :c"), {"c": ledger.wallet_code(cid)})
    assert balances(shop)[ledger.wallet_code(cid)] == 0


def test_largest_movement_is_accepted(shop):
    post(shop, [("revenue", MAX_FEN), ("clearing", -MAX_FEN)])
    assert balances(shop)["revenue"] == MAX_FEN


def test_topup_must_be_positive_and_sane(shop):
    cid = add_customer(shop)
    before = snapshot(shop)
    for amount in (0, -100, 10**19):
        with pytest.raises(InvalidInput), shop.db.write() as s:
            customers.topup(s, cid, amount, idempotency_key=unique("t"), actor="t")
    assert snapshot(shop) == before


# --- idempotency ------------------------------------------------------------------------------


def test_same_key_same_input_returns_the_first_result_and_writes_nothing(shop):
    cid = add_customer(shop)
    wallet = ledger.wallet_code(cid)
    first = post(shop, [(wallet, 700), ("clearing", -700)], key="topup-1", kind="topup")
    before = snapshot(shop)
    # Same movement, postings in another order: still the same input.
    again = post(shop, [("clearing", -700), (wallet, 700)], key="topup-1", kind="topup", memo="retry")
    assert again.replayed is True
    assert again.entry_id == first.entry_id
    assert again.postings == first.postings
    assert snapshot(shop) == before
    assert balances(shop)[wallet] == 700


@pytest.mark.parametrize(
    "change",
    [
        {"postings": [("revenue", 701), ("clearing", -701)]},
        {"postings": [("compensation", 700), ("clearing", -700)]},
        {"kind": "other"},
    ],
)
def test_same_key_different_input_is_refused(shop, change):
    post(shop, [("revenue", 700), ("clearing", -700)], key="k-1", kind="sale")
    before = snapshot(shop)
    args = {"postings": [("revenue", 700), ("clearing", -700)], "kind": "sale"} | change
    with pytest.raises(IdempotencyConflict, match="k-1"):
        post(shop, args["postings"], key="k-1", kind=args["kind"])
    assert snapshot(shop) == before


def test_replay_after_balances_moved_still_returns_the_first_result(shop):
    cid = add_customer(shop)
    wallet = ledger.wallet_code(cid)
    first = post(shop, [(wallet, 500), ("clearing", -500)], key="top")
    post(shop, [(wallet, -500), ("revenue", 500)])  # wallet is empty now
    again = post(shop, [(wallet, 500), ("clearing", -500)], key="top")
    assert (again.entry_id, again.replayed) == (first.entry_id, True)
    assert balances(shop)[wallet] == 0


def test_a_replayed_debit_does_not_check_the_balance_again(shop):
    cid = add_customer(shop, wallet_fen=500)
    wallet = ledger.wallet_code(cid)
    first = post(shop, [(wallet, -500), ("revenue", 500)], key="spend")
    again = post(shop, [(wallet, -500), ("revenue", 500)], key="spend")  # wallet is 0: no InsufficientFunds
    assert (again.entry_id, again.replayed) == (first.entry_id, True)


# --- reversals --------------------------------------------------------------------------------


def reverse(app, entry_id, key=None):
    with app.db.write() as s:
        return ledger.reverse(s, entry_id, idempotency_key=key or unique("rev"), actor=app.actor)


def test_reverse_once(shop):
    cid = add_customer(shop)
    wallet = ledger.wallet_code(cid)
    entry = post(shop, [(wallet, 800), ("clearing", -800)], kind="topup")
    rev = reverse(shop, entry.entry_id, key="rev-1")
    assert rev.reverses_id == entry.entry_id
    assert rev.kind == "reversal:topup"
    assert dict(rev.postings) == {wallet: -800, "clearing": 800}
    assert balances(shop)[wallet] == 0 and balances(shop)["clearing"] == 0
    # The original entry is untouched: entries are never edited.
    with shop.db.read() as s:
        assert ledger._postings_of(s, entry.entry_id) == list(entry.postings)

    before = snapshot(shop)
    again = reverse(shop, entry.entry_id, key="rev-1")
    assert (again.entry_id, again.replayed) == (rev.entry_id, True)
    with pytest.raises(Conflict, match="already reversed"):
        reverse(shop, entry.entry_id, key="rev-2")
    with pytest.raises(Conflict, match="itself a reversal"):
        reverse(shop, rev.entry_id)
    assert snapshot(shop) == before


def test_reverse_refuses_to_drive_a_wallet_negative(shop):
    cid = add_customer(shop)
    wallet = ledger.wallet_code(cid)
    topup = post(shop, [(wallet, 500), ("clearing", -500)])
    post(shop, [(wallet, -200), ("revenue", 200)])
    with refused(shop, InsufficientFunds):
        reverse(shop, topup.entry_id)


def test_reverse_unknown_entry(shop):
    with pytest.raises(NotFound):
        reverse(shop, 999_999)


def test_database_allows_one_reversal_per_entry(shop):
    entry = post(shop, [("revenue", 100), ("clearing", -100)])
    reverse(shop, entry.entry_id)
    with pytest.raises(IntegrityError), shop.db.write() as s:
        s.execute(
            text(
                "INSERT INTO journal_entry (kind, reverses_id, idempotency_key, input_hash, memo, actor, at) "
                "VALUES ('x', :r, 'raw', '', '', 't', '2026-01-01 00:00:00')"
            ),
            {"r": entry.entry_id},
        )
    with shop.db.read() as s:
        n = s.execute(select(func.count()).where(JournalEntry.reverses_id == entry.entry_id)).scalar_one()
    assert n == 1


# --- property: a random sequence of money movements against an in-memory model ----------------------


CUSTOMERS = 3


class LedgerMachine(ShopMachine):
    """Top-ups, wallet payments, transfers, refunds, reversals and replays, checked against a model."""

    def __init__(self):
        super().__init__()
        self.wallets = [ledger.wallet_code(add_customer(self.app, f"c{i}")) for i in range(CUSTOMERS)]
        self.model: dict[str, int] = {}
        # entry id -> (postings, is_reversal); reversed: entry id -> reversal id
        self.entries: dict[int, tuple[dict[str, int], bool]] = {}
        self.reversed: dict[int, int] = {}
        # idempotency key -> (call, entry id): what a replay must repeat
        self.calls: dict[str, tuple[tuple, int]] = {}
        self.serial = 0

    # -- helpers

    def _key(self) -> str:
        self.serial += 1
        return f"op-{self.serial}"

    def _entry_count(self) -> int:
        with self.app.db.read() as s:
            return s.execute(select(func.count()).select_from(JournalEntry)).scalar_one()

    def _would_overdraw(self, postings: dict[str, int]) -> bool:
        return any(c.startswith("wallet:") and self.model.get(c, 0) + a < 0 for c, a in postings.items())

    def _refused(self, error: type[Exception], write) -> pytest.ExceptionInfo:
        """write(session) must raise `error` and add no entry."""
        count = self._entry_count()
        with pytest.raises(error) as info, self.app.db.write() as s:
            write(s)
        assert self._entry_count() == count
        return info

    def _apply(self, postings: dict[str, int]) -> None:
        for code, amount in postings.items():
            self.model[code] = self.model.get(code, 0) + amount

    def _post(self, kind: str, postings: dict[str, int]) -> None:
        key = self._key()
        count = self._entry_count()
        call = ("post", kind, tuple(sorted(postings.items())))

        def post(s):
            return ledger.post(s, kind=kind, postings=list(postings.items()), idempotency_key=key, actor="prop")

        if self._would_overdraw(postings):
            self._refused(InsufficientFunds, post)
            return
        with self.app.db.write() as s:
            result = post(s)
        assert result.replayed is False
        assert self._entry_count() == count + 1
        self._apply(postings)
        self.entries[result.entry_id] = (postings, False)
        self.calls[key] = (call, result.entry_id)

    # -- rules

    @rule(who=st.integers(0, CUSTOMERS - 1), amount=st.integers(1, 10_000))
    def topup(self, who, amount):
        self._post("topup", {self.wallets[who]: amount, "clearing": -amount})

    @rule(who=st.integers(0, CUSTOMERS - 1), amount=st.integers(1, 10_000))
    def pay_from_wallet(self, who, amount):
        self._post("sale", {self.wallets[who]: -amount, "revenue": amount})

    @rule(src=st.integers(0, CUSTOMERS - 1), dst=st.integers(0, CUSTOMERS - 1), amount=st.integers(1, 10_000))
    def transfer(self, src, dst, amount):
        if src != dst:
            self._post("transfer", {self.wallets[src]: -amount, self.wallets[dst]: amount})

    @rule(who=st.integers(0, CUSTOMERS - 1), amount=st.integers(1, 5_000))
    def refund_to_wallet(self, who, amount):
        self._post("refund", {"refunds": -amount, self.wallets[who]: amount})

    @precondition(lambda self: self.entries)
    @rule(pick=st.integers(min_value=0))
    def reverse(self, pick):
        entry_id = self._pick(self.entries, pick)
        postings, is_reversal = self.entries[entry_id]
        mirror = {c: -a for c, a in postings.items()}
        key = self._key()

        def reverse(s):
            return ledger.reverse(s, entry_id, idempotency_key=key, actor="prop")

        if is_reversal or entry_id in self.reversed:
            info = self._refused(Conflict, reverse)
            assert not isinstance(info.value, InsufficientFunds)
            return
        if self._would_overdraw(mirror):
            self._refused(InsufficientFunds, reverse)
            return
        with self.app.db.write() as s:
            result = reverse(s)
        assert (result.replayed, result.reverses_id) == (False, entry_id)
        assert dict(result.postings) == mirror
        self._apply(mirror)
        self.entries[result.entry_id] = (mirror, True)
        self.reversed[entry_id] = result.entry_id
        self.calls[key] = (("reverse", entry_id), result.entry_id)

    @precondition(lambda self: self.calls)
    @rule(pick=st.integers(min_value=0))
    def replay(self, pick):
        key = self._pick(self.calls, pick)
        call, entry_id = self.calls[key]
        count = self._entry_count()
        with self.app.db.write() as s:
            if call[0] == "post":
                result = ledger.post(s, kind=call[1], postings=list(call[2]), idempotency_key=key, actor="prop")
            else:
                result = ledger.reverse(s, call[1], idempotency_key=key, actor="prop")
        assert (result.entry_id, result.replayed) == (entry_id, True)
        assert self._entry_count() == count

    @precondition(lambda self: self.calls)
    @rule(pick=st.integers(min_value=0), delta=st.integers(1, 100))
    def replay_with_other_input(self, pick, delta):
        key = self._pick(self.calls, pick)
        call, _ = self.calls[key]
        postings = [(self.wallets[0], delta), ("clearing", -delta)]
        if call[0] == "post" and call[2] == tuple(sorted(postings)):
            postings = [(self.wallets[0], delta + 1), ("clearing", -delta - 1)]
        count = self._entry_count()
        with pytest.raises(IdempotencyConflict), self.app.db.write() as s:
            ledger.post(s, kind="topup", postings=postings, idempotency_key=key, actor="prop")
        assert self._entry_count() == count

    # -- invariants, checked after every step

    @invariant()
    def books_balance(self):
        with self.app.db.read() as s:
            unbalanced = s.execute(
                text("SELECT entry_id FROM posting GROUP BY entry_id HAVING SUM(amount_fen) <> 0")
            ).all()
            stale = s.execute(
                text(
                    "SELECT a.code FROM account a WHERE a.balance_fen <> "
                    "COALESCE((SELECT SUM(amount_fen) FROM posting p WHERE p.account_id = a.id), 0)"
                )
            ).all()
            negative = s.execute(text("SELECT code FROM account WHERE kind = 'wallet' AND balance_fen < 0")).all()
            twice = s.execute(
                text(
                    "SELECT reverses_id FROM journal_entry WHERE reverses_id IS NOT NULL "
                    "GROUP BY reverses_id HAVING COUNT(*) > 1"
                )
            ).all()
            got = dict(s.execute(select(Account.code, Account.balance_fen)).all())
        assert unbalanced == []
        assert stale == []
        assert negative == []
        assert twice == []
        assert got == {code: self.model.get(code, 0) for code in got}
        assert set(self.model) <= set(got)


def test_ledger_matches_a_simple_model(template_dir):
    LedgerMachine.run_as_test(template_dir, max_examples=40, stateful_step_count=30)
