"""Hostile JSON bodies over real HTTP (issue 9): every dialect's create route refuses them with a
400 in that dialect's own error shape, and the server is still there to answer the next request.

    python3 -m unittest discover -s tests/serve -p 'test_hostile_json.py'
"""

import json
import socket
import sys
import unittest

from server_fixture import NATIVE_DIR, REPO, ServerTestCase

sys.path.insert(0, str(REPO))
from gateway.core_bridge import CoreBridge  # noqa: E402 (after the path is set)

GATEWAY_HEADERS = {"ai-model-id": "google/veo-3.1-fast-generate-001", "ai-video-model-specification-version": "3",
                   "ai-gateway-protocol-version": "0.0.1"}

# path, extra headers, and how to read (message, diagnostic codes) out of the dialect's error shape
CREATE_ROUTES = {
    "openai": ("/v1/videos", {},
               lambda body: (body["error"]["message"], [d["code"] for d in body["error"]["diagnostics"]])),
    "unified": ("/v1/video/generations", {},
                lambda body: (body["error"]["message"], [d["code"] for d in body["error"]["diagnostics"]])),
    "jobs": ("/v2/videos/generate", {},
             lambda body: (body["message"], [d["code"] for d in body["details"]])),
    "creative-hub": ("/api/v1/creative-hub/generate/video", {},
                     lambda body: (body["error_message"], [d["code"] for d in body["details"]])),
    "gateway": ("/v3/ai/video-model", GATEWAY_HEADERS,
                lambda body: (body["error"]["message"], [d["code"] for d in body["error"]["param"]["diagnostics"]])),
}


def duplicate_key_documents() -> dict[str, bytes]:
    """Small and large documents that repeat a key at the top and deeper down."""
    padding = b"x" * (300 * 1024)  # from about 128 KB on, one of these used to kill serve.py (SIGSEGV)
    return {
        "small, top level": b'{"prompt":"a","prompt":"b"}',
        "large, top level": b'{"model":"m","prompt":"' + padding + b'",\n"prompt":"b"}',
        "large, nested": b'{"prompt":"' + padding + b'",\n"extra":{"a":[1,{"k":1,"k":2}]}}',
    }


def post_refused(test, path, headers, read_error, document):
    """POSTs `document` as JSON to a create route, checks the 400, and returns the refusal's
    message and codes (read in the dialect's error shape) and the raw answer."""
    status, _, raw = test.server.request("POST", path, document, {"Content-Type": "application/json", **headers})
    test.assertEqual(status, 400, raw[:300])
    message, codes = read_error(json.loads(raw))
    return message, codes, raw


class DuplicateKeysOnEveryCreateRoute(ServerTestCase):
    def test_every_dialect_answers_400_in_its_shape_and_the_server_lives_on(self):
        for dialect, (path, headers, read_error) in CREATE_ROUTES.items():
            for name, document in duplicate_key_documents().items():
                with self.subTest(dialect=dialect, document=name):
                    message, codes, _ = post_refused(self, path, headers, read_error, document)
                    self.assertIn("duplicate key", message)
                    self.assertIn("(line ", message)
                    self.assertEqual(codes, ["invalid_json"])
                    self.assertIsNone(self.server.process.poll(), "serve.py died")
                    self.assertEqual(self.server.request("GET", "/v1/models")[0], 200)


class SizeLimitsFromTheCoreTable(ServerTestCase):
    """Issue 9, finding 3: serve.py's --max-body and --max-upload default to the core's table, and a
    document over one of the table's JSON limits is refused while the core reads it."""

    @classmethod
    def setUpClass(cls):
        cls.limits = CoreBridge(NATIVE_DIR).limits()
        super().setUpClass()

    def test_the_bridge_reads_the_same_table_as_the_cli(self):
        cli = CoreBridge(NATIVE_DIR)
        cli._load_library = lambda: None  # the CLI path
        self.assertEqual(cli.limits(), self.limits)
        self.assertEqual(self.limits["body_bytes"]["unit"], "bytes")

    def test_a_body_over_body_bytes_is_413_naming_the_limit(self):
        too_long = self.limits["body_bytes"]["value"] + 1
        with socket.create_connection((self.server.host, self.server.port), timeout=60) as connection:
            connection.sendall(f"POST /v1/videos HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                               f"Content-Length: {too_long}\r\n\r\n{{}}".encode())
            answer = connection.makefile("rb").read()
        self.assertTrue(answer.startswith(b"HTTP/1.1 413"), answer[:200])
        self.assertIn(f"at most {too_long - 1} bytes".encode(), answer)

    def test_an_upload_over_upload_bytes_is_413_naming_the_limit(self):
        cap = self.limits["upload_bytes"]["value"]
        status, _, raw = self.server.request("POST", "/v1/uploads", b"\x89PNG\r\n\x1a\n" + b"\0" * (cap - 7),
                                             {"Content-Type": "image/png"})
        self.assertEqual(status, 413, raw[:300])
        self.assertIn(f"at most {cap} bytes", json.loads(raw)["error"]["message"])

    def test_a_fifty_megabyte_array_in_an_unknown_field_is_refused_on_every_route(self):
        head = b'{"model":"sora-2","prompt":"a fox","junk":['
        items = (self.limits["body_bytes"]["value"] - len(head) - 400) // 2  # room for the gateway envelope
        document = head + b"0," * (items - 1) + b"0]}"
        for dialect, (path, headers, read_error) in CREATE_ROUTES.items():
            with self.subTest(dialect=dialect):
                message, codes, raw = post_refused(self, path, headers, read_error, document)
                self.assertIn("/junk", message)
                self.assertIn("(limit array_items)", message)
                self.assertEqual(codes, ["invalid_json"])
                self.assertLess(len(raw), 4096, "the answer does not grow with the request")
        self.assertEqual(self.server.request("GET", "/v1/models")[0], 200)


if __name__ == "__main__":
    unittest.main()
