"""after-sales desk

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reason",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("resp_class", sa.String(length=10), nullable=False),
        sa.Column("label_en", sa.String(length=100), nullable=False),
        sa.Column("label_zh", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("resp_class IN ('customer', 'merchant', 'system')", name=op.f("ck_reason_resp_class")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reason")),
        sa.UniqueConstraint("code", name=op.f("uq_reason_code")),
    )
    op.create_table(
        "reply_template",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("reason_code", sa.String(length=40), nullable=True),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reply_template")),
    )
    op.create_table(
        "rule",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("conditions", sa.Text(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "action IN ('close_unpaid', 'cancel_refund', 'replace_key', 'to_person')", name=op.f("ck_rule_action")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule")),
        sa.UniqueConstraint("name", name=op.f("uq_rule_name")),
    )
    op.create_table(
        "sop_policy",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("resp_class", sa.String(length=10), nullable=False),
        sa.Column("priority", sa.String(length=10), nullable=False),
        sa.Column("first_response_minutes", sa.Integer(), nullable=False),
        sa.Column("resolution_minutes", sa.Integer(), nullable=False),
        sa.Column("pause_states", sa.String(length=100), nullable=False),
        sa.Column("escalation", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.CheckConstraint("resp_class IN ('customer', 'merchant', 'system')", name=op.f("ck_sop_policy_resp_class")),
        sa.CheckConstraint("first_response_minutes > 0 AND resolution_minutes > 0", name=op.f("ck_sop_policy_targets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sop_policy")),
    )
    with op.batch_alter_table("sop_policy", schema=None) as batch_op:
        batch_op.create_index(
            "uq_sop_policy_active",
            ["resp_class", "priority"],
            unique=True,
            sqlite_where=sa.text("active"),
            postgresql_where=sa.text("active"),
        )

    op.create_table(
        "retention_offer",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("case_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("offered_by", sa.String(length=100), nullable=False),
        sa.Column("offered_at", sa.DateTime(), nullable=False),
        sa.Column("answer", sa.String(length=10), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "answer IS NULL OR answer IN ('accepted', 'declined')", name=op.f("ck_retention_offer_answer")
        ),
        sa.CheckConstraint(
            "kind IN ('price_protection', 'swap', 'compensation_coupon', 'compensation_credit', 'alternative', 'keep_coupon')",
            name=op.f("ck_retention_offer_kind"),
        ),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_retention_offer_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_offer")),
    )
    with op.batch_alter_table("retention_offer", schema=None) as batch_op:
        batch_op.create_index("ix_retention_offer_case", ["case_id"], unique=False)

    # Plain ADD COLUMN (no table rebuild): cases and customer are referenced by other tables.
    for column in (
        sa.Column("policy_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("paused_since", sa.DateTime(), nullable=True),
        sa.Column("first_response_breached_at", sa.DateTime(), nullable=True),
        sa.Column("resolution_breached_at", sa.DateTime(), nullable=True),
        sa.Column("escalation_level", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("rejection_reason", sa.Text(), nullable=False, server_default=sa.text("''")),
        sa.Column("rolled_back_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1")),
    ):
        op.add_column("cases", column)
    op.add_column("customer", sa.Column("risk_override", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("customer", sa.Column("risk_note", sa.Text(), nullable=False, server_default=sa.text("''")))
    _seed()


REASONS = [
    ("wrong_item", "customer", "Wrong item bought", "买错商品"),
    ("wrong_quantity", "customer", "Wrong quantity", "数量买错"),
    ("changed_mind", "customer", "Changed mind", "不想要了"),
    ("price_dropped", "customer", "Price dropped", "降价了"),
    ("paid_twice", "customer", "Paid twice", "重复付款"),
    ("delivery_worry", "customer", "Worried about delivery", "担心不发货"),
    ("key_invalid", "merchant", "Key invalid", "卡密无效"),
    ("key_used", "merchant", "Key already used", "卡密已被使用"),
    ("delivery_late", "merchant", "Delivery late", "发货太慢"),
    ("out_of_stock", "merchant", "Out of stock", "缺货"),
    ("description_wrong", "merchant", "Description wrong", "描述不符"),
    ("payment_glitch", "system", "Payment glitch", "支付异常"),
    ("status_unsynced", "system", "Status not synced", "状态未同步"),
    ("duplicate_order", "system", "Duplicate order", "重复下单"),
]

ESCALATION = '[{"at": "breach", "action": "notify_owner"}, {"at": "2x", "action": "raise_priority"}]'

RULES = [
    (1, "Risky customer: always to a person", '{"customer_risk": ["risky"]}', "to_person"),
    (
        2,
        "Unpaid order: close it",
        '{"payment_status": ["unpaid"], "order_status": ["pending_payment"]}',
        "close_unpaid",
    ),
    (
        3,
        "Paid, not delivered, customer reason: cancel and refund",
        '{"order_status": ["paid", "awaiting_stock"], "resp_class": ["customer"], "delivered": false}',
        "cancel_refund",
    ),
    (
        4,
        "Key invalid with stock: replace the key",
        '{"reason_code": ["key_invalid"], "order_status": ["delivered", "completed"], "stock_available": true}',
        "replace_key",
    ),
]

TEMPLATES = [
    (None, "zh_CN", "首次回复", "您好 {customer}，您的订单 {order} 的售后申请已收到，我们正在处理，请稍候。"),
    (None, "en", "First reply", "Hello {customer}, we have your request about order {order} and are on it."),
    (
        "price_dropped",
        "zh_CN",
        "价格保护",
        "{customer} 您好，订单 {order} 可为您退还差价 {amount} 元到余额，订单保留，您看可以吗？",
    ),
    (
        "price_dropped",
        "en",
        "Price protection",
        "Hello {customer}, we can refund the difference of {amount} yuan on order {order} to your wallet and keep the order.",
    ),
    (
        "delivery_late",
        "zh_CN",
        "延迟补偿",
        "{customer} 您好，订单 {order} 发货慢了，非常抱歉，送您 {amount} 元补偿，请查收。",
    ),
    (
        "delivery_late",
        "en",
        "Late delivery",
        "Hello {customer}, we are sorry order {order} was late; here is {amount} yuan to make up for it.",
    ),
    ("key_invalid", "zh_CN", "更换卡密", "{customer} 您好，订单 {order} 的卡密已为您更换，请重新查看。"),
    (
        "key_invalid",
        "en",
        "Key replaced",
        "Hello {customer}, the key of order {order} has been replaced; please check again.",
    ),
    ("changed_mind", "zh_CN", "挽留", "{customer} 您好，订单 {order} 还没使用的话，可以换成其他面值或商品，需要吗？"),
    (
        "changed_mind",
        "en",
        "Keep the order",
        "Hello {customer}, if order {order} is unused we can swap it for another product or denomination. Interested?",
    ),
]


def _seed() -> None:
    now = datetime.now(UTC).replace(tzinfo=None)  # the models store naive UTC
    reason = sa.table(
        "reason",
        sa.column("code"),
        sa.column("resp_class"),
        sa.column("label_en"),
        sa.column("label_zh"),
        sa.column("position"),
        sa.column("active"),
    )
    op.bulk_insert(
        reason,
        [
            {"code": c, "resp_class": k, "label_en": en, "label_zh": zh, "position": i, "active": True}
            for i, (c, k, en, zh) in enumerate(REASONS)
        ],
    )
    policy = sa.table(
        "sop_policy",
        sa.column("resp_class"),
        sa.column("priority"),
        sa.column("first_response_minutes"),
        sa.column("resolution_minutes"),
        sa.column("pause_states"),
        sa.column("escalation"),
        sa.column("active"),
        sa.column("created_at"),
        sa.column("created_by"),
    )
    rows = []
    for resp_class in ("customer", "merchant", "system"):
        for priority, first, resolve in (("normal", 5, 30), ("high", 3, 20)):
            rows.append(
                {
                    "resp_class": resp_class,
                    "priority": priority,
                    "first_response_minutes": first,
                    "resolution_minutes": resolve,
                    "pause_states": "waiting_customer",
                    "escalation": ESCALATION,
                    "active": True,
                    "created_by": "shopdesk",
                }
            )
    for row in rows:
        op.execute(policy.insert().values(**row, created_at=now))
    rule = sa.table(
        "rule",
        sa.column("position"),
        sa.column("name"),
        sa.column("conditions"),
        sa.column("action"),
        sa.column("active"),
        sa.column("updated_at"),
    )
    for position, name, conditions, action in RULES:
        op.execute(
            rule.insert().values(
                position=position, name=name, conditions=conditions, action=action, active=True, updated_at=now
            )
        )
    template = sa.table(
        "reply_template", sa.column("reason_code"), sa.column("lang"), sa.column("title"), sa.column("body")
    )
    op.bulk_insert(template, [{"reason_code": r, "lang": lang, "title": t, "body": b} for r, lang, t, b in TEMPLATES])


def downgrade() -> None:
    for name in ("risk_note", "risk_override"):
        op.drop_column("customer", name)
    for name in (
        "version",
        "rolled_back_at",
        "rejection_reason",
        "escalation_level",
        "resolution_breached_at",
        "first_response_breached_at",
        "paused_since",
        "policy_id",
    ):
        op.drop_column("cases", name)
    with op.batch_alter_table("retention_offer", schema=None) as batch_op:
        batch_op.drop_index("ix_retention_offer_case")

    op.drop_table("retention_offer")
    with op.batch_alter_table("sop_policy", schema=None) as batch_op:
        batch_op.drop_index("uq_sop_policy_active", sqlite_where=sa.text("active"), postgresql_where=sa.text("active"))

    op.drop_table("sop_policy")
    op.drop_table("rule")
    op.drop_table("reply_template")
    op.drop_table("reason")
