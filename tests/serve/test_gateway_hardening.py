"""Hardening of the local gateway over real HTTP: seeded faults, the body cap, Content-Length,
slow clients, traversal through the gateway's paths, header injection, CORS.

    python3 -m unittest discover -s tests/serve -p 'test_gateway_hardening.py'
"""

import http.client
import json
import socket
import sys
import time
import unittest

from server_fixture import REPO, ServeProcess

sys.path.insert(0, str(REPO))
from gateway.faults import Faults  # noqa: E402 (after the path is set)

FAULTS = "429:0.2,503:0.15,500:0.1,402:0.05,drop:0.15,slow:0.1"
SEED = 11
UNKNOWN_JOB = "/v2/jobs/00000000-0000-4000-8000-000000000000"


class FaultsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = ServeProcess("--faults", FAULTS, "--fault-seed", str(SEED))

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_seeded_spec_gives_the_expected_statuses_and_the_server_survives_drops(self):
        draws = Faults(FAULTS, SEED)
        expected = []
        for _ in range(40):
            fault = draws.draw()
            expected.append("drop" if fault and fault.kind == "drop" else fault.status if fault and fault.status
                            else 404)  # 404: the job does not exist, which is what an unfaulted request hears
        self.assertTrue({"drop", 429, 503, 404} <= set(expected), "the seed exercises several kinds")
        got = []
        for _ in expected:
            started = time.monotonic()
            try:
                status, headers, raw = self.server.request("GET", UNKNOWN_JOB)
            except (http.client.RemoteDisconnected, ConnectionResetError):
                got.append("drop")
                continue
            got.append(status)
            if status in (429, 503):
                self.assertEqual(headers.get("retry-after"), "1")
            body = json.loads(raw)
            self.assertIsInstance(body["error"], str, "seed 004's shape")
            if status == 402:
                self.assertEqual(body["error"], "Insufficient credits")
            self.assertLess(time.monotonic() - started, 5)
        self.assertEqual(got, expected)

    def test_catalog_is_never_faulted(self):
        for _ in range(10):
            self.assertEqual(self.server.request("GET", "/v1/models")[0], 200)


class LimitsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = ServeProcess("--max-body", "4000", "--cors", "http://app.example")

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def raw_exchange(self, data: bytes) -> bytes:
        with socket.create_connection((self.server.host, self.server.port), timeout=20) as connection:
            connection.sendall(data)
            chunks = []
            while chunk := connection.recv(65536):
                chunks.append(chunk)
            return b"".join(chunks)

    def test_body_over_the_cap_is_413_with_a_clear_message(self):
        body = json.dumps({"model": "sora-2", "prompt": "x" * 5000}).encode()
        status, _, raw = self.server.request("POST", "/v1/videos", body, {"Content-Type": "application/json"})
        self.assertEqual(status, 413)
        self.assertIn("--max-body", json.loads(raw)["error"]["message"])
        self.assertEqual(self.server.request("GET", "/v1/models")[0], 200, "the server keeps answering")

    def test_body_without_content_length_is_411(self):
        answer = self.raw_exchange(b"POST /v2/videos/generate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                                   b"Content-Type: application/json\r\n\r\n5\r\n{}   \r\n0\r\n\r\n")
        self.assertTrue(answer.startswith(b"HTTP/1.1 411"), answer[:200])
        self.assertIn(b"Content-Length", answer)

    def test_slow_client_is_dropped_and_does_not_block_others(self):
        slow = socket.create_connection((self.server.host, self.server.port), timeout=30)
        try:
            slow.sendall(b"POST /v1/videos HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"mo")
            started = time.monotonic()
            for _ in range(5):
                self.assertEqual(self.server.request("GET", "/v1/models")[0], 200)
            self.assertLess(time.monotonic() - started, 5, "others are served while the slow client stalls")
            self.assertEqual(slow.recv(100), b"", "the server closes the stalled request")
            self.assertLess(time.monotonic() - started, 25)
        finally:
            slow.close()

    def test_traversal_through_gateway_paths_is_404(self):
        for path in ("/files/../jobs.sqlite3", "/files/%2e%2e/jobs.sqlite3", "/files/x/..%2F..%2Fjobs.sqlite3",
                     "/v1/videos/..%2F..%2Fjobs.sqlite3/content", "/files/.staging/x", "/v2/jobs/..%2Fx"):
            status, _, raw = self.server.request("GET", path)
            # 404 from the gateway's routes; paths no route knows fall to the static site, which
            # answers 503 here because these tests serve no built page (its own tests check 404s).
            self.assertIn(status, (404, 503), path)
            self.assertNotIn(b"SQLite", raw)

    def test_no_header_injection_through_the_path(self):
        answer = self.raw_exchange(b"GET /v1/videos/video_x%0d%0aSet-Cookie:%20a=b HTTP/1.1\r\nHost: x\r\n"
                                   b"Connection: close\r\n\r\n")
        head = answer.split(b"\r\n\r\n", 1)[0].lower()
        self.assertTrue(head.startswith(b"http/1.1 404"), head)
        self.assertNotIn(b"set-cookie", head)

    def test_malformed_json_is_400_with_the_cores_message(self):
        status, _, raw = self.server.request("POST", "/v2/videos/generate", b'{"model": "kling-2.6",, }',
                                             {"Content-Type": "application/json"})
        body = json.loads(raw)
        self.assertEqual((status, body["error"]), (400, "Validation error"))
        self.assertEqual(body["details"][0]["code"], "invalid_json")

    def test_cors_only_for_the_given_origin(self):
        status, headers, _ = self.server.request("OPTIONS", "/v1/videos", headers={
            "Origin": "http://app.example", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type"})
        self.assertEqual((status, headers.get("access-control-allow-origin")), (204, "http://app.example"))
        self.assertIn("authorization", headers.get("access-control-allow-headers", ""))
        _, headers, _ = self.server.request("GET", "/v1/models", headers={"Origin": "http://app.example"})
        self.assertEqual(headers.get("access-control-allow-origin"), "http://app.example")
        _, headers, _ = self.server.request("GET", "/v1/models", headers={"Origin": "http://evil.example"})
        self.assertNotIn("access-control-allow-origin", headers)

    def test_unknown_path_under_a_dialect_is_404_in_its_shape_and_wrong_method_405(self):
        status, _, raw = self.server.request("GET", "/api/v1/creative-hub/nothing")
        self.assertEqual((status, json.loads(raw)["code"]), (404, "not_found"))
        status, headers, raw = self.server.request("PUT", "/v1/videos", b"{}", {"Content-Type": "application/json"})
        self.assertEqual(status, 405)
        self.assertIn("POST", headers["allow"])


if __name__ == "__main__":
    unittest.main()
