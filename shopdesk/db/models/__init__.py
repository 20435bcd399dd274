"""SQLAlchemy 2 typed models, one module per part of the shop. The constraints here are the last line of defence
of the domain rules. Everything is importable from here (`from shopdesk.db.models import Order`)."""

from shopdesk.db.models.base import NAMING, Base, Id
from shopdesk.db.models.calendar import BusinessCalendar, CalendarDay
from shopdesk.db.models.desk import (
    CASE_OPEN_STATUSES,
    Case,
    CaseEvent,
    Reason,
    ReplyTemplate,
    RetentionOffer,
    Rule,
    SopPolicy,
)
from shopdesk.db.models.keys import KEY_STATUSES, CardKey, KeyBatch, KeyEvent, Product
from shopdesk.db.models.money import ACCOUNT_KINDS, Account, Customer, JournalEntry, Posting
from shopdesk.db.models.orders import (
    ORDER_STATUSES,
    PAYMENT_STATUSES,
    Coupon,
    CouponUse,
    Order,
    OrderLine,
    Payment,
    Refund,
)
from shopdesk.db.models.plumbing import (
    ApiRequest,
    ApiSignature,
    AuditEvent,
    Change,
    OrderEvent,
    Setting,
    UnmatchedPayment,
)
from shopdesk.db.models.staff import ROLES, ChainHead, DesktopPresence, KeyWrap, RoleLimit, RolePermission, StaffUser
from shopdesk.db.models.suggestions import CaseSuggestion, ReasonModel
from shopdesk.db.models.webhooks import DELIVERY_STATES, WEBHOOK_KINDS, Webhook, WebhookDelivery

__all__ = [
    "BusinessCalendar",
    "CalendarDay",
    "ROLES",
    "ChainHead",
    "DesktopPresence",
    "KeyWrap",
    "RoleLimit",
    "RolePermission",
    "StaffUser",
    "ACCOUNT_KINDS",
    "CASE_OPEN_STATUSES",
    "KEY_STATUSES",
    "NAMING",
    "ORDER_STATUSES",
    "PAYMENT_STATUSES",
    "Account",
    "ApiRequest",
    "ApiSignature",
    "AuditEvent",
    "Base",
    "CardKey",
    "Case",
    "CaseEvent",
    "Change",
    "Coupon",
    "CouponUse",
    "Customer",
    "Id",
    "JournalEntry",
    "KeyBatch",
    "KeyEvent",
    "Order",
    "OrderEvent",
    "OrderLine",
    "Payment",
    "Posting",
    "Product",
    "Reason",
    "ReasonModel",
    "CaseSuggestion",
    "Refund",
    "ReplyTemplate",
    "RetentionOffer",
    "Rule",
    "Setting",
    "SopPolicy",
    "UnmatchedPayment",
    "DELIVERY_STATES",
    "WEBHOOK_KINDS",
    "Webhook",
    "WebhookDelivery",
]
