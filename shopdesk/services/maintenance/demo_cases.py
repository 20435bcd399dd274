"""The demo history's desk: cases opened on orders (requests to cancel, failed keys, late deliveries) and worked
by the staff on shift: taking them, waiting on the customer, retention offers and their answers, cancellations,
replaced keys, the SOP sweep where a deadline passes, and the requests still open at the end."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from shopdesk.db.models import Order
from shopdesk.services.common import clock
from shopdesk.services.desk import cases, retention, sop
from shopdesk.services.maintenance.demo_data import (
    HISTORY,
    STAFF,
    STOREFRONT,
    Case,
    Sale,
    opening_note,
    resolution_note,
)


class CaseFlows:
    """The simulation's steps for the desk's cases; mixed into demo_history.Simulation, whose state they use."""

    # --- opening cases ---

    def sync(self, sale: Sale) -> None:
        sale.status = self.s.execute(select(Order.status).where(Order.id == sale.id)).scalar_one()

    def open(self, sale: Sale, kind: str, reason: str, origin: str = "history") -> None:
        if sale.case_open or sale.status in ("closed", "cancelled"):
            return
        if kind == "late" and sale.status not in ("delivered", "completed"):
            return
        if kind == "request" and reason == "out_of_stock" and sale.status != "awaiting_stock":
            reason = "delivery_late"
        rng = self.rng
        at_desk = sale.source == "desk" or sale.bad_key or (kind == "key" and rng.random() < 0.6)
        staff = self.on_duty(clock.now())
        opener = rng.choice(staff) if at_desk and staff and sale.status != "pending_payment" else STOREFRONT
        words = opening_note(reason, sale.id)
        opened = cases.open_case(
            self.s,
            sale.id,
            reason_code=reason,
            actor=opener,
            note=words,
            text=words if opener == STOREFRONT else None,  # the storefront sends the customer's words: the model reads
            run_rules=opener == STOREFRONT,
        )
        self.cases += 1
        if opened.status != "new":  # the rule track settled it
            self.sync(sale)
            return
        sale.case_open = True
        case = Case(
            opened.id,
            sale,
            kind,
            opened.reason_code,
            opened.resp_class,
            clock.now(),
            opened.first_response_due,
            opened.resolution_due,
        )
        case.cancel = origin == "bad_day"
        now = clock.now()
        if opener != STOREFRONT:
            case.agent = opener
            take_at = now + timedelta(seconds=rng.uniform(10, 80))
        elif staff:
            case.agent = rng.choice(staff)
            minutes = rng.uniform(0.4, 4.7) if rng.random() < HISTORY["on_time"] else rng.uniform(5.5, 30)
            take_at = now + timedelta(minutes=minutes)
        else:
            start, case.agent = self.next_shift(now)
            take_at = start + timedelta(minutes=rng.uniform(1, 14))
        if take_at > case.first_due:
            self.at(case.first_due + timedelta(seconds=rng.uniform(10, 50)), self.sweep)
        self.at(take_at, self.take, case)

    def open_live(self, reason: str, state: str) -> None:
        """Open a request still being worked on at the end (on the newest order that has none): waiting for the
        customer's screenshot, an offer the customer has not answered, nobody answered in time (breached), just in."""
        since = clock.now() - timedelta(hours=8)
        fresh = [
            sale
            for sale in self.sales.values()
            if sale.status == "delivered"
            and not sale.case_open
            and sale.source != "demo"
            and sale.paid_at is not None
            and since <= sale.paid_at <= clock.now() - timedelta(minutes=10)
            and self.by_id[sale.product_id].kind != "reusable"
        ]
        if not fresh:
            return
        sale = fresh[-1]
        staff = self.on_duty(clock.now()) or [STAFF[-1]]
        agent = self.rng.choice(staff)
        words = opening_note(reason, sale.id)
        opened = cases.open_case(
            self.s, sale.id, reason_code=reason, actor=STOREFRONT, note=words, text=words, run_rules=False
        )
        self.cases += 1
        sale.case_open = True
        now = clock.now()
        if state == "late":
            self.at(opened.first_response_due + timedelta(seconds=30), self.sweep)
        elif state == "amber":  # answered at once, then left with the resolution clock running
            self.at(now + timedelta(seconds=self.rng.uniform(30, 90)), self.take_only, opened.id, agent)
        elif state in ("waiting", "offered"):
            self.at(now + timedelta(minutes=self.rng.uniform(1, 3)), self.take_live, opened.id, agent, state)

    def take_only(self, case_id: int, agent: str) -> None:
        cases.take(self.s, case_id, actor=agent)

    def take_live(self, case_id: int, agent: str, state: str) -> None:
        cases.take(self.s, case_id, actor=agent)
        if state == "offered":
            suggestion = next(iter(retention.suggest(self.s, case_id)), None)
            if suggestion is not None:
                retention.make_offer(
                    self.s,
                    case_id,
                    suggestion.kind,
                    actor=agent,
                    amount_fen=suggestion.amount_fen,
                    detail=suggestion.detail,
                )
        note = "等待客户考虑方案" if state == "offered" else "请客户提供兑换失败截图"
        cases.wait_for_customer(self.s, case_id, actor=agent, note=note)

    # --- working a case ---

    def sweep(self) -> None:
        sop.record_breaches(self.s, actor="system")

    def later(self, case: Case, minutes: float, fn, *args) -> None:
        """Schedule the case's next step; the SOP sweep runs where a deadline passes before it."""
        when = clock.now() + timedelta(minutes=minutes)
        if case.paused_at is None:
            due = case.resolution_due
            for mark in (due, case.opened_at + 2 * (due - case.opened_at)):
                if mark < when and mark not in case.swept:
                    case.swept.add(mark)
                    self.at(mark + timedelta(seconds=self.rng.uniform(10, 50)), self.sweep)
        self.at(when, fn, case, *args)

    def take(self, case: Case) -> None:
        cases.take(self.s, case.id, actor=case.agent)
        rng = self.rng
        if case.kind == "key":
            if rng.random() < 0.35:
                self.later(case, rng.uniform(1, 4), self.wait, self.finish_key, rng.uniform(10, 150))
            else:
                self.later(case, self.work_minutes(), self.finish_key)
            return
        if case.sale.status == "pending_payment":  # not paid yet: nothing to keep, close it at once
            self.later(case, rng.uniform(0.5, 3), self.cancel)
            return
        case.offers = [] if case.cancel else retention.suggest(self.s, case.id)
        if case.offers:
            self.later(case, rng.uniform(1, 4), self.offer)
        elif rng.random() < 0.08:
            self.later(case, rng.uniform(1, 5), self.wait, self.cancel, rng.uniform(20, 240))
        else:
            self.later(case, rng.uniform(1.5, 12) if case.cancel else self.work_minutes(), self.cancel)

    def work_minutes(self) -> float:
        rng = self.rng
        return rng.uniform(2, 20) if rng.random() < 0.82 else rng.uniform(35, 180)

    def wait(self, case: Case, then, minutes: float) -> None:
        """Waiting on the customer (the resolution clock pauses), who answers `minutes` later."""
        cases.wait_for_customer(self.s, case.id, actor=case.agent, note="等待客户回复")
        case.paused_at = clock.now()
        self.at(clock.now() + timedelta(minutes=minutes), self.resume, case, then)

    def resume(self, case: Case, then) -> None:
        cases.resume(self.s, case.id, actor=case.agent, note="客户已回复")
        case.resolution_due += clock.now() - case.paused_at
        case.paused_at = None
        self.later(case, self.rng.uniform(1, 8), then)

    def offer(self, case: Case) -> None:
        rng = self.rng
        suggestion = case.offers.pop(0)
        made = retention.make_offer(
            self.s,
            case.id,
            suggestion.kind,
            actor=case.agent,
            amount_fen=suggestion.amount_fen,
            detail=suggestion.detail,
        )
        minutes = rng.uniform(2, 25)
        if rng.random() < 0.6:  # the customer takes their time: the clock waits with them
            cases.wait_for_customer(self.s, case.id, actor=case.agent, note="等待客户考虑方案")
            case.paused_at = clock.now()
            minutes = rng.uniform(5, 90)
        self.later(case, minutes, self.answer, made)

    def answer(self, case: Case, made) -> None:
        rng = self.rng
        if case.paused_at is not None:
            cases.resume(self.s, case.id, actor=case.agent, note="客户已回复")
            case.resolution_due += clock.now() - case.paused_at
            case.paused_at = None
        # Accepted at the kind's rate exactly (the debt again), so a few lucky saves do not hide a bump.
        debt = self.accept_debt.get(made.kind, rng.random()) + HISTORY["accept"].get(made.kind, 0.3)
        accepted = debt >= 1
        self.accept_debt[made.kind] = debt - accepted
        retention.answer_offer(self.s, made.id, accepted, actor=case.agent)
        if accepted:
            self.done(case)
        elif case.offers and rng.random() < 0.45:
            self.later(case, rng.uniform(1, 4), self.offer)
        else:
            self.later(case, rng.uniform(1, 6), self.cancel)

    def cancel(self, case: Case) -> None:
        rng, sale = self.rng, case.sale
        self.sync(sale)
        if sale.status == "closed":  # an unpaid order the timeout closed while the case waited
            cases.resolve(
                self.s, case.id, "rejected", actor=case.agent, rejection_reason="订单已超时未付款，系统已自动关闭"
            )
            self.done(case)
            return
        destination = "wallet" if sale.method == "wallet" or rng.random() < 0.2 else "external"
        compensation = 0
        if case.resp_class != "customer" and rng.random() < 0.4:
            compensation = max(100, sale.total_fen * 5 // 100)
        cases.resolve(
            self.s,
            case.id,
            "cancelled",
            actor=case.agent,
            refund=destination,
            compensation_fen=compensation,
            note=resolution_note(case.reason),
        )
        self.done(case)

    def finish_key(self, case: Case) -> None:
        rng = self.rng
        if case.reason == "key_used" and rng.random() < 0.25:
            cases.resolve(
                self.s,
                case.id,
                "rejected",
                actor=case.agent,
                rejection_reason="供应商核实：该卡密已于发货后被成功兑换 (redeemed after delivery)",
            )
            self.done(case)
            return
        if case.sale.bad_key:  # the bad batch's customers: every other one wants the money back
            self.bad_cases += 1
            replace = self.bad_cases % 2 == 1
        else:
            replace = rng.random() < 0.62
        if replace and self.available(case.sale.product_id) >= 3:
            cases.resolve(self.s, case.id, "replaced", actor=case.agent, note="已补发新卡密")
            self.done(case)
            return
        self.cancel(case)

    def done(self, case: Case) -> None:
        case.sale.case_open = False
        self.sync(case.sale)
