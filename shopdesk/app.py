"""Composition root: config -> database (migrated) -> vault. The GUI, the CLI and the API start here."""

from __future__ import annotations

import logging
import os
import pwd
from dataclasses import dataclass, field

from shopdesk.config import Config, harden, private_umask
from shopdesk.db import migrate
from shopdesk.db.engine import Database
from shopdesk.services.common import access, keystore
from shopdesk.services.common.access import Identity
from shopdesk.services.common.vault import Vault, VaultError
from shopdesk.services.inventory import keys
from shopdesk.services.orders import delivery
from shopdesk.services.staff import users, wraps

log = logging.getLogger(__name__)


@dataclass
class ShopApp:
    config: Config
    db: Database
    actor: str
    vault_error: VaultError | None = None
    warnings: list[str] = field(default_factory=list)
    held: object | None = None  # the window's or serve-api's lock on the shop (services/maintenance/running)

    @classmethod
    def open(cls, config: Config, *, upgrade: bool = True) -> ShopApp:
        """Open the shop's database, bringing its schema up to date (refusing one that is newer), and unlock
        its vault. A vault that cannot be unlocked is remembered: whatever needs it raises that VaultError."""
        private_umask()
        connect_services()
        db = Database(config.db_url)
        try:
            if upgrade:
                migrate.upgrade(db)
            else:
                migrate.check_not_newer(db)
            app = cls(config=config, db=db, actor=operator())
            app.warnings = harden(config)
            for warning in app.warnings:
                log.warning("%s", warning)
            if upgrade or migrate.current_revision(db) == migrate.head_revision():
                app._unlock()
            else:
                app.vault_error = VaultError("The database schema is not up to date: run `shopdesk db upgrade`.")
        except BaseException:
            db.dispose()
            raise
        return app

    def unlock(self) -> None:
        """Read the key file again (after a rotation, or once the right vault.key was restored)."""
        self._unlock()

    def _unlock(self) -> None:
        def unlock(session) -> Vault:
            if access.protected(session):
                return self._unlock_protected(session)
            vault = keystore.unlock(session, self.config.data_dir)
            keystore.seal_plain_settings(session, vault)
            keystore.reseal_legacy(session, vault)
            keystore.start_chains(session, vault)
            return vault

        try:
            try:  # usually there is nothing to record: read only, and never wait behind a writer
                with self.db.read() as session:
                    session.info["read_only"] = True
                    vault = unlock(session)
            except keystore.WriteNeeded:
                with self.db.write() as session:
                    vault = unlock(session)
        except VaultError as exc:
            self.vault_error = exc
            self.db.session_info.pop("vault", None)
            self.db.session_info["vault_error"] = exc
            return
        self.vault_error = None
        self.db.session_info.pop("vault_error", None)
        self.db.session_info["vault"] = vault

    def _unlock_protected(self, session) -> Vault:
        """A shop with users keeps no key file: its key opens at a login, or from this desktop's unattended copy."""
        leftover = keystore.key_path(self.config.data_dir)
        if leftover.exists():  # the first owner was added, and the file outlived the step that removes it
            keystore.forget_key_file(self.config.data_dir)
        wrapping = wraps.unwrap_for_device(session, self.config.data_dir)
        if wrapping is None:
            raise VaultError("vault.login_needed")
        self.db.session_info["wrapping_key"] = wrapping
        return keystore.open_data_key(session, wrapping)

    # --- staff ---------------------------------------------------------------------------------------------

    @property
    def identity(self) -> Identity | None:
        return self.db.session_info.get("identity")

    @property
    def wrapping_key(self) -> bytes | None:
        """The shop's wrapping key, held while a user is logged in (or the desktop runs unattended)."""
        return self.db.session_info.get("wrapping_key")

    @property
    def protected(self) -> bool:
        with self.db.read() as session:
            return access.protected(session)

    def login(self, name: str, passphrase: str) -> Identity:
        """Log a user in: every later session acts as them, and their copy of the data key opens the vault."""
        with self.db.write() as session:
            identity, wrapping = users.login(session, name, passphrase)
            vault = None if wrapping is None else session.info["vault"]
        self.db.session_info["identity"] = identity
        self.actor = identity.name
        if vault is not None:
            self.db.session_info["wrapping_key"] = wrapping
            self.vault_error = None
            self.db.session_info.pop("vault_error", None)
            self.db.session_info["vault"] = vault
        return identity

    def logout(self) -> None:
        """Nobody is logged in: the vault closes again unless this desktop runs unattended."""
        for held in ("identity", "vault", "wrapping_key"):
            self.db.session_info.pop(held, None)
        self.actor = operator()
        self._unlock()

    def act_as_system(self) -> None:
        """The headless API server: it acts on its own authority (the storefront's signature), as SYSTEM."""
        self.db.session_info["identity"] = access.SYSTEM

    def protect(self, name: str, passphrase: str, *, display_name: str = "") -> Identity:
        """Add the shop's first owner: from now on everyone logs in. The data key is wrapped for the owner and the
        plain key file leaves the data dir; the owner is logged in."""
        vault = self.vault
        with self.db.write() as session:
            wrapping = wraps.new_wrapping_key(session, vault)
            users.add_user(session, wrapping, name, "owner", passphrase, display_name=display_name, actor=self.actor)
        keystore.forget_key_file(self.config.data_dir)
        return self.login(name, passphrase)

    @property
    def vault(self) -> Vault:
        """The unlocked vault; VaultError (saying which key is expected and where from) when it is not."""
        vault = self.db.session_info.get("vault")
        if vault is None:
            raise self.vault_error or VaultError("The vault is not unlocked.")
        return vault

    def replace_vault(self, vault: Vault) -> None:
        """After a rotation: every later session seals and opens with the new key."""
        self.db.session_info["vault"] = vault

    def hold_open(self) -> None:
        """A process that runs on (the window, serve-api) says so: a restore is refused until it closes."""
        from shopdesk.services.maintenance import running

        if self.held is None:
            self.held = running.hold_open(self.config.data_dir)

    def close(self) -> None:
        if self.held is not None:
            self.held.release()
            self.held = None
        self.db.dispose()


def connect_services() -> None:
    """Wire the features that must hear of each other without importing upwards: keys coming (back) on sale go
    first to the orders waiting for them."""
    keys.when_restocked(delivery.fill_awaiting_stock)


def operator() -> str:
    """The OS account running ShopDesk, from the password database (an environment variable can say anything)."""
    try:
        return pwd.getpwuid(os.getuid()).pw_name or f"uid-{os.getuid()}"
    except KeyError:
        return f"uid-{os.getuid()}"
