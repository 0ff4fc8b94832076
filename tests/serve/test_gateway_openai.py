"""The openai dialect over real HTTP with real renders (gateway/routes_openai.py): create (JSON and
multipart), retrieve, list, delete, content variants, remix, refusals.

    python3 -m unittest discover -s tests/serve -p 'test_gateway_openai.py'
"""

import base64
import json
import unittest

from server_fixture import ServeProcess, ffprobe, multipart, png_bytes

CREATE = {"model": "sora-2", "prompt": "A lighthouse at dusk, slow push in", "seconds": "4", "size": "1280x720"}


def finished(body):
    return body["status"] in ("completed", "failed")


class OpenAiVideosTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = ServeProcess("--workers", "2")
        status, body, _ = cls.server.json("POST", "/v1/videos", CREATE)
        assert status == 200, body
        cls.created = body
        cls.completed, cls.statuses = cls.server.poll(f"/v1/videos/{body['id']}", finished)

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_create_answers_the_video_object_queued(self):
        self.assertTrue(self.created["id"].startswith("video_"))
        self.assertEqual((self.created["object"], self.created["status"], self.created["model"]),
                         ("video", "queued", "sora-2"))
        self.assertEqual((self.created["seconds"], self.created["size"]), ("4", "1280x720"))
        self.assertIsNone(self.created["error"])

    def test_life_cycle_ends_completed_with_a_matching_mp4(self):
        self.assertEqual(self.completed["status"], "completed", self.completed)
        self.assertEqual(self.completed["progress"], 100)
        self.assertGreaterEqual(self.completed["expires_at"], self.completed["completed_at"])
        self.assertTrue(set(self.statuses) <= {"queued", "in_progress", "completed"}, self.statuses)
        status, headers, data = self.server.request("GET", f"/v1/videos/{self.created['id']}/content")
        self.assertEqual((status, headers["content-type"]), (200, "video/mp4"))
        probe = ffprobe(data)
        self.assertAlmostEqual(probe["duration"], 4, delta=0.25)
        self.assertEqual((probe["width"], probe["height"], probe["video_codec"]), (1280, 720, "h264"))
        self.assertFalse(probe["has_audio"], "the request asked for no audio")

    def test_poll_after_header_only_while_not_finished(self):
        status, headers, _ = self.server.request("GET", f"/v1/videos/{self.created['id']}")
        self.assertEqual(status, 200)
        self.assertNotIn("openai-poll-after-ms", headers)
        status, body, headers = self.server.json("POST", "/v1/videos", CREATE)
        self.assertEqual(int(headers.get("openai-poll-after-ms", "0")), 0, "create carries no poll hint")
        status, headers, _ = self.server.request("GET", f"/v1/videos/{body['id']}")
        self.assertTrue(headers.get("openai-poll-after-ms", "").isdigit())
        self.server.request("DELETE", f"/v1/videos/{body['id']}")

    def test_content_variants_and_range(self):
        base = f"/v1/videos/{self.created['id']}/content"
        status, headers, thumbnail = self.server.request("GET", base + "?variant=thumbnail")
        self.assertEqual((status, headers["content-type"], thumbnail[:3]), (200, "image/jpeg", b"\xff\xd8\xff"))
        status, headers, sheet = self.server.request("GET", base + "?variant=spritesheet")
        self.assertEqual((status, headers["content-type"], sheet[:3]), (200, "image/jpeg", b"\xff\xd8\xff"))
        status, headers, part = self.server.request("GET", base, headers={"Range": "bytes=0-99"})
        self.assertEqual((status, len(part), part[4:8]), (206, 100, b"ftyp"))
        self.assertTrue(headers["content-range"].startswith("bytes 0-99/"))
        status, body, _ = self.server.json("GET", base + "?variant=poster")
        self.assertEqual((status, body["error"]["param"]), (400, "variant"))

    def test_multipart_with_an_input_reference_file_animates_the_image(self):
        form, content_type = multipart({"model": "sora-2", "prompt": "The orange card drifts", "seconds": "4",
                                        "size": "720x1280"},
                                       {"input_reference": ("card.png", "image/png", png_bytes(720, 1280))})
        status, body, _ = self.server.json("POST", "/v1/videos", form, {"Content-Type": content_type})
        self.assertEqual(status, 200, body)
        done, _ = self.server.poll(f"/v1/videos/{body['id']}", finished)
        self.assertEqual(done["status"], "completed", done)
        _, _, data = self.server.request("GET", f"/v1/videos/{body['id']}/content")
        probe = ffprobe(data)
        self.assertEqual((probe["width"], probe["height"]), (720, 1280), "portrait, as the size asked")
        self.server.request("DELETE", f"/v1/videos/{body['id']}")

    def test_multipart_image_url_field_as_a_data_url(self):
        data_url = "data:image/png;base64," + base64.b64encode(png_bytes(1280, 720, "blue")).decode()
        form, content_type = multipart({"model": "sora-2", "prompt": "Blue sky", "seconds": "4",
                                        "input_reference[image_url]": data_url}, {})
        status, body, _ = self.server.json("POST", "/v1/videos", form, {"Content-Type": content_type})
        self.assertEqual(status, 200, body)
        self.server.request("DELETE", f"/v1/videos/{body['id']}")

    def test_remix_makes_a_new_video_with_the_new_prompt(self):
        status, body, _ = self.server.json("POST", f"/v1/videos/{self.created['id']}/remix",
                                           {"prompt": "The same lighthouse in snow"})
        self.assertEqual(status, 200, body)
        self.assertEqual(body["remixed_from_video_id"], self.created["id"])
        self.assertEqual((body["prompt"], body["size"], body["seconds"]), ("The same lighthouse in snow", "1280x720", "4"))
        done, _ = self.server.poll(f"/v1/videos/{body['id']}", finished)
        self.assertEqual(done["status"], "completed", done)
        status, body, _ = self.server.json("POST", f"/v1/videos/{self.created['id']}/remix", {"prompt": 5})
        self.assertEqual((status, body["error"]["param"]), (400, "prompt"))
        status, body, _ = self.server.json("POST", "/v1/videos/video_nope/remix", {"prompt": "x"})
        self.assertEqual(status, 404, body)

    def test_remix_reads_json_as_strictly_as_create(self):
        remix = f"/v1/videos/{self.created['id']}/remix"
        for body in (b'{"prompt": "a", "prompt": "b"}', b'{"prompt": "a", "extra": NaN}',
                     b'{"prompt": "a", "n": Infinity}', b'{"prompt": "a", "nested": {"k": 1, "k": 2}}',
                     b'{"prompt": "\\ud800"}', b'{"prompt": "a"} x'):
            with self.subTest(body=body):
                created = self.server.request("POST", "/v1/videos", body, {"Content-Type": "application/json"})
                remixed = self.server.request("POST", remix, body, {"Content-Type": "application/json"})
                self.assertEqual(created[0], 400, created[2])
                self.assertEqual((remixed[0], json.loads(remixed[2])["error"]), (400, json.loads(created[2])["error"]))

    def test_bytes_the_core_reads_and_python_does_not_are_a_400(self):
        body = json.dumps(CREATE).encode() + b"\x00trailing"  # nlohmann alone would stop reading at the NUL
        for path in ("/v1/videos", f"/v1/videos/{self.created['id']}/remix"):
            status, _, raw = self.server.request("POST", path, body, {"Content-Type": "application/json"})
            self.assertEqual(status, 400, raw)
            self.assertIn("NUL byte at line 1", json.loads(raw)["error"]["message"])

    def test_list_pages_with_after_limit_and_order(self):
        ids = [self.server.json("POST", "/v1/videos", {**CREATE, "prompt": f"clip {n}"})[1]["id"] for n in range(3)]
        status, page, _ = self.server.json("GET", "/v1/videos?limit=2")
        self.assertEqual((status, page["object"], len(page["data"]), page["has_more"]), (200, "list", 2, True))
        self.assertEqual([video["id"] for video in page["data"]], ids[::-1][:2], "newest first")
        self.assertEqual((page["first_id"], page["last_id"]), (ids[2], ids[1]))
        _, rest, _ = self.server.json("GET", f"/v1/videos?limit=2&after={ids[1]}")
        self.assertEqual(rest["data"][0]["id"], ids[0])
        _, ascending, _ = self.server.json("GET", "/v1/videos?order=asc&limit=100")
        listed = [video["id"] for video in ascending["data"]]
        self.assertLess(listed.index(ids[0]), listed.index(ids[2]))
        for query in ("limit=0", "limit=101", "order=sideways", "after=video_nope"):
            self.assertEqual(self.server.json("GET", f"/v1/videos?{query}")[0], 400, query)
        for video_id in ids:
            self.server.request("DELETE", f"/v1/videos/{video_id}")

    def test_delete_removes_the_video_and_its_files(self):
        status, body, _ = self.server.json("POST", "/v1/videos", CREATE)
        video_id = body["id"]
        self.server.poll(f"/v1/videos/{video_id}", finished)
        self.assertTrue((self.server.data / "files" / video_id).is_dir())
        status, body, _ = self.server.json("DELETE", f"/v1/videos/{video_id}")
        self.assertEqual((status, body), (200, {"id": video_id, "object": "video.deleted", "deleted": True}))
        self.assertFalse((self.server.data / "files" / video_id).exists())
        for method, path in (("GET", f"/v1/videos/{video_id}"), ("GET", f"/v1/videos/{video_id}/content"),
                             ("DELETE", f"/v1/videos/{video_id}")):
            status, body, _ = self.server.json(method, path)
            self.assertEqual((status, body["error"]["type"]), (404, "invalid_request_error"), path)

    def test_invalid_request_is_400_in_openai_shape_with_the_diagnostics(self):
        status, body, _ = self.server.json("POST", "/v1/videos", {**CREATE, "seconds": "5"})
        self.assertEqual(status, 400)
        error = body["error"]
        self.assertEqual((error["type"], error["param"], error["code"]),
                         ("invalid_request_error", "/seconds", "duration_not_offered"))
        self.assertIn("/seconds", [item["path"] for item in error["diagnostics"]])
        self.assertTrue(all({"severity", "path", "code", "message"} <= item.keys() for item in error["diagnostics"]))

    def test_malformed_json_and_multipart_are_400_with_the_reason(self):
        status, _, raw = self.server.request("POST", "/v1/videos", b'{"model": "sora-2", "prompt": ',
                                             {"Content-Type": "application/json"})
        error = json.loads(raw)["error"]
        self.assertEqual((status, error["code"]), (400, "invalid_json"))
        self.assertIn("line", error["message"])
        status, _, raw = self.server.request("POST", "/v1/videos", b"--x\r\nno headers",
                                             {"Content-Type": "multipart/form-data; boundary=x"})
        self.assertEqual(status, 400, raw)
        self.assertIn("multipart", json.loads(raw)["error"]["message"])

    def test_media_from_another_host_is_refused_with_the_fix(self):
        status, body, _ = self.server.json("POST", "/v1/videos", {**CREATE, "input_reference": {
            "image_url": "https://example.com/cat.png"}})
        self.assertEqual(status, 400, body)
        self.assertIn("--allow-fetch example.com", body["error"]["message"])


if __name__ == "__main__":
    unittest.main()
