"""``python -m central_api serve|seed|openapi``."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="central_api", description="Reference central API for one-stop desks")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in (("serve", "run the HTTP server"), ("seed", "migrate and add the demo data")):
        command = sub.add_parser(name, help=text)
        command.add_argument("--data-dir", help="folder for the SQLite file and blobs")
        command.add_argument("--database-url", help="SQLAlchemy URL, e.g. postgresql+psycopg://user@host/db")
    serve = sub.choices["serve"]
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--seed-demo", action="store_true", help="add the demo sites, accounts and catalogue")
    export = sub.add_parser("openapi", help="print or write the OpenAPI document")
    export.add_argument("--output", help="file to write (default: standard output)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    if args.command == "openapi":
        text = openapi_text()
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0
    if args.command == "seed":
        from central_api.app import open_context

        context = open_context(_settings(args, seed_demo=True))
        context.db.dispose()
        print(f"seeded {context.settings.database_url.split('@')[-1]}")
        return 0
    import uvicorn

    from central_api.app import create_app

    settings = _settings(args, seed_demo=True if args.seed_demo else None)
    uvicorn.run(create_app(settings), host=args.host, port=args.port)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
