"""The `gateway` dialect: the Vercel AI Gateway's video protocol, as `@ai-sdk/gateway` speaks it.

Wire format (npm `@ai-sdk/gateway` 4.0.158 dist GatewayVideoModel and GatewayFetchMetadata; `ai`
7.0.185's experimental_generateVideo drives them). Its routes, status words, webhook words and
error shape are the core's table (wasm/core/dialects/dialect_wire.h, `vgen dialect-facts`): every
path under /v4/ai (the SDK's default base URL) and /v3/ai (older clients') alike. By role:

  submit   held open: `text/event-stream` at once, `:` comment heartbeats while the job renders,
           then exactly ONE `data:` event: {"type":"result","videos":[{"type":"base64","data",
           "mediaType"}],"warnings":[...]} or {"type":"error","message","errorType","statusCode",
           "param"} (the SDK reads only the first event and releases the stream).
  start    {"operation":{"id"},"warnings":[...]}: the operation is opaque to the SDK, which sends it
           back unchanged to the status route.
           An `idempotency-key` header (the SDK sends one per call, the same on its retries) makes a
           start repeatable: the same key with the same model and body answers the first start's
           operation again; with another request it is a 422. Keys live as long as the server runs.
           A `callbackUrl` in the body (generateVideo's `webhook`) gets one POST once the operation
           ends: {"operation", "status"} with the status word /status then answers; the SDK waits
           for it and then asks /status once. Loopback or --allow-fetch hosts only (gateway/webhooks.py).
  status   body {"operation":...} -> {"status"}, with "videos" when completed, "error" (a message)
           when failed.
  config   GET -> {"models": [{id, name, description, specification: {specificationVersion,
           provider, modelId}, modelType: "video"}]}: the catalog's gateway ids (getAvailableModels()),
           in the specification version of the path (v4, or v3 for an older client's base URL).
The model id is the `ai-model-id` header. Refusals before a job exists are plain JSON in the
gateway's error shape, which the SDK maps onto its error classes by `type`.
Videos go back as base64: the AI SDK refuses to download from loopback URLs.
serve.py checks the key (--require-key) and injects faults before these handlers run, as for
every dialect, in the dialect's error shape (route_common.error_response).

[SECTION] Gateway error shape
[SECTION] Validation through the core
[SECTION] Held-open stream (submit)
[SECTION] Start / status
[SECTION] Idempotency keys and callbacks
[SECTION] Config
[SECTION] HANDLERS
"""

import base64
import hashlib
import json
import threading
from collections import OrderedDict
from pathlib import Path
from types import SimpleNamespace

from .core_bridge import CoreUnavailable
from . import dialect_facts
from .http_util import Response, json_response
from .idempotency import key_of, submit_once
from .route_common import error_response, read_json, submit_canonical, summary_of
from .webhooks import WebhookSender, host_refusal

HEARTBEAT_SECONDS = 2.0  # a `:` comment this often keeps proxies and the SDK's fetch from timing out
MEDIA_TYPE = "video/mp4"  # a video's type when the job does not say (every local render is an mp4)

DIALECT = "gateway"

# Headers of the SDK's request that the core's gateway dialect reads (the model is only here).
CORE_HEADERS = ("ai-model-id", "ai-video-model-specification-version", "ai-gateway-protocol-version")

TERMINAL = ("succeeded", "failed", "cancelled")
IDEMPOTENCY_KEYS_KEPT = 10_000  # the most recent starts whose keys are remembered


# -----------------------------------------------------------------------------
# [SECTION] Gateway error shape
# -----------------------------------------------------------------------------

def error_type_for(status: int) -> str:
    """The gateway's error `type` for an HTTP status (the core's table); the SDK's
    createGatewayErrorFromResponse switches on these words."""
    return dialect_facts.error_fields(DIALECT, status)[0]


def gateway_error(status: int, message: str, error_type: str | None = None, param=None) -> Response:
    """A refusal in the shape @ai-sdk/gateway parses: {"error":{"message","type","param"}}."""
    return error_response(DIALECT, status, message, param=param, error_type=error_type)


def header(request, name: str) -> str | None:
    """A request header by case-insensitive name (request.headers may be a dict or a Message)."""
    for key, value in request.headers.items():
        if key.lower() == name:
            return value
    return None


# -----------------------------------------------------------------------------
# [SECTION] Validation through the core
# -----------------------------------------------------------------------------

def feature_name(pointer: str) -> str:
    """The SDK's name for a body field: "/body/providerOptions/vertex/x" -> "providerOptions.vertex.x"."""
    return pointer.removeprefix("/body/").replace("/", ".")


def warnings_from(diagnostics: list[dict]) -> list[dict]:
    """The core's warnings as the SDK's warning objects (SharedV3Warning): an ignored option is
    `unsupported` (the SDK logs: The feature "n" is not supported), anything else `other`."""
    warnings = []
    for item in diagnostics:
        if item.get("severity") != "warning":
            continue
        if item.get("code") == "option_ignored":
            warnings.append({"type": "unsupported", "feature": feature_name(item.get("path", "")),
                             "details": item.get("message", "")})
        else:
            warnings.append({"type": "other", "message": f'{item.get("path", "")}: {item.get("message", "")}'})
    return warnings


def refusal_for(report: dict, model_id: str) -> Response:
    """The gateway's answer to an invalid request, with every diagnostic in `param`. An unknown
    model is `model_not_found` (404) as on the real gateway; anything else invalid_request_error."""
    errors = [item for item in report.get("diagnostics", []) if item.get("severity") == "error"]
    if not errors:
        return gateway_error(400, "the request could not be read", param={"diagnostics": []})
    summary = summary_of(errors)
    param = {"diagnostics": report.get("diagnostics", [])}
    if any(item.get("code") == "unknown_model" for item in errors):
        return gateway_error(404, summary, "model_not_found", {"modelId": model_id, **param})
    return gateway_error(400, summary, param=param)


def validated_job_input(ctx, request, core_path: str):
    """(canonical request, raw body, warnings) of a valid video request, or a Response refusing it.
    core_path: the envelope path of the operation in the core's table (the body is the same under /v3
    and /v4, and the core warns, path_mismatch, about any other spelling)."""
    try:
        body_text = request.body.decode("utf-8")
        body = json.loads(body_text)
    except (UnicodeDecodeError, ValueError) as problem:
        return gateway_error(400, f"the request body is not JSON: {problem}")
    if not isinstance(body, dict):
        return gateway_error(400, "the request body must be a JSON object")
    headers = {name: header(request, name) for name in CORE_HEADERS if header(request, name) is not None}
    # The body goes to the core as the client's own text, so the core's JSON rules (duplicate keys,
    # NaN, depth) judge it, not Python's more lenient parser; json.loads above proved it is one value.
    envelope = ('{"method":"POST","path":' + json.dumps(core_path) + ',"headers":' + json.dumps(headers)
                + ',"body":' + body_text + "}")
    try:
        exit_code, report = ctx.core.parse(envelope, DIALECT)
    except CoreUnavailable as problem:
        return gateway_error(503, str(problem))
    if exit_code != 0:
        return refusal_for(report, headers.get("ai-model-id", ""))
    return report["request"], body, warnings_from(report.get("diagnostics", []))


def submit(ctx, request, core_path: str):
    """(job, warnings) for a valid request, or a Response refusing it."""
    checked = validated_job_input(ctx, request, core_path)
    if isinstance(checked, Response):
        return checked
    canonical, body, warnings = checked
    refusal = host_refusal(ctx, canonical, "/body/callbackUrl")
    if refusal is not None:
        return gateway_error(400, refusal["message"], param={"diagnostics": [refusal]})
    job = submit_canonical(ctx, DIALECT, canonical, body, lambda: ctx.resolve_inputs(canonical))
    return job if isinstance(job, Response) else (job, warnings)


def encoded_videos(job) -> list[dict]:
    """The job's videos inline, as the SDK's `{type:"base64"}` video data."""
    return [{"type": "base64", "data": base64.b64encode(Path(video["path"]).read_bytes()).decode("ascii"),
             "mediaType": video.get("mime") or MEDIA_TYPE} for video in job.videos]


def failure_status(job) -> int:
    """The HTTP status a failed job stands for: its error code when that is `http_NNN` (injected
    faults, upstream refusals), else 500."""
    code = job.error_code or ""
    if code.startswith("http_") and code[5:].isdigit() and 400 <= int(code[5:]) <= 599:
        return int(code[5:])
    return 500


# -----------------------------------------------------------------------------
# [SECTION] Held-open stream (submit)
# -----------------------------------------------------------------------------

def sse_event(payload: dict) -> bytes:
    return b"data: " + json.dumps(payload, separators=(",", ":")).encode() + b"\n\n"


def final_event(job) -> dict:
    """The one data event for a terminal job (None: deleted meanwhile): result, or error in the
    SDK's schema (all five fields required; `param` may be null)."""
    if job is not None and job.status == "succeeded":
        return {"type": "result", "videos": encoded_videos(job)}
    if job is None or job.status == "cancelled":
        return {"type": "error", "message": "Video generation was cancelled.", "errorType": "cancelled",
                "statusCode": 409, "param": None}
    status = failure_status(job)
    return {"type": "error", "message": job.error_message or "the render failed without a reason",
            "errorType": error_type_for(status), "statusCode": status, "param": None}


def event_stream(ctx, job, warnings: list[dict], keyed: bool = False):
    """Yields the stream's bytes: a comment at once (so the client sees the response start), a
    comment every HEARTBEAT_SECONDS while the job runs, then the one data event. A client that
    disconnects first cancels its job (no one else can ask for a held-open job's result), unless
    it sent an idempotency key (`keyed`): the same submit with that key comes back for it."""
    delivered = False
    try:
        yield b": accepted\n\n"
        current = job
        while current is not None and current.status not in TERMINAL:
            current = ctx.jobs.wait(job.id, HEARTBEAT_SECONDS)
            if current is not None and current.status not in TERMINAL:
                yield b": rendering\n\n"
        event = final_event(current)
        if event["type"] == "result" and warnings:
            event["warnings"] = warnings
        delivered = True
        yield sse_event(event)
    finally:
        if not delivered and not keyed:
            ctx.jobs.cancel(job.id)


def post_video_model(ctx, request) -> Response:
    started, keyed = submit_once(ctx, DIALECT, "submit", request,
                                 lambda: submit(ctx, request, dialect_facts.route_path(DIALECT, "submit")),
                                 job_of=lambda made: made[0], also=CORE_HEADERS)
    if isinstance(started, Response):
        return started
    job, warnings = started if isinstance(started, tuple) else (started, [])  # a job found again by its key
    return Response(200, event_stream(ctx, job, warnings, keyed), "text/event-stream",
                    {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


# -----------------------------------------------------------------------------
# [SECTION] Start / status
# -----------------------------------------------------------------------------

def operation_of(job) -> dict:
    """The operation /start answers and /status and the callback carry: opaque to the SDK."""
    return {"id": job.id}


def post_start(ctx, request) -> Response:
    def start() -> Response:
        started = submit(ctx, request, dialect_facts.route_path(DIALECT, "start"))
        if isinstance(started, Response):
            return started
        job, warnings = started
        return json_response(200, {"operation": operation_of(job), "warnings": warnings})

    key = key_of(DIALECT, request)
    if key is None:
        return start()
    fingerprint = hashlib.sha256(json.dumps([header(request, "ai-model-id")]).encode() + request.body).hexdigest()
    return ctx.vercel.starts.once((header(request, "authorization"), key), fingerprint, start)


def status_body(job) -> dict:
    body = {"status": dialect_facts.answer_word(DIALECT, job.status)}
    if job.status == "succeeded":
        body["videos"] = encoded_videos(job)
    elif job.status == "failed":
        body["error"] = job.error_message or "the render failed without a reason"
    return body


def post_status(ctx, request) -> Response:
    body = read_json(ctx, DIALECT, request.body)
    if isinstance(body, Response):
        return body
    operation = body.get("operation") if isinstance(body, dict) else None
    job_id = operation.get("id") if isinstance(operation, dict) else None
    if not isinstance(job_id, str):
        return gateway_error(400, 'the body must be {"operation": <the operation /start returned>}',
                             param={"operation": operation})
    job = ctx.jobs.get(job_id)
    if job is None or job.dialect != DIALECT:
        return gateway_error(404, f"no video operation {job_id!r}", param={"operation": operation})
    return json_response(200, status_body(job))


# -----------------------------------------------------------------------------
# [SECTION] Idempotency keys and callbacks
# -----------------------------------------------------------------------------

class IdempotentStarts:
    """The answers of starts sent with an idempotency key, by (authorization, key): a start sent
    again while the first is still being accepted waits for it. Only a start that made an
    operation is remembered, so a refused one can be corrected and sent with the same key."""

    def __init__(self):
        self._lock = threading.Lock()
        self._starts = OrderedDict()  # (authorization, key) -> SimpleNamespace(fingerprint, lock, answer)

    def once(self, key: tuple, fingerprint: str, start) -> Response:
        with self._lock:
            entry = self._starts.get(key)
            if entry is None:
                entry = self._starts[key] = SimpleNamespace(fingerprint=fingerprint, lock=threading.Lock(),
                                                            answer=None)
                while len(self._starts) > IDEMPOTENCY_KEYS_KEPT:
                    self._starts.popitem(last=False)
        if entry.fingerprint != fingerprint:
            return gateway_error(422, f"idempotency-key {key[1]!r} was already used for another request (another "
                                      "model or body): send a new key for a new request, or the same request to "
                                      "get its operation again", param={"idempotencyKey": key[1]})
        with entry.lock:
            if entry.answer is None:
                answer = start()
                if answer.status != 200:
                    with self._lock:
                        if self._starts.get(key) is entry:
                            del self._starts[key]
                    return answer
                entry.answer = answer.body
            return Response(200, entry.answer, "application/json")


def install(ctx):
    """Idempotency keys and the completion callback (serve.py calls install(ctx) of every route
    module that has one): a callbackUrl gets one POST when its operation ends."""
    ctx.vercel = SimpleNamespace(starts=IdempotentStarts(), callbacks=WebhookSender(ctx.log))
    status_words = dialect_facts.webhook_events(DIALECT)  # our terminal states -> the status words

    def on_change(job, event):
        hook = job.request.get("webhook") if job.dialect == DIALECT else None
        if isinstance(hook, dict) and isinstance(hook.get("url"), str) and event in status_words:
            ctx.vercel.callbacks.send(hook["url"], {"operation": operation_of(job), "status": status_words[event]})

    ctx.jobs.on_change(on_change)


# -----------------------------------------------------------------------------
# [SECTION] Config
# -----------------------------------------------------------------------------

def get_config(ctx, request) -> Response:
    """The catalog's gateway ids as GatewayFetchMetadata reads them, in the path's specification
    version ("/v4/ai/config" -> "v4")."""
    version = request.path.split("/")[1]
    try:
        exit_code, output = ctx.core.catalog_json()
    except CoreUnavailable as problem:
        return gateway_error(503, str(problem))
    if exit_code != 0:
        return gateway_error(500, f"the core's catalog failed (exit {exit_code})")
    models = []
    for model in json.loads(output):
        for alias in model["aliases"]:
            if DIALECT in alias["dialects"] and alias.get("routable", True):
                modes = alias["modes"] or model["modes"]
                models.append({"id": alias["id"], "name": model["name"],
                               "description": f'{model["vendor"]} video model: {", ".join(modes)}',
                               "specification": {"specificationVersion": version, "provider": model["provider"],
                                                 "modelId": alias["id"]},
                               "modelType": "video"})
    return json_response(200, {"models": models})


# -----------------------------------------------------------------------------
# [SECTION] HANDLERS
# -----------------------------------------------------------------------------

# By role of the core's route table (dialect_facts.routes).
HANDLERS = {"submit": post_video_model, "start": post_start, "status": post_status, "config": get_config}
