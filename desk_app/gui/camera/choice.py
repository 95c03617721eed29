"""Which camera the desk uses for what, remembered between intakes and starts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum


class CameraUse(str, Enum):
    CARD = "card"          # faces the citizen's card (the QR code)
    PAGE = "page"          # looks down at the papers handed in
    PORTRAIT = "portrait"  # faces the citizen, for the portrait photo


@dataclass
class CameraChoice:
    """The preferred camera ids; ``remember`` keeps the officer's new choice (in the settings)."""

    card_camera_id: str | None = None
    page_camera_id: str | None = None
    remember: Callable[[CameraUse, str | None], None] | None = None
    # Often the card camera, which faces the citizen too: it is offered first until chosen.
    portrait_camera_id: str | None = None

    def preferred(self, use: CameraUse) -> str | None:
        if use is CameraUse.PORTRAIT:
            return self.portrait_camera_id or self.card_camera_id
        return self.card_camera_id if use is CameraUse.CARD else self.page_camera_id

    def chosen(self, use: CameraUse, camera_id: str | None) -> None:
        if camera_id is None or camera_id == self.preferred(use):
            return
        setattr(self, f"{use.value}_camera_id", camera_id)
        if self.remember is not None:
            self.remember(use, camera_id)
