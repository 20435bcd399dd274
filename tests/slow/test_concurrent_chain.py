"""Three OS processes append to the same shop's trail at once: one valid chain per trail, every row in it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from workers import run_together

from shopdesk.db.models import AuditEvent, JournalEntry
from shopdesk.services.common import chain
from shopdesk.services.money import customers

pytestmark = pytest.mark.slow

WORKER = Path(__file__).with_name("chain_worker.py")
PER_PROCESS = 300


def test_processes_appending_together_leave_valid_chains(shop):
    with shop.db.write() as s:
        cid = customers.add_customer(s, "Racer").id
    go = shop.config.data_dir / "go"
    tags = ("A", "B", "C")
    reports, _ = run_together(WORKER, go, [[shop.config.data_dir, go, t, cid, PER_PROCESS] for t in tags])
    assert [r["written"] for r in reports] == [PER_PROCESS] * len(tags)
    with shop.db.read() as s:
        verdicts = {v.chain: v for v in chain.verify_all(s)}
        events = s.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
        entries = s.execute(select(func.count()).select_from(JournalEntry)).scalar_one()
        unsealed = s.execute(select(func.count()).select_from(AuditEvent).where(AuditEvent.hash.is_(None))).scalar_one()
        # the writers really interleaved: the chain's actors change hands more than once
        actors = s.execute(select(AuditEvent.actor).where(AuditEvent.action == "test.race").order_by(AuditEvent.id))
        actors = [a for (a,) in actors]
    assert verdicts["audit"].ok and verdicts["journal"].ok, verdicts
    assert unsealed == 0
    topups = len(tags) * len(range(0, PER_PROCESS, 3))
    assert entries == topups
    assert events == len(tags) * PER_PROCESS + topups
    assert verdicts["audit"].checked == events and verdicts["journal"].checked == entries
    assert sum(1 for a, b in zip(actors, actors[1:], strict=False) if a != b) > 2
