"""Analytics: why customers cancel and what the shop does about it, over a date range compared with the one
before. Each chart has its table under it (the exact figures, the same as `shopdesk report ...`) and exports
to CSV and XLSX. Read when the page is shown and when the range changes; a change feed burst marks it stale."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from shopdesk.services.common.money import format_yuan
from shopdesk.services.desk import reasons as reason_service
from shopdesk.services.numbers import days, export, reports, tables
from shopdesk.ui import numbers_text as words
from shopdesk.ui.errors import attempt
from shopdesk.ui.models.rows import RIGHT, Column, RowsModel
from shopdesk.ui.ops import Ops
from shopdesk.ui.pages.ai_track_tab import AiTrackTab
from shopdesk.ui.widgets.charts import BLUE, GREY, BarChart, Heatmap, LineChart
from shopdesk.ui.widgets.common import date_range_edits, make_table, page_title

PRESETS = (7, 30, 90)
BREAKDOWNS = ("class", "reason", "product", "source")


def _load(session, start: date | None, end: date | None, compare: bool) -> dict:
    tz = days.shop_zone(session)
    end = end or days.today(tz)
    start = start or end - timedelta(days=29)
    prev = reports.previous_range(start, end)
    out: dict = {"start": start, "end": end, "prev": prev, "compare": compare}
    out |= reports.breakdowns(session, start, end, ("day", *BREAKDOWNS, "hour_of_week"), tz=tz)
    if compare:
        before = reports.breakdowns(session, *prev, ("day", *BREAKDOWNS), tz=tz)
        out |= {"prev_" + by: report for by, report in before.items()}
    out["sop"] = reports.sop(session, start, end, tz=tz)
    out["retention"] = reports.retention(session, start, end, tz=tz)
    out["refunds"] = reports.refunds(session, start, end, tz=tz)
    out["products"] = reports.products(session, start, end, tz=tz)
    out["suppliers"] = reports.suppliers(session)
    out["reasons"] = {r.code: r for r in reason_service.reasons(session, include_inactive=True)}
    return out


def _cell(name: str, value, by: str, reasons: dict) -> str:
    if name == "agent":
        return words.agent(value)
    if value is None:
        return "–"
    if name.endswith("_fen"):
        return format_yuan(int(value))
    if name.endswith("_rate"):
        return words.percent(value)
    if name == "key":
        return words.report_key(by, value, reasons)
    if name == "reason":
        return words.report_key("reason", value, reasons)
    if name == "offer":
        return words.offer(value)
    return str(value)


def two_lines(header: str) -> str:
    """A long column header on two lines (a Chinese unit "（分钟）" on the second, or split at the space nearest the
    middle), so a report of ten columns fits the page instead of cutting its last headers."""
    if sum(2 if ord(ch) > 0x2E80 else 1 for ch in header) <= 14:  # a Chinese character is twice as wide
        return header
    if "（" in header:
        at = header.index("（")
        return header[:at].rstrip() + "\n" + header[at:]
    spaces = [i for i, ch in enumerate(header) if ch == " "]
    if not spaces:
        return header
    at = min(spaces, key=lambda i: abs(i - len(header) / 2))
    return header[:at] + "\n" + header[at + 1 :]


class Section(QFrame):
    """A titled chart with its table under it and CSV / XLSX export of the table."""

    def __init__(self, ops: Ops, chart: QWidget | None, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self.table_data: tables.Table | None = None
        self.by = ""
        self.title = QLabel(objectName="sectionTitle")
        self.note = QLabel(objectName="sectionNote")
        self.csv_button = QPushButton(self.tr("CSV…"))
        self.xlsx_button = QPushButton(self.tr("XLSX…"))
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.chart = chart
        self.model = RowsModel([], self)
        self.table = make_table(self)
        self.table.setModel(self.model)
        self.table.setMinimumHeight(120)
        self.message = QLabel(objectName="errorLabel")
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.note, 1)
        head.addWidget(self.csv_button)
        head.addWidget(self.xlsx_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.addLayout(head)
        if chart is not None:
            layout.addWidget(chart)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        self.message.hide()

    def set_table(self, title: str, table: tables.Table, by: str, reasons: dict, note: str = "") -> None:
        self.title.setText(title)
        self.note.setText(note)
        self.table_data, self.by = table, by
        columns = [
            Column(
                (lambda c=c: two_lines(words.column(c))),
                (lambda row, c=c: _cell(c, row.get(c), by, reasons)),
                RIGHT
                if c not in ("key", "reason", "offer", "agent", "sku", "name", "supplier", "date")
                else Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            )
            for c in table.columns
        ]
        self.model.set_columns_and_rows(columns, table.rows)
        self.table.resizeColumnsToContents()
        rows = max(1, min(len(table.rows), 12))
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + 26 * rows + 4)

    def export(self, kind: str) -> None:
        if self.table_data is None:
            return
        dialog = QFileDialog(self, self.tr("Export the table"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(kind)
        dialog.setNameFilter(self.tr("CSV files (*.csv)") if kind == "csv" else self.tr("Excel workbooks (*.xlsx)"))
        dialog.selectFile(f"{self.table_data.name}.{kind}")
        dialog.fileSelected.connect(self.write_to)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    @asyncSlot(str)
    async def write_to(self, path: str) -> None:
        t = self.table_data
        done = await attempt(self._ops.call(export.write_rows, path, t.columns, t.rows, sheet=t.name), self._show)
        if done:
            self._show(self.tr("Written: %1").replace("%1", str(done)), error=False)

    def _show(self, text: str, *, error: bool = True) -> None:
        self.message.setObjectName("errorLabel" if error else "sectionNote")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.show()


class AnalyticsPage(QWidget):
    topics = ("order", "case", "stock", "setting")

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self.data: dict | None = None
        self.stale = True
        self.preset = QComboBox(objectName="rangePreset")
        for n in PRESETS:
            self.preset.addItem(self.tr("Last %1 days").replace("%1", str(n)), n)
        self.preset.addItem(self.tr("Dates…"), 0)
        self.preset.setCurrentIndex(1)
        today = QDate.currentDate()
        self.date_from, self.date_to = date_range_edits(
            today.addDays(-29), today, self._dates_edited, ("rangeFrom", "rangeTo")
        )
        self.compare = QCheckBox(self.tr("Compare with the period before"), objectName="compare")
        self.compare.setChecked(True)
        self.preset.currentIndexChanged.connect(lambda _i: self._preset_changed())
        self.compare.toggled.connect(lambda _b: self.refresh())
        self.summary = QLabel(objectName="analyticsSummary")
        self.summary.setWordWrap(True)

        self.rate_chart = LineChart(self, height=200, percent=True)
        self.breakdown_charts = {by: BarChart(self, percent=by in ("product", "source")) for by in BREAKDOWNS}
        self.heatmap = Heatmap(self)
        self.sop_chart = BarChart(self, percent=True)
        self.retention_chart = BarChart(self, percent=True)
        self.refund_chart = BarChart(self)
        self.supplier_chart = BarChart(self, percent=True)
        self.product_chart = BarChart(self)
        self.sections: dict[str, Section] = {}
        self.tabs = QTabWidget(objectName="analyticsTabs")

        def tab(title: str, names: list[tuple[str, QWidget | None]]) -> None:
            body = QWidget()
            layout = QVBoxLayout(body)
            for name, chart in names:
                self.sections[name] = Section(ops, chart, body)
                layout.addWidget(self.sections[name])
            layout.addStretch(1)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(body)
            self.tabs.addTab(scroll, title)

        tab(
            self.tr("Cancellations"),
            [("day", self.rate_chart), *((by, self.breakdown_charts[by]) for by in BREAKDOWNS)],
        )
        tab(self.tr("Hour of the week"), [("hour_of_week", self.heatmap)])
        tab(self.tr("SOP"), [("sop", self.sop_chart)])
        tab(self.tr("Retention"), [("retention", self.retention_chart)])
        tab(self.tr("Refunds"), [("refunds", self.refund_chart)])
        tab(self.tr("Suppliers"), [("suppliers", self.supplier_chart)])
        tab(self.tr("Products"), [("products", self.product_chart)])
        self.ai_tab = AiTrackTab(ops, self)
        self.tabs.addTab(self.ai_tab, self.tr("AI track"))

        bar = QHBoxLayout()
        bar.addWidget(page_title(self.tr("Analytics")))
        bar.addStretch(1)
        for w in (self.preset, self.date_from, self.date_to, self.compare):
            bar.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self._preset_changed(load=False)

    # --- the range ----------------------------------------------------------------------------------
    def _preset_changed(self, load: bool = True) -> None:
        custom = self.preset.currentData() == 0
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)
        if load:
            self.refresh()

    def _dates_edited(self) -> None:
        if self.preset.currentData() == 0:
            self.refresh()

    def export_table(self) -> None:
        """File → Export…: the first table of the tab on screen, as CSV (each table has its own buttons too)."""
        page = self.tabs.currentWidget()
        shown = [s for s in self.sections.values() if page is not None and page.isAncestorOf(s)]
        if shown:
            shown[0].export("csv")

    def range(self) -> tuple[date | None, date | None]:
        n = self.preset.currentData()
        if n:
            return None, None  # the last n days of the shop's calendar, worked out in the shop's time zone
        a, b = self.date_from.date(), self.date_to.date()
        start, end = date(a.year(), a.month(), a.day()), date(b.year(), b.month(), b.day())
        return min(start, end), max(start, end)

    # --- loading --------------------------------------------------------------------------------------
    def on_changes(self, changes: dict) -> None:
        if any(topic in changes for topic in self.topics):
            self.stale = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self.stale:
            self.refresh()

    @asyncSlot()
    async def refresh(self) -> None:
        await self.load()

    async def load(self) -> None:
        if not self.isVisible():
            self.stale = True  # read when shown: a hidden page costs the DB thread nothing
            return
        start, end = self.range()
        n = self.preset.currentData()
        if n:
            data = await self._ops.read(_load_last, n, self.compare.isChecked())
        else:
            data = await self._ops.read(_load, start, end, self.compare.isChecked())
        self.stale = False
        self.data = data
        self.show_data(data)
        await self.ai_tab.load()

    def show_data(self, d: dict) -> None:
        reasons = d["reasons"]
        day = d["day"]
        prev = d.get("prev_day")
        text = words.filled(
            self.tr("%1 to %2: %3 of %4 paid orders cancelled (%5); %6 closed unpaid."),
            d["start"],
            d["end"],
            day.cancelled,
            day.paid_orders,
            words.percent(day.cancellation_rate),
            day.closed_unpaid,
        )
        if prev is not None:
            before = self.tr("The %1 days before: %2.")
            text += " " + words.filled(before, len(day.rows), words.percent(prev.cancellation_rate))
        self.summary.setText(text)
        labels = [r.key[5:] for r in day.rows]
        series = [(self.tr("Cancellation rate"), [r.cancellation_rate for r in day.rows], BLUE)]
        if prev is not None:
            series.append((self.tr("The period before"), [r.cancellation_rate for r in prev.rows], GREY))
        self.rate_chart.set_series(labels, series)
        self.sections["day"].set_table(
            self.tr("Cancellation rate by day"), tables.cancellations_table(day), "day", reasons
        )
        titles = {
            "class": self.tr("Cancellations by class"),
            "reason": self.tr("Cancellations by reason"),
            "product": self.tr("Cancellation rate by product"),
            "source": self.tr("Cancellation rate by source"),
        }
        for by in BREAKDOWNS:
            report = d[by]
            table = tables.cancellations_table(report)
            chart = self.breakdown_charts[by]
            keys = [r["key"] for r in table.rows]
            shown = [words.report_key(by, k, reasons) for k in keys]
            if by in ("class", "reason"):
                values = [r["cancelled"] for r in table.rows]
                before = {r.key: r.cancelled for r in d["prev_" + by].rows} if "prev_" + by in d else None
            else:
                values = [r["cancellation_rate"] or 0.0 for r in table.rows]
                before = (
                    {r.key: r.cancellation_rate or 0.0 for r in d["prev_" + by].rows} if "prev_" + by in d else None
                )
            chart.set_bars(shown, values, [before.get(k, 0) for k in keys] if before is not None else None)
            self.sections[by].set_table(titles[by], table, by, reasons)
        self._show_heatmap(d["hour_of_week"], reasons)
        sop = d["sop"]
        desk_row = tables.sop_row(sop.total) | {"agent": words.word("whole_desk")}  # exported as shown
        sop_table = tables.Table("sop", tables.SOP_COLUMNS, (desk_row, *tables.sop_table(sop).rows))
        self.sop_chart.set_bars(
            [words.agent(a.agent) for a in sop.by_agent],
            [a.first_response_rate or 0.0 for a in sop.by_agent],
        )
        self.sections["sop"].set_table(
            self.tr("First response on time, per agent (first row: the whole desk)"), sop_table, "", reasons
        )
        ret = d["retention"]
        rt = tables.retention_table(ret)
        self.retention_chart.set_bars(
            [f"{words.report_key('reason', r['reason'], reasons)} · {words.offer(r['offer'])}" for r in rt.rows],
            [r["save_rate"] or 0.0 for r in rt.rows],
        )
        self.sections["retention"].set_table(
            self.tr("Retention offers: save rate per reason and offer"),
            rt,
            "",
            reasons,
            words.filled(
                self.tr("%1 of %2 offers accepted (%3)"),
                ret.offers_accepted,
                ret.offers_made,
                words.percent(ret.save_rate),
            ),
        )
        ft = tables.refunds_table(d["refunds"])
        self.refund_chart.set_bars(
            [words.report_key("reason", r["reason"], reasons) for r in ft.rows],
            [r["amount_fen"] / 100 for r in ft.rows],
        )
        self.sections["refunds"].set_table(self.tr("Refunds by reason (yuan)"), ft, "", reasons)
        st = tables.suppliers_table(d["suppliers"])
        self.supplier_chart.set_bars(
            [f"#{r['batch']} {r['sku']} · {r['supplier']}" for r in st.rows], [r["defect_rate"] or 0.0 for r in st.rows]
        )
        self.sections["suppliers"].set_table(self.tr("Key defects per supplier batch (all time)"), st, "", reasons)
        pt = tables.products_table(d["products"])
        self.product_chart.set_bars([r["sku"] for r in pt.rows], [r["gross_profit_fen"] / 100 for r in pt.rows])
        self.sections["products"].set_table(
            self.tr("Products: sales, cancellations, gross profit (yuan)"), pt, "", reasons
        )

    def _show_heatmap(self, report, reasons) -> None:
        cells = {r.key: r for r in report.rows}
        rows = [words.weekday(i) for i in range(7)]
        columns = [f"{h:02d}" for h in range(24)]
        values, texts, tips = [], [], []
        for code in words.WEEKDAY_CODES:
            vrow, trow, prow = [], [], []
            for h in range(24):
                r = cells.get(f"{code}-{h:02d}")
                rate = r.cancellation_rate if r else None
                vrow.append(rate)
                trow.append("" if rate is None else f"{rate * 100:.0f}")
                prow.append(f"{r.cancelled}/{r.paid_orders}" if r else "")
            values.append(vrow)
            texts.append(trow)
            tips.append(prow)
        self.heatmap.set_cells(rows, columns, values, texts, tips)
        self.sections["hour_of_week"].set_table(
            self.tr("Cancellation rate by hour of the week (%)"),
            tables.cancellations_table(report),
            "hour_of_week",
            reasons,
        )


def _load_last(session, n: int, compare: bool) -> dict:
    tz = days.shop_zone(session)
    end = days.today(tz)
    return _load(session, end - timedelta(days=n - 1), end, compare)
