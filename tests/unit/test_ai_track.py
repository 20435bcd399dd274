"""The AI track on the desk: a request with only the customer's words gets a reason from the model when it is sure,
goes to a person with three suggestions when it is not, and rules that move money ask for more."""

from __future__ import annotations

import pytest
from desk_support import add_customer, add_product, case_row, events, make_order, view, write
from svc_support import doctor, refused

from shopdesk.db.models import AuditEvent, CaseSuggestion
from shopdesk.services.common import settings
from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.desk import cases, suggestions
from shopdesk.services.desk.reasons import REASONS


def _open(app, order_id, text, **kw):
    with app.db.write() as s:
        return cases.open_case(
            s, order_id, reason_code=kw.pop("reason_code", None), text=text, actor="storefront", **kw
        )


def _paid_undelivered(app, cust):
    add_product(app, "QQB-100", keys=0)  # no stock: paid and waiting, nothing delivered
    return make_order(app, cust, [("QQB-100", 1)])


def test_confident_text_alone_is_settled_by_the_rule_track(shop):
    oid = _paid_undelivered(shop, add_customer(shop))
    opened = _open(shop, oid, "拍错了，我要的是100面值的，不是这个")
    assert opened.suggestion.reason_code == "wrong_item"
    assert opened.suggestion.confidence >= 0.9
    assert opened.reason_code == "wrong_item" and opened.suggested_applied
    assert opened.status == "resolved"  # "Paid, not delivered, customer reason: cancel and refund"
    kinds = [k for k, _ in events(shop, opened.id)]
    assert kinds[:2] == ["opened", "reason_suggested"] and "rolled_back" in kinds
    v = view(shop, opened.id)
    assert v.suggestion.applied and not v.suggestion.disagrees
    assert v.suggestion.words  # why: the words that weighed most
    with shop.db.read() as s:
        actions = [a for (a,) in s.query(AuditEvent.action).filter(AuditEvent.subject == f"case:{opened.id}")]
    assert "ai.reason_applied" in actions
    assert doctor(shop) == []


def test_unsure_text_goes_to_a_person_with_three_suggestions(shop):
    oid = _paid_undelivered(shop, add_customer(shop))
    opened = _open(shop, oid, "😀😀🙏")
    assert opened.reason_code == suggestions.PLACEHOLDER and not opened.suggested_applied
    assert opened.status == "new"
    assert ("routed", "Paid, not delivered, customer reason: cancel and refund") in events(shop, opened.id)
    v = view(shop, opened.id)
    assert len(v.suggestion.best()) == 3 and not v.suggestion.applied
    with refused(shop, InvalidInput, match="reason"):
        write(shop, cases.resolve, opened.id, "rejected", actor="staff-a", rejection_reason="no")
    pick = v.suggestion.best()[1][0]
    after = write(shop, cases.accept_suggestion, opened.id, pick, actor="staff-a")
    assert after.reason_code == pick
    assert doctor(shop) == []


def test_money_rule_needs_090_on_the_models_reason(shop):
    oid = _paid_undelivered(shop, add_customer(shop))
    with shop.db.write() as s:
        reading = suggestions.suggest(s, "拍错了，我要的是100面值的，不是这个")
        settings.put(s, "ai.threshold", "0.5")
    assert reading.confidence >= 0.9
    # a text the model reads as wrong_item with a confidence between 0.5 and 0.9
    text = "拍错了"
    with shop.db.read() as s:
        middle = suggestions.suggest(s, text)
    assert 0.5 <= middle.confidence < 0.9, middle
    opened = _open(shop, oid, text)
    assert opened.suggested_applied and opened.status == "new"
    assert ("routed", "Paid, not delivered, customer reason: cancel and refund") in events(shop, opened.id)
    assert case_row(shop, opened.id).reason_code == middle.reason_code


def test_a_given_code_wins_and_the_disagreement_is_stored(shop):
    oid = _paid_undelivered(shop, add_customer(shop))
    opened = _open(shop, oid, "卡密显示已被使用，怎么回事", reason_code="changed_mind")
    assert opened.reason_code == "changed_mind"
    with shop.db.read() as s:
        row = s.query(CaseSuggestion).filter_by(case_id=opened.id).one()
        assert row.disagrees and not row.applied and row.reason_code == "key_used"


@pytest.mark.parametrize("text", ["", "   \n"])
def test_empty_text_is_refused_and_writes_nothing(shop, text):
    oid = _paid_undelivered(shop, add_customer(shop))
    with refused(shop, InvalidInput, match="no words"):
        _open(shop, oid, text)


@pytest.mark.breaks_invariants  # the stored model is corrupted on purpose: doctor must say so (checked below)
def test_a_corrupted_stored_model_falls_back_to_the_seed_and_says_so(shop):
    from shopdesk.db.models import ReasonModel
    from shopdesk.services.desk import classifier

    trained = suggestions.fit(suggestions.TrainingData(tuple(suggestions.seed_samples()[::2]), (), 1, tuple(REASONS)))
    write(shop, suggestions.store, trained, actor="owner")
    with shop.db.read() as s:
        assert suggestions.status(s).model_version == 1 and not suggestions.status(s).corrupted
    with shop.db.write() as s:
        row = s.query(ReasonModel).filter_by(version=1).one()
        row.blob = b"PK" + bytes(row.blob[2:])[::-1]  # the bytes changed, the digest did not
    suggestions.reset_cache()
    with shop.db.read() as s:
        st = suggestions.status(s)
        assert (st.model_version, st.corrupted, st.corrupted_versions) == (0, True, (1,))
        assert suggestions.suggest(s, "付了两次钱").model_version == 0
        from shopdesk.services.maintenance.doctor import run_checks

        found = run_checks(s)
    assert [v.check for v in found] == ["stored reason models match their digest"]
    assert "reason model 1" in found[0].detail
    assert classifier.MAX_CHARS == 2000


def test_retrain_learns_a_new_reason_and_never_suggests_a_removed_one(shop):
    from shopdesk.services.desk import reasons

    write(shop, reasons.save_reason, "region_locked", "merchant", "Region-locked key", "锁区卡")
    texts = ["锁区了用不了", "这个卡锁区 国区不能用", "region locked, not usable here", "显示地区不可用 锁区"]
    for text in texts:
        oid = _paid_undelivered_sku(shop, add_customer(shop))
        opened = _open(shop, oid, text, reason_code="region_locked")
        write(shop, cases.resolve, opened.id, "rejected", actor="staff-a", rejection_reason="checked")
    with shop.db.read() as s:
        assert suggestions.confirmed_since(s, None) == len(texts)
    done = suggestions.retrain(shop.db, actor="owner")
    assert done.model_version == 1 and done.trained_on > len(texts)
    with shop.db.read() as s:
        assert suggestions.suggest(s, "卡锁区了，国区用不了").reason_code == "region_locked"
    write(shop, reasons.save_reason, "key_used", "merchant", "Key already used", "卡密已被使用", active=False)
    with shop.db.read() as s:
        got = suggestions.suggest(s, "卡密显示已被使用，怎么回事")
    assert "key_used" not in [c for c, _ in got.best()]
    assert doctor(shop) == []


_n = [0]


def _paid_undelivered_sku(app, cust):
    _n[0] += 1
    sku = f"RL-{_n[0]}"
    add_product(app, sku, keys=1)
    return make_order(app, cust, [(sku, 1)])


def _confirm_cases(app, n: int) -> None:
    """n cases whose reason a person confirmed (resolved by hand), each with the customer's words."""
    for i in range(n):
        oid = _paid_undelivered_sku(app, add_customer(app))
        opened = _open(app, oid, f"拍错了 我要的是{i}0面值的", reason_code="wrong_item")
        write(app, cases.resolve, opened.id, "rejected", actor="staff-a", rejection_reason="checked")


def test_the_background_retrain_stores_only_when_due_and_only_once(shop):
    with shop.db.write() as s:
        settings.change(s, "ai.retrain_every", "2")
    _confirm_cases(shop, 1)
    with shop.db.read() as s:
        assert not suggestions.needs_retrain(s)
        early = suggestions.fit(suggestions.training_data(s))
    assert write(shop, suggestions.store_due, early) is None  # not due yet: nothing written
    _confirm_cases(shop, 1)
    with shop.db.read() as s:
        assert suggestions.needs_retrain(s)
        data = suggestions.training_data(s)
    first, second = suggestions.fit(data), suggestions.fit(data)  # two desktops saw it due at once
    done = write(shop, suggestions.store_due, first)
    assert done is not None and done.model_version == 1
    assert write(shop, suggestions.store_due, second) is None  # the other desktop's model is dropped
    with shop.db.read() as s:
        assert suggestions.status(s).model_version == 1 and not suggestions.needs_retrain(s)
        trail = [(a.actor, a.subject) for a in s.query(AuditEvent).filter_by(action="ai.retrained")]
    assert trail == [("system", "reason_model:1")]
    assert doctor(shop) == []


@pytest.mark.breaks_invariants  # the newest stored model is corrupted on purpose
def test_damaged_names_the_newest_models_that_do_not_load_and_never_trains(shop, monkeypatch):
    from shopdesk.db.models import ReasonModel
    from shopdesk.services.desk import classifier

    data = suggestions.TrainingData(tuple(suggestions.seed_samples()[::2]), (), 1, tuple(REASONS))
    write(shop, suggestions.store, suggestions.fit(data), actor="owner")
    write(shop, suggestions.store, suggestions.fit(data), actor="owner")
    with shop.db.read() as s:
        assert suggestions.damaged(s) == ()
    with shop.db.write() as s:
        row = s.query(ReasonModel).filter_by(version=2).one()
        row.blob = bytes(row.blob[:-10])  # cut short: the digest no longer matches
    suggestions.reset_cache()
    monkeypatch.setattr(classifier, "train", lambda *a, **k: pytest.fail("damaged() must never train"))
    with shop.db.read() as s:
        assert suggestions.damaged(s) == (2,)
        assert suggestions.damaged(s) == (2,)  # still named the second time (a damaged model is never kept)
        assert suggestions.in_use(s).version == 1  # the older stored model is used


def test_after_the_warm_up_a_request_with_words_trains_nothing_in_the_writer(shop, tmp_path, monkeypatch):
    from shopdesk.services.desk import classifier

    monkeypatch.setenv("SHOPDESK_CACHE_DIR", str(tmp_path / "cache"))  # an empty cache: the warm-up trains
    monkeypatch.setattr(suggestions, "_seed_model", None)
    monkeypatch.setattr(suggestions, "_warm", False)
    assert suggestions.warm_up()

    def train(samples):
        raise AssertionError("trained inside the request")

    monkeypatch.setattr(classifier, "train", train)
    oid = _paid_undelivered(shop, add_customer(shop))
    opened = _open(shop, oid, "拍错了，我要的是100面值的，不是这个")
    assert opened.suggestion.model_version == suggestions.SEED_VERSION
    assert opened.reason_code == "wrong_item" and opened.suggested_applied
    assert doctor(shop) == []
