"""The jobs dialect (seed 004) and the creative-hub dialect (seed 003) over real HTTP: 202 answers,
polling to a real mp4, webhooks (progress, completed, failed), refusals in each seed's shape.

    python3 -m unittest discover -s tests/serve -p 'test_gateway_jobs.py'
"""

import base64
import struct
import unittest
import zlib

from server_fixture import ServeProcess, ServerTestCase, WebhookReceiver, ffprobe

UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"


def broken_png() -> str:
    """Raw base64 of a PNG whose header is sound (so the core reads its size) but whose pixels are not:
    the render fails, which is how a FAILED job is made."""
    header = struct.pack(">IIBBBBB", 640, 640, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(header)) + b"IHDR" + header + struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return base64.b64encode(b"\x89PNG\r\n\x1a\n" + chunk + b"\x00" * 40).decode()


class JobsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = ServeProcess("--workers", "2")
        cls.hooks = WebhookReceiver()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()
        cls.hooks.close()

    def test_generate_202_then_completed_with_webhooks(self):
        status, body, _ = self.server.json("POST", "/v2/videos/generate", {
            "model": "kling-2.6", "prompt": "A kite over a windy beach", "webhookUrl": self.hooks.url,
            "webhookEvents": ["progress", "completed"],
            "parameters": {"duration": 5, "aspectRatio": "1:1", "audio": False}})
        self.assertEqual(status, 202, body)
        self.assertEqual(body["status"], "QUEUED")
        self.assertRegex(body["jobId"], UUID)
        done, seen = self.server.poll(f"/v2/jobs/{body['jobId']}", lambda b: b["status"] in ("COMPLETED", "FAILED"))
        self.assertEqual(done["status"], "COMPLETED", done)
        self.assertTrue(set(seen) <= {"QUEUED", "PROCESSING", "COMPLETED"}, seen)
        self.assertEqual((done["progress"], done["error"]), (100, None))
        status, headers, data = self.server.request("GET", self.server.local_path(done["videos"][0]["url"]))
        self.assertEqual((status, headers["content-type"]), (200, "video/mp4"))
        probe = ffprobe(data)
        self.assertAlmostEqual(probe["duration"], 5, delta=0.25)
        self.assertEqual(probe["width"], probe["height"], "1:1")
        events = self.hooks.wait_for_job(body["jobId"], "completed")
        self.assertEqual(events[-1]["event"], "completed")
        self.assertEqual(events[-1]["videos"], done["videos"])
        progress = [e["progress"] for e in events if e["event"] == "progress"]
        self.assertTrue(progress and progress == sorted(progress), progress)

    def test_what_a_request_leaves_out_renders_the_models_catalog_default(self):
        # Veo's catalog entry: 8 s at 720p 16:9 (seed 001); Sora's: 4 s at 720x1280. Not the renderer's
        # own 5 s 1280x720.
        for model, seconds, frame in (("veo-3.1", 8, (1280, 720)), ("sora-2", 4, (720, 1280))):
            with self.subTest(model=model):
                status, body, _ = self.server.json("POST", "/v2/videos/generate", {"model": model, "prompt": "Rain"})
                self.assertEqual(status, 202, body)
                done, _ = self.server.poll(f"/v2/jobs/{body['jobId']}", lambda b: b["status"] in ("COMPLETED", "FAILED"))
                self.assertEqual(done["status"], "COMPLETED", done)
                probe = ffprobe(self.server.request("GET", self.server.local_path(done["videos"][0]["url"]))[2])
                self.assertAlmostEqual(probe["duration"], seconds, delta=0.25)
                self.assertEqual((probe["width"], probe["height"]), frame)

    def test_a_failed_render_is_failed_with_its_reason_and_webhook(self):
        status, body, _ = self.server.json("POST", "/v2/videos/generate", {
            "model": "kling-2.6", "prompt": "Animate this", "webhookUrl": self.hooks.url,
            "parameters": {"image": broken_png(), "duration": 5}})
        self.assertEqual(status, 202, body)
        done, _ = self.server.poll(f"/v2/jobs/{body['jobId']}", lambda b: b["status"] in ("COMPLETED", "FAILED"))
        self.assertEqual(done["status"], "FAILED", done)
        self.assertTrue(done["error"]["message"])
        self.assertEqual(done["videos"], [])
        self.assertEqual(self.hooks.wait_for_job(body["jobId"], "failed")[-1]["status"], "FAILED")

    def test_validation_error_has_the_seed_word_and_details(self):
        status, body, _ = self.server.json("POST", "/v2/videos/generate", {"model": "kling-2.6", "prompt": ""})
        self.assertEqual(status, 400, body)
        self.assertEqual(body["error"], "Validation error")
        self.assertTrue(all({"path", "code", "message"} <= item.keys() for item in body["details"]))
        self.assertIn("/prompt", [item["path"] for item in body["details"]])

    def test_webhook_to_another_host_is_refused(self):
        status, body, _ = self.server.json("POST", "/v2/videos/generate", {
            "model": "kling-2.6", "prompt": "x", "webhookUrl": "https://example.com/hook"})
        self.assertEqual((status, body["error"]), (400, "Validation error"))
        self.assertEqual(body["details"][0]["code"], "webhook_host_not_allowed")

    def test_unknown_job_is_404(self):
        status, body, _ = self.server.json("GET", "/v2/jobs/00000000-0000-4000-8000-000000000000")
        self.assertEqual((status, body["error"]), (404, "Not found"))


class CreativeHubTest(ServerTestCase):
    def test_generate_202_pending_then_completed_with_result_urls_at_no_cost(self):
        status, body, _ = self.server.json("POST", "/api/v1/creative-hub/generate/video", {
            "prompt": "A coffee cup being filled, slow zoom in", "provider": "runway_gen4", "duration": 2,
            "aspect_ratio": "9:16"})
        self.assertEqual((status, body["status"]), (202, "pending"), body)
        done, seen = self.server.poll(f"/api/v1/creative-hub/generate/jobs/{body['job_id']}",
                                      lambda b: b["status"] in ("completed", "failed"))
        self.assertEqual(done["status"], "completed", done)
        self.assertTrue(set(seen) <= {"pending", "processing", "completed"}, seen)
        self.assertEqual((done["cost_cents"], done["error_message"], len(done["result_urls"])), (0, None, 1))
        probe = ffprobe(self.server.request("GET", self.server.local_path(done["result_urls"][0]))[2])
        self.assertAlmostEqual(probe["duration"], 2, delta=0.25)
        self.assertGreater(probe["height"], probe["width"])
        self.assertFalse(probe["has_audio"], "seed 003: video providers generate silent output")

    def test_invalid_request_is_400_with_error_message_and_details(self):
        status, body, _ = self.server.json("POST", "/api/v1/creative-hub/generate/video", {
            "prompt": "x", "provider": "runway_gen4", "duration": 20})
        self.assertEqual((status, body["code"]), (400, "out_of_range"), body)
        self.assertIn("/duration", body["error_message"])
        self.assertIn("/duration", [item["path"] for item in body["details"]])

    def test_unknown_job_is_404(self):
        status, body, _ = self.server.json("GET", "/api/v1/creative-hub/generate/jobs/nope")
        self.assertEqual((status, body["code"]), (404, "not_found"))


if __name__ == "__main__":
    unittest.main()
