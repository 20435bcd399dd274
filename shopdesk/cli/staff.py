"""`shopdesk user ...` and `shopdesk device ...`: the shop's staff accounts, and a desktop left unattended."""

from __future__ import annotations

import os
import sys

from shopdesk.cli.runtime import EXIT_OK, BadArguments, fields, listing, open_shop, passphrase, read, write

ROLE_CHOICES = ("owner", "staff", "viewer")


def add_parsers(sub, leaf) -> None:
    user = sub.add_parser("user", help="staff accounts: owner, staff, viewer").add_subparsers(
        dest="user_command", metavar="ACTION", required=True
    )
    p = leaf(user, "add", cmd_user_add, "add a user (the first must be an owner; needs no login)")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=ROLE_CHOICES)
    p.add_argument("--display-name", default="", help="the name the desk shows, e.g. 小王")
    _new_passphrase_options(p)
    leaf(user, "list", cmd_user_list, "list the users")
    p = leaf(user, "disable", cmd_user_disable, "disable a user: no more logins, their key copy deleted")
    p.add_argument("name")
    p = leaf(user, "passwd", cmd_user_passwd, "change a passphrase (your own, or anyone's as the owner)")
    p.add_argument("name", nargs="?", help="whose (default: the logged-in user)")
    _new_passphrase_options(p)

    device = sub.add_parser("device", help="this desktop: run unattended (the storefront server)").add_subparsers(
        dest="device_command", metavar="ACTION", required=True
    )
    leaf(device, "allow-unattended", cmd_device_allow, "keep a key copy for this desktop only (owner)")
    leaf(device, "revoke", cmd_device_revoke, "remove this desktop's key copy (owner)")


def _new_passphrase_options(p) -> None:
    p.add_argument(
        "--new-password-file",
        help="read the new passphrase from this file (default: $SHOPDESK_NEW_PASSWORD, else a prompt)",
    )


def _user_json(u) -> dict:
    return fields(u, "name role active display_name")


def _new_passphrase(args) -> str:
    """The new passphrase: --new-password-file, SHOPDESK_NEW_PASSWORD, or typed twice on a terminal. For the shop's
    first owner (nobody logs in yet) --password-file and SHOPDESK_PASSWORD say it too."""
    if args.new_password_file or "SHOPDESK_NEW_PASSWORD" in os.environ:
        return passphrase(args, "", file_option="new_password_file", env="SHOPDESK_NEW_PASSWORD")
    if getattr(args, "first", False) and (getattr(args, "password_file", None) or "SHOPDESK_PASSWORD" in os.environ):
        return passphrase(args, "")
    if not sys.stdin.isatty():
        raise BadArguments("cli.passphrase_missing", option="--new-password-file", env="SHOPDESK_NEW_PASSWORD")
    import getpass

    first = getpass.getpass("new passphrase: ")
    if getpass.getpass("again: ") != first:
        raise BadArguments("cli.passphrases_differ")
    return first


def cmd_user_add(args):
    from shopdesk.services.staff import users

    app = open_shop(args)
    try:
        args.first = not app.protected
        secret = _new_passphrase(args)
        if args.first:
            if args.role != "owner":
                raise BadArguments("user.first_not_owner")
            app.protect(args.name, secret, display_name=args.display_name)
            with app.db.read() as session:
                view = users.user_by_name(session, args.name)
        else:
            with app.db.write() as session:
                view = users.add_user(
                    session,
                    app.wrapping_key,
                    args.name,
                    args.role,
                    secret,
                    display_name=args.display_name,
                    actor=app.actor,
                )
    finally:
        app.close()
    note = " (the shop's first owner: from now on everyone logs in)" if args.first else ""
    return EXIT_OK, _user_json(view), f"user {view.name} added as {view.role}{note}"


def cmd_user_list(args):
    from shopdesk.services.staff import users

    return listing(
        "users",
        read(args, lambda app, s: users.list_users(s)),
        _user_json,
        lambda u: f"{u.name:<16} {u.role:<7} {'active' if u.active else 'disabled':<9} {u.display_name}",
    )


def cmd_user_disable(args):
    from shopdesk.services.staff import users

    view = write(args, lambda app, s: users.disable_user(s, args.name, actor=app.actor))
    return EXIT_OK, _user_json(view), f"user {view.name} disabled"


def cmd_user_passwd(args):
    from shopdesk.services.staff import users

    secret = _new_passphrase(args)

    def change(app, session):
        name = args.name or app.actor
        return users.set_passphrase(session, app.wrapping_key, name, secret, actor=app.actor)

    view = write(args, change)
    return EXIT_OK, _user_json(view), f"passphrase of {view.name} changed"


def cmd_device_allow(args):
    from shopdesk.services.staff import devices

    where = write(
        args, lambda app, s: devices.allow_unattended(s, app.wrapping_key, app.config.data_dir, actor=app.actor)
    )
    return EXIT_OK, {"unattended": True, "secret": where}, f"this desktop runs unattended (its secret: {where})"


def cmd_device_revoke(args):
    from shopdesk.services.staff import devices

    had = write(args, lambda app, s: devices.revoke_unattended(s, app.config.data_dir, actor=app.actor))
    text = "this desktop's key copy is removed" if had else "this desktop kept no key copy"
    return EXIT_OK, {"unattended": False, "removed": had}, text
