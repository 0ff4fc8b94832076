"""The `gateway` dialect (Vercel AI Gateway video protocol, gateway/routes_vercel.py).

    python3 -m unittest discover -s tests/serve -p 'test_vercel.py'

Two layers: the route handlers against a scripted job service (heartbeat timing, a client that
disconnects, failures, idempotency keys; the real core validates, through CoreBridge), and serve.py
over real HTTP with real renders (SSE framing, the start/status cycle, the completion webhook,
GET /config, refusals). Both need the native build
($VG_NATIVE_DIR, default build/native); the HTTP layer also needs ffmpeg.
"""

import base64
import http.client
import json
import sys
import tempfile
import time
import unittest
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server_fixture import NATIVE_DIR, RENDER_TIMEOUT_S, REPO, ServerTestCase, WebhookReceiver  # noqa: E402

sys.path.insert(0, str(REPO))
from gateway import routes_vercel  # noqa: E402 (after the path is set)
from gateway.core_bridge import CoreBridge  # noqa: E402
from gateway.media_inputs import InputResolver  # noqa: E402

MODEL = "google/veo-3.1-fast-generate-001"
VALID_BODY = {"prompt": "A red kite over a windy beach", "n": 1, "duration": 4, "resolution": "720p"}
SDK_HEADERS = {"Authorization": "Bearer local", "Content-Type": "application/json", "ai-model-id": MODEL,
               "ai-video-model-specification-version": "4", "ai-gateway-protocol-version": "0.0.1",
               "Accept": "text/event-stream"}
# What @ai-sdk/gateway 4's doStart sends besides: no Accept, and an idempotency key per call.
START_HEADERS = {**{key: value for key, value in SDK_HEADERS.items() if key != "Accept"},
                 "idempotency-key": "aisdk_vid_test"}


def sse_parts(raw: bytes) -> tuple[list[bytes], list[dict]]:
    """(comment lines, data events) of an event stream; fails on any other kind of line."""
    comments, events = [], []
    for block in raw.split(b"\n\n"):
        for line in block.split(b"\n"):
            if line.startswith(b":"):
                comments.append(line)
            elif line.startswith(b"data: "):
                events.append(json.loads(line[6:]))
            elif line:
                raise AssertionError(f"unexpected SSE line {line!r}")
    return comments, events


# -----------------------------------------------------------------------------
# Route handlers with a scripted job service
# -----------------------------------------------------------------------------

class ScriptedJobs:
    """A JobService whose jobs run for `running_waits` calls of wait() and then end as `outcome`."""

    def __init__(self, video_path: Path, running_waits: int, outcome: str = "succeeded",
                 error_code: str = "", error_message: str = ""):
        self.video_path = video_path
        self.running_waits = running_waits
        self.outcome = outcome
        self.error_code = error_code
        self.error_message = error_message
        self.jobs = {}
        self.submitted = []
        self.waits = 0
        self.listeners = []

    def on_change(self, listener):
        self.listeners.append(listener)

    def refusal(self):
        return None  # the data folder takes new jobs

    def submit(self, dialect, canonical, raw, inputs):
        job = SimpleNamespace(id=f"job{len(self.jobs) + 1}", dialect=dialect, status="queued", request=canonical,
                              raw=raw, videos=[], error_code="", error_message="")
        self.jobs[job.id] = job
        self.submitted.append(job)
        return job

    def _advance(self, job):
        if job.status in ("queued", "running"):
            self.waits += 1
            if self.waits <= self.running_waits:
                job.status = "running"
            else:
                job.status = self.outcome
                job.error_code, job.error_message = self.error_code, self.error_message
                if self.outcome == "succeeded":
                    job.videos = [{"path": str(self.video_path), "thumbnail": None, "width": 1280, "height": 720,
                                   "duration": 4.0, "has_audio": False}]
                for listener in self.listeners:
                    listener(job, job.status)
        return job

    def wait(self, job_id, timeout_s):
        time.sleep(min(timeout_s, 0.01))
        return self._advance(self.jobs[job_id])

    def get(self, job_id):
        job = self.jobs.get(job_id)
        return self._advance(job) if job is not None else None

    def cancel(self, job_id):
        job = self.jobs[job_id]
        if job.status in ("queued", "running"):
            job.status = "cancelled"
        return job


def fake_request(path, body, headers=None):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return SimpleNamespace(method="POST", path=path, query={}, headers=dict(SDK_HEADERS if headers is None else headers),
                           body=raw, match=None)


class GatewayHandlersTest(unittest.TestCase):
    def setUp(self):
        self.temp = tempfile.TemporaryDirectory()
        self.video = Path(self.temp.name) / "out.mp4"
        self.video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)))
        self.jobs = ScriptedJobs(self.video, running_waits=3)
        # The real resolver decides which hosts a callback may go to (loopback here).
        inputs = InputResolver(SimpleNamespace(files_dir=Path(self.temp.name)), self.jobs, [], 1 << 20, 0)
        self.ctx = SimpleNamespace(core=CoreBridge(NATIVE_DIR), jobs=self.jobs, resolve_inputs=lambda canonical: {},
                                   inputs=inputs, log=print)
        routes_vercel.install(self.ctx)
        self.heartbeat = routes_vercel.HEARTBEAT_SECONDS

    def tearDown(self):
        routes_vercel.HEARTBEAT_SECONDS = self.heartbeat
        self.temp.cleanup()

    def stream(self, path="/v3/ai/video-model", body=None, headers=None):
        response = routes_vercel.post_video_model(self.ctx, fake_request(path, VALID_BODY if body is None else body,
                                                                          headers))
        return response, b"".join(response.body) if response.status == 200 else response.body

    def test_stream_sends_a_heartbeat_per_wait_then_one_result_with_the_bytes_as_base64(self):
        response, raw = self.stream()
        self.assertEqual(response.status, 200)
        self.assertEqual(response.content_type, "text/event-stream")
        comments, events = sse_parts(raw)
        # One comment at once, then one per wait() that found the job still running.
        self.assertEqual(len(comments), 1 + self.jobs.running_waits)
        self.assertEqual(len(events), 1)
        self.assertEqual(events[0]["type"], "result")
        self.assertEqual(events[0]["videos"], [{"type": "base64", "mediaType": "video/mp4",
                                                "data": base64.b64encode(self.video.read_bytes()).decode()}])
        self.assertTrue(raw.endswith(b"\n\n"), "the data event is terminated by a blank line")

    def test_model_comes_from_the_ai_model_id_header(self):
        self.stream()
        self.assertEqual(self.jobs.submitted[0].request["model"], "google/veo-3.1-fast")
        self.assertEqual(self.jobs.submitted[0].dialect, "gateway")

    def test_ignored_option_reaches_the_sdk_as_an_unsupported_warning(self):
        _, raw = self.stream(body=dict(VALID_BODY, n=2))
        warnings = sse_parts(raw)[1][0]["warnings"]
        self.assertIn("n", [warning.get("feature") for warning in warnings])

    def test_n_of_one_which_the_sdk_always_sends_is_not_warned_about(self):
        # ai 7 sends n: 1 on every call; one video is what every model makes, so nothing is ignored
        _, raw = self.stream()
        warnings = sse_parts(raw)[1][0].get("warnings", [])
        self.assertNotIn("n", [warning.get("feature") for warning in warnings])

    def test_failed_render_is_one_error_event_in_the_sdk_schema(self):
        self.jobs.outcome, self.jobs.error_message = "failed", "ffmpeg exited with 1"
        _, raw = self.stream()
        events = sse_parts(raw)[1]
        self.assertEqual(events, [{"type": "error", "message": "ffmpeg exited with 1",
                                   "errorType": "internal_server_error", "statusCode": 500, "param": None}])

    def test_injected_http_fault_keeps_its_status_in_the_error_event(self):
        self.jobs.outcome, self.jobs.error_code, self.jobs.error_message = "failed", "http_429", "slow down"
        event = sse_parts(self.stream()[1])[1][0]
        self.assertEqual((event["statusCode"], event["errorType"]), (429, "rate_limit_exceeded"))

    def test_client_that_disconnects_cancels_its_job(self):
        self.jobs.running_waits = 100
        response = routes_vercel.post_video_model(self.ctx, fake_request("/v4/ai/video-model", VALID_BODY))
        chunks = iter(response.body)
        next(chunks)
        next(chunks)
        chunks.close()  # what the server does when writing to the socket fails
        self.assertEqual(self.jobs.submitted[0].status, "cancelled")

    def test_invalid_request_is_a_400_invalid_request_error_with_the_diagnostics(self):
        response, raw = self.stream(body={**VALID_BODY, "duration": 5})
        self.assertEqual(response.status, 400)
        error = json.loads(raw)["error"]
        self.assertEqual(error["type"], "invalid_request_error")
        self.assertIn("/body/duration", error["message"])
        codes = [(item["path"], item["severity"]) for item in error["param"]["diagnostics"]]
        self.assertIn(("/body/duration", "error"), codes)
        self.assertEqual(self.jobs.submitted, [], "an invalid request starts no job")

    def test_missing_model_header_is_refused(self):
        headers = {key: value for key, value in SDK_HEADERS.items() if key != "ai-model-id"}
        response, raw = self.stream(headers=headers)
        self.assertEqual(response.status, 400)
        self.assertIn("missing_model", [item["code"] for item in json.loads(raw)["error"]["param"]["diagnostics"]])

    def test_unknown_model_is_model_not_found_with_its_id(self):
        response, raw = self.stream(headers={**SDK_HEADERS, "ai-model-id": "nobody/nothing"})
        self.assertEqual(response.status, 404)
        error = json.loads(raw)["error"]
        self.assertEqual((error["type"], error["param"]["modelId"]), ("model_not_found", "nobody/nothing"))

    def test_body_that_is_not_json_is_refused(self):
        for body in (b"{not json", b"[1, 2]", b"\xff\xfe"):
            response, raw = self.stream(body=body)
            self.assertEqual(response.status, 400, body)
            self.assertEqual(json.loads(raw)["error"]["type"], "invalid_request_error")

    def test_start_then_status_reports_pending_then_completed(self):
        started = routes_vercel.post_start(self.ctx, fake_request("/v4/ai/video-model/start", VALID_BODY))
        self.assertEqual(started.status, 200)
        operation = json.loads(started.body)["operation"]
        seen = []
        for _ in range(10):
            answer = routes_vercel.post_status(self.ctx, fake_request("/v4/ai/video-model/status",
                                                                      {"operation": operation}))
            self.assertEqual(answer.status, 200)
            seen.append(json.loads(answer.body))
            if seen[-1]["status"] != "pending":
                break
        self.assertEqual([body["status"] for body in seen], ["pending"] * 3 + ["completed"])
        self.assertEqual(seen[-1]["videos"][0]["data"], base64.b64encode(self.video.read_bytes()).decode())

    def test_status_reports_error_and_cancelled(self):
        for outcome, expected in (("failed", {"status": "error", "error": "no frames"}),
                                  ("cancelled", {"status": "cancelled"})):
            self.jobs.outcome, self.jobs.error_message, self.jobs.running_waits = outcome, "no frames", 0
            self.jobs.waits = 0
            started = routes_vercel.post_start(self.ctx, fake_request("/v4/ai/video-model/start", VALID_BODY))
            answer = routes_vercel.post_status(self.ctx, fake_request("/v4/ai/video-model/status",
                                                                      json.loads(started.body)))
            self.assertEqual(json.loads(answer.body), expected)

    def start(self, body=None, key="aisdk_vid_test"):
        headers = {**START_HEADERS, "idempotency-key": key} if key else {
            name: value for name, value in START_HEADERS.items() if name != "idempotency-key"}
        answer = routes_vercel.post_start(self.ctx, fake_request("/v4/ai/video-model/start",
                                                                 VALID_BODY if body is None else body, headers))
        return answer.status, json.loads(answer.body)

    def test_a_retried_start_with_the_same_idempotency_key_is_the_same_operation(self):
        first = self.start()
        again = self.start()
        self.assertEqual(first, again)
        self.assertEqual(first[0], 200)
        self.assertEqual(len(self.jobs.submitted), 1, "one job for one key")
        other = self.start(key="aisdk_vid_other")
        self.assertNotEqual(other[1]["operation"], first[1]["operation"])
        unkeyed = [self.start(key=None) for _ in range(2)]
        self.assertNotEqual(unkeyed[0][1]["operation"], unkeyed[1][1]["operation"], "no key, no replay")
        self.assertEqual(len(self.jobs.submitted), 4)

    def test_the_same_idempotency_key_with_another_request_is_a_422(self):
        self.assertEqual(self.start()[0], 200)
        for body, model in (({**VALID_BODY, "duration": 6}, MODEL), (VALID_BODY, "google/veo-3.1-generate-001")):
            headers = {**START_HEADERS, "ai-model-id": model}
            answer = routes_vercel.post_start(self.ctx, fake_request("/v4/ai/video-model/start", body, headers))
            self.assertEqual(answer.status, 422, model)
            error = json.loads(answer.body)["error"]
            self.assertEqual(error["type"], "invalid_request_error")
            self.assertIn("idempotency-key", error["message"])
        self.assertEqual(len(self.jobs.submitted), 1)

    def test_a_refused_start_does_not_hold_its_idempotency_key(self):
        self.assertEqual(self.start(body={**VALID_BODY, "duration": 5})[0], 400)
        self.assertEqual(self.start()[0], 200, "the key is free for the corrected request")

    def test_callback_url_gets_one_post_of_the_operation_once_it_is_done(self):
        sent = []
        self.ctx.vercel.callbacks.send = lambda url, payload: sent.append((url, payload))
        for outcome, word in (("succeeded", "completed"), ("failed", "error"), ("cancelled", "cancelled")):
            sent.clear()
            self.jobs.outcome, self.jobs.running_waits, self.jobs.waits = outcome, 1, 0
            status, started = self.start(body={**VALID_BODY, "callbackUrl": "http://127.0.0.1:9/hook"}, key=None)
            self.assertEqual(status, 200, started)
            self.assertEqual(started["warnings"], [], "callbackUrl is a field the gateway knows")
            operation = {"operation": started["operation"]}
            answers = [json.loads(routes_vercel.post_status(self.ctx, fake_request(
                "/v4/ai/video-model/status", operation)).body) for _ in range(3)]
            self.assertEqual(answers[0]["status"], "pending")
            self.assertEqual(sent, [("http://127.0.0.1:9/hook", {**operation, "status": word})], outcome)

    def test_callback_url_must_reach_this_machine(self):
        status, body = self.start(body={**VALID_BODY, "callbackUrl": "https://hooks.example.com/x"})
        self.assertEqual(status, 400)
        self.assertEqual(body["error"]["type"], "invalid_request_error")
        self.assertIn("webhook_host_not_allowed", [item["code"] for item in body["error"]["param"]["diagnostics"]])
        self.assertEqual(self.jobs.submitted, [])

    def test_status_of_an_unknown_or_malformed_operation(self):
        unknown = routes_vercel.post_status(self.ctx, fake_request("/v4/ai/video-model/status",
                                                                   {"operation": {"id": "nope"}}))
        self.assertEqual(unknown.status, 404)
        malformed = routes_vercel.post_status(self.ctx, fake_request("/v4/ai/video-model/status", {"op": 1}))
        self.assertEqual(malformed.status, 400)

    def test_status_reads_json_as_strictly_as_start(self):
        for body in (b'{"operation": {"id": "a", "id": "b"}}', b'{"operation": {"id": NaN}}'):
            answer = routes_vercel.post_status(self.ctx, fake_request("/v4/ai/video-model/status", body))
            self.assertEqual(answer.status, 400, body)
            error = json.loads(answer.body)["error"]
            self.assertEqual(error["param"]["diagnostics"][0]["code"], "invalid_json", body)


# -----------------------------------------------------------------------------
# serve.py over real HTTP, real renders
# -----------------------------------------------------------------------------

class GatewayOverHttpTest(ServerTestCase):
    def test_held_open_stream_answers_at_once_then_one_result_event(self):
        for version in ("v3", "v4"):
            connection = http.client.HTTPConnection(self.server.host, self.server.port, timeout=RENDER_TIMEOUT_S)
            try:
                sent = time.monotonic()
                connection.request("POST", f"/{version}/ai/video-model", body=json.dumps(VALID_BODY),
                                   headers=SDK_HEADERS)
                response = connection.getresponse()
                first = response.readline()
                answered_in = time.monotonic() - sent
                raw = first + response.read()
            finally:
                connection.close()
            self.assertEqual(response.status, 200)
            self.assertTrue(response.getheader("Content-Type").startswith("text/event-stream"))
            self.assertTrue(first.startswith(b":"), f"the stream opens with a comment, not {first!r}")
            self.assertLess(answered_in, 1.5, "the stream starts before the render ends")
            comments, events = sse_parts(raw)
            self.assertGreaterEqual(len(comments), 1)
            self.assertEqual(len(events), 1, "exactly one data event")
            self.assertEqual(events[0]["type"], "result", events[0])
            video = events[0]["videos"][0]
            self.assertEqual((video["type"], video["mediaType"]), ("base64", "video/mp4"))
            self.assertEqual(base64.b64decode(video["data"])[4:8], b"ftyp")

    def test_start_status_cycle(self):
        headers = {**SDK_HEADERS, "ai-video-model-specification-version": "4"}
        del headers["Accept"]
        status, started, _ = self.server.json("POST", "/v4/ai/video-model/start", VALID_BODY, headers)
        self.assertEqual(status, 200, started)
        statuses = []
        deadline = time.monotonic() + RENDER_TIMEOUT_S
        while time.monotonic() < deadline:
            status, body, _ = self.server.json("POST", "/v4/ai/video-model/status",
                                               {"operation": started["operation"]}, headers)
            self.assertEqual(status, 200, body)
            statuses.append(body)
            if body["status"] != "pending":
                break
            time.sleep(0.2)
        self.assertEqual(statuses[0]["status"], "pending")
        self.assertEqual(statuses[-1]["status"], "completed", statuses[-1])
        self.assertEqual(base64.b64decode(statuses[-1]["videos"][0]["data"])[4:8], b"ftyp")

    def test_callback_url_is_posted_when_the_video_is_done(self):
        hooks = WebhookReceiver()
        self.addCleanup(hooks.close)
        status, started, _ = self.server.json("POST", "/v4/ai/video-model/start",
                                              {**VALID_BODY, "callbackUrl": hooks.url}, START_HEADERS)
        self.assertEqual(status, 200, started)
        [event] = hooks.wait_until(lambda body: body.get("operation") == started["operation"], "for the operation",
                                   RENDER_TIMEOUT_S)
        self.assertEqual(event, {"operation": started["operation"], "status": "completed"})
        self.assertEqual(hooks.headers[-1]["content-type"], "application/json")
        # Once the webhook has come, one /status has the videos (the SDK asks exactly once).
        status, body, _ = self.server.json("POST", "/v4/ai/video-model/status", {"operation": started["operation"]},
                                           START_HEADERS)
        self.assertEqual((status, body["status"]), (200, "completed"))

    def test_retried_start_over_http_is_the_same_operation(self):
        headers = {**START_HEADERS, "idempotency-key": "aisdk_vid_http_retry"}
        answers = [self.server.json("POST", "/v4/ai/video-model/start", VALID_BODY, headers) for _ in range(2)]
        self.assertEqual([answer[0] for answer in answers], [200, 200])
        self.assertEqual(answers[0][1], answers[1][1])

    def test_config_lists_the_catalogs_gateway_ids_as_the_sdk_reads_them(self):
        for version in ("v4", "v3"):
            status, body, _ = self.server.json("GET", f"/{version}/ai/config", headers={"Authorization": "Bearer local"})
            self.assertEqual(status, 200, body)
            by_id = {model["id"]: model for model in body["models"]}
            self.assertEqual(by_id[MODEL]["specification"],
                             {"specificationVersion": version, "provider": "vertex", "modelId": MODEL})
            self.assertEqual(by_id[MODEL]["modelType"], "video")
            self.assertIsInstance(by_id[MODEL]["name"], str)
            self.assertNotIn("veo-3.1", by_id, "a jobs id is not a gateway id")

    def test_invalid_request_gets_the_gateway_error_shape_with_diagnostics(self):
        status, body, headers = self.server.json("POST", "/v3/ai/video-model", {**VALID_BODY, "duration": 5},
                                                 SDK_HEADERS)
        self.assertEqual(status, 400)
        self.assertTrue(headers["content-type"].startswith("application/json"))
        error = body["error"]
        self.assertEqual(error["type"], "invalid_request_error")
        self.assertIn("/body/duration", [item["path"] for item in error["param"]["diagnostics"]])

    def test_model_is_read_from_the_header_not_the_body(self):
        status, body, _ = self.server.json("POST", "/v3/ai/video-model", {**VALID_BODY, "model": MODEL},
                                           {key: value for key, value in SDK_HEADERS.items() if key != "ai-model-id"})
        self.assertEqual(status, 400)
        self.assertIn("missing_model", [item["code"] for item in body["error"]["param"]["diagnostics"]])


if __name__ == "__main__":
    unittest.main()
