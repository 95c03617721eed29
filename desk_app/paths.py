"""Where the desk keeps its files: the platform's user folders, or one folder given.

A single ``--data-dir`` (or the DESK_HOME environment variable) puts everything under one
folder, which is what tests, the demo and a portable install want.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "OneStopDesk"
APP_AUTHOR = "OneStopDesk"
RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"


@dataclass(frozen=True)
class DeskPaths:
    data_dir: Path
    config_dir: Path
    log_dir: Path

    @classmethod
    def under(cls, root: Path) -> "DeskPaths":
        root = Path(root)
        return cls(data_dir=root / "data", config_dir=root / "config", log_dir=root / "logs")

    @classmethod
    def default(cls) -> "DeskPaths":
        override = os.environ.get("DESK_HOME")
        if override:
            return cls.under(Path(override))
        return cls(
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
            config_dir=Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
            log_dir=Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
        )

    def create(self) -> "DeskPaths":
        for folder in (self.data_dir, self.config_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def store_dir(self) -> Path:
        return self.data_dir / "store"

    @property
    def demo_server_dir(self) -> Path:
        return self.data_dir / "demo-central"
