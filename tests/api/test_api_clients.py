"""The README's storefront clients — curl, Python (standard library) and PHP — run against the real server.

The clients live in docs/clients/ and the README shows each of them verbatim, so what a merchant copies is what
this test ran. `.ci/run` installs Debian's php-cli when PHP is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.api.conftest import SKU

ROOT = Path(__file__).parents[2]
CLIENTS = ROOT / "docs" / "clients"
RUNNERS = {
    "storefront.sh": ["bash"],
    "storefront.py": [sys.executable],
    "storefront.php": ["php"],
}


def tool(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is not installed; on Debian: apt-get install {'php-cli' if name == 'php' else name}"
    return found


@pytest.mark.parametrize("client", sorted(RUNNERS))
def test_the_client_creates_pays_and_reads_its_keys(server, secret, client):
    for needed in {"storefront.sh": ["bash", "curl", "openssl"], "storefront.php": ["php"]}.get(client, []):
        tool(needed)
    env = os.environ | {
        "SHOPDESK_URL": f"http://127.0.0.1:{server.port}",
        "SHOPDESK_SECRET": secret,
        "SHOPDESK_SKU": SKU,
    }
    run = subprocess.run([*RUNNERS[client], str(CLIENTS / client)], env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    order = json.loads(run.stdout.strip().splitlines()[-1])
    assert (order["status"], order["payment_status"], order["total"]) == ("delivered", "paid", "12.50")
    assert len(order["keys"]) == 1 and order["keys"][0]["secret"].startswith("SECRET-")
    assert order["external_id"].startswith("WEB-")
    # every request went through the door: created, paid, read (and none refused)
    assert [h for h in server.handled if h[0] != "order_status"] == [("create_order", 201), ("pay", 200)]


@pytest.mark.parametrize("client", sorted(RUNNERS))
def test_the_readme_shows_the_client_verbatim(client):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert (CLIENTS / client).read_text(encoding="utf-8").strip() in readme
