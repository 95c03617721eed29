"""``python -m central_api serve|migrate|seed|openapi``.

``serve`` migrates (and seeds, if asked) once, then runs uvicorn with ``--workers``
processes: see ``central_api.serving``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from central_api.serving import ServeOptions, prepare, safe_url, serve
from central_api.settings import CentralSettings


def _settings(args: argparse.Namespace, **extra: object) -> CentralSettings:
    return CentralSettings.from_env(
        data_dir=Path(args.data_dir) if args.data_dir else None,
        database_url=args.database_url,
        **extra,
    )


def openapi_document(settings: CentralSettings | None = None) -> dict:
    from central_api.app import create_app

    return create_app(settings or CentralSettings()).openapi()


def openapi_text(settings: CentralSettings | None = None) -> str:
    """The committed form of docs/openapi.json: sorted keys, indent 2, trailing newline."""
    return json.dumps(openapi_document(settings), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="central_api", description="Reference central API for one-stop desks")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("serve", "migrate, then run the HTTP server"),
        ("migrate", "bring the database to the newest schema, then exit"),
        ("seed", "migrate and add the demo data, then exit"),
    ):
        command = sub.add_parser(name, help=text)
        command.add_argument("--data-dir", help="folder for the SQLite file and blobs")
        command.add_argument("--database-url", help="SQLAlchemy URL, e.g. postgresql+psycopg://user@host/db")
    serve_cmd = sub.choices["serve"]
    serve_cmd.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve_cmd.add_argument("--port", type=int, default=8000)
    serve_cmd.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serve_cmd.add_argument("--seed-demo", action="store_true", help="add the demo sites, accounts and catalogue")
    serve_cmd.add_argument(
        "--proxy-headers",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="trust X-Forwarded-For/-Proto from --forwarded-allow-ips (default on)",
    )
    serve_cmd.add_argument(
        "--forwarded-allow-ips",
        default="127.0.0.1",
        help="comma-separated addresses of the reverse proxies to trust (default 127.0.0.1)",
    )
    serve_cmd.add_argument(
        "--timeout-keep-alive",
        type=int,
        default=75,
        help="seconds an idle keep-alive connection stays open; keep it above the proxy's (default 75)",
    )
    serve_cmd.add_argument(
        "--graceful-timeout", type=int, default=30, help="seconds to finish running requests on stop (default 30)"
    )
    export = sub.add_parser("openapi", help="print or write the OpenAPI document")
    export.add_argument("--output", help="file to write (default: standard output)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    if args.command == "openapi":
        text = openapi_text()
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0
    if args.command == "migrate":
        from central_api.db import Database
        from central_api.migrate import current_revision, upgrade

        settings = _settings(args)
        db = Database(settings.database_url, busy_timeout_ms=settings.sqlite_busy_timeout_ms)
        try:
            upgrade(db.engine)
            print(f"{safe_url(settings.database_url)} is at schema revision {current_revision(db.engine)}")
        finally:
            db.dispose()
        return 0
    if args.command == "seed":
        settings = _settings(args, seed_demo=True)
        prepare(settings)
        print(f"seeded {safe_url(settings.database_url)}")
        return 0
    if args.workers < 1:
        print("--workers must be at least 1", file=sys.stderr)
        return 2
    options = ServeOptions(
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=args.proxy_headers,
        forwarded_allow_ips=args.forwarded_allow_ips,
        timeout_keep_alive=args.timeout_keep_alive,
        graceful_timeout=args.graceful_timeout,
    )
    return serve(_settings(args, seed_demo=True if args.seed_demo else None), options)


if __name__ == "__main__":
    raise SystemExit(main())
