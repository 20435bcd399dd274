"""`shopdesk backup create|list|verify|restore`: verified copies while the shop runs, and every fault of issue 14."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from shopdesk.config import DB_FILENAME
from tests.cli.conftest import OWNER_PW, STAFF_PW, VIEWER_PW, as_user

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.sqlite_only("backups of the SQLite file; PostgreSQL's are in test_cli_backup_pg.py")


def child_env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_create_list_verify_print_the_contract_and_files_are_private(stocked):
    made = stocked.json("backup", "create")
    assert {"path", "size", "verified"} <= set(made)
    assert made["verified"] is True and made["size"] == os.path.getsize(made["path"])
    assert made["vault_key"] == "not_included" and made["same_disk"] is True
    path = Path(made["path"])
    assert path.parent == stocked.path / "backups" and path.name.startswith("shopdesk-") and path.suffix == ".sqlite3"
    assert mode(path) == 0o600 and mode(path.parent) == 0o700
    listed = stocked.json("backup", "list")
    assert listed == {"backups": [{"path": str(path), "at": made["at"], "size": made["size"]}]}
    checked = stocked.json("backup", "verify", path)
    assert checked["ok"] is True and checked["doctor"] == [] and checked["problems"] == []
    assert checked["rows"]["card_key"] == 5 and checked["key_checks"] is True
    assert checked["schema"] and "audit" in checked["chain_head"]
    # the person reading the terminal is told where the vault key must be kept
    text = stocked("backup", "create").out
    assert "vault key is NOT in this backup" in text and str(stocked.path / "vault.key") in text
    assert "same disk" in text


def test_a_backup_taken_while_a_writer_works_is_that_instant_whole(stocked, tmp_path):
    """The copy is one snapshot: a write committed during it is either wholly in or wholly out."""
    settings_before = stocked.count("setting")
    con = sqlite3.connect(stocked.db_path, isolation_level=None)
    con.execute("BEGIN IMMEDIATE")  # a writer holds the write lock for the whole backup (WAL: the copy goes on)
    con.execute("INSERT INTO setting (key, value) VALUES ('half.written', 'x')")
    made = stocked.json("backup", "create", "--to", tmp_path / "b")
    con.execute("ROLLBACK")
    con.close()
    checked = stocked.json("backup", "verify", made["path"])
    assert checked["ok"] is True and checked["rows"]["setting"] == settings_before


def test_restore_puts_the_backup_back_and_keeps_the_current_database_aside(stocked):
    made = stocked.json("backup", "create")
    assert stocked("customer", "add", "--name", "Late", "--contact", "wx:late").code == 0
    assert stocked.count("customer") == 2
    refused = stocked.writes_nothing("backup", "restore", made["path"])  # no --yes: asks first
    assert "--yes" in refused.err
    done = stocked.json("backup", "restore", made["path"], "--yes")
    assert done["verified"] is True and done["restored"] == made["path"] and done["vault_key"] == "in_place"
    assert stocked.count("customer") == 1  # the shop as it was at the backup
    kept = Path(done["kept_aside"])
    assert kept.name.startswith(DB_FILENAME + ".before-restore-") and kept.exists()
    con = sqlite3.connect(kept)
    assert con.execute("SELECT COUNT(*) FROM customer").fetchone()[0] == 2  # nothing lost: the later data kept aside
    con.close()
    con = sqlite3.connect(stocked.db_path)
    names = [r[0] for r in con.execute("SELECT name FROM sqlite_master")]
    assert "shopdesk_backup" not in names  # the manifest stays in the backup
    detail = con.execute("SELECT detail FROM audit_event WHERE action = 'backup.restored'").fetchone()[0]
    con.close()
    assert made["path"] in detail and kept.name in detail  # the trail says so
    assert stocked.json("audit", "verify")["ok"] is True


def test_restoring_a_file_that_is_not_a_shopdesk_database_changes_nothing(stocked, tmp_path):
    text = tmp_path / "notes.sqlite3"
    text.write_text("these are my notes, not a database\n" * 10)
    run = stocked.writes_nothing("backup", "restore", text, "--yes")
    assert "not a ShopDesk backup" in run.err
    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    run = stocked.writes_nothing("backup", "restore", other, "--yes")
    assert "not a ShopDesk one" in run.err
    verify = stocked("--json", "backup", "verify", other)
    assert verify.code == 2 and verify.error()["field"] == "path"
    assert list(stocked.path.glob("*.before-restore-*")) == []


def test_a_truncated_backup_is_refused_with_its_size(stocked, tmp_path):
    made = stocked.json("backup", "create")
    cut = tmp_path / "cut.sqlite3"
    data = Path(made["path"]).read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    run = stocked.writes_nothing("backup", "restore", cut, "--yes")
    assert "cut short" in run.err and str(len(data) // 2) in run.err
    assert stocked("backup", "verify", cut).code == 2


def test_a_backup_from_a_newer_shopdesk_is_refused(stocked, tmp_path):
    made = stocked.json("backup", "create")
    newer = tmp_path / "newer.sqlite3"
    shutil.copyfile(made["path"], newer)
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    run = stocked.writes_nothing("backup", "restore", newer, "--yes")
    assert "made by a newer ShopDesk" in run.err and "9999" in run.err
    assert stocked("backup", "verify", newer).code == 2


def test_a_backup_whose_rows_differ_from_its_manifest_fails_verify(stocked, tmp_path):
    made = stocked.json("backup", "create")
    changed = tmp_path / "changed.sqlite3"
    shutil.copyfile(made["path"], changed)
    con = sqlite3.connect(changed)
    con.execute("DELETE FROM change")
    con.commit()
    con.close()
    run = stocked("--json", "backup", "verify", changed)
    assert run.code == 1
    assert run.json()["ok"] is False and any(p.startswith("change:") for p in run.json()["problems"])
    stocked.writes_nothing("backup", "restore", changed, "--yes")


def test_restore_is_refused_while_another_process_has_the_shop_open(stocked):
    made = stocked.json("backup", "create")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from shopdesk.app import ShopApp\n"
            "from shopdesk.config import load_config\n"
            "app = ShopApp.open(load_config(sys.argv[1]))\n"
            "app.hold_open()\n"
            "print('open', flush=True)\n"
            "time.sleep(60)\n",
            str(stocked.path),
        ],
        env=child_env(),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        run = stocked.writes_nothing("backup", "restore", made["path"], "--yes")
        assert "open in another ShopDesk" in run.err
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert stocked("backup", "restore", made["path"], "--yes").code == 0  # closed (even killed): restore goes ahead


def test_a_full_backup_disk_keeps_the_old_backups_and_says_so(stocked, monkeypatch):
    from shopdesk.services.maintenance import backup

    first = stocked.json("backup", "create")
    before = sorted(p.name for p in (stocked.path / "backups").iterdir())
    hook = stocked.json("webhook", "add", "http://127.0.0.1:9/hook", "--kind", "generic", "--events", "backup_failed")

    def full(src, dst):
        dst.execute("CREATE TABLE half (x)")  # something was written before the disk filled
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "backup_pages", full)
    run = stocked("backup", "create")
    assert run.code == 2
    assert "is full" in run.err and "older backups were kept" in run.err
    assert sorted(p.name for p in (stocked.path / "backups").iterdir()) == before  # no partial, the old one there
    assert Path(first["path"]).exists()
    con = sqlite3.connect(stocked.db_path)
    error = con.execute("SELECT value FROM setting WHERE key = 'backup.last_error'").fetchone()[0]
    told = con.execute("SELECT webhook_id, event, payload FROM webhook_delivery").fetchall()
    con.close()
    assert "is full" in error
    assert [(w, e) for w, e, _ in told] == [(hook["id"], "backup_failed")]  # told off the desktop, in the same write
    assert "is full" in told[0][2]


SLOW_BACKUP = """
import sys, time
from shopdesk.app import ShopApp
from shopdesk.config import load_config
from shopdesk.services.maintenance import backup

def slow(src, dst):
    def step(status, remaining, total):
        print("step", remaining, total, flush=True)
        time.sleep(0.2)
    src.backup(dst, pages=1, progress=step)

backup.backup_pages = slow
backup.create(ShopApp.open(load_config(sys.argv[1])))
"""


def test_kill_9_during_a_backup_leaves_nothing_listed_and_the_next_run_cleans_up(stocked):
    stocked.stock("Q-10", 1500)  # a few hundred pages to copy, one at a time
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_BACKUP, str(stocked.path)], env=child_env(), stdout=subprocess.PIPE, text=True
    )
    try:
        for _ in range(3):
            assert child.stdout.readline().startswith("step")
        child.kill()  # SIGKILL, mid-copy
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        child.stdout.close()
    folder = stocked.path / "backups"
    leftovers = list(folder.glob("*.partial"))
    assert len(leftovers) == 1
    assert stocked.json("backup", "list") == {"backups": []}
    made = stocked.json("backup", "create")
    assert list(folder.glob("*.partial")) == []
    assert [b["path"] for b in stocked.json("backup", "list")["backups"]] == [made["path"]]


def test_retention_keeps_7_daily_and_4_weekly_with_a_frozen_clock(stocked):
    from shopdesk.app import ShopApp
    from shopdesk.config import load_config
    from shopdesk.services.common import clock
    from shopdesk.services.maintenance import backup

    today = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # a Wednesday
    app = ShopApp.open(load_config(stocked.path))
    try:
        for back in range(35, -1, -1):
            clock.freeze(today - timedelta(days=back))
            backup.create(app)
        clock.freeze(today + timedelta(hours=2))
        backup.create(app)  # a second backup today: both of today's are kept (the earlier may be a manual one)
    finally:
        app.close()
        clock.reset()
    kept = [b["at"][:10] for b in stocked.json("backup", "list")["backups"]]
    daily = [f"2026-12-0{d}" for d in (2, 2, 1)] + [f"2026-11-{d}" for d in (30, 29, 28, 27, 26)]
    weekly = ["2026-11-25", "2026-11-22", "2026-11-15", "2026-11-08"]  # the newest of ISO weeks 48, 47, 46, 45
    assert kept == daily + weekly


def test_to_keep_with_gaps_counts_days_that_have_a_backup():
    from shopdesk.services.maintenance.backup import to_keep

    names = [f"shopdesk-202612{d:02d}-030000.sqlite3" for d in (1, 3, 5)] + ["shopdesk-20261105-030000.sqlite3"]
    assert to_keep(names, 2, 1, UTC) == {names[2], names[1], names[0]}
    assert to_keep(names, 7, 4, UTC) == set(names)


def test_sealed_vault_key_round_trip_into_a_fresh_data_dir(stocked, tmp_path, cli):
    secret_file = tmp_path / "backup-pass"
    secret_file.write_text("备份口令 long enough\n", encoding="utf-8")
    made = stocked.json("backup", "create", "--passphrase-file", secret_file)
    assert made["vault_key"] == "sealed"
    assert "sealed in the backup" in stocked("backup", "create", "--passphrase-file", secret_file).out
    fresh = tmp_path / "new-machine"
    wrong = tmp_path / "wrong"
    wrong.write_text("not it\n")
    run = cli("--data-dir", fresh, "backup", "restore", made["path"], "--passphrase-file", wrong)
    assert run.code == 2 and "does not open" in run.err
    assert not (fresh / DB_FILENAME).exists() and not (fresh / "vault.key").exists()
    run = cli("--data-dir", fresh, "--json", "backup", "restore", made["path"], "--passphrase-file", secret_file)
    assert run.code == 0, run.err
    assert run.json()["vault_key"] == "restored" and run.json()["kept_aside"] is None
    assert mode(fresh / "vault.key") == 0o600 and mode(fresh / DB_FILENAME) == 0o600
    out = tmp_path / "keys.csv"
    export = cli("--data-dir", fresh, "keys", "export", "--status", "available", "--out", out)
    assert export.code == 0, export.err
    assert all(s in out.read_text() for s in stocked.secrets)  # the secrets open on the new machine
    assert cli("--data-dir", fresh, "--json", "doctor").json()["ok"] is True


def test_a_different_vault_key_in_the_way_needs_yes(stocked, tmp_path, cli):
    secret_file = tmp_path / "pass"
    secret_file.write_text("backup pass\n")
    made = stocked.json("backup", "create", "--passphrase-file", secret_file)
    other = tmp_path / "other"
    assert cli("--data-dir", other, "product", "list").code == 0  # another shop, another vault.key
    before = (other / "vault.key").read_bytes()
    run = cli("--data-dir", other, "backup", "restore", made["path"], "--yes", "--passphrase-file", secret_file)
    assert run.code == 0, run.err  # --yes: the other key is kept aside, retired
    assert (other / "vault.key").read_bytes() != before
    assert any(p.read_bytes() == before for p in other.glob("vault-*.retired.key"))


def test_owner_only_where_accounts_exist(staffed, monkeypatch):
    made = staffed.json("backup", "create")
    assert made["vault_key"] == "not_needed"
    assert "complete on its own" in staffed("backup", "create").out
    for name, pw in (("xiaowang", STAFF_PW), ("kan", VIEWER_PW)):
        as_user(monkeypatch, name, pw)
        for args in (("backup", "create"), ("backup", "list"), ("backup", "verify", made["path"])):
            run = staffed("--json", *args)
            assert run.code == 3, (name, args, run.err)
        run = staffed("backup", "restore", made["path"], "--yes")  # (the login and the refusal are on the record)
        assert run.code == 3 and "only an owner" in run.err
        assert list(staffed.path.glob("*.before-restore-*")) == []
    as_user(monkeypatch, "boss", OWNER_PW)
    assert staffed.json("backup", "verify", made["path"])["key_checks"] is True
    restored = staffed.json("backup", "restore", made["path"], "--yes")
    assert restored["vault_key"] == "not_needed"


def test_the_automatic_backup_is_due_once_a_day(stocked):
    from shopdesk.app import ShopApp
    from shopdesk.config import load_config
    from shopdesk.services.common import clock
    from shopdesk.services.maintenance import backup

    app = ShopApp.open(load_config(stocked.path))
    try:
        clock.freeze(datetime(2026, 12, 2, 1, 0, tzinfo=UTC))
        assert app.db.run("read", backup.due) is True
        first = backup.run_due(app)
        assert first is not None and Path(first["path"]).exists()
        assert backup.run_due(app) is None  # done today
        assert app.db.run("read", backup.status)["colour"] == "green"
        clock.freeze(datetime(2026, 12, 4, 2, 0, tzinfo=UTC))
        assert app.db.run("read", backup.status)["colour"] == "amber"
        assert app.db.run("read", backup.due) is True
        with app.db.write() as session:
            from shopdesk.services.common import settings

            settings.change(session, "backup.auto", "off")
        assert backup.run_due(app) is None
    finally:
        app.close()


def test_backup_create_to_another_folder_needs_it_writable(stocked, tmp_path):
    blocked = tmp_path / "ro"
    blocked.mkdir()
    (blocked / "backups").write_text("a file where the folder would go")
    run = stocked("backup", "create", "--to", blocked / "backups")
    assert run.code == 2 and "Cannot write a backup" in run.err


def test_a_backup_without_its_key_restored_on_a_new_machine_says_to_bring_vault_key_back(stocked, tmp_path, cli):
    made = stocked.json("backup", "create")
    fresh = tmp_path / "new-machine"
    run = cli("--data-dir", fresh, "backup", "restore", made["path"])  # no shop there: nothing to confirm
    assert run.code == 0, run.err
    assert "put it back as" in run.out and str(fresh / "vault.key") in run.out
    shutil.copyfile(stocked.path / "vault.key", fresh / "vault.key")
    assert cli("--data-dir", fresh, "--json", "doctor").json()["ok"] is True


def test_a_backup_from_an_older_shopdesk_verifies_and_is_migrated_up_when_restored(stocked, tmp_path):
    from shopdesk.db import migrate
    from shopdesk.db.engine import Database

    older = tmp_path / "older.sqlite3"
    db = Database(f"sqlite:///{older}")
    try:
        migrate.upgrade(db, "0014")
    finally:
        db.dispose()
    checked = stocked.json("backup", "verify", older)
    assert checked["ok"] is True and checked["schema"] == "0014" and checked["manifest"] is False
    con = sqlite3.connect(older)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0014"  # verified on a copy
    con.close()
    done = stocked.json("backup", "restore", older, "--yes")
    assert done["schema_from"] == "0014" and done["schema_to"] == migrate.head_revision()


def test_a_shop_with_a_problem_is_still_backed_up_but_never_counted_as_good(stocked):
    """Doctor's problem is the shop's own: the copy is faithful, so it is kept (a shop with a problem needs a backup
    most), exit 1 and not verified, the failure recorded; older backups are not pruned on its account."""
    con = sqlite3.connect(stocked.db_path)
    key_id, product_id = con.execute("SELECT id, product_id FROM card_key ORDER BY id LIMIT 1").fetchone()
    con.execute("UPDATE card_key SET product_id = 999999 WHERE id = ?", (key_id,))  # foreign keys are off here
    con.commit()
    try:
        run = stocked("--json", "backup", "create")
        assert run.code == 1, run.err
        made = run.json()
        assert made["verified"] is False and "foreign keys" in made["doctor"]
        assert Path(made["path"]).exists() and made["pruned"] == []
        assert [b["path"] for b in stocked.json("backup", "list")["backups"]] == [made["path"]]
        error = con.execute("SELECT value FROM setting WHERE key = 'backup.last_error'").fetchone()[0]
        assert "problems in the shop itself" in error
    finally:
        con.execute("UPDATE card_key SET product_id = ? WHERE id = ?", (product_id, key_id))
        con.commit()
        con.close()
