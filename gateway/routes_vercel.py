"""The `gateway` dialect: the Vercel AI Gateway's video protocol, as `@ai-sdk/gateway` speaks it.

Wire format (npm `@ai-sdk/gateway` 3.0.232 dist GatewayVideoModel, and vercel/ai main's
packages/gateway/src/gateway-video-model.ts for the start/status pair). Its routes, status words and
error shape are the core's table (wasm/core/dialects/dialect_wire.h, `vgen dialect-facts`); by role:

  submit   held open: `text/event-stream` at once, `:` comment heartbeats while the job renders,
           then exactly ONE `data:` event: {"type":"result","videos":[{"type":"base64","data",
           "mediaType"}],"warnings":[...]} or {"type":"error","message","errorType","statusCode",
           "param"} (the SDK reads only the first event and releases the stream).
  start    {"operation":{"id"},"warnings":[...]}: the operation is opaque to the SDK, which sends it
           back unchanged to the status route.
  status   body {"operation":...} -> {"status"}, with "videos" when completed, "error" (a message)
           when failed.
The model id is the `ai-model-id` header. Refusals before a job exists are plain JSON in the
gateway's error shape, which the SDK maps onto its error classes by `type`.
Videos go back as base64: the AI SDK refuses to download from loopback URLs.
serve.py checks the key (--require-key) and injects faults before these handlers run, as for
every dialect, in the dialect's error shape (route_common.error_response).

[SECTION] Gateway error shape
[SECTION] Validation through the core
[SECTION] Held-open stream (submit)
[SECTION] Start / status
[SECTION] HANDLERS
"""

import base64
import json
from pathlib import Path

from .core_bridge import CoreUnavailable
from . import dialect_facts
from .http_util import Response, json_response
from .route_common import error_response, read_json, submit_canonical, summary_of

HEARTBEAT_SECONDS = 2.0  # a `:` comment this often keeps proxies and the SDK's fetch from timing out
MEDIA_TYPE = "video/mp4"  # a video's type when the job does not say (every local render is an mp4)

DIALECT = "gateway"

# Headers of the SDK's request that the core's gateway dialect reads (the model is only here).
CORE_HEADERS = ("ai-model-id", "ai-video-model-specification-version", "ai-gateway-protocol-version")

TERMINAL = ("succeeded", "failed", "cancelled")


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


def event_stream(ctx, job, warnings: list[dict]):
    """Yields the stream's bytes: a comment at once (so the client sees the response start), a
    comment every HEARTBEAT_SECONDS while the job runs, then the one data event. A client that
    disconnects first cancels its job: no one else can ask for a held-open job's result."""
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
        if not delivered:
            ctx.jobs.cancel(job.id)


def post_video_model(ctx, request) -> Response:
    started = submit(ctx, request, dialect_facts.route_path(DIALECT, "submit"))
    if isinstance(started, Response):
        return started
    job, warnings = started
    return Response(200, event_stream(ctx, job, warnings), "text/event-stream",
                    {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


# -----------------------------------------------------------------------------
# [SECTION] Start / status
# -----------------------------------------------------------------------------

def post_start(ctx, request) -> Response:
    started = submit(ctx, request, dialect_facts.route_path(DIALECT, "start"))
    if isinstance(started, Response):
        return started
    job, warnings = started
    return json_response(200, {"operation": {"id": job.id}, "warnings": warnings})


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
# [SECTION] HANDLERS
# -----------------------------------------------------------------------------

# By role of the core's route table (dialect_facts.routes).
HANDLERS = {"submit": post_video_model, "start": post_start, "status": post_status}
