"""How ``python -m central_api serve`` runs: migrate once, then uvicorn with N workers.

The parent process migrates (and seeds, if asked) before any worker starts; the workers
only check the schema revision, so N workers never race to migrate and none serves an old
schema. The settings reach the workers as ``ONE_STOP_CENTRAL_*`` environment variables,
the same way a systemd unit passes them. The pieces live here rather than in
``__main__`` because the worker processes import them by name (the app factory) and
unpickle them (the uvicorn configuration).
"""

from __future__ import annotations

import inspect
import logging
import os
import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import uvicorn

from central_api.access_log import ACCESS_LOGGER
from central_api.settings import ENV_PREFIX, CentralSettings

if TYPE_CHECKING:
    from fastapi import FastAPI

log = logging.getLogger(__name__)

# uvicorn's own access log prints the raw request line (paths with CCCD numbers, query
# strings), so it is off; central_api.access_log writes one JSON line per request to
# stdout instead, and everything else goes to stderr as text. Both pass through the
# redacting formatter as a second line: the sources are kept clean by themselves
# (tests/central/test_access_log.py and tests/e2e/test_log_hygiene.py read them unfiltered),
# but a traceback can quote an exception's text, which no one reviewed.
LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"()": "desk_app.log_redaction.RedactingFormatter",
                 "fmt": "%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"},
        "line": {"()": "desk_app.log_redaction.RedactingFormatter", "fmt": "%(message)s"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "text", "stream": "ext://sys.stderr"},
        "access": {"class": "logging.StreamHandler", "formatter": "line", "stream": "ext://sys.stdout"},
    },
    "loggers": {
        ACCESS_LOGGER: {"handlers": ["access"], "level": "INFO", "propagate": False},
        "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        # Workers only read the schema revision; the parent already logged the migration.
        "alembic": {"level": "WARNING"},
    },
    "root": {"handlers": ["stderr"], "level": "INFO"},
}



@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    proxy_headers: bool = True
    forwarded_allow_ips: str = "127.0.0.1"
    timeout_keep_alive: int = 75
    graceful_timeout: int = 30


def prepare(settings: CentralSettings) -> None:
    """Migrate to head and seed if asked, once, before any worker starts."""
    from central_api.app import open_context

    context = open_context(settings)
    context.db.dispose()


def settings_environment(settings: CentralSettings) -> dict[str, str]:
    """``ONE_STOP_CENTRAL_*`` variables that rebuild ``settings`` in a worker process."""
    env: dict[str, str] = {}
    for name, value in settings.model_dump(mode="json").items():
        if value is None:
            continue
        env[ENV_PREFIX + name.upper()] = str(value).lower() if isinstance(value, bool) else str(value)
    return env


def worker_app() -> FastAPI:
    """uvicorn's factory in each worker: settings from the environment the parent set."""
    from central_api.app import create_app

    return create_app(CentralSettings.from_env())


class TcpListenerConfig(uvicorn.Config):
    """uvicorn's configuration, with a listening socket that says it is TCP.

    With --workers N uvicorn binds the listening socket itself and leaves its ``proto`` at
    0. Accepted connections inherit it, asyncio then skips TCP_NODELAY, and every keep-alive
    answer waits ~40 ms for the client's delayed ACK (uvicorn issue #3149, open as of
    uvicorn 0.54). The same descriptor re-wrapped as IPPROTO_TCP makes N workers as quick
    per request as one process. (Module level: the workers unpickle it.)"""

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.proto != socket.IPPROTO_TCP:
            sock = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
            sock.set_inheritable(True)
        return sock


def uvicorn_config(options: ServeOptions) -> TcpListenerConfig:
    return TcpListenerConfig(
        "central_api.serving:worker_app",  # an import string: each worker process builds its own app
        factory=True,
        host=options.host,
        port=options.port,
        workers=options.workers,
        proxy_headers=options.proxy_headers,
        forwarded_allow_ips=options.forwarded_allow_ips,
        timeout_keep_alive=options.timeout_keep_alive,
        timeout_graceful_shutdown=options.graceful_timeout,
        access_log=False,
        log_config=LOG_CONFIG,
        server_header=False,
    )


def safe_url(database_url: str) -> str:
    """The URL for a log line: the password masked."""
    from sqlalchemy.engine import make_url

    return make_url(database_url).render_as_string(hide_password=True)


def serve(settings: CentralSettings, options: ServeOptions) -> int:
    """Migrate (and seed) once, then serve until stopped; the process exit status."""
    from uvicorn.supervisors import Multiprocess

    log.info("preparing %s", safe_url(settings.database_url))
    prepare(settings)
    worker_settings = settings.model_copy(update={"migrate_on_start": False, "seed_demo": False})
    os.environ.update(settings_environment(worker_settings))
    # What uvicorn.run does, with the configuration above instead of its own.
    config = uvicorn_config(options)
    server = uvicorn.Server(config)
    try:
        if config.workers > 1:
            # Older uvicorn releases want the target; newer ones build each worker's server.
            extra = {"target": server.run} if "target" in inspect.signature(Multiprocess).parameters else {}
            Multiprocess(config, sockets=[config.bind_socket()], **extra).run()
        else:
            server.run()
    except KeyboardInterrupt:
        pass
    return 0 if config.workers > 1 or server.started else 1
