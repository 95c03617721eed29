"""The dashboard's charts (QtCharts), filled from ``/v1/stats/summary`` as it came.

Each chart is built once and refilled on every refresh: its series and axes are replaced,
the QChart and its view stay, so a refresh does not flicker the layout. A period longer
than two months is drawn by month, since a bar per day of a year cannot be read; the
export keeps every day.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from ..sync_indicator import number_locale

CONTEXT = "DashboardCharts"
CHANNEL_KEYS = ("direct", "online", "postal")
CHANNEL_NUMBERS = {"direct": 1, "online": 2, "postal": 3}
CHANNEL_COLOURS = {"direct": "#546e7a", "online": "#1565c0", "postal": "#ef6c00"}
GROUP_COLOURS = ("#455a64", "#2e7d32", "#c62828")   # received, on time, overdue
# Beyond this many days a bar per day is too thin to read: bars per month instead.
MAX_DAILY_BARS = 62
# The longest groups drawn; the rest are in the export.
MAX_GROUP_BARS = 12
MAX_CATEGORY_CHARS = 42


# Marked for lupdate here: it cannot read a translate call whose text is a variable.
_NAMES = {
    "direct": QT_TRANSLATE_NOOP("DashboardCharts", "At the counter"),
    "online": QT_TRANSLATE_NOOP("DashboardCharts", "Online"),
    "postal": QT_TRANSLATE_NOOP("DashboardCharts", "By post"),
    "count": QT_TRANSLATE_NOOP("DashboardCharts", "Received"),
    "on_time": QT_TRANSLATE_NOOP("DashboardCharts", "Result on time"),
    "overdue": QT_TRANSLATE_NOOP("DashboardCharts", "Overdue now"),
}


def _t(key: str) -> str:
    return QCoreApplication.translate(CONTEXT, _NAMES[key])


def channel_names() -> dict[str, str]:
    return {
        "direct": _t("direct"),
        "online": _t("online"),
        "postal": _t("postal"),
    }


def percent_text(ratio: float | None) -> str:
    """66,7 %; a dash when there is nothing to divide by."""
    if ratio is None:
        return "–"
    return number_locale().toString(ratio * 100, "f", 1) + " %"


def count_text(count: int) -> str:
    return number_locale().toString(int(count))


@dataclass(frozen=True)
class Bucket:
    """One bar of the per-day chart: a day, or a month of a long period."""

    label: str
    direct: int
    online: int
    postal: int

    def channel(self, key: str) -> int:
        return int(getattr(self, key))


def day_buckets(by_day: Sequence[Mapping[str, Any]]) -> list[Bucket]:
    """The summary's days as bars; by month when there are more than ``MAX_DAILY_BARS``."""
    if len(by_day) <= MAX_DAILY_BARS:
        return [Bucket(date.fromisoformat(d["day"]).strftime("%d/%m"), *(int(d.get(k, 0)) for k in CHANNEL_KEYS))
                for d in by_day]
    months: dict[str, list[int]] = {}
    for d in by_day:
        label = date.fromisoformat(d["day"]).strftime("%m/%Y")
        totals = months.setdefault(label, [0, 0, 0])
        for i, key in enumerate(CHANNEL_KEYS):
            totals[i] += int(d.get(key, 0))
    return [Bucket(label, *totals) for label, totals in months.items()]


def new_chart_view(title: str, parent: QWidget | None = None) -> QChartView:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    view = QChartView(chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(260)
    return view


def _clear(chart: QChart) -> None:
    chart.removeAllSeries()
    for axis in list(chart.axes()):
        chart.removeAxis(axis)
        axis.deleteLater()


def _value_axis(maximum: int) -> QValueAxis:
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    axis.setRange(0, max(maximum, 1))
    axis.applyNiceNumbers()
    axis.setMinorTickCount(0)
    return axis


def _attach(chart: QChart, series: Any, axis: QAbstractAxis, alignment: Qt.AlignmentFlag) -> None:
    chart.addAxis(axis, alignment)
    series.attachAxis(axis)


def _bar_set(label: str, values: Sequence[int], colour: str) -> QBarSet:
    bar_set = QBarSet(label)
    bar_set.append([float(v) for v in values])
    bar_set.setColor(QColor(colour))
    return bar_set


def fill_day_chart(chart: QChart, by_day: Sequence[Mapping[str, Any]]) -> list[Bucket]:
    """Stacked bars per day (or month), one set per channel."""
    _clear(chart)
    buckets = day_buckets(by_day)
    series = QStackedBarSeries()
    names = channel_names()
    for key in CHANNEL_KEYS:
        series.append(_bar_set(names[key], [b.channel(key) for b in buckets], CHANNEL_COLOURS[key]))
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([b.label for b in buckets])
    if len(buckets) > 16:
        categories.setLabelsAngle(-90)
    _attach(chart, series, categories, Qt.AlignmentFlag.AlignBottom)
    peak = max((b.direct + b.online + b.postal for b in buckets), default=0)
    _attach(chart, series, _value_axis(peak), Qt.AlignmentFlag.AlignLeft)
    return buckets


def fill_share_chart(chart: QChart, summary: Mapping[str, Any]) -> None:
    """A pie of the channels' shares of what was received."""
    _clear(chart)
    counts = {c["channel"]: int(c["count"]) for c in summary["by_channel"]}
    total = int(summary["total"])
    series = QPieSeries()
    names = channel_names()
    for key in CHANNEL_KEYS:
        count = counts.get(CHANNEL_NUMBERS[key], 0)
        share = round(count / total, 4) if total else None
        pie_slice = series.append(f"{names[key]}: {count_text(count)} ({percent_text(share)})", float(count))
        pie_slice.setColor(QColor(CHANNEL_COLOURS[key]))
        pie_slice.setLabelVisible(count > 0)
    chart.addSeries(series)
    chart.legend().setVisible(True)


def _short(text: str) -> str:
    return text if len(text) <= MAX_CATEGORY_CHARS else text[: MAX_CATEGORY_CHARS - 1] + "…"


def category_labels(items: Sequence[Mapping[str, Any]], title_of: Callable[[Mapping[str, Any]], str],
                    key_of: Callable[[Mapping[str, Any]], str]) -> list[str]:
    """Short titles, told apart by their key where two read alike: a category axis keeps only
    one of two equal labels, and the bars would then shift onto the wrong names."""
    short = [_short(title_of(item)) for item in items]
    return [f"{label} ({key_of(item)})" if short.count(label) > 1 else label for label, item in zip(short, items)]


def fill_group_chart(chart: QChart, items: Sequence[Mapping[str, Any]],
                     title_of: Callable[[Mapping[str, Any]], str],
                     key_of: Callable[[Mapping[str, Any]], str]) -> list[Mapping[str, Any]]:
    """Horizontal bars per group: received, results on time, overdue now; the largest on top.

    Returns the groups drawn (the ``MAX_GROUP_BARS`` largest, in the summary's order).
    """
    _clear(chart)
    shown = list(items[:MAX_GROUP_BARS])
    # A horizontal bar axis runs bottom-up: reversed, the largest group stands at the top.
    drawn = list(reversed(shown))
    series = QHorizontalBarSeries()
    for key, colour in zip(("count", "on_time", "overdue"), GROUP_COLOURS):
        series.append(_bar_set(_t(key), [int(item.get(key) or 0) for item in drawn], colour))
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append(category_labels(drawn, title_of, key_of))
    _attach(chart, series, categories, Qt.AlignmentFlag.AlignLeft)
    peak = max((int(item.get("count") or 0) for item in shown), default=0)
    _attach(chart, series, _value_axis(peak), Qt.AlignmentFlag.AlignBottom)
    return shown
