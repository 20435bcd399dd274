"""A storefront talking to ShopDesk with Python's standard library: create an order, pay it, read its keys.

SHOPDESK_SECRET=$(shopdesk api secret) SHOPDESK_SKU=QQB-10 python3 storefront.py
"""

import hashlib
import hmac
import json
import os
import time
import urllib.error
import urllib.request
import uuid

URL = os.environ.get("SHOPDESK_URL", "http://127.0.0.1:8765")
SECRET = os.environ["SHOPDESK_SECRET"]  # shopdesk api secret
SKU = os.environ.get("SHOPDESK_SKU", "QQB-10")


def shopdesk(method, path, payload=None, key=""):
    """Sign the canonical request (timestamp, METHOD, path with query, Idempotency-Key, sha256 of the body)."""
    body = b"" if payload is None else json.dumps(payload, ensure_ascii=False).encode()
    ts = str(int(time.time()))
    canonical = "\n".join([ts, method, path, key, hashlib.sha256(body).hexdigest()]).encode()
    headers = {
        "Content-Type": "application/json",
        "X-ShopDesk-Timestamp": ts,
        "X-ShopDesk-Signature": hmac.new(SECRET.encode(), canonical, hashlib.sha256).hexdigest(),
    }
    if key:
        headers["Idempotency-Key"] = key  # a retry sends the same key, signed afresh
    request = urllib.request.Request(URL + path, data=body or None, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as refused:
        raise SystemExit(f"{refused.code}: {json.loads(refused.read())['error']}") from None


ref = f"WEB-{uuid.uuid4().hex[:12]}"
customer = {"name": "张伟", "contact": "wx:zhangwei"}
order = shopdesk(
    "POST",
    "/v1/orders",
    {"external_id": ref, "customer": customer, "lines": [{"sku": SKU, "quantity": 1}]},
    key=f"{ref}-create",
)
shopdesk(
    "POST",
    f"/v1/orders/{order['id']}/payments",
    {"trade_no": f"ALI{ref}", "amount": order["total"], "method": "alipay"},
    key=f"{ref}-pay",
)
print(json.dumps(shopdesk("GET", f"/v1/orders/{order['id']}"), ensure_ascii=False))
