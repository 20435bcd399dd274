"""Composition root: config -> database (migrated) -> vault. The GUI, the CLI and the API start here."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from shopdesk.config import Config
from shopdesk.db import migrate
from shopdesk.db.engine import Database
from shopdesk.services.vault import Vault


@dataclass
class ShopApp:
    config: Config
    db: Database
    vault: Vault
    actor: str

    @classmethod
    def open(cls, config: Config, *, upgrade: bool = True) -> ShopApp:
        """Open the shop's database, bringing its schema up to date (refusing one that is newer)."""
        db = Database(config.db_url)
        try:
            if upgrade:
                migrate.upgrade(db)
            else:
                migrate.check_not_newer(db)
            vault = Vault.open(config.data_dir)
        except BaseException:
            db.dispose()
            raise
        return cls(config=config, db=db, vault=vault, actor=_operator())

    def close(self) -> None:
        self.db.dispose()


def _operator() -> str:
    try:
        return getpass.getuser() or "owner"
    except (KeyError, OSError):
        return "owner"
