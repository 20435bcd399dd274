"""The AI track's storage: reason models (versioned plain data with a sha256 digest) and each case's suggestion."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shopdesk.db.models.base import Base, Id
from shopdesk.db.types import UTCDateTime


class ReasonModel(Base):
    """One trained reason classifier: an .npz archive of arrays plus JSON (never a pickle) and its sha256."""

    __tablename__ = "reason_models"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    trained_on: Mapped[int] = mapped_column(Integer)  # samples in all
    seed_count: Mapped[int] = mapped_column(Integer)  # of which from the shipped corpus
    holdout_accuracy: Mapped[float | None] = mapped_column(Float)
    classes: Mapped[str] = mapped_column(Text)  # JSON list of reason codes
    blob: Mapped[bytes] = mapped_column(LargeBinary)
    digest: Mapped[str] = mapped_column(String(64))


class CaseSuggestion(Base):
    """What the model read in a case's text: its top reason and confidence, the runners-up and the words that
    weighed most (JSON), whether the case took it (`applied`) and whether a given reason code differed."""

    __tablename__ = "case_suggestions"
    __table_args__ = (Index("ix_case_suggestions_created_at", "created_at"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    model_version: Mapped[int] = mapped_column(Integer)
    reason_code: Mapped[str] = mapped_column(String(40))
    confidence: Mapped[float] = mapped_column(Float)
    alternatives: Mapped[str] = mapped_column(Text, default="[]")
    words: Mapped[str] = mapped_column(Text, default="[]")
    text: Mapped[str] = mapped_column(Text, default="")  # what was read (at most the classifier's MAX_CHARS)
    applied: Mapped[bool] = mapped_column(Boolean, default=False)
    disagrees: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
