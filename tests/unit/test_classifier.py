"""The reason classifier on its own: readings, bad input, and storage as plain data (never a pickle)."""

from __future__ import annotations

import pickle

import pytest

from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.desk import classifier, suggestions


@pytest.fixture(scope="session")
def seed():
    return suggestions.seed_model()


def test_reads_chinese_english_and_mixed(seed):
    assert seed.classify("卡密显示已被使用，怎么回事").reason_code == "key_used"
    assert seed.classify("I was charged twice for one order").reason_code == "paid_twice"
    assert seed.classify("拍错了 wrong item sorry").reason_code == "wrong_item"


def test_a_reading_has_three_suggestions_and_its_words(seed):
    r = seed.classify("等了半小时还没发货")
    assert len(r.best()) == 3 and r.best()[0] == (r.reason_code, r.confidence)
    assert r.confidence >= max(c for _, c in r.alternatives)
    assert any("发货" in w for w, _ in r.words)


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_text_is_refused(seed, text):
    with pytest.raises(InvalidInput, match="no words"):
        seed.classify(text)


def test_only_emoji_reads_as_unsure(seed):
    assert seed.classify("😀😀🙏🙏").confidence < 0.8


def test_ten_megabytes_are_cut_to_the_first_2000_characters(seed):
    r = seed.classify("付了两次钱" * 2_000_000)
    assert r.cut and r.reason_code == "paid_twice"
    assert not seed.classify("付了两次钱").cut


def test_masked_reasons_are_never_suggested_and_the_rest_renormalised(seed):
    text = "卡密显示已被使用，怎么回事"
    allowed = [c for c in seed.classes if c != "key_used"]
    whole = seed.classify(text)
    r = seed.classify(text, allowed=allowed)
    assert whole.reason_code == "key_used" and "key_used" not in [c for c, _ in r.best()]
    runner_up, p = whole.alternatives[0]
    assert r.reason_code == runner_up
    # confidences are rounded to 4 places: a small runner-up over a small remainder carries ~1% of rounding
    assert r.confidence == pytest.approx(p / (1 - whole.confidence), rel=0.02)


def test_storage_round_trip_reads_the_same(seed):
    blob = seed.to_bytes()
    again = classifier.Model.from_bytes(blob, classifier.digest_of(blob))
    text = "price dropped right after I bought"
    assert again.classify(text) == seed.classify(text)


def test_a_tampered_blob_is_corrupted(seed):
    blob = bytearray(seed.to_bytes())
    digest = classifier.digest_of(bytes(blob))
    blob[len(blob) // 2] ^= 0xFF
    with pytest.raises(classifier.ModelCorrupted):
        classifier.Model.from_bytes(bytes(blob), digest)


class _Boom:
    def __reduce__(self):
        return (pytest.fail, ("a stored model was unpickled",))


def test_a_pickle_is_never_unpickled_even_with_its_own_digest():
    blob = pickle.dumps(_Boom())
    with pytest.raises(classifier.ModelCorrupted):
        classifier.Model.from_bytes(blob, classifier.digest_of(blob))


def test_an_npz_holding_a_pickled_array_is_refused(seed, tmp_path):
    import io

    import numpy as np

    buffer = io.BytesIO()
    np.savez(buffer, header=np.array([_Boom()], dtype=object))
    blob = buffer.getvalue()
    with pytest.raises(classifier.ModelCorrupted):
        classifier.Model.from_bytes(blob, classifier.digest_of(blob))


def test_training_learns_a_new_reason():
    samples = suggestions.seed_samples() + [
        classifier.Sample(t, "region_locked", 3.0)
        for t in ("锁区了用不了", "这个卡锁区 国区不能用", "region locked, not usable here", "显示地区不可用 锁区")
    ]
    model = classifier.train(samples)
    assert "region_locked" in model.classes
    assert model.classify("卡锁区了，国区用不了").reason_code == "region_locked"
