"""Backups of a shop on PostgreSQL: pg_dump when it is there, else `db copy` into a SQLite file; restored into an
empty server database only."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.pg_only


def test_a_pg_dump_backup_verifies_and_restores_into_an_empty_database(stocked, pg_database, tmp_path, cli):
    made = stocked.json("backup", "create")
    assert made["engine"] == "pgdump" and made["path"].endswith(".pgdump") and made["verified"] is True
    assert stocked.json("backup", "list")["backups"][0]["path"] == made["path"]
    checked = stocked.json("backup", "verify", made["path"])
    assert checked["ok"] is True and checked["rows"]["card_key"] == 5
    refused = stocked("backup", "restore", made["path"], "--yes")  # the shop's own database is not empty
    assert refused.code == 2 and "needs an empty database" in refused.err
    other = tmp_path / "other"
    other.mkdir()
    (other / "vault.key").write_bytes((stocked.path / "vault.key").read_bytes())  # kept apart, as the backup said
    run = cli("--data-dir", other, "--db", pg_database, "--json", "backup", "restore", made["path"], "--yes")
    assert run.code == 0, run.err
    product = cli("--data-dir", other, "--db", pg_database, "--json", "product", "list")
    assert "Q-10" in product.out
    assert cli("--data-dir", other, "--db", pg_database, "--json", "doctor").json()["ok"] is True


def test_a_pg_dump_archive_cut_short_or_short_of_rows_does_not_verify(stocked, tmp_path):
    """Verify reads every data block and counts the rows against the manifest, not only the table of contents."""
    import json
    import shutil
    from pathlib import Path

    made = stocked.json("backup", "create")
    archive = Path(made["path"])
    cut = tmp_path / "cut.pgdump"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size * 2 // 3])
    shutil.copyfile(archive.with_name(archive.name + ".json"), tmp_path / "cut.pgdump.json")
    run = stocked("--json", "backup", "verify", cut)
    assert run.code == 2 and "is damaged" in run.err, run.err  # the listing alone would have said ok
    fewer = tmp_path / "fewer.pgdump"
    shutil.copyfile(archive, fewer)
    manifest = json.loads(archive.with_name(archive.name + ".json").read_text())
    manifest["rows"]["card_key"] += 1  # the archive holds one key fewer than its manifest says
    (tmp_path / "fewer.pgdump.json").write_text(json.dumps(manifest))
    run = stocked("--json", "backup", "verify", fewer)
    assert run.code == 1 and any("card_key: 5 rows in the archive" in p for p in run.json()["problems"])


def test_without_pg_dump_the_backup_is_a_sqlite_copy_restored_through_db_copy(
    stocked, pg_database, tmp_path, cli, monkeypatch
):
    from shopdesk.services.maintenance import backup_pg

    real = backup_pg.tool
    monkeypatch.setattr(backup_pg, "tool", lambda name: None if name == "pg_dump" else real(name))
    made = stocked.json("backup", "create")
    assert made["engine"] == "sqlite3" and made["path"].endswith(".sqlite3") and made["verified"] is True
    assert stocked.json("backup", "verify", made["path"])["ok"] is True
    other = tmp_path / "other"
    other.mkdir()
    (other / "vault.key").write_bytes((stocked.path / "vault.key").read_bytes())
    run = cli("--data-dir", other, "--db", pg_database, "--json", "backup", "restore", made["path"], "--yes")
    assert run.code == 0, run.err
    out = tmp_path / "keys.csv"
    export = cli("--data-dir", other, "--db", pg_database, "keys", "export", "--status", "available", "--out", out)
    assert export.code == 0, export.err
    assert all(s in out.read_text() for s in stocked.secrets)
