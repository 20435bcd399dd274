"""`shopdesk ai classify | retrain | status`: the AI track headless. The seed model trains once per test process
(it is kept in memory), whatever number of tests read with it."""

from __future__ import annotations

import io

import pytest

from tests.cli.conftest import STAFF_PW, VIEWER_PW, as_user

CLASSIFY_FIELDS = {"reason_code", "class", "confidence", "alternatives", "model_version"}


def test_classify_json_has_exactly_the_issues_fields_and_more_only_beside_them(sd):
    got = sd.json("--json", "ai", "classify", "卡密显示已被使用，怎么回事")
    assert set(got) >= CLASSIFY_FIELDS
    assert (got["reason_code"], got["class"], got["model_version"]) == ("key_used", "merchant", 0)
    assert 0.5 < got["confidence"] <= 1
    assert [set(a) for a in got["alternatives"]] == [{"reason_code", "confidence"}] * 2
    assert all(a["confidence"] <= got["confidence"] for a in got["alternatives"])
    assert got["reason_code"] not in [a["reason_code"] for a in got["alternatives"]]
    assert got["cut"] is False


def test_classify_reads_english_alone_and_prints_its_reading(sd):
    run = sd("ai", "classify", "I was charged twice for one order")
    assert run.code == 0
    assert run.out.startswith("paid_twice (customer)") and "model 0" in run.out


def test_classify_writes_nothing(sd):
    before = sd.dump()
    assert sd("ai", "classify", "等了半小时还没发货").code == 0
    assert sd.dump() == before


def test_empty_text_exits_2_with_a_clear_message(sd):
    for text in ("", "   "):
        run = sd("--json", "ai", "classify", text)
        assert run.code == 2
        assert "no words to read" in run.error()["error"]


def test_ten_megabytes_through_the_cli_are_cut_with_a_note(sd):
    run = sd("--json", "ai", "classify", "付了两次钱" * 2_000_000)  # 10 million characters
    assert run.code == 0
    got = run.json()
    assert got["reason_code"] == "paid_twice" and got["cut"] is True
    assert "only the first 2000 characters were read" in run.err
    plain = sd("ai", "classify", "付了两次钱" * 2_000_000)
    assert "note: the message is longer than 2000 characters" in plain.out


def test_ten_megabytes_on_standard_input_are_cut_too(sd, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("the code says already redeemed " * 350_000))
    run = sd("--json", "ai", "classify", "-")
    assert run.code == 0
    got = run.json()
    assert got["reason_code"] == "key_used" and got["cut"] is True


def test_retrain_json_then_status_names_the_new_model(sd):
    done = sd.json("--json", "ai", "retrain")
    assert set(done) == {"model_version", "trained_on", "holdout_accuracy"}
    assert done["model_version"] == 1 and done["trained_on"] >= 600
    assert 0.8 <= done["holdout_accuracy"] <= 1
    assert sd.count("reason_models") == 1
    st = sd.json("--json", "ai", "status")
    assert (st["model_version"], st["trained_on"], st["holdout_accuracy"]) == (
        1,
        done["trained_on"],
        done["holdout_accuracy"],
    )
    assert st["corrupted"] is False
    assert sd.json("--json", "ai", "classify", "付了两次钱")["model_version"] == 1
    assert "model 2: trained on" in sd("ai", "retrain").out  # and again: the next version


def test_status_of_a_fresh_shop_is_the_seed_model(sd):
    st = sd.json("--json", "ai", "status")
    assert (st["model_version"], st["corrupted"], st["corrupted_versions"]) == (0, False, [])
    assert st["threshold"] == 0.8 and st["retrain_every"] == 20 and st["cases_since_training"] == 0
    assert st["accuracy_30d"] == {"confirmed": 0, "correct": 0, "rate": None, "settled_alone": 0}
    assert "the seed model (version 0)" in sd("ai", "status").out


@pytest.mark.breaks_invariants
def test_a_corrupted_stored_model_shows_in_status_and_the_seed_model_reads(sd):
    assert sd("ai", "retrain").code == 0
    sd.execute("UPDATE reason_models SET digest = ? WHERE version = 1", "0" * 64)
    st = sd.json("--json", "ai", "status")
    assert (st["model_version"], st["corrupted"], st["corrupted_versions"]) == (0, True, [1])
    assert "warning: stored model(s) 1 do not load (corrupted)" in sd("ai", "status").out
    assert sd.json("--json", "ai", "classify", "付了两次钱")["model_version"] == 0
    doctor = sd("doctor")  # reported, not fatal
    assert doctor.code == 1 and "reason model 1: its bytes do not match their digest" in doctor.out


def test_retrain_is_refused_for_staff_and_viewers_who_may_still_classify(staffed, monkeypatch):
    for name, pw in (("xiaowang", STAFF_PW), ("kan", VIEWER_PW)):
        as_user(monkeypatch, name, pw)
        run = staffed("--json", "ai", "retrain")
        assert run.code == 3, (name, run.err)
        assert run.error()["error"]
        assert staffed.count("reason_models") == 0
        assert staffed.json("--json", "ai", "classify", "拍错了，我要的是100面值的")["reason_code"] == "wrong_item"
        assert staffed.json("--json", "ai", "status")["model_version"] == 0
