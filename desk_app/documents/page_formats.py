"""The paper a desk prints on: A4 (the default), A5, or an 80 mm thermal roll.

Service centres print on A4 laser printers; some keep A5 paper for receipts; post offices
that help rural citizens often have only the 80 mm receipt printer at the counter. Each
form is laid out for the paper it goes on rather than shrunk onto it: a roll has no room
for the two-column identity block, so it is stacked, and its page is as long as the copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm


class PaperFormat(str, Enum):
    A4 = "a4"
    A5 = "a5"
    ROLL_80 = "roll80"


@dataclass(frozen=True)
class PageGeometry:
    """Where a form's text goes on one paper, and the type sizes it tries, largest first."""

    paper: PaperFormat
    width: float            # the page, in points
    height: float           # for a roll: the longest page it may make, the copy decides
    margin_left: float
    margin_right: float
    margin_top: float
    margin_bottom: float
    type_sizes: tuple[float, ...]
    roll: bool = False

    @property
    def frame_width(self) -> float:
        return self.width - self.margin_left - self.margin_right

    @property
    def frame_height(self) -> float:
        return self.height - self.margin_top - self.margin_bottom

    @property
    def narrow(self) -> bool:
        """Too narrow for blocks side by side (the header, the signatures): they are stacked."""
        return self.frame_width < 100 * mm


# A4 margins per Nghị định 30/2020 (left 30–35 mm for binding is for filed copies; the
# desk keeps 25 mm so a long list still fits one page). A5 keeps the same proportions.
# A thermal head prints about 72 mm of an 80 mm roll.
_GEOMETRIES = {
    PaperFormat.A4: PageGeometry(PaperFormat.A4, *A4, 25 * mm, 15 * mm, 16 * mm, 14 * mm, (13.0, 12.0, 11.0)),
    # 9 pt on A5 reads as 12.7 pt on A4: the same page, reduced.
    PaperFormat.A5: PageGeometry(PaperFormat.A5, *A5, 15 * mm, 10 * mm, 10 * mm, 9 * mm, (9.0, 8.5, 8.0)),
    # The top margin holds the copy label, clear of the tear-off edge.
    PaperFormat.ROLL_80: PageGeometry(PaperFormat.ROLL_80, 80 * mm, 2000 * mm, 4 * mm, 4 * mm, 10 * mm, 8 * mm,
                                      (9.0,), roll=True),
}


def geometry(paper: PaperFormat | str) -> PageGeometry:
    """The geometry of ``paper`` (a PaperFormat or its value, as settings keep it)."""
    return _GEOMETRIES[PaperFormat(paper)]
