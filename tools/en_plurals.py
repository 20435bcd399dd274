"""English plural forms of the numerus messages (the source says "%n key(s)"; English shows "1 key" / "2 keys").

shopdesk_en.ts holds only these messages (lupdate -pluralonly); fill_translations.py writes them and fails on a
numerus source missing here. Each value: (singular, plural).
"""

EN_PLURALS = {
    "%n breached": ("%n breached", "%n breached"),
    "%n case(s)": ("%n case", "%n cases"),
    "%n damaged key(s) taken out of sale": ("%n damaged key taken out of sale", "%n damaged keys taken out of sale"),
    "%n flagged, total ¥%1": ("%n flagged, total ¥%1", "%n flagged, total ¥%1"),
    "%n key(s)": ("%n key", "%n keys"),
    "%n payment(s) recorded.": ("%n payment recorded.", "%n payments recorded."),
    "%n payment(s) waiting for a decision, ¥%1": (
        "%n payment waiting for a decision, ¥%1",
        "%n payments waiting for a decision, ¥%1",
    ),
    "%n key(s) changed.": ("%n key changed.", "%n keys changed."),
    "%n key(s) delivered": ("%n key delivered", "%n keys delivered"),
    "%n order(s)": ("%n order", "%n orders"),
    "%n past case(s) match these conditions.": (
        "%n past case matches these conditions.",
        "%n past cases match these conditions.",
    ),
    "%n product(s) low on stock": ("%n product low on stock", "%n products low on stock"),
    "%n product(s) with keys expiring soon": (
        "%n product with keys expiring soon",
        "%n products with keys expiring soon",
    ),
    "Exported %n key(s); the export is in the audit trail.": (
        "Exported %n key; the export is in the audit trail.",
        "Exported %n keys; the export is in the audit trail.",
    ),
    "Filled %n day(s) from the public calendar; Save keeps them.": (
        "Filled %n day from the public calendar; Save keeps them.",
        "Filled %n days from the public calendar; Save keeps them.",
    ),
    "Why are these %n key(s) voided?": ("Why is this key voided?", "Why are these %n keys voided?"),
    "Swapped to %1: %n key(s) delivered": ("Swapped to %1: %n key delivered", "Swapped to %1: %n keys delivered"),
    "%n case(s) settled by the rule track on the model's reason, no person needed": (
        "%n case settled by the rule track on the model's reason, no person needed",
        "%n cases settled by the rule track on the model's reason, no person needed",
    ),
}
