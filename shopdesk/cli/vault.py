"""`shopdesk vault ...`: the key that seals the card secrets."""

from __future__ import annotations

import sys

from shopdesk.cli.runtime import EXIT_OK, open_shop


def add_parsers(sub, leaf) -> None:
    vault = sub.add_parser("vault", help="the key that seals the card secrets").add_subparsers(
        dest="vault_command", metavar="ACTION", required=True
    )
    leaf(vault, "status", cmd_vault_status, "which key seals the shop's secrets, and where it is kept")
    leaf(vault, "rotate", cmd_vault_rotate, "seal every secret under a new key (one transaction, with progress)")


def cmd_vault_status(args):
    from sqlalchemy import func, select

    from shopdesk.db.models import CardKey
    from shopdesk.services.common import keystore

    app = open_shop(args)
    try:
        vault = app.vault
        with app.db.read() as session:
            count = session.execute(select(func.count()).select_from(CardKey)).scalar_one()
    finally:
        app.close()
    path = keystore.key_path(app.config.data_dir)
    payload = {"key_id": vault.key_id_hex, "key_file": str(path), "secrets": count}
    return EXIT_OK, payload, f"{count} secret(s) sealed with key {vault.key_id_hex}, kept in {path}"


def cmd_vault_rotate(args):
    from shopdesk.services.common import keystore

    app = open_shop(args)
    old = app.vault
    shown = [-1]

    def progress(done: int, total: int) -> None:
        percent = 100 * done // max(total, 1)
        if percent != shown[0] and not args.json:
            shown[0] = percent
            print(f"\rre-sealing {done}/{total} ({percent}%)", end="", file=sys.stderr, flush=True)

    try:
        try:
            with app.db.write() as session:
                new = keystore.rotate(session, app.config.data_dir, old, actor=app.actor, progress=progress)
                from sqlalchemy import func, select

                from shopdesk.db.models import CardKey

                count = session.execute(select(func.count()).select_from(CardKey)).scalar_one()
        except BaseException:
            keystore.abandon_rotation(app.config.data_dir)
            raise
        retired = keystore.finish_rotation(app.config.data_dir, old)
    finally:
        app.close()
    if shown[0] >= 0:
        print(file=sys.stderr)
    payload = {"key_id": new.key_id_hex, "old_key_id": old.key_id_hex, "secrets": count, "retired_key": str(retired)}
    text = (
        f"{count} secret(s) sealed again under key {new.key_id_hex}. The old key {old.key_id_hex} is kept as "
        f"{retired} for backups made before now; delete it once those backups are gone."
    )
    return EXIT_OK, payload, text
