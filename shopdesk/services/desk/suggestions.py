"""The AI track's database side: the stored reason models, the seed model, a case's suggestion, retraining on the
cases people confirmed, the model's status and its accuracy.

The newest stored model that loads is used; the seed model (trained from the shipped corpus, kept on disk by
seed_cache and in memory) is version 0; `warm_up()` loads it off the writer before the first request needs it.
Retraining is three steps so the heavy one runs off the writer: `training_data` (a read), `fit` (no database: the
caller's thread), `store` (one short write); `retrain(db)` runs all three.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import resources

from sqlalchemy import and_, bindparam, exists, func, or_, select
from sqlalchemy.orm import Session

from shopdesk.db.models import Case, CaseEvent, CaseSuggestion, Reason, ReasonModel
from shopdesk.services.common import access, audit, clock, notes, outbox, settings
from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.desk.reasons import PLACEHOLDER  # the reason a case holds until a person reads the words

SEED_VERSION = 0
SHOP_WEIGHT = 3.0  # a case a person confirmed counts three times a seed message
MONEY_CONFIDENCE = 0.9  # a rule that moves money acts on a model's reason only this sure (and never for the risky)
CONFIRMING_EVENTS = ("reason_corrected", "suggestion_accepted")

log = logging.getLogger(__name__)
_lock = threading.Lock()
_seed_model = None
_warm_lock = threading.Lock()
_warm = False
_warming_lock = threading.Lock()
_warming: threading.Thread | None = None
_loaded: dict[tuple[int, str], object] = {}  # (version, digest) -> classifier.Model


@dataclass(frozen=True)
class Suggested:
    """A reading of a text by a model: the top reason, its confidence, the runners-up and the words that weighed."""

    reason_code: str
    confidence: float
    alternatives: tuple[tuple[str, float], ...]
    words: tuple[tuple[str, float], ...]
    model_version: int
    cut: bool = False
    text: str = ""  # what was read

    def best(self, n: int = 3) -> list[tuple[str, float]]:
        return [(self.reason_code, self.confidence), *self.alternatives][:n]


@dataclass(frozen=True)
class SuggestionView:
    """A case's stored suggestion, as the case view shows it."""

    model_version: int
    reason_code: str
    confidence: float
    alternatives: tuple[tuple[str, float], ...]  # the runners-up, best first
    words: tuple[tuple[str, float], ...]  # the words that weighed most for reason_code
    applied: bool  # the case took the model's reason
    disagrees: bool  # a reason code was given with the text and it differs
    created_at: datetime
    text: str = ""  # the customer's words it read (at most classifier.MAX_CHARS)

    def best(self, n: int = 3) -> list[tuple[str, float]]:
        return [(self.reason_code, self.confidence), *self.alternatives][:n]


@dataclass(frozen=True)
class InUse:
    """The model suggestions come from now, and whether a newer stored one failed to load (`corrupted`)."""

    version: int
    model: object
    trained_on: int
    holdout_accuracy: float | None
    created_at: datetime | None
    corrupted: tuple[int, ...] = ()


# --- the seed ------------------------------------------------------------------------------------------


def seed_samples() -> list:
    """The shipped corpus (resources/ai/seed.tsv): reason_code TAB text, # comments."""
    from shopdesk.services.desk.classifier import Sample

    text = resources.files("shopdesk").joinpath("resources/ai/seed.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, _, message = line.partition("\t")
        if message.strip():
            out.append(Sample(message.strip(), code.strip()))
    return out


def seed_model():
    """The model trained on the shipped corpus alone (version 0): read from the disk cache, else trained there and
    then (seconds) and cached; once per process."""
    global _seed_model
    if _seed_model is None:
        with _lock:
            if _seed_model is None:
                from shopdesk.services.desk import seed_cache

                _seed_model = seed_cache.cached_or_trained(seed_samples())
    return _seed_model


def warm_up() -> bool:
    """Load the seed model (cache or training), jieba's dictionary and the libraries a reading imports, so the first
    real classification - often inside the writer's transaction - is quick. Run it off the GUI and DB threads.
    Idempotent and thread-safe (a second caller waits for the first); never raises: False when it failed (logged)."""
    global _warm
    if _warm:
        return True
    with _warm_lock:
        if _warm:
            return True
        try:
            from shopdesk.services.desk import classifier

            started = time.monotonic()
            model = seed_model()
            classifier._segmenter()
            model.classify("warm up 预热")  # what a reading imports and builds (SciPy, the vectorizers)
        except Exception:  # noqa: BLE001 - the first real request will train and say what is wrong
            log.exception("warming up the AI track failed")
            return False
        _warm = True
        log.debug("the AI track warmed up in %.1f s", time.monotonic() - started)
    return True


def warm_up_in_background() -> threading.Thread | None:
    """warm_up() on a daemon thread of its own (not the GUI's, an event loop's or a DB thread); None when the track
    is warm already or a warm-up is under way."""
    global _warming
    with _warming_lock:
        if _warm or (_warming is not None and _warming.is_alive()):
            return None
        _warming = threading.Thread(target=warm_up, name="shopdesk-ai-warm-up", daemon=True)
        _warming.start()
        return _warming


# --- the model in use -------------------------------------------------------------------------------------


def in_use(session: Session) -> InUse:
    """The newest stored model that loads (digest checked, plain data only), else the seed model."""

    rows = session.execute(
        select(
            ReasonModel.id,
            ReasonModel.version,
            ReasonModel.digest,
            ReasonModel.trained_on,
            ReasonModel.holdout_accuracy,
            ReasonModel.created_at,
        ).order_by(ReasonModel.version.desc())
    ).all()
    corrupted: list[int] = []
    for row in rows:
        model = _stored(session, row.id, row.version, row.digest)
        if model is None:
            corrupted.append(row.version)
            continue
        return InUse(row.version, model, row.trained_on, row.holdout_accuracy, row.created_at, tuple(corrupted))
    seed = seed_model()
    return InUse(SEED_VERSION, seed, seed.trained_on, None, None, tuple(corrupted))


def _stored(session: Session, row_id: int, version: int, digest: str):
    """A stored model, loaded once per process (digest checked, plain data only); None when it does not load.
    A damaged one is read again each time (rare, and cheap next to a reading): a restore may bring it back whole."""
    from shopdesk.services.desk import classifier

    key = (version, digest)
    model = _loaded.get(key)
    if model is None:
        blob = session.execute(select(ReasonModel.blob).where(ReasonModel.id == row_id)).scalar_one()
        try:
            model = classifier.Model.from_bytes(blob, digest)
        except classifier.ModelCorrupted:
            return None
        _loaded[key] = model
    return model


def damaged(session: Session) -> tuple[int, ...]:
    """The versions of the newest stored models that do not load, down to the first that does: what the desk
    warns of (suggestions then come from an older model or the seed). Never trains."""
    rows = session.execute(
        select(ReasonModel.id, ReasonModel.version, ReasonModel.digest).order_by(ReasonModel.version.desc())
    ).all()
    out: list[int] = []
    for row in rows:
        if _stored(session, row.id, row.version, row.digest) is not None:
            break
        out.append(row.version)
    return tuple(out)


def active_codes(session: Session) -> list[str]:
    """The reasons a suggestion may name: the active ones (never the placeholder)."""
    return [
        c for c in session.execute(select(Reason.code).where(Reason.active.is_(True))).scalars() if c != PLACEHOLDER
    ]


def suggest(session: Session, text: str) -> Suggested:
    """The model's reading of a customer's text: refuses empty text, reads at most the first 2,000 characters, and
    suggests only reasons active now (renormalised). Login is all it needs: anyone who reads cases may ask."""
    from shopdesk.services.desk import classifier

    normal, _ = classifier.normalise(text)  # refuses empty text before any model is loaded
    used = in_use(session)
    reading = used.model.classify(text, allowed=active_codes(session))
    return Suggested(
        reading.reason_code,
        reading.confidence,
        reading.alternatives,
        reading.words,
        used.version,
        reading.cut,
        str(text)[: classifier.MAX_CHARS],
    )


def threshold(session: Session) -> float:
    return float(settings.value(session, "ai.threshold"))


# --- a case's suggestion ------------------------------------------------------------------------------------


def record(session: Session, case_id: int, suggested: Suggested, *, applied: bool, disagrees: bool) -> None:
    """Store what the model read in a case's text (one row per case)."""
    session.add(
        CaseSuggestion(
            case_id=case_id,
            model_version=suggested.model_version,
            reason_code=suggested.reason_code,
            confidence=suggested.confidence,
            alternatives=json.dumps([list(a) for a in suggested.alternatives], ensure_ascii=False),
            words=json.dumps([list(w) for w in suggested.words], ensure_ascii=False),
            text=suggested.text,
            applied=applied,
            disagrees=disagrees,
            created_at=clock.now(),
        )
    )
    session.flush()


_OF_CASE = select(CaseSuggestion.__table__).where(CaseSuggestion.__table__.c.case_id == bindparam("b_case"))


def of_case(session: Session, case_id: int) -> SuggestionView | None:
    """The case's stored suggestion (every case view asks: a Core statement built once, on the session's
    connection; the driver's cursor would not do, it cannot convert this table's float column on PostgreSQL)."""
    row = session.connection().execute(_OF_CASE, {"b_case": case_id}).first()
    if row is None:
        return None
    return SuggestionView(
        row.model_version,
        row.reason_code,
        row.confidence,
        tuple((str(c), float(p)) for c, p in json.loads(row.alternatives or "[]")),
        tuple((str(w), float(v)) for w, v in json.loads(row.words or "[]")),
        row.applied,
        row.disagrees,
        row.created_at,
        row.text or "",
    )


def applied_note(suggested: Suggested) -> str:
    return notes.coded(
        "ai.applied",
        reason=suggested.reason_code,
        confidence=f"{suggested.confidence:.2f}",
        version=suggested.model_version,
    )


def audit_applied(session: Session, case_id: int, suggested: Suggested, actor: str) -> None:
    audit.record(
        session,
        actor=actor,
        action="ai.reason_suggested",
        subject=f"case:{case_id}",
        reason=suggested.reason_code,
        confidence=suggested.confidence,
        model_version=suggested.model_version,
    )


# --- training on what people confirmed ------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingData:
    seed: tuple  # classifier.Sample
    shop: tuple
    next_version: int
    active: tuple[str, ...]


def _confirmed():
    """Cases whose reason a person confirmed: accepted a suggestion, corrected the reason, or resolved by hand."""
    by_person = exists().where(
        CaseEvent.case_id == Case.id,
        or_(CaseEvent.kind.in_(CONFIRMING_EVENTS), and_(CaseEvent.kind == "resolved", CaseEvent.rule.is_(None))),
    )
    return and_(Case.reason_code != PLACEHOLDER, by_person)


def training_data(session: Session) -> TrainingData:
    """What a retrain learns from (a read): the seed corpus and the confirmed cases with the customer's words,
    both only for reasons active now."""
    from shopdesk.services.desk.classifier import Sample

    active = tuple(active_codes(session))
    keep = set(active)
    opened = (
        select(CaseEvent.note)
        .where(CaseEvent.case_id == Case.id, CaseEvent.kind == "opened")
        .order_by(CaseEvent.id)
        .limit(1)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Case.reason_code, CaseSuggestion.text, opened)
        .outerjoin(CaseSuggestion, CaseSuggestion.case_id == Case.id)
        .where(_confirmed())
        .order_by(Case.id)
    ).all()
    shop = []
    for code, stored, note in rows:
        text = stored or (note if notes.parse(note) is None else "")
        if code in keep and text and text.strip():
            shop.append(Sample(text.strip(), code, SHOP_WEIGHT))
    newest = session.execute(select(func.max(ReasonModel.version))).scalar()
    seed = tuple(s for s in seed_samples() if s.reason_code in keep)
    return TrainingData(seed, tuple(shop), (newest or 0) + 1, active)


@dataclass(frozen=True)
class Trained:
    blob: bytes
    digest: str
    classes: tuple[str, ...]
    trained_on: int
    seed_count: int
    holdout_accuracy: float
    macro_f1: float
    version: int


def fit(data: TrainingData) -> Trained:
    """Train (no database: run it off the writer): the accuracy on a held-out fifth, then the model on all."""
    from shopdesk.services.desk import classifier

    samples = list(data.seed) + list(data.shop)
    train_part, test_part = classifier.holdout(samples)
    score = classifier.evaluate(classifier.train(train_part), test_part)
    model = classifier.train(samples)
    blob = model.to_bytes()
    return Trained(
        blob,
        classifier.digest_of(blob),
        model.classes,
        model.trained_on,
        len(data.seed),
        round(score.accuracy, 4),
        round(score.macro_f1, 4),
        data.next_version,
    )


@dataclass(frozen=True)
class RetrainResult:
    model_version: int
    trained_on: int
    holdout_accuracy: float
    seed_count: int = 0
    macro_f1: float = 0.0


@access.needs("desk.settings")
def store(session: Session, trained: Trained, *, actor: str) -> RetrainResult:
    """Keep a trained model (one short write), audited. A model trained alongside takes the next free version."""
    return _keep(session, trained, actor)


def _keep(session: Session, trained: Trained, actor: str) -> RetrainResult:
    newest = session.execute(select(func.max(ReasonModel.version))).scalar() or 0
    version = max(trained.version, newest + 1)
    session.add(
        ReasonModel(
            version=version,
            created_at=clock.now(),
            created_by=actor,
            trained_on=trained.trained_on,
            seed_count=trained.seed_count,
            holdout_accuracy=trained.holdout_accuracy,
            classes=json.dumps(list(trained.classes)),
            blob=trained.blob,
            digest=trained.digest,
        )
    )
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="ai.retrained",
        subject=f"reason_model:{version}",
        trained_on=trained.trained_on,
        holdout_accuracy=trained.holdout_accuracy,
        digest=trained.digest,
    )
    outbox.emit(session, "setting", version)
    return RetrainResult(version, trained.trained_on, trained.holdout_accuracy, trained.seed_count, trained.macro_f1)


def store_due(session: Session, trained: Trained) -> RetrainResult | None:
    """The background retrain's write: the shop's own sweep (actor `system`, no person's permission), kept only
    if it is still due and no other desktop stored a model since its data was read; else nothing is written."""
    newest = session.execute(select(func.max(ReasonModel.version))).scalar() or 0
    if newest + 1 != trained.version or not needs_retrain(session):
        return None
    return _keep(session, trained, "system")


def retrain(db, *, actor: str) -> RetrainResult:
    """Read, train in this thread, write: `db` is the shop's Database (db.engine), never the writer's session."""
    db.run("read", may_retrain)  # refused before minutes of training, not after
    data = db.run("read", training_data)
    trained = fit(data)
    return db.run("write", store, trained, actor=actor)


@access.needs("desk.settings")
def may_retrain(session: Session) -> None:
    """Raises PermissionDenied unless the user may retrain (desk.settings): asked before the seconds of a fit."""
    return None


def confirmed_since(session: Session, since: datetime | None) -> int:
    """Cases confirmed by a person since `since` (their last event then) - what a retrain would add."""
    query = select(func.count()).select_from(Case).where(_confirmed())
    if since is not None:
        later = exists().where(CaseEvent.case_id == Case.id, CaseEvent.at > since)
        query = query.where(later)
    return session.execute(query).scalar_one()


def needs_retrain(session: Session) -> bool:
    """Cheap: as many newly confirmed cases as the setting `ai.retrain_every` since the newest stored model."""
    newest = session.execute(select(func.max(ReasonModel.created_at))).scalar()
    return confirmed_since(session, newest) >= int(settings.value(session, "ai.retrain_every"))


# --- figures ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Accuracy:
    days: int
    confirmed: int  # cases with a suggestion whose reason a person confirmed in the window
    correct: int  # ... where the suggestion named that reason
    settled_alone: int  # cases the model's reason let the rule track settle without a person

    @property
    def rate(self) -> float | None:
        return self.correct / self.confirmed if self.confirmed else None


def accuracy(session: Session, days: int = 30) -> Accuracy:
    since = clock.now() - timedelta(days=days)
    confirmed = session.execute(
        select(CaseSuggestion.reason_code, Case.reason_code)
        .join(Case, Case.id == CaseSuggestion.case_id)
        .where(CaseSuggestion.created_at >= since, _confirmed())
    ).all()
    settled = exists().where(
        CaseEvent.case_id == CaseSuggestion.case_id, CaseEvent.kind == "resolved", CaseEvent.rule.is_not(None)
    )
    alone = session.execute(
        select(func.count())
        .select_from(CaseSuggestion)
        .where(CaseSuggestion.created_at >= since, CaseSuggestion.applied.is_(True), settled)
    ).scalar_one()
    return Accuracy(days, len(confirmed), sum(s == c for s, c in confirmed), alone)


@dataclass(frozen=True)
class Status:
    model_version: int
    trained_on: int
    holdout_accuracy: float | None
    trained_at: datetime | None
    corrupted: bool
    corrupted_versions: tuple[int, ...]
    threshold: float
    retrain_every: int
    cases_since_training: int
    accuracy: Accuracy


def status(session: Session) -> Status:
    used = in_use(session)
    newest = session.execute(select(func.max(ReasonModel.created_at))).scalar()
    return Status(
        used.version,
        used.trained_on,
        used.holdout_accuracy,
        used.created_at,
        bool(used.corrupted),
        used.corrupted,
        threshold(session),
        int(settings.value(session, "ai.retrain_every")),
        confirmed_since(session, newest),
        accuracy(session),
    )


def reset_cache() -> None:
    """Forget loaded stored models (tests; a restore of the database)."""
    _loaded.clear()


def check_text(text: str | None) -> str:
    """The text, or InvalidInput when there is nothing to read."""
    if text is None or not str(text).strip():
        raise InvalidInput("ai.text_empty")
    return str(text)
