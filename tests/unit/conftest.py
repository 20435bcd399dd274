"""Fixtures the service tests share (the shop itself is in tests/conftest.py)."""

from __future__ import annotations

import pytest
from svc_support import add_customer


@pytest.fixture
def cust(shop):
    """A customer with an empty wallet (a test file that needs another one defines its own `cust`)."""
    return add_customer(shop)
