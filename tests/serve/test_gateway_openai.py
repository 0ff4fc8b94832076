"""The openai dialect over real HTTP with real renders (gateway/routes_openai.py): create (JSON and
multipart, input_reference by file or file_id), the API's defaults, retrieve, list, delete, content
variants, remix, edits, extensions, characters, refusals.

    python3 -m unittest discover -s tests/serve -p 'test_gateway_openai.py'
"""

import base64
import json
import subprocess
import unittest

from server_fixture import ServeProcess, ffprobe, multipart, png_bytes

CREATE = {"model": "sora-2", "prompt": "A lighthouse at dusk, slow push in", "seconds": "4", "size": "1280x720"}


def finished(body):
    return body["status"] in ("completed", "failed")


def middle_color(mp4: bytes) -> tuple[int, int, int]:
    """The mean colour (r, g, b) of a 64-pixel square at the centre of the video's middle frame."""
    done = subprocess.run(["ffmpeg", "-v", "error", "-i", "pipe:0", "-vf",
                           "select=eq(n\\,24),crop=64:64:(iw-64)/2:(ih-64)/2,scale=1:1:flags=area",
                           "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"],
                          input=mp4, capture_output=True, timeout=60, check=True)
    return tuple(done.stdout[:3])


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
        # The OpenAPI description lists image/webp for the preview variants.
        for variant in ("thumbnail", "spritesheet"):
            status, headers, image = self.server.request("GET", f"{base}?variant={variant}")
            self.assertEqual((status, headers["content-type"], image[:4], image[8:12]),
                             (200, "image/webp", b"RIFF", b"WEBP"), variant)
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

    def test_remix_takes_a_multipart_form_too(self):
        form, content_type = multipart({"prompt": "The same lighthouse at night"}, {})
        status, body, _ = self.server.json("POST", f"/v1/videos/{self.created['id']}/remix", form,
                                           {"Content-Type": content_type})
        self.assertEqual(status, 200, body)
        self.assertEqual((body["prompt"], body["remixed_from_video_id"]),
                         ("The same lighthouse at night", self.created["id"]))
        self.server.request("DELETE", f"/v1/videos/{body['id']}")

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
        for query in ("limit=101", "limit=-1", "order=sideways", "after=video_nope"):
            self.assertEqual(self.server.json("GET", f"/v1/videos?{query}")[0], 400, query)
        status, body, _ = self.server.json("GET", "/v1/videos?limit=101")
        self.assertIn("from 0 to 100", body["error"]["message"], "the refusal says the range")
        # The OpenAPI description's limit is 0 to 100: 0 is an empty page that says more exist.
        status, empty, _ = self.server.json("GET", "/v1/videos?limit=0")
        self.assertEqual((status, empty["data"], empty["first_id"], empty["last_id"], empty["has_more"]),
                         (200, [], None, None, True))
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

    def test_no_model_is_sora_2_at_the_apis_defaults(self):
        # The OpenAPI description: model "Defaults to `sora-2`", seconds "Defaults to 4 seconds", size
        # "Defaults to 720x1280".
        status, body, _ = self.server.json("POST", "/v1/videos", {"prompt": "A paper boat on a pond"})
        self.assertEqual(status, 200, body)
        self.assertEqual((body["model"], body["seconds"], body["size"]), ("sora-2", "4", "720x1280"))
        done, _ = self.server.poll(f"/v1/videos/{body['id']}", finished)
        self.assertEqual(done["status"], "completed", done)
        self.assertEqual((done["model"], done["seconds"], done["size"]), ("sora-2", "4", "720x1280"))
        probe = ffprobe(self.server.request("GET", f"/v1/videos/{body['id']}/content")[2])
        self.assertAlmostEqual(probe["duration"], 4, delta=0.25)
        self.assertEqual((probe["width"], probe["height"]), (720, 1280))
        self.server.request("DELETE", f"/v1/videos/{body['id']}")

    def test_other_models_render_their_catalog_defaults_and_answer_an_api_size(self):
        # Veo's catalog defaults are 8 s 720p 16:9; Grok's 480p (16:9 without an image). A video object
        # names one of the API's four sizes: Grok's 854x480 frame answers the nearest, 1280x720.
        for model, seconds, frame, size in (("google/veo-3.1-generate-001", 8, (1280, 720), "1280x720"),
                                            ("xai/grok-imagine-video", None, (854, 480), "1280x720")):
            with self.subTest(model=model):
                status, body, _ = self.server.json("POST", "/v1/videos", {"model": model, "prompt": "Waves at dusk"})
                self.assertEqual(status, 200, body)
                done, _ = self.server.poll(f"/v1/videos/{body['id']}", finished)
                self.assertEqual(done["status"], "completed", done)
                self.assertEqual(done["size"], size)
                probe = ffprobe(self.server.request("GET", f"/v1/videos/{body['id']}/content")[2])
                self.assertEqual((probe["width"], probe["height"]), frame)
                if seconds:
                    self.assertEqual(done["seconds"], str(seconds))
                    self.assertAlmostEqual(probe["duration"], seconds, delta=0.25)
                self.server.request("DELETE", f"/v1/videos/{body['id']}")

    def test_input_reference_file_id_is_the_uploaded_image(self):
        status, upload, _ = self.server.json("POST", "/v1/uploads", png_bytes(720, 1280, "lime"),
                                             {"Content-Type": "image/png"})
        self.assertEqual(status, 201, upload)
        json_body = {"model": "sora-2", "prompt": "The green card drifts", "input_reference": {"file_id": upload["id"]}}
        form = multipart({"prompt": "The green card drifts", "input_reference[file_id]": upload["id"]}, {})
        for body, headers in ((json_body, None), (form[0], {"Content-Type": form[1]})):
            status, created, _ = self.server.json("POST", "/v1/videos", body, headers)
            self.assertEqual(status, 200, created)
            done, _ = self.server.poll(f"/v1/videos/{created['id']}", finished)
            self.assertEqual(done["status"], "completed", done)
            red, green, blue = middle_color(self.server.request("GET", f"/v1/videos/{created['id']}/content")[2])
            self.assertTrue(green > 150 and red < 100 and blue < 100, f"the middle is the image's green: {red, green, blue}")
            self.server.request("DELETE", f"/v1/videos/{created['id']}")
        status, body, _ = self.server.json("POST", "/v1/videos", {**CREATE, "input_reference": {"file_id": "file-nope"}})
        self.assertEqual((status, body["error"]["param"], body["error"]["type"]),
                         (404, "input_reference.file_id", "invalid_request_error"))
        self.assertIn("file-nope", body["error"]["message"])
        status, body, _ = self.server.json("POST", "/v1/videos", {**CREATE, "input_reference": {
            "file_id": upload["id"], "image_url": "data:image/png;base64,AAAA"}})
        self.assertEqual((status, body["error"]["param"]), (400, "input_reference"))

    def test_edit_restyles_the_source_at_its_length_and_frame(self):
        status, body, _ = self.server.json("POST", "/v1/videos/edits",
                                           {"video": {"id": self.created["id"]}, "prompt": "Make it watercolour"})
        self.assertEqual(status, 200, body)
        self.assertEqual((body["object"], body["model"], body["seconds"], body["size"]), ("video", "sora-2", "4", "1280x720"))
        done, _ = self.server.poll(f"/v1/videos/{body['id']}", finished)
        self.assertEqual(done["status"], "completed", done)
        probe = ffprobe(self.server.request("GET", f"/v1/videos/{body['id']}/content")[2])
        self.assertAlmostEqual(probe["duration"], 4, delta=0.25)
        self.assertEqual((probe["width"], probe["height"]), (1280, 720))
        self.server.request("DELETE", f"/v1/videos/{body['id']}")
        for wrong, status_code, param in (({"video": {"id": "video_nope"}, "prompt": "x"}, 404, None),
                                          ({"prompt": "x"}, 400, "video"),
                                          ({"video": "video_1", "prompt": "x"}, 400, "/video")):
            status, body, _ = self.server.json("POST", "/v1/videos/edits", wrong)
            self.assertEqual(status, status_code, body)

    def test_extend_stitches_the_source_and_the_new_seconds(self):
        status, body, _ = self.server.json("POST", "/v1/videos/extensions", {
            "video": {"id": self.created["id"]}, "prompt": "The light turns toward the sea", "seconds": "4"})
        self.assertEqual(status, 200, body)
        self.assertEqual((body["seconds"], body["size"]), ("8", "1280x720"), "seconds is the stitched total")
        done, _ = self.server.poll(f"/v1/videos/{body['id']}", finished)
        self.assertEqual(done["status"], "completed", done)
        self.assertEqual(done["seconds"], "8")
        probe = ffprobe(self.server.request("GET", f"/v1/videos/{body['id']}/content")[2])
        self.assertAlmostEqual(probe["duration"], 8, delta=0.25)
        self.assertEqual((probe["width"], probe["height"]), (1280, 720))
        self.server.request("DELETE", f"/v1/videos/{body['id']}")
        status, body, _ = self.server.json("POST", "/v1/videos/extensions", {
            "video": {"id": self.created["id"]}, "prompt": "x"})
        self.assertEqual((status, body["error"]["param"]), (400, "seconds"))
        status, body, _ = self.server.json("POST", "/v1/videos/extensions", {
            "video": {"id": self.created["id"]}, "prompt": "x", "seconds": "5"})
        self.assertEqual((status, body["error"]["param"]), (400, "/seconds"))

    def test_a_character_from_an_uploaded_video(self):
        mp4 = self.server.request("GET", f"/v1/videos/{self.created['id']}/content")[2]
        form, content_type = multipart({"name": "Lighthouse keeper"}, {"video": ("keeper.mp4", "video/mp4", mp4)})
        status, character, _ = self.server.json("POST", "/v1/videos/characters", form, {"Content-Type": content_type})
        self.assertEqual(status, 200, character)
        self.assertEqual(set(character), {"id", "name", "created_at"})
        self.assertEqual(character["name"], "Lighthouse keeper")
        status, again, _ = self.server.json("GET", f"/v1/videos/characters/{character['id']}")
        self.assertEqual((status, again), (200, character))
        self.assertEqual(self.server.json("GET", "/v1/videos/characters/char_nope")[0], 404)
        for fields, files, param in (({"name": "x" * 81}, {"video": ("a.mp4", "video/mp4", mp4)}, "name"),
                                     ({"name": "Keeper"}, {}, "video"),
                                     ({"name": "Keeper"}, {"video": ("a.png", "image/png", png_bytes(64, 64))}, "video")):
            form, content_type = multipart(fields, files)
            status, body, _ = self.server.json("POST", "/v1/videos/characters", form, {"Content-Type": content_type})
            self.assertEqual((status, body["error"]["param"]), (400, param), body)

    def test_media_from_another_host_is_refused_with_the_fix(self):
        status, body, _ = self.server.json("POST", "/v1/videos", {**CREATE, "input_reference": {
            "image_url": "https://example.com/cat.png"}})
        self.assertEqual(status, 400, body)
        self.assertIn("--allow-fetch example.com", body["error"]["message"])


if __name__ == "__main__":
    unittest.main()
