"""Demo mode: the reference central API, started in-process on a free loopback port.

This is the one place where the desk imports central_api (DESIGN.md): a newcomer runs one
command and has a whole system, seeded with the demo catalogue and accounts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def start_demo_server(data_dir: Path) -> tuple[Any, str]:
    from central_api.embedded import EmbeddedServer  # imported late: only demo mode needs it

    server = EmbeddedServer(data_dir, seed_demo=True)
    base_url = server.start()
    return server, base_url
