"""What every dialect route shares: which dialect a path belongs to, each dialect's error shape,
validation through the core, and submitting a validated request as a job.

[SECTION] Dialect of a path
[SECTION] Error shapes
[SECTION] Validation and submission
"""

import json
import re
from pathlib import Path

from .core_bridge import CoreUnavailable
from .http_util import Response, json_response
from .store import StoreUnavailable

# -----------------------------------------------------------------------------
# [SECTION] Dialect of a path
# -----------------------------------------------------------------------------

# In order: the first prefix that matches names the dialect (unified tasks share /v1/videos/ with
# openai and are told apart by their id's prefix, task_ vs video_).
PATH_DIALECTS = [
    (re.compile(r"^/v[34]/ai/"), "gateway"),
    (re.compile(r"^/v1/video/generations$|^/v1/videos/task_"), "unified"),
    (re.compile(r"^/v1/videos(/|$)"), "openai"),
    (re.compile(r"^/v2/(videos|jobs)(/|$)"), "jobs"),
    (re.compile(r"^/api/v1/creative-hub/"), "creative-hub"),
]


def dialect_for_path(path: str) -> str | None:
    """The gateway dialect a path belongs to; None for the catalog, result files and the page."""
    return next((dialect for pattern, dialect in PATH_DIALECTS if pattern.search(path)), None)


# -----------------------------------------------------------------------------
# [SECTION] Error shapes
# -----------------------------------------------------------------------------

# OpenAI's error `type` and `code` per status (its API reference's error codes).
OPENAI_ERRORS = {400: ("invalid_request_error", None), 401: ("invalid_request_error", "invalid_api_key"),
                 402: ("insufficient_quota", "insufficient_quota"), 404: ("invalid_request_error", "not_found"),
                 429: ("requests", "rate_limit_exceeded")}

# Seed 002's error table: 401 http_401, 404 not_found, 410 http_410, 429 insufficient_quota,
# 500/502/503 api_error. Statuses the table does not list follow its http_NNN pattern.
# The table's code wins for its statuses; other statuses keep a specific code (e.g. the core's).
UNIFIED_CODES = {401: "http_401", 404: "not_found", 410: "http_410", 429: "insufficient_quota",
                 402: "insufficient_quota", 500: "api_error", 502: "api_error", 503: "api_error"}

# Seed 004's error words (400, 401, 402, 503); the others in the same style.
JOBS_WORDS = {400: "Validation error", 401: "Unauthorized", 402: "Insufficient credits", 404: "Not found",
              405: "Method not allowed", 410: "Gone", 411: "Length required", 413: "Payload too large",
              429: "Too many requests", 500: "Internal server error", 502: "Bad gateway",
              503: "Service unavailable"}

# Seed 003 names only `error_message`; `code` is a stable word beside it.
CREATIVE_HUB_CODES = {400: "validation_error", 401: "unauthorized", 402: "insufficient_credits", 404: "not_found",
                      405: "method_not_allowed", 410: "gone", 411: "length_required", 413: "payload_too_large",
                      429: "rate_limited", 500: "internal_error", 502: "bad_gateway", 503: "service_unavailable"}


def error_response(dialect: str | None, status: int, message: str, *, code: str | None = None,
                   param: str | None = None, diagnostics: list | None = None, headers: dict | None = None) -> Response:
    """A refusal in the shape the dialect's clients read (wasm/core/job_status.h, readErrorBody)."""
    if dialect == "gateway":
        from . import routes_vercel  # present whenever a gateway path is routed
        extra = {"diagnostics": diagnostics} if diagnostics is not None else param
        answer = routes_vercel.gateway_error(status, message, param=extra)
        answer.headers.update(headers or {})
        return answer
    if dialect == "unified":
        error = {"message": message,
                 "type": "api_error" if status >= 500 else "authentication_error" if status == 401
                 else "insufficient_quota" if status in (402, 429) else "invalid_request_error",
                 "code": UNIFIED_CODES.get(status) or code or f"http_{status}", "status": status}
        if diagnostics is not None:
            error["diagnostics"] = diagnostics
        return json_response(status, {"error": error}, headers)
    if dialect == "jobs":
        body = {"error": JOBS_WORDS.get(status, f"HTTP {status}"), "message": message}
        if diagnostics is not None:
            body["details"] = diagnostics
        return json_response(status, body, headers)
    if dialect == "creative-hub":
        body = {"error_message": message, "code": code or CREATIVE_HUB_CODES.get(status, f"http_{status}")}
        if diagnostics is not None:
            body["details"] = diagnostics
        return json_response(status, body, headers)
    # openai, and paths outside the dialects (the catalog, result files)
    error_type, default_code = OPENAI_ERRORS.get(status, ("server_error" if status >= 500 else
                                                          "invalid_request_error", None))
    error = {"message": message, "type": error_type, "param": param, "code": code or default_code}
    if diagnostics is not None:
        error["diagnostics"] = diagnostics
    return json_response(status, {"error": error}, headers)


def not_found(dialect: str, what: str) -> Response:
    return error_response(dialect, 404, f"{what} does not exist (or was deleted)")


# -----------------------------------------------------------------------------
# [SECTION] Validation and submission
# -----------------------------------------------------------------------------

def job_lookup(dialect: str, body_of):
    """A GET handler for one of `dialect`'s jobs by id, answering body_of(ctx, job)."""
    def get_job(ctx, request) -> Response:
        job = ctx.jobs.get(request.match.group(1))
        if job is None or job.dialect != dialect:
            return not_found(dialect, f"job {request.match.group(1)!r}")
        return json_response(200, body_of(ctx, job))
    return get_job


def summary_of(errors: list[dict]) -> str:
    first = errors[0]
    text = f'{first.get("path") or "(request)"}: {first.get("message", "")}'
    return text + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else "")


def invalid_request(dialect: str, diagnostics: list[dict]) -> Response:
    """400 in the dialect's shape with every diagnostic; an unknown model is seed 002's 404 not_found
    on the unified route."""
    errors = [item for item in diagnostics if item.get("severity") == "error"] or \
        [{"path": "", "code": "invalid_request", "message": "the request could not be read"}]
    status = 404 if dialect == "unified" and any(e.get("code") == "unknown_model" for e in errors) else 400
    return error_response(dialect, status, summary_of(errors), code=errors[0].get("code"),
                          param=errors[0].get("path") or None, diagnostics=diagnostics)


def core_report(ctx, dialect: str, body: bytes):
    """(exit code, report) of the core reading the client's own bytes as a request of the dialect
    (0 valid, 1 invalid, 2 not readable JSON), or the Response saying the core is missing."""
    try:
        return ctx.core.parse(body, dialect)
    except CoreUnavailable as problem:
        return error_response(dialect, 503, str(problem))


def read_json(ctx, dialect: str, body: bytes):
    """The JSON value of a body that is not a whole request of the dialect (a remix, a status query),
    or the Response refusing it. The core's reader judges it as it judges a create (duplicate keys,
    NaN, unpaired surrogates, depth, number range), never Python's more lenient parser."""
    answer = core_report(ctx, dialect, body)
    if isinstance(answer, Response):
        return answer
    exit_code, report = answer
    if exit_code == 2:
        return invalid_request(dialect, report.get("diagnostics", []))
    return python_value(dialect, body)


def python_value(dialect: str, body: bytes):
    """The Python value of a body the core has read (Python only converts it), or a 400 for the rare
    bytes the core reads and Python does not (a byte order mark is allowed to both)."""
    try:
        return json.loads(body.decode("utf-8-sig"))
    except ValueError as problem:
        return error_response(dialect, 400, f"the body is not plain JSON: {problem}")


def validated(ctx, dialect: str, body: bytes):
    """(canonical request, raw body, diagnostics) of a valid request of the dialect, or the Response
    refusing it. The core reads the client's own bytes, so its JSON rules judge them (malformed
    JSON, duplicate keys, depth), not Python's more lenient parser."""
    answer = core_report(ctx, dialect, body)
    if isinstance(answer, Response):
        return answer
    exit_code, report = answer
    diagnostics = report.get("diagnostics", [])
    if exit_code != 0:
        return invalid_request(dialect, diagnostics)
    value = python_value(dialect, body)
    return value if isinstance(value, Response) else (report["request"], value, diagnostics)


def submit_job(ctx, dialect: str, body: bytes, raw=None, check=None):
    """The new job for a valid request, or the Response refusing it. raw: what to keep as submitted
    (default: the parsed body); check(canonical) may refuse with a Response."""
    checked = validated(ctx, dialect, body)
    if isinstance(checked, Response):
        return checked
    canonical, parsed, _ = checked
    refusal = check(canonical) if check else None
    if refusal is not None:
        return refusal
    return submit_canonical(ctx, dialect, canonical, parsed if raw is None else raw,
                            lambda: ctx.resolve_inputs(canonical, dialect))


def submit_canonical(ctx, dialect: str, canonical: dict, raw, stage_inputs):
    """The new job for a validated request, or the Response refusing it. stage_inputs() gives the
    staged media files ({pointer: path}) or a refusal. A data folder that cannot take new jobs (the
    store's degraded mode) is a 503 saying why, before anything is staged."""
    reason = ctx.jobs.refusal()
    if reason:
        return error_response(dialect, 503, reason)
    try:
        inputs = stage_inputs()
    except OSError as problem:
        return error_response(dialect, 503, f"the request's media cannot be stored in the data folder "
                                            f"({problem.strerror or problem})")
    if isinstance(inputs, Response):
        return inputs
    try:
        return ctx.jobs.submit(dialect, canonical, raw, inputs)
    except StoreUnavailable as problem:
        return error_response(dialect, 503, str(problem))


def file_url(ctx, job, video: dict, key: str = "path") -> str:
    """The link to one of a job's files (served by routes_files, no expiry)."""
    return f"{ctx.base_url}/files/{job.id}/{Path(video[key]).name}"


def whole_seconds(value):
    """A duration as JSON shows it: 5 rather than 5.0 when whole."""
    return int(value) if isinstance(value, float) and value.is_integer() else value
