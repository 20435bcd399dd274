"""The reason classifier: a customer's own words read into a reason code, offline. Pure model code, no database.

Features are jieba's words plus character 1-3-grams (so an unseen word or a typo still counts), TF-IDF weighted;
the learner is scikit-learn's logistic regression. Both libraries are heavy to import and are imported only inside
the functions that train or classify. A model is stored as plain data - numpy arrays (`allow_pickle=False`) and
JSON - never as a pickle: a stored model that came from another desktop must not be able to run code here.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from shopdesk.services.common.errors import InvalidInput

MAX_CHARS = 2000  # the first 2,000 characters are read; the rest is cut (and the reading says so)
WORDS_SHOWN = 5  # the words that weighed most for the top reason
ALTERNATIVES = 2  # runners-up beside the top reason: the three best suggestions in all
FORMAT = 1  # the stored layout; a blob of another layout does not load

_jieba_lock = threading.Lock()
_jieba = None


class ModelCorrupted(ValueError):
    """A stored model that does not load: bad bytes, a digest that differs, or a layout this code cannot read."""


@dataclass(frozen=True)
class Sample:
    text: str
    reason_code: str
    weight: float = 1.0


@dataclass(frozen=True)
class Reading:
    """What the model read in a text: the top reason and its confidence (0..1), the runners-up best first, the
    words that weighed most for the top reason, and whether the text was cut to MAX_CHARS."""

    reason_code: str
    confidence: float
    alternatives: tuple[tuple[str, float], ...]
    words: tuple[tuple[str, float], ...]
    cut: bool = False

    def best(self, n: int = 3) -> list[tuple[str, float]]:
        """The n best suggestions, the top one first."""
        return [(self.reason_code, self.confidence), *self.alternatives][:n]


def _segmenter():
    """jieba, initialised once, quietly (its dictionary cache goes where jieba keeps it: the temp dir)."""
    global _jieba
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                _jieba = jieba
    return _jieba


def normalise(text: str) -> tuple[str, bool]:
    """The text as the model reads it (full-width folded, lower case, at most MAX_CHARS), and whether it was cut.
    Empty or blank text is refused."""
    if text is None or not str(text).strip():
        raise InvalidInput("ai.text_empty")
    text = str(text)
    cut = len(text) > MAX_CHARS
    text = unicodedata.normalize("NFKC", text[:MAX_CHARS]).lower()
    return text, cut


def _is_word(token: str) -> bool:
    # Emoji and punctuation are no evidence of a reason: a message of emoji alone reads as nothing (low confidence).
    return any(ch.isalnum() for ch in token)


def words(text: str) -> list[str]:
    """jieba's words of a (normalised) text, without spaces, punctuation or emoji."""
    return [w for w in (t.strip() for t in _segmenter().lcut(text)) if w and _is_word(w)]


def letters(text: str) -> str:
    """The text with everything but letters and digits turned into spaces (what the character n-grams read)."""
    return "".join(ch if ch.isalnum() else " " for ch in text)


def _vectorizers(word_vocab=None, char_vocab=None):
    from sklearn.feature_extraction.text import TfidfVectorizer

    word = TfidfVectorizer(analyzer=words, sublinear_tf=True, vocabulary=word_vocab)
    char = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(1, 3),
        preprocessor=letters,
        sublinear_tf=True,
        min_df=1 if char_vocab is not None else 2,
        vocabulary=char_vocab,
    )
    return word, char


@dataclass
class Model:
    """A trained classifier: two TF-IDF vectorizers (words, characters) and a logistic regression over both."""

    classes: tuple[str, ...]
    word_terms: tuple[str, ...]
    char_terms: tuple[str, ...]
    word_idf: object  # numpy arrays
    char_idf: object
    coef: object
    intercept: object
    trained_on: int = 0
    meta: dict = field(default_factory=dict)
    _parts: tuple | None = field(default=None, repr=False, compare=False)

    # --- reading -------------------------------------------------------------------------------------------

    def _ready(self):
        if self._parts is None:
            import numpy as np
            from sklearn.linear_model import LogisticRegression

            word, char = _vectorizers(
                {t: i for i, t in enumerate(self.word_terms)}, {t: i for i, t in enumerate(self.char_terms)}
            )
            word.idf_ = np.asarray(self.word_idf, dtype=np.float64)
            char.idf_ = np.asarray(self.char_idf, dtype=np.float64)
            lr = LogisticRegression()
            lr.classes_ = np.asarray(self.classes)
            lr.coef_ = np.asarray(self.coef, dtype=np.float64)
            lr.intercept_ = np.asarray(self.intercept, dtype=np.float64)
            terms = list(self.word_terms) + list(self.char_terms)
            self._parts = (word, char, lr, terms)
        return self._parts

    def features(self, texts: Sequence[str]):
        from scipy.sparse import hstack

        word, char, _, _ = self._ready()
        return hstack([word.transform(texts), char.transform(texts)]).tocsr()

    def classify(self, text: str, *, allowed: Iterable[str] | None = None) -> Reading:
        """Read one message. `allowed`: the reasons that may be suggested (active ones); the others are masked out
        and the rest renormalised. A model that knows none of the allowed reasons is refused."""
        normal, cut = normalise(text)
        _, _, lr, terms = self._ready()
        x = self.features([normal])
        proba = lr.predict_proba(x)[0]
        order = list(range(len(self.classes)))
        if allowed is not None:
            keep = set(allowed)
            order = [i for i in order if self.classes[i] in keep]
            if not order:
                raise InvalidInput("ai.no_known_reason")
        total = float(sum(proba[i] for i in order)) or 1.0
        ranked = sorted(order, key=lambda i: -proba[i])
        top = ranked[0]
        row = x.getrow(0)
        n_words = len(self.word_terms)
        weights: tuple[dict[str, float], dict[str, float]] = ({}, {})  # jieba's words, character n-grams
        for j, value in zip(row.indices, row.data, strict=True):
            weight = float(value * lr.coef_[top, j]) if lr.coef_.shape[0] > 1 else float(value * lr.coef_[0, j])
            term = terms[j].strip()
            kind = weights[0] if j < n_words else weights[1]
            if weight > 0 and term and weight > kind.get(term, 0.0):
                kind[term] = weight
        shown = _why(*weights)
        return Reading(
            self.classes[top],
            round(float(proba[top]) / total, 4),
            tuple((self.classes[i], round(float(proba[i]) / total, 4)) for i in ranked[1 : 1 + ALTERNATIVES]),
            tuple((w, round(v, 4)) for w, v in shown),
            cut,
        )

    # --- storing: plain data only ------------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        import numpy as np

        header = {
            "format": FORMAT,
            "classes": list(self.classes),
            "word_terms": list(self.word_terms),
            "char_terms": list(self.char_terms),
            "trained_on": self.trained_on,
            "meta": self.meta,
        }
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            header=np.frombuffer(json.dumps(header, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
            word_idf=np.asarray(self.word_idf, dtype=np.float64),
            char_idf=np.asarray(self.char_idf, dtype=np.float64),
            coef=np.asarray(self.coef, dtype=np.float64),
            intercept=np.asarray(self.intercept, dtype=np.float64),
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, blob: bytes, digest: str | None = None) -> Model:
        """A model from its stored bytes; ModelCorrupted when they do not match `digest` or do not load as plain
        arrays and JSON (nothing is ever unpickled)."""
        import numpy as np

        if not isinstance(blob, bytes | bytearray | memoryview):
            raise ModelCorrupted("not bytes")
        blob = bytes(blob)
        if digest is not None and digest_of(blob) != digest:
            raise ModelCorrupted("digest differs")
        if not blob.startswith(b"PK"):  # an .npz is a zip archive; anything else (a pickle...) is not read at all
            raise ModelCorrupted("not an npz archive")
        try:
            with np.load(io.BytesIO(blob), allow_pickle=False) as arrays:
                header = json.loads(arrays["header"].tobytes().decode("utf-8"))
                parts = {
                    k: np.array(arrays[k], dtype=np.float64) for k in ("word_idf", "char_idf", "coef", "intercept")
                }
        except Exception as exc:  # a zip that is not ours, a pickled member, bad JSON: all the same to the desk
            raise ModelCorrupted(str(exc)) from exc
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise ModelCorrupted("unknown layout")
        classes = tuple(header["classes"])
        width = len(header["word_terms"]) + len(header["char_terms"])
        rows = 1 if len(classes) == 2 else len(classes)
        if parts["coef"].shape != (rows, width) or parts["intercept"].shape != (rows,):
            raise ModelCorrupted("shapes differ")
        return cls(
            classes,
            tuple(header["word_terms"]),
            tuple(header["char_terms"]),
            parts["word_idf"],
            parts["char_idf"],
            parts["coef"],
            parts["intercept"],
            int(header.get("trained_on", 0)),
            dict(header.get("meta") or {}),
        )


def _why(word_weights: dict[str, float], char_weights: dict[str, float]) -> list[tuple[str, float]]:
    """The terms that weighed most, as a person reads them: whole words first (a single character explains little
    beside them); a run of Chinese characters only where it adds characters no word shown has (an unseen word, a
    typo), so fragments such as "示已" beside "显示", or "ng" of "going", are never shown."""
    shown = sorted(word_weights.items(), key=lambda kv: (len(kv[0]) < 2, -kv[1]))[:WORDS_SHOWN]
    seen = set("".join(w for w, _ in shown))
    for term, weight in sorted(char_weights.items(), key=lambda kv: (len(kv[0]) < 2, -kv[1])):
        if len(shown) >= WORDS_SHOWN:
            break
        if len(term) >= 2 and all(_is_han(ch) for ch in term) and not seen & set(term):
            shown.append((term, weight))
            seen |= set(term)
    return shown


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def digest_of(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()


def train(samples: Iterable[Sample]) -> Model:
    """Fit a model on samples (text, reason code, weight). Needs at least two reasons."""
    import numpy as np
    from scipy.sparse import hstack
    from sklearn.linear_model import LogisticRegression

    rows = [(normalise(s.text)[0], s.reason_code, float(s.weight)) for s in samples if s.text and s.text.strip()]
    if len({code for _, code, _ in rows}) < 2:
        raise InvalidInput("ai.too_few_reasons")
    texts = [t for t, _, _ in rows]
    word, char = _vectorizers()
    x = hstack([word.fit_transform(texts), char.fit_transform(texts)]).tocsr()
    lr = LogisticRegression(C=20.0, max_iter=2000)
    lr.fit(x, [c for _, c, _ in rows], sample_weight=np.asarray([w for _, _, w in rows]))
    word_terms = _terms(word)
    char_terms = _terms(char)
    return Model(
        tuple(str(c) for c in lr.classes_),
        word_terms,
        char_terms,
        word.idf_,
        char.idf_,
        lr.coef_,
        lr.intercept_,
        trained_on=len(rows),
    )


def _terms(vectorizer) -> tuple[str, ...]:
    terms = [""] * len(vectorizer.vocabulary_)
    for term, index in vectorizer.vocabulary_.items():
        terms[index] = term
    return tuple(terms)


@dataclass(frozen=True)
class Evaluation:
    accuracy: float
    macro_f1: float
    tested: int


def holdout(samples: Sequence[Sample], *, fraction: float = 0.2, seed: int = 16) -> tuple[list, list]:
    """A stratified held-out fraction (fixed seed): (train, test). A reason with a single sample stays in train."""
    from sklearn.model_selection import train_test_split

    counts: dict[str, int] = {}
    for s in samples:
        counts[s.reason_code] = counts.get(s.reason_code, 0) + 1
    splittable = [s for s in samples if counts[s.reason_code] >= 2]
    single = [s for s in samples if counts[s.reason_code] < 2]
    if len({s.reason_code for s in splittable}) < 2:
        return list(samples), []
    train_part, test_part = train_test_split(
        splittable, test_size=fraction, random_state=seed, stratify=[s.reason_code for s in splittable]
    )
    return list(train_part) + single, list(test_part)


def evaluate(model: Model, test: Sequence[Sample]) -> Evaluation:
    """Accuracy and macro-F1 of a model on samples it did not train on."""
    from sklearn.metrics import accuracy_score, f1_score

    if not test:
        return Evaluation(0.0, 0.0, 0)
    predicted = [model.classify(s.text).reason_code for s in test]
    truth = [s.reason_code for s in test]
    return Evaluation(
        float(accuracy_score(truth, predicted)),
        float(f1_score(truth, predicted, average="macro", zero_division=0)),
        len(test),
    )
