"""The storefront's example request (the Settings page shows it, ready to paste into a terminal): a real order
creation, signed with the shop's secret by the same code the server checks it with (`signing.signed_headers`), so
the example is right by construction. It is valid once, within the signature window."""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass

from shopdesk.services.common import clock
from shopdesk.services.storefront import signing

PATH = "/v1/orders"
PLACEHOLDER_SKU = "YOUR-SKU"  # a shop with no product on sale: the storefront's developer writes one in


@dataclass(frozen=True)
class ExampleRequest:
    method: str
    url: str
    path: str
    headers: dict[str, str]
    body: bytes
    sku: str
    stamp: int  # unix seconds the signature was made at: it is accepted until stamp + the window

    @property
    def placeholder(self) -> bool:
        return self.sku == PLACEHOLDER_SKU

    @property
    def valid_for_s(self) -> int:
        return signing.SIGNATURE_WINDOW_S

    def curl(self) -> str:
        """The request as one curl command (POSIX shell quoting), one option per line."""
        parts = [f"curl -sS -X {self.method} {shlex.quote(self.url)}", "-H 'Content-Type: application/json'"]
        parts += [f"-H {shlex.quote(f'{name}: {value}')}" for name, value in self.headers.items()]
        parts.append(f"--data-binary {shlex.quote(self.body.decode('utf-8'))}")
        return " \\\n  ".join(parts)

    def as_request(self) -> signing.ApiRequestIn:
        """What the server receives when the command runs (for checking it: `signing.verify`)."""
        return signing.ApiRequestIn(self.method, self.path, dict(self.headers), self.body)


def example_request(secret: str, port: int, sku: str, *, stamp: int | None = None) -> ExampleRequest:
    """A signed POST /v1/orders for one `sku` key, for the storefront's developer to try: it creates an unpaid
    order (the unpaid-order timeout closes it) for the customer 测试顾客."""
    at = int(clock.now().timestamp()) if stamp is None else stamp
    ref = f"EXAMPLE-{at}"
    payload = {
        "external_id": ref,
        "customer": {"name": "测试顾客", "contact": "wx:example"},
        "lines": [{"sku": sku, "quantity": 1}],
    }
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    headers = signing.signed_headers(secret, "POST", PATH, body, key=f"{ref}-create", stamp=at)
    return ExampleRequest("POST", f"http://127.0.0.1:{port}{PATH}", PATH, headers, body, sku, at)


def example_sku(session) -> str:
    """The SKU the example orders: a product on sale with keys in stock, else any on sale, else a placeholder."""
    from shopdesk.services.catalog import products as catalog

    on_sale = [p for p in catalog.list_products(session) if p.active]
    stocked = [p for p in on_sale if p.available > 0]
    return (stocked or on_sale)[0].sku if on_sale else PLACEHOLDER_SKU


def shop_example(session, port: int, *, stamp: int | None = None) -> ExampleRequest:
    """The example for this shop, signed with its secret: owner only (it is made with the secret)."""
    from shopdesk.services.common import access
    from shopdesk.services.storefront import intake

    access.require_owner(session, subject="api")
    return example_request(intake.api_secret(session), port, example_sku(session), stamp=stamp)
