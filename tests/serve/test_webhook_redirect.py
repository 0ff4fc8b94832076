"""The webhook sender (gateway/routes_jobs.py) delivers only to the URL checked when the job was
submitted: a redirect to a host the check refuses (here http://127.1:PORT, which the loopback check
does not accept although it reaches 127.0.0.1) is not followed, and is logged.

    python3 -m unittest discover -s tests/serve -p 'test_webhook_redirect.py'
"""

import sys
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from server_fixture import REPO

sys.path.insert(0, str(REPO))
from gateway.media_inputs import is_loopback  # noqa: E402
from gateway.routes_jobs import WebhookSender  # noqa: E402

DEADLINE_S = 30


class Recorder:
    """A loopback HTTP server that records each request's method and path, answering `status`
    (with `location` for a redirect)."""

    def __init__(self, status: int = 204, location: str | None = None):
        self.requests = []
        self.arrived = threading.Condition()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def answer(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                # recorded before the answer goes out: once the sender has its answer (and moves on
                # to the next delivery), the request is already in the list
                with recorder.arrived:
                    recorder.requests.append((self.command, self.path))
                    recorder.arrived.notify_all()
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_POST = answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for_requests(self, count: int):
        deadline = time.monotonic() + DEADLINE_S
        with self.arrived:
            while len(self.requests) < count:
                if not self.arrived.wait(deadline - time.monotonic()):
                    raise AssertionError(f"{count} request(s) expected within {DEADLINE_S} s: {self.requests}")

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class WebhookRedirectTest(unittest.TestCase):
    def recorder(self, *args) -> Recorder:
        recorder = Recorder(*args)
        self.addCleanup(recorder.close)
        return recorder

    def test_a_redirect_to_a_refused_host_is_not_followed(self):
        target = self.recorder()
        refused_url = f"http://127.1:{target.port}/stolen"
        self.assertFalse(is_loopback("127.1"), "the submission check refuses this host")
        redirector = self.recorder(302, refused_url)
        receiver = self.recorder()
        log = []
        sender = WebhookSender(log.append)
        sender.send(f"http://127.0.0.1:{redirector.port}/hook", {"event": "completed"})
        sender.send(f"http://127.0.0.1:{receiver.port}/hook", {"event": "completed"})
        # deliveries run in order on one thread: once the second has arrived, the first is over
        receiver.wait_for_requests(1)
        self.assertEqual(redirector.requests, [("POST", "/hook")], "no retry of a redirect either")
        self.assertEqual(target.requests, [], "nothing reaches the host the redirect names")
        self.assertEqual(len(log), 1, log)
        self.assertIn("302", log[0])
        self.assertIn(refused_url, log[0])


if __name__ == "__main__":
    unittest.main()
