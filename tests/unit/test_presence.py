"""Who else is here: heartbeats, who is online, who has a case open."""

from __future__ import annotations

from datetime import timedelta

import pytest

from shopdesk.services.common import clock
from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.staff import presence


def beat(shop, desktop, user, **kw):
    with shop.db.write() as s:
        presence.beat(s, desktop, user, **kw)


def test_desktops_online_and_on_a_case(shop):
    clock.freeze(clock.now())
    beat(shop, "A", "wang", host="front-desk", case_id=7, mode="viewing")
    beat(shop, "B", "li", case_id=7, mode="editing")
    beat(shop, "C", "zhao", case_id=8, mode="viewing")
    with shop.db.read() as s:
        assert {d.desktop_id for d in presence.online(s)} == {"A", "B", "C"}
        on_seven = presence.on_case(s, 7, besides="A")
    assert [(d.user_name, d.case_mode) for d in on_seven] == [("li", "editing")]
    clock.advance(presence.ONLINE + timedelta(seconds=1))
    beat(shop, "A", "wang")  # still here, no case now; the others fell silent
    with shop.db.read() as s:
        assert [(d.desktop_id, d.case_id) for d in presence.online(s)] == [("A", None)]
        assert presence.on_case(s, 7, besides="X") == []


def test_a_desktop_that_leaves_is_gone_at_once_and_a_bad_mode_is_refused(shop):
    beat(shop, "A", "wang")
    with shop.db.write() as s:
        presence.leave(s, "A")
    with shop.db.read() as s:
        assert presence.online(s) == []
    with pytest.raises(InvalidInput, match="Mode"), shop.db.write() as s:
        presence.beat(s, "A", "wang", case_id=1, mode="typing")
