"""POST /v1/uploads and GET /v1/uploads/{name} over real HTTP: raw and multipart uploads, content
checked from the bytes, the size cap, content-named files under --data, Range for video seeking,
the API key, and the local renderer taking its own upload URLs as inputs without --allow-fetch
(Wan's image must be a URL, seed 001).

    python3 -m unittest discover -s tests/serve -p 'test_uploads.py'
"""

import hashlib
import os
import subprocess
import threading
import unittest

from server_fixture import ServeProcess, ServerTestCase, ffprobe, multipart, png_bytes

NAME = r"^[0-9a-f]{40}\.(png|jpg|webp|gif|mp4|webm|wav|mp3|ogg)$"


def mp4_bytes() -> bytes:
    """A one-second H.264 mp4 made by ffmpeg (fragmented: an mp4 written to a pipe cannot seek back)."""
    done = subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=s=160x120:d=1", "-pix_fmt", "yuv420p",
                           "-movflags", "frag_keyframe+empty_moov", "-f", "mp4", "-"],
                          capture_output=True, timeout=60, check=True)
    return done.stdout


class UploadsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = ServeProcess("--workers", "1", "--max-upload", "200000")
        cls.png = png_bytes(320, 240, "teal")

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def upload(self, data: bytes, content_type="application/octet-stream"):
        return self.server.json("POST", "/v1/uploads", data, {"Content-Type": content_type})

    def test_raw_upload_answers_a_url_that_serves_the_same_bytes(self):
        status, body, _ = self.upload(self.png, "image/png")
        self.assertEqual(status, 201, body)
        self.assertRegex(body["id"], NAME)
        self.assertEqual(body["url"], f"{self.server.origin}/v1/uploads/{body['id']}")
        self.assertEqual((body["bytes"], body["contentType"]), (len(self.png), "image/png"))
        status, headers, data = self.server.request("GET", self.server.local_path(body["url"]))
        self.assertEqual((status, headers["content-type"], data), (200, "image/png", self.png))
        self.assertTrue((self.server.data / "uploads" / body["id"]).is_file(), "kept under --data/uploads")

    def test_the_type_comes_from_the_bytes_and_the_same_file_gives_the_same_url(self):
        _, first, _ = self.upload(self.png, "image/jpeg")  # a wrong claim: the bytes are a PNG
        self.assertTrue(first["id"].endswith(".png"), first)
        self.assertEqual(first["id"][:40], hashlib.sha256(self.png).hexdigest()[:40])
        _, second, _ = self.upload(self.png)
        self.assertEqual(second["url"], first["url"])
        copies = [name for name in os.listdir(self.server.data / "uploads") if name.startswith(first["id"][:40])]
        self.assertEqual(copies, [first["id"]], "one copy on disk")

    def test_multipart_upload_takes_the_part_named_file(self):
        body, content_type = multipart({"purpose": "input"}, {"file": ("cat.png", "image/png", self.png)})
        status, answer, _ = self.upload(body, content_type)
        self.assertEqual(status, 201, answer)
        self.assertTrue(answer["id"].endswith(".png"))
        body, content_type = multipart({}, {"image": ("cat.png", "image/png", self.png)})
        status, answer, _ = self.upload(body, content_type)
        self.assertEqual(status, 400)
        self.assertIn('name="file"', answer["error"]["message"])

    def test_what_is_not_a_media_file_is_refused_saying_what_is_accepted(self):
        status, answer, _ = self.upload(b"#!/bin/sh\necho not an image\n", "image/png")
        self.assertEqual(status, 415, answer)
        self.assertIn("PNG, JPEG", answer["error"]["message"])
        status, answer, _ = self.upload(b"")
        self.assertEqual(status, 400, answer)
        self.assertIn("empty", answer["error"]["message"])
        self.assertFalse(any(name.startswith(".") for name in os.listdir(self.server.data / "uploads")))

    def test_a_file_over_the_cap_is_413_naming_the_flag(self):
        big = png_bytes(1600, 1600, "red") + os.urandom(210000)  # a PNG with trailing bytes, over 200000
        status, answer, _ = self.upload(big, "image/png")
        self.assertEqual(status, 413, answer)
        self.assertIn("--max-upload", answer["error"]["message"])

    def test_unknown_names_are_404_and_paths_cannot_escape(self):
        status, _, _ = self.server.request("GET", "/v1/uploads/" + "0" * 40 + ".png")
        self.assertEqual(status, 404)
        for path in ("/v1/uploads/..%2Fjobs.sqlite3", "/v1/uploads/../jobs.sqlite3", "/v1/uploads/x.png"):
            status, _, data = self.server.request("GET", path)
            self.assertNotEqual(status, 200, path)
            self.assertNotIn(b"SQLite", data)

    def test_range_requests_serve_part_of_a_video(self):
        video = mp4_bytes()
        status, answer, _ = self.upload(video, "video/mp4")
        self.assertEqual((status, answer["contentType"]), (201, "video/mp4"), answer)
        status, headers, data = self.server.request("GET", self.server.local_path(answer["url"]),
                                                    headers={"Range": "bytes=0-99"})
        self.assertEqual((status, data), (206, video[:100]))
        self.assertEqual(headers["content-range"], f"bytes 0-99/{len(video)}")

    def test_wan_renders_from_its_own_upload_url_without_allow_fetch(self):
        image = png_bytes(640, 360, "purple")
        _, answer, _ = self.upload(image, "image/png")
        status, job, _ = self.server.json("POST", "/v2/videos/generate", {
            "model": "wan-2.6", "prompt": "the purple sky brightens",
            "parameters": {"duration": 2, "image": answer["url"]}})
        self.assertEqual(status, 202, job)
        done, _ = self.server.poll(f"/v2/jobs/{job['jobId']}", lambda b: b["status"] in ("COMPLETED", "FAILED"))
        self.assertEqual(done["status"], "COMPLETED", done)
        _, _, data = self.server.request("GET", self.server.local_path(done["videos"][0]["url"]))
        self.assertGreater(ffprobe(data)["duration"], 1.5)

    def test_an_upload_url_the_server_does_not_have_is_refused_at_submit(self):
        missing = f"{self.server.origin}/v1/uploads/{'1' * 40}.png"
        status, body, _ = self.server.json("POST", "/v2/videos/generate", {
            "model": "wan-2.6", "prompt": "nothing here", "parameters": {"duration": 2, "image": missing}})
        self.assertEqual(status, 400, body)
        self.assertIn("no file at /v1/uploads/", body["message"])


class ConcurrentUploadsTest(ServerTestCase):  # the default --max-upload (30 MB)
    def test_identical_uploads_at_once_all_succeed_with_one_file(self):
        senders = 8
        png = png_bytes(64, 64)
        for round_number in range(3):  # each round new bytes, so each round races to create the file
            data = png + os.urandom(16_000_000)  # a PNG with trailing bytes: writing it takes a moment
            barrier = threading.Barrier(senders)
            answers = [None] * senders

            def send(index: int):
                barrier.wait(30)
                answers[index] = self.server.json("POST", "/v1/uploads", data, {"Content-Type": "image/png"})[:2]

            threads = [threading.Thread(target=send, args=(index,)) for index in range(senders)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
            with self.subTest(round=round_number):
                self.assertEqual({status for status, _ in answers}, {201}, answers)
                self.assertEqual(len({answer["id"] for _, answer in answers}), 1)
                stored = self.server.data / "uploads" / answers[0][1]["id"]
                self.assertEqual(stored.read_bytes(), data)
        self.assertEqual([name for name in os.listdir(self.server.data / "uploads") if name.startswith(".")], [],
                         "no temporary file is left behind")


class UploadsWithKeyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = ServeProcess("--require-key", env={**os.environ, "VIDEOGEN_API_KEY": "sekret"})

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_posting_needs_the_key_and_reading_does_not(self):
        png = png_bytes(300, 300)
        status, _, _ = self.server.json("POST", "/v1/uploads", png, {"Content-Type": "image/png"})
        self.assertEqual(status, 401)
        status, answer, _ = self.server.json("POST", "/v1/uploads", png,
                                             {"Content-Type": "image/png", "Authorization": "Bearer sekret"})
        self.assertEqual(status, 201, answer)
        status, _, data = self.server.request("GET", self.server.local_path(answer["url"]))
        self.assertEqual((status, data), (200, png))


if __name__ == "__main__":
    unittest.main()
