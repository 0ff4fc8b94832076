"""Shared by the upstream proxy's tests (test_upstream*.py): a scripted upstream on loopback that
records what reaches it, the proxy's configuration, and dispatching a request to its routes the way
serve.py does.
"""

import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server_fixture import REPO  # noqa: E402

sys.path.insert(0, str(REPO))
from gateway import upstream  # noqa: E402,F401 (after the path is set; the tests use it from here)

KEY = "sk-test-7f3a9c-never-shown"
KEY_ENV = "VG_TEST_UPSTREAM_KEY"
MP4 = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 4


class ScriptedUpstream(ThreadingHTTPServer):
    """Answers from `self.answers[(method, path)]` = (status, content type, body bytes or a list of
    chunks sent with a flush between[, extra headers, which may set a wrong Content-Length]), and
    records every request it receives."""
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), ScriptedHandler)
        self.answers = {}
        self.received = []
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def origin(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def host_port(self):
        return f"127.0.0.1:{self.server_address[1]}"

    def close(self):
        self.shutdown()
        self.server_close()


class ScriptedHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        self.server.received.append(SimpleNamespace(method=self.command, path=self.path,
                                                    headers=self.headers, body=body))
        status, content_type, payload, *extra = self.server.answers.get(
            (self.command, self.path.split("?")[0]), (404, "application/json", b'{"error":{"message":"no"}}'))
        extra_headers = extra[0] if extra else {}
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in extra_headers.items():
            self.send_header(name, value)
        if isinstance(payload, list):  # streamed: no length, the connection closes at the end
            self.send_header("Connection", "close")
            self.end_headers()
            for chunk in payload:
                self.wfile.write(chunk)
                self.wfile.flush()
                time.sleep(0.05)  # paces the fake stream so chunks arrive apart, as a real one's do; no test waits on it
            self.close_connection = True
            return
        if "Content-Length" not in extra_headers:  # a test may send a wrong one
            self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
        self.close_connection = "Content-Length" in extra_headers

    do_GET = do_POST = do_DELETE = _answer

    def log_message(self, *args):
        pass


def proxy_config(origin, dialect, data_dir, fetch_hosts=()):
    """The parts of serve.py's arguments the proxy reads."""
    return SimpleNamespace(upstream=origin, upstream_dialect=dialect, api_key_env=KEY_ENV, data=data_dir,
                           upstream_fetch=list(fetch_hosts))


def dispatch(routes, ctx, method, path, body=b"", headers=None, query=None):
    """What serve.py does with ROUTES: the first (method, regex) that matches handles the request."""
    for route_method, pattern, handler in routes:
        match = re.match(pattern, path)
        if route_method == method and match:
            request = SimpleNamespace(method=method, path=path, query=query or {}, headers=headers or {},
                                      body=body, match=match)
            return handler(ctx, request)
    return None


def body_of(response) -> bytes:
    return response.body if isinstance(response.body, bytes) else b"".join(response.body)

