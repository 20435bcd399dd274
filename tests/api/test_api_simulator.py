"""`shopdesk simulate` pointed at something that is not the intake API reports errors, instead of claiming
success with 0 orders while its tasks die unseen."""

from __future__ import annotations

import http.server
import json
import threading

import pytest

from shopdesk.cli import main


class Quiet(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # stderr belongs to the command under test
        pass


@pytest.fixture
def not_the_api():
    """A plain HTTP server on loopback that answers every POST with an HTML error page."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def test_simulate_against_a_server_that_is_not_the_api_exits_2(shop, stocked, data_dir, not_the_api, capsys):
    capsys.readouterr()
    code = main(
        ["--json", "--data-dir", str(data_dir), "simulate", "--rate", "20", "--duration", "0.3", "--url", not_the_api]
    )
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    error = json.loads(err)
    assert "did not take any order" in error["error"]
    assert "without a JSON object" in error["error"]
