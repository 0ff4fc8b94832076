"""The upstream proxy (gateway/upstream.py): --upstream URL --upstream-dialect NAME --api-key-env VAR.

    python3 -m unittest discover -s tests/serve -p 'test_upstream.py'

Two layers: the proxy's routes against a scripted upstream (a stdlib HTTP server in this process
that records what reaches it), and two real serve.py processes: B started with --require-key, A
forwarding the openai dialect to B with the key from the environment, a client talking to A with
no key at all. The second layer needs the native build ($VG_NATIVE_DIR) and ffmpeg.
"""

import http.client
import json
import os
import sys
import tempfile
import time
import unittest
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server_fixture import ServeProcess  # noqa: E402
from upstream_fixture import (KEY, KEY_ENV, MP4, ScriptedUpstream, body_of, dispatch, proxy_config,  # noqa: E402
                              upstream)


class ProxyRoutesTest(unittest.TestCase):
    def setUp(self):
        os.environ[KEY_ENV] = KEY
        self.upstream = ScriptedUpstream()
        self.data = tempfile.TemporaryDirectory()
        self.ctx = SimpleNamespace(base_url="http://127.0.0.1:8123")

    def tearDown(self):
        self.upstream.close()
        self.data.cleanup()
        os.environ.pop(KEY_ENV, None)

    def routes(self, dialect, origin=None, fetch_hosts=()):
        return upstream.routes_for(proxy_config(origin or self.upstream.origin, dialect, self.data.name, fetch_hosts))

    def test_unusable_options_are_refused_at_start_up(self):
        for origin, dialect in (("ftp://x", "openai"), ("http://127.0.0.1:1/?a=b", "openai"),
                                ("http://user:pw@127.0.0.1:1", "openai"), (self.upstream.origin, "nope")):
            with self.assertRaises(upstream.UpstreamConfigError, msg=(origin, dialect)):
                self.routes(dialect, origin)
        del os.environ[KEY_ENV]
        with self.assertRaisesRegex(upstream.UpstreamConfigError, KEY_ENV):
            self.routes("openai")

    def test_forwards_with_the_servers_key_instead_of_the_clients(self):
        self.upstream.answers[("POST", "/v1/videos")] = (200, "application/json", b'{"id":"video_1","status":"queued"}')
        answer = dispatch(self.routes("openai"), self.ctx, "POST", "/v1/videos", b'{"model":"sora-2"}',
                          {"Content-Type": "application/json", "Authorization": "Bearer browser-token",
                           "Cookie": "session=1", "Host": "evil.example", "X-Forwarded-For": "1.2.3.4"})
        self.assertEqual((answer.status, json.loads(body_of(answer))["id"]), (200, "video_1"))
        seen = self.upstream.received[0]
        self.assertEqual(seen.headers["Authorization"], f"Bearer {KEY}")
        self.assertEqual(seen.body, b'{"model":"sora-2"}')
        self.assertEqual(seen.headers["Host"], self.upstream.origin.removeprefix("http://"))
        for dropped in ("Cookie", "X-Forwarded-For"):
            self.assertNotIn(dropped, seen.headers)

    def test_only_the_dialects_own_paths_are_routes(self):
        routes = self.routes("openai")
        for method, path in (("GET", "/v2/jobs/abc"), ("POST", "/v1/video/generations"), ("GET", "/v1/videos/../x"),
                             ("GET", "/v1/videos/a%2F..%2Fb"), ("GET", "/v1/videos/a/b"), ("GET", "/admin"),
                             ("GET", "http://127.0.0.1/v1/videos"), ("PUT", "/v1/videos/abc")):
            self.assertIsNone(dispatch(routes, self.ctx, method, path), (method, path))
        self.assertEqual(self.upstream.received, [])

    def test_upstream_refusal_passes_through_with_its_status_and_body(self):
        refusal = b'{"error":{"message":"rate limited","type":"rate_limit","code":"http_429"}}'
        self.upstream.answers[("GET", "/v1/videos/video_9")] = (429, "application/json", refusal)
        answer = dispatch(self.routes("openai"), self.ctx, "GET", "/v1/videos/video_9")
        self.assertEqual((answer.status, body_of(answer)), (429, refusal))

    def test_key_echoed_by_the_upstream_is_redacted(self):
        echo = json.dumps({"error": {"message": f"bad key Bearer {KEY}"}}).encode()
        self.upstream.answers[("GET", "/v1/videos/video_1")] = (401, "application/json", echo)
        answer = dispatch(self.routes("openai"), self.ctx, "GET", "/v1/videos/video_1")
        self.assertNotIn(KEY.encode(), body_of(answer))
        self.assertIn(b"[redacted]", body_of(answer))

    def test_unreachable_upstream_is_a_502_in_each_dialects_shape(self):
        self.upstream.close()
        shapes = {"openai": ("POST", "/v1/videos", lambda body: body["error"]["message"]),
                  "unified": ("POST", "/v1/video/generations", lambda body: body["error"]["code"] == "api_error"),
                  "gateway": ("POST", "/v3/ai/video-model", lambda body: body["error"]["type"]),
                  "jobs": ("POST", "/v2/videos/generate", lambda body: body["message"]),
                  "creative-hub": ("POST", "/api/v1/creative-hub/generate/video", lambda body: body["error_message"])}
        for dialect, (method, path, reads) in shapes.items():
            answer = dispatch(self.routes(dialect), self.ctx, method, path, b"{}")
            self.assertEqual(answer.status, 502, dialect)
            self.assertTrue(reads(json.loads(body_of(answer))), dialect)

    def test_unified_result_is_kept_and_served_from_our_origin_after_the_link_expires(self):
        self.upstream.answers[("GET", "/files/clip.mp4")] = (200, "video/mp4", MP4)
        answer_body = {"created": 1, "model": "m", "duration": 5,
                       "videos": [{"url": f"{self.upstream.origin}/files/clip.mp4", "mime_type": "video/mp4"}]}
        self.upstream.answers[("POST", "/v1/video/generations")] = (200, "application/json",
                                                                    json.dumps(answer_body).encode())
        routes = self.routes("unified")
        answer = dispatch(routes, self.ctx, "POST", "/v1/video/generations", b'{"model":"m","prompt":"p"}')
        url = json.loads(body_of(answer))["videos"][0]["url"]
        self.assertTrue(url.startswith(self.ctx.base_url + "/upstream/files/"), url)
        self.assertEqual(self.upstream.received[-1].headers["Authorization"], f"Bearer {KEY}",
                         "a result on the upstream's own host is fetched with the key")
        self.upstream.answers[("GET", "/files/clip.mp4")] = (410, "application/json", b'{"error":"expired"}')
        kept = dispatch(routes, self.ctx, "GET", url.removeprefix(self.ctx.base_url))
        self.assertEqual((kept.status, kept.content_type, body_of(kept)), (200, "video/mp4", MP4))

    def test_result_on_a_host_given_with_upstream_fetch_is_fetched_without_the_key(self):
        storage = ScriptedUpstream()
        self.addCleanup(storage.close)
        storage.answers[("GET", "/bucket/v.mp4")] = (200, "video/mp4", MP4)
        job = {"job_id": "j1", "status": "completed", "result_urls": [f"{storage.origin}/bucket/v.mp4"],
               "cost_cents": 0}
        self.upstream.answers[("GET", "/api/v1/creative-hub/generate/jobs/j1")] = (200, "application/json",
                                                                                   json.dumps(job).encode())
        answer = dispatch(self.routes("creative-hub", fetch_hosts=[storage.host_port]), self.ctx, "GET",
                          "/api/v1/creative-hub/generate/jobs/j1")
        self.assertTrue(json.loads(body_of(answer))["result_urls"][0].startswith(self.ctx.base_url))
        self.assertNotIn("Authorization", storage.received[0].headers)

    def test_jobs_result_urls_in_every_field_are_rewritten(self):
        self.upstream.answers[("GET", "/v.mp4")] = (200, "video/mp4", MP4)
        url = f"{self.upstream.origin}/v.mp4"
        job = {"jobId": "j", "status": "COMPLETED", "videoUrl": url, "videoUrls": [url], "result": {"videos": [{"url": url}]},
               "webhook": {"url": "https://hooks.example/x"}}
        self.upstream.answers[("GET", "/v2/jobs/j")] = (200, "application/json", json.dumps(job).encode())
        body = json.loads(body_of(dispatch(self.routes("jobs"), self.ctx, "GET", "/v2/jobs/j")))
        for value in (body["videoUrl"], body["videoUrls"][0], body["result"]["videos"][0]["url"]):
            self.assertTrue(value.startswith(self.ctx.base_url + "/upstream/files/"), value)
        self.assertEqual(body["webhook"]["url"], "https://hooks.example/x", "only result fields are fetched")

    def test_gateway_stream_is_relayed_as_it_arrives_with_its_results_kept(self):
        self.upstream.answers[("GET", "/out.mp4")] = (200, "video/mp4", MP4)
        event = {"type": "result", "videos": [{"type": "url", "url": f"{self.upstream.origin}/out.mp4",
                                               "mediaType": "video/mp4"}]}
        self.upstream.answers[("POST", "/v3/ai/video-model")] = (
            200, "text/event-stream", [b": ping\n\n", b": ping\n\n", b"data: " + json.dumps(event).encode() + b"\n\n"])
        answer = dispatch(self.routes("gateway"), self.ctx, "POST", "/v3/ai/video-model", b"{}",
                          {"ai-model-id": "google/veo-3.1", "Content-Type": "application/json"})
        self.assertEqual((answer.status, answer.content_type), (200, "text/event-stream"))
        chunks = iter(answer.body)
        self.assertEqual(next(chunks), b": ping\n", "a heartbeat is passed on before the stream ends")
        rest = b"".join(chunks)
        data = [line for line in rest.split(b"\n") if line.startswith(b"data: ")]
        self.assertEqual(len(data), 1)
        video = json.loads(data[0][6:])["videos"][0]
        self.assertTrue(video["url"].startswith(self.ctx.base_url + "/upstream/files/"))
        self.assertEqual(self.upstream.received[0].headers["ai-model-id"], "google/veo-3.1")

    def test_openai_content_is_kept_when_the_job_completes(self):
        self.upstream.answers[("GET", "/v1/videos/video_7")] = (200, "application/json",
                                                                b'{"id":"video_7","object":"video","status":"completed"}')
        self.upstream.answers[("GET", "/v1/videos/video_7/content")] = (200, "video/mp4", MP4)
        routes = self.routes("openai")
        dispatch(routes, self.ctx, "GET", "/v1/videos/video_7")
        self.upstream.answers[("GET", "/v1/videos/video_7/content")] = (404, "application/json", b'{"error":{}}')
        kept = dispatch(routes, self.ctx, "GET", "/v1/videos/video_7/content", query={"variant": "video"})
        self.assertEqual((kept.status, body_of(kept)), (200, MP4))


# -----------------------------------------------------------------------------
# Two real serve.py processes
# -----------------------------------------------------------------------------

class TwoServersTest(unittest.TestCase):
    """B requires a key; A forwards the openai dialect to B with that key from its environment."""

    @classmethod
    def setUpClass(cls):
        env = {**os.environ, KEY_ENV: KEY}
        cls.b = ServeProcess("--require-key", KEY_ENV, env=env)
        cls.a = ServeProcess("--upstream", f"http://{cls.b.host}:{cls.b.port}", "--upstream-dialect", "openai",
                             "--api-key-env", KEY_ENV, env=env)

    @classmethod
    def tearDownClass(cls):
        cls.a.close()
        cls.b.close()

    def assert_no_key(self, headers, raw):
        self.assertNotIn(KEY.encode(), raw)
        self.assertNotIn(KEY, str(headers))

    def test_b_alone_without_the_key_answers_401(self):
        status, _, raw = self.b.request("POST", "/v1/videos", {"model": "sora-2", "prompt": "a kite"})
        self.assertEqual(status, 401, raw)

    def test_client_without_a_key_gets_a_video_served_from_a(self):
        status, headers, raw = self.a.request("POST", "/v1/videos", {"model": "sora-2", "prompt": "A lighthouse at dusk",
                                                                     "seconds": "4", "size": "1280x720"})
        self.assert_no_key(headers, raw)
        self.assertEqual(status, 200, raw)
        video_id = json.loads(raw)["id"]
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            status, headers, raw = self.a.request("GET", f"/v1/videos/{video_id}")
            self.assert_no_key(headers, raw)
            self.assertEqual(status, 200, raw)
            if json.loads(raw)["status"] in ("completed", "failed"):
                break
            time.sleep(0.3)
        self.assertEqual(json.loads(raw)["status"], "completed", raw)
        status, headers, content = self.a.request("GET", f"/v1/videos/{video_id}/content")
        self.assert_no_key(headers, content)
        self.assertEqual((status, headers["content-type"]), (200, "video/mp4"))
        self.assertEqual(content[4:8], b"ftyp")
        # B deletes its copy; A still has the one it kept when the job completed.
        status, _, raw = self.b.request("DELETE", f"/v1/videos/{video_id}", headers={"Authorization": f"Bearer {KEY}"})
        self.assertEqual(status, 200, raw)
        status, _, again = self.a.request("GET", f"/v1/videos/{video_id}/content")
        self.assertEqual((status, again), (200, content))

    def test_path_outside_the_dialect_is_not_forwarded(self):
        status, _, raw = self.b.request("POST", "/v2/videos/generate", {"model": "sora-2", "prompt": "a kite"},
                                        {"Authorization": f"Bearer {KEY}"})
        self.assertEqual(status, 202, raw)
        job_id = json.loads(raw)["jobId"]
        # B knows this job; A would only know it by forwarding, which it must not do.
        for path in (f"/v2/jobs/{job_id}", f"/v1/videos/..%2F..%2Fv2%2Fjobs%2F{job_id}"):
            status, headers, raw = self.a.request("GET", path)
            self.assertEqual(status, 404, (path, raw))
            self.assert_no_key(headers, raw)
        # An absolute URL in the request line names B, but A never takes its target from the client.
        connection = http.client.HTTPConnection(self.a.host, self.a.port, timeout=30)
        try:
            connection.putrequest("GET", f"http://{self.b.host}:{self.b.port}/v2/jobs/{job_id}", skip_host=True)
            connection.putheader("Host", f"{self.b.host}:{self.b.port}")
            connection.endheaders()
            response = connection.getresponse()
            self.assertEqual(response.status, 404, response.read())
        finally:
            connection.close()


if __name__ == "__main__":
    unittest.main()
