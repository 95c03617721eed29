"""DashboardTab: the site's figures for a period, as the central system counts them.

One background fetch reads the three answers the ministry's measures come from
(``/v1/stats/summary`` for the period, ``/v1/stats/overdue`` and ``/v1/stats/due`` for
today); the headline, the charts, the tables and the exports are all drawn from that one
fetch, so they cannot disagree with each other or with the central API. When the centre
cannot be reached the last figures stay on screen with the time they were counted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCharts import QChart
from PySide6.QtCore import QCoreApplication, QDate, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.timeutil import VN_TZ, parse_rfc3339
from desk_app.sync.errors import CentralUnavailable

from ..errors import error_text
from ..feedback import Tone, clear_message, show_message
from ..labels import format_date, format_moment
from ..ops import Op
from ..session import DeskServices, DeskSession
from . import dashboard_export
from .dashboard_charts import (
    count_text,
    fill_day_chart,
    fill_group_chart,
    fill_share_chart,
    new_chart_view,
    percent_text,
)
from .tab_parts import read_only_table, refresh_button

FETCH_TIMEOUT_S = 20
OVERDUE_LIMIT = 500
# The central API refuses longer periods (stats.MAX_PERIOD_DAYS).
MAX_PERIOD_DAYS = 366
# A custom period is fetched once the dates stop changing for this long.
CUSTOM_PERIOD_DELAY_MS = 600


@dataclass(frozen=True)
class DashboardFigures:
    """The three answers one refresh read, untouched, and the period they were asked for."""

    summary: dict[str, Any]
    overdue: dict[str, Any]
    due: dict[str, Any]
    first: date
    last: date

    @property
    def as_of(self) -> datetime:
        return parse_rfc3339(self.summary["as_of"]).astimezone(VN_TZ)


def fetch_figures(session: DeskSession, first: date, last: date, today: date) -> DashboardFigures:
    """Read the figures (off the UI thread): the session's client is the sync thread's."""
    with session.client.courier(FETCH_TIMEOUT_S) as courier:
        summary = courier.stats_summary(first, last)
        overdue = courier.stats_overdue(OVERDUE_LIMIT)
        due = courier.stats_due(today)
    return DashboardFigures(summary, overdue, due, first, last)


def export_labels() -> dict[str, str]:
    """The export's texts in the desk's language."""
    return {key: QCoreApplication.translate(dashboard_export.CONTEXT, text)
            for key, text in dashboard_export.LABELS.items()}


def procedure_title(item: Mapping[str, Any]) -> str:
    return str(item.get("procedure_name") or item["procedure_code"])


def officer_title(item: Mapping[str, Any]) -> str:
    return str(item.get("full_name") or item["username"])


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def month_before(day: date) -> tuple[date, date]:
    last = day.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


class Period:
    THIS_MONTH, LAST_MONTH, THIS_YEAR, CUSTOM = range(4)


class _Figure(QFrame):
    """One headline figure: a title, the figure large, and the counts behind it."""

    def __init__(self, name: str, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(title, self)
        self.value = QLabel("–", self)
        self.value.setObjectName(f"{name}Figure")
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = QLabel("", self)
        self.detail.setObjectName(f"{name}Detail")
        self.detail.setWordWrap(True)
        for label in (self.title, self.value, self.detail):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)

    def show_figure(self, value: str, detail: str) -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.setAccessibleName(f"{self.title.text()}: {value}. {detail}")


class DashboardTab(QWidget):
    """Figures, charts and lists for a period; exports and the ledger of the same period.

    ``figures`` is what is on screen (None before the first answer). ``ledger_requested``
    asks the main window to open the ledger for the picked period: its preview and printer
    live there.
    """

    figures_shown = Signal()
    ledger_requested = Signal(object, object)   # first day, last day
    exported = Signal(str)                      # the path written

    def __init__(self, services: DeskServices, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardTab")
        self.services = services
        self.session = session
        self.figures: DashboardFigures | None = None
        self.op: Op | None = None
        self._generation = 0
        self._shown_once = False

        self._build_bar()
        self._build_headline()
        self._build_charts()
        self._build_tables()

        content = QWidget(self)
        body = QVBoxLayout(content)
        body.addLayout(self.headline_layout)
        body.addLayout(self.charts_layout)
        body.addLayout(self.tables_layout)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)

        layout = QVBoxLayout(self)
        layout.addLayout(self.bar_layout)
        layout.addWidget(self.as_of_label)
        layout.addWidget(self.message_label)
        layout.addWidget(scroll, 1)

        self._custom_timer = QTimer(self)
        self._custom_timer.setSingleShot(True)
        self._custom_timer.setInterval(CUSTOM_PERIOD_DELAY_MS)
        self._custom_timer.timeout.connect(self.refresh)
        self.set_preset(Period.THIS_MONTH, fetch=False)
        self._update_buttons()

    # ------------------------------------------------------------------ building

    def _build_bar(self) -> None:
        self.period_combo = QComboBox(self)
        self.period_combo.setObjectName("periodCombo")
        self.period_combo.addItems([self.tr("This month"), self.tr("Last month"), self.tr("This year"),
                                    self.tr("Custom period")])
        period_label = QLabel(self.tr("&Period:"), self)
        period_label.setBuddy(self.period_combo)
        self.from_edit = QDateEdit(self)
        self.from_edit.setObjectName("dashboardFromEdit")
        self.to_edit = QDateEdit(self)
        self.to_edit.setObjectName("dashboardToEdit")
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.dateChanged.connect(self._dates_edited)
        from_label = QLabel(self.tr("Fro&m:"), self)
        from_label.setBuddy(self.from_edit)
        to_label = QLabel(self.tr("&To:"), self)
        to_label.setBuddy(self.to_edit)
        self.refresh_button = refresh_button(self, "dashboardRefreshButton", self.refresh)
        self.export_csv_button = QPushButton(self.tr("Export &CSV…"), self)
        self.export_csv_button.setObjectName("exportCsvButton")
        self.export_xlsx_button = QPushButton(self.tr("Export XLS&X…"), self)
        self.export_xlsx_button.setObjectName("exportXlsxButton")
        self.ledger_button = QPushButton(self.tr("Print &ledger…"), self)
        self.ledger_button.setObjectName("printLedgerButton")
        self.ledger_button.setToolTip(self.tr("The dossier ledger (sổ theo dõi hồ sơ) of the period, as this desk holds it"))
        for button in (self.export_csv_button, self.export_xlsx_button, self.ledger_button):
            button.setAutoDefault(False)

        self.period_combo.activated.connect(lambda index: self.set_preset(index))
        self.export_csv_button.clicked.connect(lambda: self.export_csv())
        self.export_xlsx_button.clicked.connect(lambda: self.export_xlsx())
        self.ledger_button.clicked.connect(self.request_ledger)

        bar = QHBoxLayout()
        for widget in (period_label, self.period_combo, from_label, self.from_edit, to_label, self.to_edit,
                       self.refresh_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        for button in (self.export_csv_button, self.export_xlsx_button, self.ledger_button):
            bar.addWidget(button)
        self.bar_layout = bar

        self.as_of_label = QLabel(self.tr("No figures yet."), self)
        self.as_of_label.setObjectName("asOfLabel")
        self.message_label = QLabel(self)
        self.message_label.setObjectName("dashboardMessageLabel")
        self.message_label.setWordWrap(True)
        clear_message(self.message_label)

    def _build_headline(self) -> None:
        self.figure_boxes = {
            "total": _Figure("total", self.tr("Received"), self),
            "online": _Figure("online", self.tr("Share online"), self),
            "postal": _Figure("postal", self.tr("Share by post"), self),
            "on_time": _Figure("onTime", self.tr("Results on time"), self),
            "overdue": _Figure("overdue", self.tr("Overdue now"), self),
        }
        self.headline_layout = QHBoxLayout()
        for box in self.figure_boxes.values():
            self.headline_layout.addWidget(box)

    def _build_charts(self) -> None:
        self.day_view = new_chart_view(self.tr("Received per day, by channel"), self)
        self.day_view.setObjectName("dayChartView")
        self.share_view = new_chart_view(self.tr("Share of each channel"), self)
        self.share_view.setObjectName("shareChartView")
        self.procedure_view = new_chart_view(self.tr("By procedure"), self)
        self.procedure_view.setObjectName("procedureChartView")
        self.officer_view = new_chart_view(self.tr("By officer"), self)
        self.officer_view.setObjectName("officerChartView")
        for view in (self.procedure_view, self.officer_view):
            view.setMinimumHeight(360)
        grid = QGridLayout()
        grid.addWidget(self.day_view, 0, 0)
        grid.addWidget(self.share_view, 0, 1)
        grid.addWidget(self.procedure_view, 1, 0)
        grid.addWidget(self.officer_view, 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.charts_layout = grid

    @property
    def day_chart(self) -> QChart:
        return self.day_view.chart()

    @property
    def share_chart(self) -> QChart:
        return self.share_view.chart()

    @property
    def procedure_chart(self) -> QChart:
        return self.procedure_view.chart()

    @property
    def officer_chart(self) -> QChart:
        return self.officer_view.chart()

    def _table(self, name: str, headers: list[str]) -> QTableWidget:
        table = read_only_table(self, name, headers)
        table.horizontalHeader().setStretchLastSection(False)
        table.setMinimumHeight(220)
        return table

    def _build_tables(self) -> None:
        common = [self.tr("Code"), self.tr("Citizen"), self.tr("Procedure"), self.tr("Due")]
        self.due_table = self._table("dueTodayTable", common)
        self.overdue_table = self._table("overdueTable", [*common, self.tr("Working days late")])
        self.due_box = QGroupBox(self.tr("D&ue today"), self)
        self.overdue_box = QGroupBox(self.tr("&Overdue"), self)
        for box, table in ((self.due_box, self.due_table), (self.overdue_box, self.overdue_table)):
            QVBoxLayout(box).addWidget(table)
        self.tables_layout = QHBoxLayout()
        self.tables_layout.addWidget(self.due_box)
        self.tables_layout.addWidget(self.overdue_box)

    # ------------------------------------------------------------------ the period

    def today(self) -> date:
        return self.services.clock().astimezone(VN_TZ).date()

    def period(self) -> tuple[date, date]:
        return _day(self.from_edit.date()), _day(self.to_edit.date())

    def set_preset(self, preset: int, *, fetch: bool = True) -> None:
        today = self.today()
        if preset == Period.THIS_MONTH:
            first, last = today.replace(day=1), today
        elif preset == Period.LAST_MONTH:
            first, last = month_before(today)
        elif preset == Period.THIS_YEAR:
            first, last = today.replace(month=1, day=1), today
        else:
            first, last = self.period()
        self.period_combo.setCurrentIndex(preset)
        self._set_dates(first, last)
        if fetch:
            self.refresh()

    def set_period(self, first: date, last: date) -> Op | None:
        """A custom period, fetched at once."""
        self.period_combo.setCurrentIndex(Period.CUSTOM)
        self._set_dates(first, last)
        return self.refresh()

    def _set_dates(self, first: date, last: date) -> None:
        for edit, day in ((self.from_edit, first), (self.to_edit, last)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    def _dates_edited(self) -> None:
        self.period_combo.setCurrentIndex(Period.CUSTOM)
        self._custom_timer.start()

    def _period_problem(self) -> str | None:
        first, last = self.period()
        if last < first:
            return self.tr("The period ends before it starts: change one of the dates.")
        if (last - first).days + 1 > MAX_PERIOD_DAYS:
            return self.tr("Choose a period of at most a year.")
        return None

    # ------------------------------------------------------------------ fetching

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            if self.figures is None and self.op is None:
                self.refresh()

    def refresh(self) -> Op | None:
        """Fetch the picked period's figures in the background; a newer refresh wins."""
        self._custom_timer.stop()
        problem = self._period_problem()
        if problem is not None:
            show_message(self.message_label, problem, Tone.ERROR)
            return None
        first, last = self.period()
        self._generation += 1
        generation, session, today = self._generation, self.session, self.today()
        show_message(self.message_label, self.tr("Reading the figures from the central system…"), Tone.INFO)
        self.op = Op(lambda: fetch_figures(session, first, last, today), parent=self)
        self.op.success(lambda figures: self._fetched(generation, figures))
        self.op.failure(lambda error: self._failed(generation, error))
        self._update_buttons()
        return self.op.run()

    def _fetched(self, generation: int, figures: DashboardFigures) -> None:
        if generation != self._generation:
            return  # the supervisor picked another period meanwhile
        self.op = None
        clear_message(self.message_label)
        self.show_figures(figures)

    def _failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self.op = None
        if isinstance(error, CentralUnavailable) and error.network_down:
            reason = self.tr("The central system cannot be reached.")
        else:
            reason = error_text(error)
        if self.figures is None:
            text = self.tr("No figures could be read. {reason} Try again with Refresh.").format(reason=reason)
        else:
            text = self.tr("The figures could not be refreshed. {reason} The figures shown are the last ones "
                           "received.").format(reason=reason)
        show_message(self.message_label, text, Tone.ERROR)
        self._update_buttons()

    def _update_buttons(self) -> None:
        have = self.figures is not None
        self.export_csv_button.setEnabled(have)
        self.export_xlsx_button.setEnabled(have)

    # ------------------------------------------------------------------ showing

    def show_figures(self, figures: DashboardFigures) -> None:
        self.figures = figures
        summary = figures.summary
        self.as_of_label.setText(self.tr("As of {moment}, for {first} – {last}").format(
            moment=format_moment(figures.as_of), first=format_date(date.fromisoformat(summary["from"])),
            last=format_date(date.fromisoformat(summary["to"]))))
        self._show_headline(summary)
        fill_day_chart(self.day_chart, summary["by_day"])
        fill_share_chart(self.share_chart, summary)
        fill_group_chart(self.procedure_chart, summary["by_procedure"], procedure_title,
                         lambda item: str(item["procedure_code"]))
        fill_group_chart(self.officer_chart, summary["by_officer"], officer_title, lambda item: str(item["username"]))
        self._fill_list(self.due_table, figures.due["items"], late=False)
        self._fill_list(self.overdue_table, figures.overdue["items"], late=True)
        self.due_box.setTitle(self.tr("D&ue today ({count})").format(count=count_text(figures.due["count"])))
        overdue_title = self.tr("&Overdue ({count})").format(count=count_text(figures.overdue["count"]))
        if figures.overdue["count"] > len(figures.overdue["items"]):
            overdue_title += " · " + self.tr("the {shown} longest overdue listed").format(
                shown=count_text(len(figures.overdue["items"])))
        self.overdue_box.setTitle(overdue_title)
        self._update_buttons()
        self.figures_shown.emit()

    def _show_headline(self, summary: Mapping[str, Any]) -> None:
        total = summary["total"]
        channels = {c["channel"]: c["count"] for c in summary["by_channel"]}
        boxes = self.figure_boxes
        boxes["total"].show_figure(count_text(total), self.tr(
            "at the counter {direct} · online {online} · by post {postal}").format(
            direct=count_text(channels.get(1, 0)), online=count_text(channels.get(2, 0)),
            postal=count_text(channels.get(3, 0))))
        for key in ("online", "postal"):
            figure = summary[key]
            boxes[key].show_figure(percent_text(figure["share"]), self.tr("{count} of {total} received").format(
                count=count_text(figure["count"]), total=count_text(total)))
        on_time = summary["on_time"]
        boxes["on_time"].show_figure(percent_text(on_time["rate"]), self.tr(
            "{on_time} of {with_result} results, {late} late").format(
            on_time=count_text(on_time["on_time"]), with_result=count_text(on_time["with_result"]),
            late=count_text(on_time["late"])))
        overdue = summary["overdue"]
        boxes["overdue"].show_figure(percent_text(overdue["rate"]), self.tr(
            "{count} of {open} dossiers still open").format(
            count=count_text(overdue["count"]), open=count_text(overdue["open"])))

    def _fill_list(self, table: QTableWidget, items: list[dict[str, Any]], *, late: bool) -> None:
        table.setSortingEnabled(False)
        table.setRowCount(len(items))
        for row, item in enumerate(items):
            due_at = parse_rfc3339(item["due_at"]) if item.get("due_at") else None
            cells: list[str] = [item["code"], item.get("applicant_name") or "",
                                f"{item['procedure_code']} {item.get('procedure_name') or ''}".strip(),
                                format_moment(due_at)]
            if late:
                cells.append(count_text(item["days_late"]))
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if column == 0:
                    cell.setData(Qt.ItemDataRole.UserRole, item.get("client_id"))
                table.setItem(row, column, cell)
        table.resizeColumnsToContents()

    # ------------------------------------------------------------------ exports and the ledger

    def default_export_name(self, suffix: str) -> str:
        assert self.figures is not None
        summary = self.figures.summary
        return f"so-lieu-{summary['site_code']}-{summary['from']}-{summary['to']}.{suffix}"

    def _ask_path(self, suffix: str, caption: str, file_filter: str) -> str | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _chosen = QFileDialog.getSaveFileName(self, caption, str(Path(folder) / self.default_export_name(suffix)),
                                                    file_filter)
        if not path:
            return None
        return path if path.lower().endswith("." + suffix) else f"{path}.{suffix}"

    def export_csv(self, path: str | None = None) -> Op | None:
        """Every figure shown, as section, item, value (asks where when no path is given)."""
        if self.figures is None:
            return None
        path = path or self._ask_path("csv", self.tr("Export the figures as CSV"), self.tr("CSV files (*.csv)"))
        if path is None:
            return None
        figures, labels = self.figures, export_labels()

        def work() -> None:
            rows = dashboard_export.summary_rows(figures.summary, figures.overdue, figures.due, labels)
            dashboard_export.write_csv(path, rows, labels)

        return self._export(work, path, "csv")

    def export_xlsx(self, path: str | None = None) -> Op | None:
        """Every figure shown, one sheet per section (asks where when no path is given)."""
        if self.figures is None:
            return None
        path = path or self._ask_path("xlsx", self.tr("Export the figures as an Excel workbook"),
                                      self.tr("Excel workbooks (*.xlsx)"))
        if path is None:
            return None
        figures, labels = self.figures, export_labels()
        return self._export(
            lambda: dashboard_export.write_xlsx(path, figures.summary, figures.overdue, figures.due, labels), path,
            "xlsx")

    def _export(self, work: Any, path: str, file_format: str) -> Op:
        assert self.figures is not None
        summary, store, username = self.figures.summary, self.services.store, self.session.username
        details = {"format": file_format, "first": summary["from"], "last": summary["to"]}

        def audited_work() -> None:
            # Audited before the file is written, so the figures never leave the desk unrecorded;
            # a write that then fails leaves the record of an attempt, which errs on the safe side.
            if store is not None:
                store.audit(username, "export.dashboard", summary.get("site_code"), details)
            work()

        return Op(audited_work, parent=self).success(lambda _none: self._exported(path)).failure(
            self._export_failed).run()

    def _export_failed(self, error: Exception) -> None:
        # A full disk or a file open in Excel: the system's own words name the cause.
        reason = (error.strerror or str(error)) if isinstance(error, OSError) else error_text(error)
        show_message(self.message_label, self.tr("The file could not be written: {reason}").format(reason=reason),
                     Tone.ERROR)

    def _exported(self, path: str) -> None:
        show_message(self.message_label, self.tr("Saved to {path}").format(path=path), Tone.OK)
        self.exported.emit(path)

    def request_ledger(self) -> None:
        """The ledger is read from the desk's store (its mirror of the site), for the picked period."""
        if self._period_problem() is not None:
            show_message(self.message_label, self._period_problem() or "", Tone.ERROR)
            return
        first, last = self.period()
        self.ledger_requested.emit(first, min(last, self.today()))
