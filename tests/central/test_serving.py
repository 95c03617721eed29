"""The pieces of ``python -m central_api serve`` that the worker processes depend on."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

from central_api.serving import ServeOptions, settings_environment, uvicorn_config
from central_api.settings import CentralSettings


def test_the_workers_listener_gives_connections_tcp_nodelay() -> None:
    """Without it every keep-alive answer of N workers waits for a delayed ACK (~40 ms)."""
    config = uvicorn_config(ServeOptions(host="127.0.0.1", port=0, workers=2))
    listener = config.bind_socket()  # what the multiprocess supervisor hands each worker
    assert listener.proto == socket.IPPROTO_TCP

    async def accepted_nodelay() -> int:
        seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                sock = transport.get_extra_info("socket")
                seen.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Probe, sock=listener)
        try:
            _reader, writer = await asyncio.open_connection(*listener.getsockname()[:2])
            value = await asyncio.wait_for(seen, 10)
            writer.close()
            return value
        finally:
            server.close()

    assert asyncio.run(accepted_nodelay()) != 0


def test_the_environment_rebuilds_the_parents_settings_in_a_worker(tmp_path: Path) -> None:
    parent = CentralSettings(
        data_dir=tmp_path, database_url="postgresql+psycopg://u@h:5432/db", access_token_seconds=600,
        migrate_on_start=False,
    )
    assert CentralSettings.from_env(settings_environment(parent)) == parent
