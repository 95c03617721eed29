"""``python -m central_api.bootstrap``: the first site, administrator and desk of a deployment.

With desk enrolment required, nobody can log in before a desk is enrolled and an
administrator exists, and the HTTP API cannot do either without a login. These commands do
it straight on the database (migrated first); everything later goes through /v1/admin.

    python -m central_api.bootstrap add-site --code 000.00.17.H56 --name "…" --place "Nha Trang"
    python -m central_api.bootstrap add-user --username quantri --full-name "…" \
        --role administrator --site-code 000.00.17.H56        # asks for the password
    python -m central_api.bootstrap enrol-desk --desk-id DESK-NT-01 --site-code 000.00.17.H56

Settings come from ``ONE_STOP_CENTRAL_*`` variables or --data-dir / --database-url, as for
``python -m central_api``.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from pydantic import ValidationError

from central_api import admin_service
from central_api.admin_schemas import UserCreate
from central_api.context import utc_now
from central_api.db import Database
from central_api.errors import ApiError
from central_api.migrate import upgrade
from central_api.models import Site
from central_api.settings import CentralSettings

SITE_KINDS = ("service_centre", "post_office", "commune", "other")


def add_site(db: Database, code: str, name: str, place: str, kind: str, code_width: int) -> bool:
    """Adds the site; False if a site with this code exists already (left as it is)."""
    with db.writing() as session:
        if session.get(Site, code) is not None:
            return False
        session.add(Site(code=code, name=name, place=place, kind=kind, code_width=code_width, created_at=utc_now()))
    return True


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="central_api.bootstrap", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", help="folder of the SQLite file (default: settings)")
    parser.add_argument("--database-url", help="SQLAlchemy URL (default: settings)")
    sub = parser.add_subparsers(dest="command", required=True)
    site = sub.add_parser("add-site", help="add a reception point (its code starts its dossier codes)")
    site.add_argument("--code", required=True, help="QCVN 102 agency code, e.g. 000.00.17.H56")
    site.add_argument("--name", required=True)
    site.add_argument("--place", required=True, help="place name printed on forms")
    site.add_argument("--kind", choices=SITE_KINDS, default="service_centre")
    site.add_argument("--code-width", type=int, default=4, help="digits of the daily sequence number (default 4)")
    user = sub.add_parser("add-user", help="add an account; the password is asked for, or read from stdin with --password-stdin")
    user.add_argument("--username", required=True)
    user.add_argument("--full-name", required=True)
    user.add_argument("--role", required=True, choices=("officer", "postal_assistant", "supervisor", "administrator"))
    user.add_argument("--site-code", required=True)
    user.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    desk = sub.add_parser("enrol-desk", help="enrol a desk and print its key (shown once)")
    desk.add_argument("--desk-id", required=True)
    desk.add_argument("--site-code", required=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = CentralSettings.from_env(
        data_dir=Path(args.data_dir) if args.data_dir else None, database_url=args.database_url
    )
    db = Database(settings.database_url, busy_timeout_ms=settings.sqlite_busy_timeout_ms)
    try:
        upgrade(db.engine)
        if args.command == "add-site":
            added = add_site(db, args.code, args.name, args.place, args.kind, args.code_width)
            print(f"site {args.code} {'added' if added else 'exists already; left unchanged'}")
        elif args.command == "add-user":
            password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("Password: ")
            body = UserCreate(username=args.username, full_name=args.full_name, role=args.role,
                              site_code=args.site_code, password=password)
            created = admin_service.create_user(db, "bootstrap", body)
            print(f"account {created.username} ({created.role} at {created.site_code}) added")
        else:
            answer = admin_service.enrol_desk(db, "bootstrap", args.desk_id, args.site_code)
            print(f"desk {answer.desk_id} enrolled for site {answer.site_code}")
            print(f"desk key (shown once; enter it on the desk): {answer.desk_key}")
        return 0
    except ApiError as exc:
        print(f"refused: {exc.message}", file=sys.stderr)
        return 1
    except ValidationError as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 2
    finally:
        db.dispose()


if __name__ == "__main__":
    raise SystemExit(main())
