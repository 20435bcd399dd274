"""Where the main window's links lead (pages by number, a Today tile's rows, an order, a customer, a case), and
the pages coming into being on first need."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from shopdesk.services.common.errors import ServerUnreachable
from shopdesk.ui import window_state


class Navigation:
    """Mixed into MainWindow (which has `nav`, `stack`, its `shelf` of pages and the pages as attributes)."""

    @property
    def pages(self) -> list[tuple[str, QWidget]]:
        """Every navigation row's title and what the stack holds for it: the page, or its placeholder."""
        return self.shelf.slots()

    def page_at(self, row: int) -> QWidget:
        """The page of navigation row `row`, built now if it was not."""
        return self.shelf.at(row)

    def _show_row(self, row: int) -> None:
        self.shelf.at(row)  # a page shown for the first time is built first
        self.stack.setCurrentIndex(row)

    def _page_built(self, name: str, page: QWidget) -> None:
        """A page exists: the window listens to it; after start it loads at once (its parts as they were)."""
        if name == "today_page":
            page.navigate.connect(self.go_to)
            page.alerts_found.connect(self.on_anomalies)
        elif name == "orders_page":
            page.notify.connect(self.on_order_note)
            page.customer_requested.connect(self.show_customer)
            page.case_requested.connect(self.show_case)
            self.sweeper.timeout.connect(page.check_waiting)
        elif name == "customers_page":
            page.order_requested.connect(self.show_order_number)
        elif name == "inventory_page":
            page.alerts_changed.connect(self.on_alerts)
        elif name == "aftersales_page":
            page.breaches_found.connect(self.on_breaches)
        elif name == "analytics_page":
            page.ai_tab.attach(self.ai_track)
        elif name == "settings_page":
            page.team_requested.connect(self.show_team)
            page.restore_requested.connect(lambda path: asyncio.ensure_future(self.backups.restore_file(path)))
            page.api_port_saved.connect(self.restart_api)
            page.running_port = self.api_port
        if self._live:
            asyncio.ensure_future(self._first_load(page))

    async def _first_load(self, page: QWidget) -> None:
        try:
            await page.load()
        except ServerUnreachable:
            return  # the window says it is reconnecting; once back it loads every page built
        window_state.restore_parts([page], self.window_settings)

    def go_to(self, where: str, what: dict) -> None:
        """A Today tile or alert opens the rows it counts: the board, the desk or the inventory, filtered."""
        if where == "today":
            self.nav.setCurrentRow(0)
            return
        page = {"orders": self.orders_page, "desk": self.aftersales_page, "inventory": self.inventory_page}[where]
        self.nav.setCurrentRow(self.stack.indexOf(page))
        if where == "orders":
            self.orders_page.show_filtered(what.get("status"), what.get("day"), what.get("product_id"))
        elif where == "desk":
            self.aftersales_page.show_scope(what["scope"])
        else:
            self.inventory_page.show_product(what["product_id"], what.get("batch_id"))

    def show_customer(self, customer_id: int) -> None:
        """An order's "Open the customer": the Customers page with that customer selected."""
        self.nav.setCurrentRow(self.stack.indexOf(self.customers_page))
        self.customers_page.show_customer(customer_id)

    def show_order_number(self, number: str) -> None:
        """An order picked on the customer page, on the board."""
        self.nav.setCurrentRow(self.stack.indexOf(self.orders_page))
        self.orders_page.show_number(number)

    def show_case(self, case_id: int) -> None:
        """A case just opened from an order, on the desk."""
        self.nav.setCurrentRow(self.stack.indexOf(self.aftersales_page))
        self.aftersales_page.show_case(case_id)

    def show_settings(self) -> None:
        self.nav.setCurrentRow(self.stack.indexOf(self.settings_page))

    def show_team(self) -> None:
        """Settings → Users: the Team page, or (single-user mode) the owner account to create first."""
        if self.stack.indexOf(self.staff_page) >= 0:
            self.nav.setCurrentRow(self.stack.indexOf(self.staff_page))
        else:
            self.protect_shop()

    def all_pages(self) -> list[tuple[str, QWidget]]:
        return [*self.pages, (QCoreApplication.translate("MainWindow", "Team"), self.staff_page)]

    def all_page_titles(self) -> list[str]:
        """The titles of every page, the Team page's last, without building any of them."""
        return [*self.shelf.titles(), QCoreApplication.translate("MainWindow", "Team")]

    def all_pages_widgets(self) -> list[QWidget]:
        return [page for _t, page in self.all_pages()]

    def show_page(self, n: int) -> None:
        if n < self.nav.count():
            self.nav.setCurrentRow(n)

    def go_to_desk(self) -> None:
        self.nav.setCurrentRow(self.stack.indexOf(self.aftersales_page))

    def focus_search(self) -> None:
        focus = getattr(self.stack.currentWidget(), "focus_search", None)
        if callable(focus):
            focus()

    def open_note(self, note) -> None:
        if note.where:
            self.go_to(note.where, note.what)
