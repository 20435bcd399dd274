"""`shopdesk backup create|list|verify|restore`: copies of the shop that are checked, kept and put back.

Exit codes: 0 done (verify: the backup is sound); 1 `backup verify` found problems in a ShopDesk backup (doctor's
violations, counts or chain heads that differ from the manifest); 2 the file is not a ShopDesk backup (not a
database, cut short, made by a newer ShopDesk) or the command was refused as given; 3 not an owner (shops with
accounts: every backup command is the owner's).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from shopdesk.cli.runtime import EXIT_FAILURE, EXIT_OK, config, open_shop, passphrase
from shopdesk.services.common.errors import DatabaseProblem

PASSPHRASE_ENV = "SHOPDESK_BACKUP_PASSPHRASE"


def add_parsers(sub, leaf) -> None:
    group = sub.add_parser(
        "backup",
        help="back the shop up, list, verify and restore backups",
        description=__doc__.split("\n\n", 1)[1],
    ).add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    p = leaf(group, "create", cmd_create, "back the shop up now (a verified copy, while it runs)")
    p.add_argument(
        "--to", metavar="DIR", help="backup folder (default: the setting backup.dir, else <data dir>/backups)"
    )
    p.add_argument(
        "--passphrase-file",
        help=f"single-user shops: seal vault.key into the backup under this file's passphrase (or ${PASSPHRASE_ENV})",
    )
    leaf(group, "list", cmd_list, "the backups in the backup folder, newest first")
    p = leaf(
        group, "verify", cmd_verify, "check a backup file: exit 0 sound, 1 problems found, 2 not a ShopDesk backup"
    )
    p.add_argument("path", help="the backup file")
    p = leaf(group, "restore", cmd_restore, "put a backup in place of the shop's database (kept aside first)")
    p.add_argument("path", help="the backup file")
    p.add_argument("--yes", action="store_true", help="go ahead without asking; also replaces a different vault.key")
    p.add_argument("--passphrase-file", help=f"the backup passphrase, for a sealed vault key (or ${PASSPHRASE_ENV})")


def _shop_here(args) -> bool:
    """Whether a shop is there to protect (its owner is asked for): a SQLite file, or a server database with data.
    Nothing is created to find out (opening an empty shop would make it a new vault key)."""
    cfg = config(args)
    if cfg.is_sqlite:
        return Path(cfg.db_label).exists() and Path(cfg.db_label).stat().st_size > 0
    from shopdesk.db.engine import Database
    from shopdesk.services.common.errors import Conflict
    from shopdesk.services.maintenance.copy import _check_empty

    db = Database(cfg.db_url)
    try:
        _check_empty(db)
        return False
    except Conflict:
        return True
    finally:
        db.dispose()


def _owner_app(args):
    """The shop, opened for its owner (exit 3 for anyone else where accounts exist)."""
    from shopdesk.services.common import access

    app = open_shop(args)
    try:
        app.db.run("read", lambda s: access.require_owner(s, subject="shop:backup"))
    except BaseException:
        app.close()
        raise
    return app


def _vault(app):
    try:
        return app.vault
    except Exception:  # noqa: BLE001 - a locked vault: the key checks are skipped
        return None


def cmd_create(args):
    from shopdesk.services.maintenance import backup

    secret = None
    if args.passphrase_file or os.environ.get(PASSPHRASE_ENV) is not None:
        secret = passphrase(args, "backup passphrase: ", file_option="passphrase_file", env=PASSPHRASE_ENV)
    app = _owner_app(args)
    try:
        result = backup.create(app, args.to, passphrase=secret, check_owner=False)
        data_dir = app.config.data_dir
    finally:
        app.close()
    if not result["verified"]:  # kept (a faithful copy), but the shop itself has problems: exit 1 says so
        lines = [
            f"backup {result['path']} ({result['size']} bytes): NOT verified, doctor finds problems in the shop "
            f"itself: {result['doctor']}. The copy is kept; run `shopdesk doctor` and repair the shop."
        ]
        return EXIT_FAILURE, result, "\n".join(lines)
    lines = [f"backup {result['path']} ({result['size']} bytes): verified"]
    lines.append(VAULT_SENTENCES[result["vault_key"]].format(key=Path(data_dir) / "vault.key"))
    if result["same_disk"]:
        lines.append(SAME_DISK)
    if result["pruned"]:
        lines.append(f"{len(result['pruned'])} older backup(s) removed (7 daily and 4 weekly kept, see backup.keep_*)")
    return EXIT_OK, result, "\n".join(lines)


VAULT_SENTENCES = {
    "not_needed": "The shop has accounts: its keys are wrapped inside, so the backup is complete on its own.",
    "sealed": "The vault key is sealed in the backup under your backup passphrase: keep the passphrase safe.",
    "not_included": (
        "The vault key is NOT in this backup: keep a copy of {key} apart from the backups (without it the secrets "
        "in a backup cannot be opened), or seal it in with --passphrase-file."
    ),
}
SAME_DISK = (
    "warning: the backup folder is on the same disk as the database: a dead disk takes both. "
    "Pick a folder on another disk (setting backup.dir, or --to)."
)


def cmd_list(args):
    from shopdesk.services.maintenance import backup

    if _shop_here(args):
        app = _owner_app(args)
        try:
            found = backup.list_backups(app.config)
        finally:
            app.close()
    else:
        found = backup.list_backups(config(args), backup.folder_of(config(args)))
    rows = found["backups"]
    text = "\n".join(f"{b['at']}  {b['size']:>12}  {b['path']}" for b in rows) or "no backups"
    return EXIT_OK, found, text


def cmd_verify(args):
    from shopdesk.services.maintenance import backup

    vault = None
    if _shop_here(args):
        app = _owner_app(args)
        vault = _vault(app)
        app.close()
    result = backup.verify(args.path, vault=vault)
    if result["ok"]:
        text = f"{result['path']}: sound (schema {result['schema']}, {sum(result['rows'].values())} rows)"
        if not result["key_checks"]:
            text += "; the secrets and the trail's chains were not checked (this shop's key does not open them)"
        return EXIT_OK, result, text
    lines = [f"{result['path']}: problems found"] + [f"  {p}" for p in result["problems"] + result["doctor"]]
    return EXIT_FAILURE, result, "\n".join(lines)


def cmd_restore(args):
    from shopdesk.services.maintenance import backup_restore

    vault = None
    if _shop_here(args):
        try:
            app = _owner_app(args)
        except DatabaseProblem:
            if not args.yes:  # a database that does not open: nobody to ask but the one at the keyboard
                raise
        else:
            vault = _vault(app)
            app.close()
    yes = args.yes
    if not yes and _shop_here(args) and sys.stdin.isatty():
        answer = input(f"Replace the shop's database with {args.path}? The current one is kept aside. [y/N] ")
        yes = answer.strip().lower() in ("y", "yes")
    secret = None
    if args.passphrase_file or os.environ.get(PASSPHRASE_ENV) is not None or _sealed(args.path):
        secret = passphrase(args, "backup passphrase: ", file_option="passphrase_file", env=PASSPHRASE_ENV)
    actor = getattr(args, "user", None) or os.environ.get("SHOPDESK_USER") or _login_name()
    result = backup_restore.restore(config(args), args.path, yes=yes, passphrase=secret, vault=vault, actor=actor)
    text = f"restored {result['restored']} into {result['database']} (schema {result['schema_to']})"
    if result["kept_aside"]:
        text += f"; the database that was there is kept as {result['kept_aside']}"
    key = Path(config(args).data_dir) / "vault.key"
    text += {
        "restored": "; vault.key written back from the backup",
        "not_needed": "; the shop's keys are wrapped inside (accounts): log in as usual",
        "in_place": f"; {key} is the restored shop's key",
        "missing": f"; the secrets need the vault.key the backup was made with: put it back as {key}",
        "other": f"; {key} is another shop's key: put back the vault.key the backup was made with",
    }[result["vault_key"]]
    return EXIT_OK, result, text


def _login_name() -> str:
    from shopdesk.app import operator

    return operator()


def _sealed(path: str) -> bool:
    from shopdesk.services.maintenance import backup_restore

    try:
        return backup_restore.sealed_key(Path(path).expanduser().resolve()) is not None
    except Exception:  # noqa: BLE001 - the restore itself says what is wrong with the file
        return False
