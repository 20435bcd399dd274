"""File → Back up now / Restore…, the status bar's last-backup age (amber after two days), the settings widget."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from shopdesk.services.common import clock
from tests.gui.conftest import drain, run_until


def _backups(folder: Path) -> list[Path]:
    """The finished backups in the folder (a SQLite file, or a pg_dump archive on PostgreSQL)."""
    return [p for p in folder.glob("shopdesk-*") if p.suffix in (".sqlite3", ".pgdump")] if folder.is_dir() else []


def _boxes(window, name="messageBox"):
    return [b for b in window.findChildren(QMessageBox, name) if b.isVisible()]


def test_back_up_now_from_the_menu_makes_a_file_and_the_status_bar_shows_its_age(window, loop):
    button = window.backups.button
    run_until(loop, lambda: button.text() != "", what="the backup status")
    assert button.text() == "Never backed up" and button.property("colour") == "red"
    window.menus.backup_action.trigger()
    run_until(loop, lambda: _boxes(window), what="the backup's result", timeout=30)
    files = _backups(window.config.data_dir / "backups")
    assert len(files) == 1
    text = _boxes(window)[0].text()
    assert str(files[0]) in text and "verified" in text
    assert "vault key is not in this backup" in text and str(Path(window.config.data_dir) / "vault.key") in text
    run_until(loop, lambda: button.text() == "Backed up 1 min ago", what="the age")
    assert button.property("colour") == "green"
    _boxes(window)[0].accept()
    drain(loop)


def test_the_age_turns_amber_after_two_days(window, loop):
    window.menus.backup_action.trigger()
    run_until(loop, lambda: _boxes(window), what="the backup's result", timeout=30)
    _boxes(window)[0].accept()
    clock.freeze(clock.now() + timedelta(hours=26))
    window.backups.refresh()
    run_until(loop, lambda: window.backups.button.text() == "Backed up 26 h ago", what="a day later")
    assert window.backups.button.property("colour") == "green"
    clock.freeze(clock.now() + timedelta(days=1))
    window.backups.refresh()
    run_until(loop, lambda: window.backups.button.text() == "Backed up 2 days ago", what="two days later")
    assert window.backups.button.property("colour") == "amber"


def test_the_automatic_backup_runs_when_due_and_not_twice_a_day(window, loop):
    window.backups.look()
    folder = window.config.data_dir / "backups"
    run_until(loop, lambda: len(_backups(folder)) == 1 and not window.backups.running, timeout=30)
    assert not _boxes(window)  # the automatic one asks nothing and shows no box
    window.backups.look()
    drain(loop)
    assert len(_backups(folder)) == 1


def test_a_refused_restore_changes_nothing_and_the_window_goes_on(window, loop, tmp_path):
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_text("not a database")
    task = loop.create_task(window.backups.restore_file(str(bogus)))
    run_until(loop, lambda: _boxes(window, "confirmBox"), what="the question")
    box = _boxes(window, "confirmBox")[0]
    box.button(QMessageBox.StandardButton.Yes).click()
    run_until(loop, task.done, what="the restore")
    assert task.result() is None
    assert not list(window.config.data_dir.glob("*.before-restore-*"))
    assert window.isVisible()


def test_the_settings_widget_saves_the_retention_and_lists_backups(window, loop, qtbot):
    from shopdesk.services.common import settings
    from shopdesk.ui.settings.backups import BackupSettings

    widget = BackupSettings(window.ops)
    qtbot.addWidget(widget)
    loop.run_until_complete(widget.load())
    assert widget.keep_daily.value() == 7 and widget.keep_weekly.value() == 4 and widget.auto.isChecked()
    assert not widget.same_disk.isHidden()  # the default folder is on the same disk as the database
    widget.keep_daily.setValue(10)
    loop.run_until_complete(widget.save())
    assert loop.run_until_complete(window.ops.read(settings.value, "backup.keep_daily")) == 10
    loop.run_until_complete(widget.back_up())
    run_until(loop, lambda: widget.table.rowCount() == 1, what="the new backup listed", timeout=30)


@pytest.mark.sqlite_only("restores the SQLite file in place; PostgreSQL restores into an empty database only")
def test_restore_from_the_window_puts_the_backup_back_and_closes_the_window(window, loop):
    import sqlite3

    window.menus.backup_action.trigger()
    run_until(loop, lambda: _boxes(window), what="the backup's result", timeout=30)
    _boxes(window)[0].accept()
    path = str(next((window.config.data_dir / "backups").glob("shopdesk-*.sqlite3")))
    db = window.config.data_dir / "shopdesk.sqlite3"
    con = sqlite3.connect(db)
    con.execute("INSERT INTO setting (key, value) VALUES ('after.backup', '1')")
    con.commit()
    con.close()
    task = loop.create_task(window.backups.restore_file(path))
    run_until(loop, lambda: _boxes(window, "confirmBox"), what="the question")
    _boxes(window, "confirmBox")[0].button(QMessageBox.StandardButton.Yes).click()
    run_until(loop, task.done, what="the restore", timeout=30)
    result = task.result()
    assert result is not None and Path(result["kept_aside"]).exists()
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM setting WHERE key = 'after.backup'").fetchone()[0] == 0
    con.close()
    box = _boxes(window)[0]
    assert "start it again" in box.text()
    box.accept()
    run_until(loop, lambda: not window.isVisible(), what="the window to close")


@pytest.mark.sqlite_only("a single-user SQLite shop's vault.key is what is sealed in the backup")
def test_restoring_a_backup_with_a_sealed_key_asks_its_passphrase(window, loop):
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from shopdesk.services.maintenance import backup

    made = loop.run_until_complete(
        asyncio.to_thread(backup.create, window.ops.shop, passphrase="备份口令 long enough", check_owner=False)
    )
    assert made["vault_key"] == "sealed"
    key_file = window.config.data_dir / "vault.key"
    key_file.unlink()  # a new machine: only the backup and its passphrase
    task = loop.create_task(window.backups.restore_file(made["path"]))
    run_until(loop, lambda: _boxes(window, "confirmBox"), what="the question")
    _boxes(window, "confirmBox")[0].button(QMessageBox.StandardButton.Yes).click()
    run_until(loop, lambda: window.findChild(QInputDialog, "askText") is not None, what="the passphrase question")
    ask = window.findChild(QInputDialog, "askText")
    assert ask.textEchoMode() == QLineEdit.EchoMode.Password
    ask.setTextValue("备份口令 long enough")
    ask.accept()
    run_until(loop, task.done, what="the restore", timeout=30)
    assert task.result() is not None and task.result()["vault_key"] == "restored"
    assert key_file.exists() and key_file.stat().st_mode & 0o777 == 0o600
    _boxes(window)[0].accept()
