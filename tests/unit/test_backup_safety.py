"""The vault key sealed in a backup: the passphrase opens it; a crafted file cannot make the restore derive a key
at any cost it names."""

from __future__ import annotations

import json
import os

import pytest

from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.common.vault import Vault
from shopdesk.services.maintenance import backup_key


def test_the_passphrase_opens_the_sealed_key_and_another_does_not():
    vault = Vault(os.urandom(32))
    sealed = backup_key.seal(vault, "a long backup passphrase")
    assert backup_key.open_sealed(sealed, "a long backup passphrase", path="b").check_value == vault.check_value
    with pytest.raises(InvalidInput, match="does not open"):
        backup_key.open_sealed(sealed, "another passphrase", path="b")


@pytest.mark.parametrize(
    "kdf",
    [
        {"time_cost": 3, "memory_cost": 64 * 1024 * 1024, "parallelism": 2},  # 64 GiB
        {"time_cost": 10_000, "memory_cost": 64 * 1024, "parallelism": 2},
        {"time_cost": 3, "memory_cost": 64 * 1024},
        {"time_cost": "3", "memory_cost": 64 * 1024, "parallelism": 2},
    ],
)
def test_a_crafted_key_derivation_is_refused_before_any_work(kdf, monkeypatch):
    record = json.loads(backup_key.seal(Vault(os.urandom(32)), "pass phrase"))
    record["kdf"] = kdf
    derived = []
    monkeypatch.setattr(backup_key.wraps, "derive", lambda *a: derived.append(a) or b"\0" * 32)
    with pytest.raises(InvalidInput, match="unusual key derivation"):
        backup_key.open_sealed(json.dumps(record), "pass phrase", path="crafted.sqlite3")
    assert derived == []  # refused before deriving anything


def test_a_window_or_server_starting_during_a_restore_is_told_to_start_again(tmp_path):
    """The restore holds the shop alone: a process opening it meanwhile would run on the database being replaced."""
    from shopdesk.services.common.errors import Conflict
    from shopdesk.services.maintenance import running

    restoring = running.take_alone(tmp_path)
    assert restoring is not None
    with pytest.raises(Conflict, match="being restored"):
        running.hold_open(tmp_path)
    restoring.release()
    held = running.hold_open(tmp_path)  # the restore is over: the shop opens
    assert running.take_alone(tmp_path) is None  # and now a restore is refused while it runs
    held.release()
