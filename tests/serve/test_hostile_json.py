"""Hostile JSON bodies over real HTTP (issue 9): every dialect's create route refuses them with a
400 in that dialect's own error shape, and the server is still there to answer the next request.

    python3 -m unittest discover -s tests/serve -p 'test_hostile_json.py'
"""

import json
import unittest

from server_fixture import ServeProcess

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


class DuplicateKeysOnEveryCreateRoute(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = ServeProcess()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_every_dialect_answers_400_in_its_shape_and_the_server_lives_on(self):
        for dialect, (path, headers, read_error) in CREATE_ROUTES.items():
            for name, document in duplicate_key_documents().items():
                with self.subTest(dialect=dialect, document=name):
                    status, _, raw = self.server.request("POST", path, document,
                                                         {"Content-Type": "application/json", **headers})
                    self.assertEqual(status, 400, raw[:300])
                    message, codes = read_error(json.loads(raw))
                    self.assertIn("duplicate key", message)
                    self.assertIn("(line ", message)
                    self.assertEqual(codes, ["invalid_json"])
                    self.assertIsNone(self.server.process.poll(), "serve.py died")
                    self.assertEqual(self.server.request("GET", "/v1/models")[0], 200)


if __name__ == "__main__":
    unittest.main()
