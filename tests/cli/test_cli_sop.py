"""`shopdesk sop calendar set | list` and `sop policy set | list`: the JSON contract, refusals, permissions."""

from __future__ import annotations

import pytest

from tests.cli.conftest import OWNER_PW, STAFF_PW, VIEWER_PW, as_user

HOURS = "mon-fri 09:00-21:00, sat-sun 10:00-18:00"


def test_a_calendar_is_set_and_listed(sd):
    run = sd(
        "--json",
        "sop",
        "calendar",
        "set",
        "shop",
        "--hours",
        HOURS,
        "--holiday",
        "2026-10-01",
        "--workday",
        "2026-10-10",
    )
    assert run.code == 0, run.err
    made = run.json()["calendar"]
    assert {k: made[k] for k in ("id", "name", "hours", "holidays", "workdays")} == {
        "id": 1,
        "name": "shop",
        "hours": HOURS,
        "holidays": ["2026-10-01"],
        "workdays": ["2026-10-10"],
    }
    listed = sd.json("sop", "calendar", "list")["calendars"]
    assert [c["name"] for c in listed] == ["shop"] and set(listed[0]) >= {"updated_at", "updated_by"}
    assert sd("sop", "calendar", "list").out.startswith("shop: mon-fri 09:00-21:00")
    sd.doctor_ok()


def test_chinas_public_holidays_fill_a_year(sd):
    cal = sd.json("sop", "calendar", "set", "cn", "--hours", "mon-fri 09:00-18:00", "--china-holidays", "2026")
    assert "2026-10-01" in cal["calendar"]["holidays"] and "2026-10-10" in cal["calendar"]["workdays"]
    again = sd.json("sop", "calendar", "set", "cn", "--china-holidays", "2026", "--remove-day", "2026-10-10")
    assert again["calendar"]["hours"] == "mon-fri 09:00-18:00" and "2026-10-10" not in again["calendar"]["workdays"]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--hours", "mon-fri 25:00-21:00"], "'25:00-21:00'"),
        (["--hours", "funday 9-5"], "'funday'"),
        (["--hours", "mon-fri 09:00-12:00 11:00-13:00"], "overlap"),
        (["--hours", "mon 21:00-09:00"], "'21:00-09:00' does not end after it starts"),
        (["--hours", HOURS, "--holiday", "2026-13-01"], "--holiday: '2026-13-01' is not a date"),
        (["--hours", HOURS, "--workday", "10/10/2026"], "--workday: '10/10/2026' is not a date"),
        (["--hours", HOURS, "--china-holidays", "1800"], "1800 is not a year"),
        ([], "is new: give its opening hours"),
    ],
)
def test_bad_calendars_exit_2_naming_the_bad_part_and_write_nothing(sd, args, named):
    run = sd.writes_nothing("sop", "calendar", "set", "shop", *args)
    assert named in run.err and run.err.count("\n") == 1  # one sentence


def test_a_policy_names_a_calendar(sd):
    sd.json("sop", "calendar", "set", "shop", "--hours", HOURS)
    run = sd.json(
        "sop",
        "policy",
        "set",
        "--class",
        "customer",
        "--priority",
        "normal",
        "--first-response",
        "5",
        "--calendar",
        "shop",
    )
    assert {k: run["policy"][k] for k in ("class", "priority", "first_response_minutes", "calendar")} == {
        "class": "customer",
        "priority": "normal",
        "first_response_minutes": 5,
        "calendar": "shop",
    }
    policies = sd.json("sop", "policy", "list")["policies"]
    mine = next(p for p in policies if (p["class"], p["priority"]) == ("customer", "normal"))
    assert mine["calendar"] == "shop" and set(mine) >= {"id", "resolution_minutes", "pause_states", "created_at"}
    assert all(p["calendar"] is None for p in policies if p is not mine)
    kept = sd.json("sop", "policy", "set", "--class", "customer", "--priority", "normal", "--resolution", "90")
    assert kept["policy"]["calendar"] == "shop" and kept["policy"]["first_response_minutes"] == 5
    cleared = sd.json("sop", "policy", "set", "--class", "customer", "--priority", "normal", "--no-calendar")
    assert cleared["policy"]["calendar"] is None


def test_a_policy_with_an_unknown_calendar_or_bad_targets_is_refused(sd):
    run = sd.writes_nothing("sop", "policy", "set", "--class", "customer", "--priority", "normal", "--calendar", "x")
    assert "No calendar 'x'" in run.err
    run = sd.writes_nothing("sop", "policy", "set", "--class", "customer", "--priority", "normal", "--resolution", "0")
    assert "Targets are whole minutes" in run.err


def test_only_the_owner_changes_and_everyone_lists(staffed, as_owner):
    assert staffed("sop", "calendar", "set", "shop", "--hours", HOURS).code == 0
    for name, pw in (("xiaowang", STAFF_PW), ("kan", VIEWER_PW)):
        as_user(as_owner, name, pw)
        assert [c["name"] for c in staffed.json("sop", "calendar", "list")["calendars"]] == ["shop"]
        assert len(staffed.json("sop", "policy", "list")["policies"]) == 6
        run = staffed("sop", "calendar", "set", "shop", "--hours", "mon-sun 00:00-24:00")
        assert run.code == 3 and "desk.settings" in run.err
        run = staffed("sop", "policy", "set", "--class", "customer", "--priority", "high", "--calendar", "shop")
        assert run.code == 3
    as_user(as_owner, "boss", OWNER_PW)
    assert staffed.json("sop", "calendar", "list")["calendars"][0]["hours"] == HOURS
