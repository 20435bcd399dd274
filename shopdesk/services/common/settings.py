"""Shop settings stored in the database, so every desktop sharing it agrees.

Every setting a person may change has its default, its kind and its limits in one registry (`REGISTRY`):
`value()` reads it typed (the default when unset or unreadable), `change()` validates a person's input and
writes it, owner only and audited, or refuses with one sentence saying what is allowed. Settings the code keeps
for itself (the vault's check value, sealed secrets) stay outside the registry and use `get`/`put`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.db.models import Setting
from shopdesk.services.common import outbox
from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.common.language import LANGUAGES, stored_language  # noqa: F401 - read before the shop opens


@dataclass(frozen=True)
class Spec:
    """One setting a person may change: its key, default, kind (int, bool, text, choice) and limits."""

    key: str
    default: Any
    kind: str = "int"  # "int", "float", "bool", "text", "choice"
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    max_length: int = 200
    check: Callable[[str], None] | None = None  # raises InvalidInput for a text value it refuses

    def parse(self, raw: Any) -> Any:
        """The typed value of a person's input, or InvalidInput naming the setting and what it accepts."""
        text = str(raw).strip() if raw is not None else ""
        if self.kind == "int":
            try:
                number = int(text)
            except ValueError:
                raise InvalidInput(
                    "setting.not_a_number", setting=self.key, got=repr(text), low=self.minimum, high=self.maximum
                ) from None
            if (self.minimum is not None and number < self.minimum) or (
                self.maximum is not None and number > self.maximum
            ):
                raise InvalidInput(
                    "setting.out_of_range", setting=self.key, got=number, low=self.minimum, high=self.maximum
                )
            return number
        if self.kind == "float":
            try:
                number = float(text)
            except ValueError:
                raise InvalidInput(
                    "setting.not_a_decimal", setting=self.key, got=repr(text), low=self.minimum, high=self.maximum
                ) from None
            if number != number or not self.minimum <= number <= self.maximum:  # NaN, or out of range
                raise InvalidInput(
                    "setting.out_of_range", setting=self.key, got=number, low=self.minimum, high=self.maximum
                )
            return number
        if self.kind == "bool":
            lowered = text.lower()
            if lowered in ("1", "true", "yes", "on"):
                return True
            if lowered in ("0", "false", "no", "off"):
                return False
            raise InvalidInput("setting.not_a_switch", setting=self.key, got=repr(text))
        if self.kind == "choice":
            if text not in self.choices:
                raise InvalidInput(
                    "setting.not_a_choice", setting=self.key, got=repr(text), choices=", ".join(map(repr, self.choices))
                )
            return text
        if len(text) > self.max_length:
            raise InvalidInput("setting.too_long", setting=self.key, length=len(text), limit=self.max_length)
        if self.check is not None and text:
            self.check(text)
        return text

    def stored(self, value: Any) -> str:
        if self.kind == "bool":
            return "1" if value else "0"
        return str(value)


def _zone_check(text: str) -> None:
    from shopdesk.services.common import zonenames

    zonenames.zone(text)


def _folder_check(text: str) -> None:
    from pathlib import Path

    if not Path(text).expanduser().is_absolute():
        raise InvalidInput("setting.folder_relative", setting="backup.dir", got=repr(text))


REGISTRY: dict[str, Spec] = {
    spec.key: spec
    for spec in (
        Spec("shop.name", "", kind="text", max_length=60),
        Spec("shop.timezone", "", kind="text", max_length=64, check=_zone_check),  # "" = the system's
        Spec("shop.language", "", kind="choice", choices=LANGUAGES),  # "" = each desktop's system's
        Spec("api.port", 8765, minimum=1024, maximum=65535),
        Spec("orders.pay_timeout_minutes", 15, minimum=1, maximum=24 * 60),
        Spec("stock.low_threshold", 20, minimum=0, maximum=1_000_000),  # a new product's low-stock line
        Spec("stock.expiring_days", 7, minimum=1, maximum=365),  # keys expiring within this many days warn
        Spec("alerts.min_paid_orders", 10, minimum=1, maximum=100_000),
        Spec("backup.auto", True, kind="bool"),
        Spec("backup.dir", "", kind="text", max_length=1000, check=_folder_check),  # "" = <data dir>/backups
        Spec("backup.keep_daily", 7, minimum=1, maximum=90),
        Spec("backup.keep_weekly", 4, minimum=0, maximum=104),
        # the AI track: a suggestion at or above this confidence sets the case's reason (rules that move money
        # need 0.9 whatever this says); the model retrains after this many newly confirmed cases
        Spec("ai.threshold", 0.8, kind="float", minimum=0.5, maximum=1.0),
        Spec("ai.retrain_every", 20, minimum=1, maximum=10_000),
    )
}


def spec(key: str) -> Spec:
    found = REGISTRY.get(key)
    if found is None:
        raise InvalidInput("setting.unknown", setting=repr(key), known=", ".join(sorted(REGISTRY)))
    return found


def value(session: Session, key: str) -> Any:
    """A registered setting, typed: the stored value, or its default when unset or no longer valid."""
    found = spec(key)
    raw = get(session, key)
    if raw is None:
        return found.default
    try:
        return found.parse(raw)
    except Exception:  # noqa: BLE001 - a value written before a limit changed reads as the default
        return found.default


def values(session: Session) -> dict[str, Any]:
    """Every registered setting, typed, in registry order."""
    stored = dict(session.execute(select(Setting.key, Setting.value).where(Setting.key.in_(REGISTRY))).all())
    out: dict[str, Any] = {}
    for key, found in REGISTRY.items():
        try:
            out[key] = found.default if key not in stored else found.parse(stored[key])
        except Exception:  # noqa: BLE001 - as value()
            out[key] = found.default
    return out


def change(session: Session, key: str, raw: Any) -> Any:
    """A person changes a setting: owner only, validated (nothing written on a refusal), audited. Returns the
    typed value now in force. Setting a value equal to the default stores it all the same (it stays put when a
    later version changes the default)."""
    from shopdesk.services.common import access, audit

    found = spec(key)
    typed = found.parse(raw)
    access.require_owner(session, subject=f"setting:{key}")
    before = value(session, key)
    if typed == before and get(session, key) is not None:
        return typed
    put(session, key, found.stored(typed))
    audit.record(session, actor="owner", action="setting.change", subject=f"setting:{key}", before=before, after=typed)
    return typed


def reset(session: Session, key: str) -> Any:
    """A person puts a setting back to its default (the stored value goes): owner only, audited. Returns the
    default, now in force."""
    from shopdesk.services.common import access, audit

    found = spec(key)
    access.require_owner(session, subject=f"setting:{key}")
    if get(session, key) is None:
        return found.default
    before = value(session, key)
    delete(session, key)
    audit.record(
        session, actor="owner", action="setting.reset", subject=f"setting:{key}", before=before, after=found.default
    )
    return found.default


def get(session: Session, key: str, default: str | None = None) -> str | None:
    value = session.execute(select(Setting.value).where(Setting.key == key)).scalar_one_or_none()
    return default if value is None else value


def get_int(session: Session, key: str, default: int) -> int:
    value = get(session, key)
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def put(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    session.flush()
    outbox.emit(session, "setting", 0)


def delete(session: Session, key: str) -> None:
    row = session.get(Setting, key)
    if row is not None:
        session.delete(row)
        session.flush()
        outbox.emit(session, "setting", 0)
