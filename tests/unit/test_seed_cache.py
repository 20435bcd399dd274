"""The seed model's disk cache: a second process reads it instead of training, and reads exactly as the trained model;
a damaged, truncated or altered file is trained again and rewritten; a new corpus, layout or library misses; a cache
that cannot be written costs nothing but the training. And the warm-up that loads it all off the writer."""

from __future__ import annotations

import logging
import os
import pickle
import threading
import time
from pathlib import Path

import pytest

from shopdesk.services.desk import classifier, seed_cache, suggestions

TEXTS = (
    "卡密显示已被使用，怎么回事",
    "I was charged twice for one order",
    "拍错了 wrong item sorry",
    "等了半小时还没发货",
    "😀🙏",
)


@pytest.fixture(scope="module")
def seed():
    """The seed model as this run has it (trained or read once): what a stubbed training hands back."""
    return suggestions.seed_model()


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """An empty cache dir of the test's own, and a process that has not loaded the seed model yet."""
    path = tmp_path / "cache"
    monkeypatch.setenv("SHOPDESK_CACHE_DIR", str(path))
    monkeypatch.setattr(suggestions, "_seed_model", None)
    monkeypatch.setattr(suggestions, "_warm", False)
    return path


@pytest.fixture
def trainings(monkeypatch, seed):
    """classifier.train stubbed to hand back the seed model at once; the list of calls."""
    calls: list[int] = []

    def train(samples):
        calls.append(len(list(samples)))
        return seed

    monkeypatch.setattr(classifier, "train", train)
    return calls


def no_training(monkeypatch):
    def train(samples):
        raise AssertionError("the seed model was trained")

    monkeypatch.setattr(classifier, "train", train)


def cached(folder: Path) -> list[Path]:
    return sorted(folder.glob("seed-*.npz"))


def test_a_second_process_reads_the_file_without_training_and_reads_exactly_as_trained(folder, monkeypatch):
    trained = suggestions.seed_model()  # trained for real: the cache is empty
    (path,) = cached(folder)
    assert path.read_bytes() == trained.to_bytes()
    assert path.name.endswith(f"-{classifier.digest_of(path.read_bytes())}.npz")
    assert not list(folder.glob(".seed-*"))  # no temp file left behind
    monkeypatch.setattr(suggestions, "_seed_model", None)  # as a new process
    no_training(monkeypatch)
    again = suggestions.seed_model()
    assert again is not trained and again.trained_on == trained.trained_on
    for text in TEXTS:
        assert again.classify(text) == trained.classify(text), text  # same reason, confidence, runners-up, words
    assert suggestions.seed_model() is again  # once per process


def _flip_a_byte(path: Path) -> None:
    blob = bytearray(path.read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    path.write_bytes(bytes(blob))


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:1000])


def _another_digest(path: Path) -> None:
    path.rename(path.with_name(path.name.rsplit("-", 1)[0] + f"-{'0' * 64}.npz"))


def _a_pickle_under_its_own_digest(path: Path) -> None:
    class Boom:
        def __reduce__(self):
            return (pytest.fail, ("a cached model was unpickled",))

    blob = pickle.dumps(Boom())
    path.unlink()
    path.with_name(path.name.rsplit("-", 1)[0] + f"-{classifier.digest_of(blob)}.npz").write_bytes(blob)


@pytest.mark.parametrize("damage", [_flip_a_byte, _truncate, _another_digest, _a_pickle_under_its_own_digest])
def test_a_damaged_or_altered_file_is_trained_again_and_rewritten(folder, trainings, seed, monkeypatch, damage):
    suggestions.seed_model()
    (path,) = cached(folder)
    good = path.read_bytes()
    damage(path)
    monkeypatch.setattr(suggestions, "_seed_model", None)
    model = suggestions.seed_model()
    assert trainings == [len(suggestions.seed_samples())] * 2  # once to fill the cache, once for the damage
    assert model.classify(TEXTS[0]).reason_code == "key_used"
    (rewritten,) = cached(folder)  # the bad file is gone, a good one took its place
    assert rewritten.read_bytes() == good and rewritten.name == path.name
    monkeypatch.setattr(suggestions, "_seed_model", None)
    no_training(monkeypatch)
    assert suggestions.seed_model().classify(TEXTS[1]).reason_code == "paid_twice"  # and it is read next time


def test_a_new_corpus_layout_or_library_is_another_key(folder, trainings, monkeypatch):
    samples = suggestions.seed_samples()
    key = seed_cache.key_of(samples)
    assert seed_cache.key_of(list(samples)) == key  # the same input, the same key
    more = [*samples, classifier.Sample("锁区了用不了", "region_locked", 3.0)]
    assert seed_cache.key_of(more) != key
    assert seed_cache.key_of(samples[:-1]) != key
    with monkeypatch.context() as patch:
        patch.setattr(classifier, "FORMAT", classifier.FORMAT + 1)
        assert seed_cache.key_of(samples) != key
    with monkeypatch.context() as patch:
        real = seed_cache._library_version
        patch.setattr(seed_cache, "_library_version", lambda d, m: "0.0" if d == "scikit-learn" else real(d, m))
        assert seed_cache.key_of(samples) != key

    suggestions.seed_model()
    (first,) = cached(folder)
    monkeypatch.setattr(suggestions, "seed_samples", lambda: more)  # a new seed.tsv: the old file does not answer
    monkeypatch.setattr(suggestions, "_seed_model", None)
    suggestions.seed_model()
    assert trainings == [len(samples), len(more)]
    assert first.exists() and len(cached(folder)) == 2  # the other key's file stays (another version may read it)


def test_another_keys_file_nobody_read_for_a_month_and_an_old_temp_file_are_removed(folder, trainings):
    folder.mkdir()
    old, recent = folder / f"seed-{'a' * 32}-{'b' * 64}.npz", folder / f"seed-{'c' * 32}-{'d' * 64}.npz"
    old_temp, new_temp = folder / ".seed-old.tmp", folder / ".seed-new.tmp"  # the second: a write under way
    for path in (old, recent, old_temp, new_temp):
        path.write_bytes(b"PK")
    month = time.time() - seed_cache.STALE_AFTER_S - 60
    os.utime(old, (month, month))
    hour = time.time() - seed_cache.TEMP_STALE_AFTER_S - 60
    os.utime(old_temp, (hour, hour))
    suggestions.seed_model()
    assert not old.exists() and recent.exists() and len(cached(folder)) == 2
    assert not old_temp.exists() and new_temp.exists()


def test_a_cache_dir_that_cannot_be_written_still_gives_a_working_model(tmp_path, trainings, monkeypatch, caplog):
    a_file = tmp_path / "not-a-dir"
    a_file.write_text("")
    monkeypatch.setenv("SHOPDESK_CACHE_DIR", str(a_file))
    monkeypatch.setattr(suggestions, "_seed_model", None)
    with caplog.at_level(logging.DEBUG, logger="shopdesk.services.desk.seed_cache"):
        model = suggestions.seed_model()
    assert model.classify(TEXTS[1]).reason_code == "paid_twice"
    assert [r.levelno for r in caplog.records if "could not be cached" in r.getMessage()] == [logging.DEBUG]
    assert suggestions.seed_model() is model and trainings == [len(suggestions.seed_samples())]


def test_a_write_that_fails_half_way_leaves_no_file_and_is_no_error(folder, trainings, monkeypatch):
    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(seed_cache.os, "replace", full_disk)
    model = suggestions.seed_model()
    assert model.classify(TEXTS[0]).reason_code == "key_used"
    assert list(folder.iterdir()) == []  # neither the model nor its temp file


def test_a_read_only_cache_dir_still_gives_a_working_model(folder, trainings, monkeypatch):
    folder.mkdir()

    def refused(*args, **kwargs):  # what a folder without write permission answers (root ignores chmod, so simulated)
        raise PermissionError(13, "Permission denied", str(folder))

    monkeypatch.setattr(seed_cache.tempfile, "mkstemp", refused)
    assert suggestions.seed_model().classify(TEXTS[1]).reason_code == "paid_twice"
    assert cached(folder) == [] and list(folder.iterdir()) == []


# --- the warm-up ------------------------------------------------------------------------------------------------


def test_warm_up_twice_trains_once_and_loads_the_segmenter(folder, trainings):
    assert suggestions.warm_up() and suggestions.warm_up()
    assert trainings == [len(suggestions.seed_samples())]
    assert classifier._jieba is not None


def test_warm_up_from_several_threads_at_once_trains_once(folder, trainings, seed, monkeypatch):
    def slow(samples):
        time.sleep(0.2)
        trainings.append(len(list(samples)))
        return seed

    monkeypatch.setattr(classifier, "train", slow)
    results: list[bool] = []
    threads = [threading.Thread(target=lambda: results.append(suggestions.warm_up())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert results == [True] * 4 and len(trainings) == 1


def test_a_failed_warm_up_is_logged_not_raised_and_the_next_one_tries_again(
    folder, trainings, seed, monkeypatch, caplog
):
    def broken(samples):
        raise RuntimeError("no memory left")

    monkeypatch.setattr(classifier, "train", broken)
    with caplog.at_level(logging.ERROR):
        assert suggestions.warm_up() is False
    assert any("warming up the AI track failed" in r.getMessage() and r.exc_info for r in caplog.records)
    monkeypatch.setattr(classifier, "train", lambda samples: seed)
    assert suggestions.warm_up() is True


def test_a_shops_suggestion_reads_the_cached_seed_model_without_training(shop, folder, trainings, monkeypatch):
    suggestions.seed_model()  # a process before this one filled the cache
    monkeypatch.setattr(suggestions, "_seed_model", None)
    no_training(monkeypatch)
    with shop.db.read() as s:
        got = suggestions.suggest(s, TEXTS[1])
        status = suggestions.status(s)
    assert (got.model_version, got.reason_code) == (suggestions.SEED_VERSION, "paid_twice")
    assert status.model_version == suggestions.SEED_VERSION and not status.corrupted
