"""The case view's clock input: the stored fields sop.clock_state reads, for a case loaded into the view."""

from __future__ import annotations

from dataclasses import dataclass

from shopdesk.services.desk.workspace import CaseBundle


@dataclass(frozen=True)
class ClockInput:
    """The stored fields sop.clock_state reads, for a case loaded into the case view."""

    status: str
    opened_at: object
    first_response_due: object
    resolution_due: object
    first_responded_at: object
    paused_since: object


def clock_input(bundle: CaseBundle) -> ClockInput:
    c = bundle.case
    return ClockInput(
        c.status, c.opened_at, c.first_response_due, c.resolution_due, c.first_responded_at, bundle.paused_since
    )
