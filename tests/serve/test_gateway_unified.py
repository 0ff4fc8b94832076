"""The unified dialect (seed 002) over real HTTP: the held-open POST, task status, content links
that expire (--link-ttl 2) with the seed's 410 body, and the seed's error table.

    python3 -m unittest discover -s tests/serve -p 'test_gateway_unified.py'
"""

import os
import time
import unittest

from server_fixture import ServeProcess, ffprobe

GENERATE = {"model": "klingai/kling-v3.0-t2v", "prompt": "A glass sphere over a neon city, \"hello there\"",
            "duration": 3, "aspect_ratio": "9:16", "audio": True, "n": 1}
LINK_TTL_S = 2


class UnifiedTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = ServeProcess("--link-ttl", str(LINK_TTL_S))

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def generate(self, body=GENERATE):
        return self.server.json("POST", "/v1/video/generations", body)

    def test_held_open_answer_then_a_link_that_expires_with_the_seed_410(self):
        status, body, _ = self.generate()
        self.assertEqual(status, 200, body)
        self.assertEqual((body["model"], body["duration"]), (GENERATE["model"], 3))
        self.assertIsInstance(body["created"], int)
        self.assertEqual(len(body["videos"]), 1)
        video = body["videos"][0]
        self.assertEqual(video["mime_type"], "video/mp4")
        path = self.server.local_path(video["url"])
        self.assertRegex(path, r"^/v1/videos/task_[A-Za-z0-9]{32}/content$")
        status, headers, data = self.server.request("GET", path)  # no key needed, as in the seed's example
        self.assertEqual((status, headers["content-type"]), (200, "video/mp4"))
        probe = ffprobe(data)
        self.assertAlmostEqual(probe["duration"], 3, delta=0.25)
        self.assertGreater(probe["height"], probe["width"], "9:16 is portrait")
        self.assertTrue(probe["has_audio"], "audio: true asks for a sound track")
        task = path.split("/")[3]
        status, task_body, _ = self.server.json("GET", f"/v1/videos/{task}")
        self.assertEqual((status, task_body["id"], task_body["status"]), (200, task, "completed"))
        time.sleep(LINK_TTL_S + 0.5)
        status, expired, _ = self.server.json("GET", path)
        self.assertEqual(status, 410)
        self.assertEqual(expired, {"error": {"message": "Video link expired", "type": "invalid_request_error",
                                             "code": "http_410", "status": 410}})

    def test_no_audio_means_no_audio_stream(self):
        status, body, _ = self.generate({**GENERATE, "audio": False, "duration": 3, "aspect_ratio": "16:9"})
        self.assertEqual(status, 200, body)
        probe = ffprobe(self.server.request("GET", self.server.local_path(body["videos"][0]["url"]))[2])
        self.assertFalse(probe["has_audio"])
        self.assertGreater(probe["width"], probe["height"])

    def test_invalid_request_is_400_in_the_seed_shape_with_diagnostics(self):
        status, body, _ = self.generate({**GENERATE, "duration": 99})
        self.assertEqual(status, 400, body)
        error = body["error"]
        self.assertEqual((error["type"], error["status"]), ("invalid_request_error", 400))
        self.assertIn("/duration", [item["path"] for item in error["diagnostics"]])

    def test_unknown_model_and_task_are_404_not_found(self):
        status, body, _ = self.generate({**GENERATE, "model": "nobody/nothing"})
        self.assertEqual((status, body["error"]["code"]), (404, "not_found"), body)
        status, body, _ = self.server.json("GET", "/v1/videos/task_doesnotexist")
        self.assertEqual((status, body["error"]["code"], body["error"]["status"]), (404, "not_found", 404))
        status, body, _ = self.server.json("GET", "/v1/videos/task_doesnotexist/content")
        self.assertEqual((status, body["error"]["code"]), (404, "not_found"))


class UnifiedKeyTest(unittest.TestCase):
    """Seed 002's 401 http_401 under --require-key; result links stay fetchable without the key."""

    def test_missing_key_is_401_http_401(self):
        server = ServeProcess("--require-key", "VG_TEST_KEY", env={**os.environ, "VG_TEST_KEY": "sk-local"})
        try:
            status, body, _ = server.json("POST", "/v1/video/generations", GENERATE)
            self.assertEqual((status, body["error"]["code"], body["error"]["status"]), (401, "http_401", 401))
            status, body, _ = server.json("POST", "/v1/video/generations", GENERATE,
                                          {"Authorization": "Bearer wrong"})
            self.assertEqual(status, 401)
            status, body, _ = server.json("POST", "/v1/video/generations", {**GENERATE, "audio": False},
                                          {"Authorization": "Bearer sk-local"})
            self.assertEqual(status, 200, body)
            status, _, _ = server.request("GET", server.local_path(body["videos"][0]["url"]))
            self.assertEqual(status, 200)
        finally:
            server.close()


if __name__ == "__main__":
    unittest.main()
