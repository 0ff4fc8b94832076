"""What every dialect route shares: each dialect's error shape, validation through the core, and
submitting a validated request as a job. The dialects' routes, status words and error shapes are the
core's (gateway/dialect_facts.py).

[SECTION] Error shapes
[SECTION] Validation and submission
"""

import json
from pathlib import Path

from . import dialect_facts
from .core_bridge import CoreUnavailable
from .http_util import Response, json_response
from .store import StoreUnavailable

dialect_for_path = dialect_facts.dialect_for_path


# -----------------------------------------------------------------------------
# [SECTION] Error shapes
# -----------------------------------------------------------------------------

def error_response(dialect: str | None, status: int, message: str, *, code: str | None = None,
                   param=None, diagnostics: list | None = None, headers: dict | None = None,
                   error_type: str | None = None) -> Response:
    """A refusal in the shape the dialect's clients read (wasm/core/jobs/job_status.h, readErrorBody);
    paths outside the dialects (the catalog, result files) answer in OpenAI's."""
    body = dialect_facts.error_body(dialect or "openai", status, message, code=code, param=param,
                                    diagnostics=diagnostics, error_type=error_type)
    return json_response(status, body, headers)


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


# The members of a canonical request a render reads whose absence means the model's default.
RENDERED_DEFAULTS = ("duration", "resolution", "aspectRatio")


def with_model_defaults(core, canonical: dict) -> dict:
    """The canonical request with the catalog's defaults (`vgen catalog --json`) of what a render
    reads and the request leaves out: Sora's 4 s at 720x1280, Veo's 8 s 720p 16:9, Grok's 480p. A
    video input gives the frame itself (an edit or extension keeps its source's), and an exact
    "WxH" default is not added beside an aspect ratio the request chose."""
    model = next((entry for entry in core.catalog() if entry["id"] == canonical.get("model")), None)
    params = model.get("params", {}) if model else {}
    filled = dict(canonical)
    for member in RENDERED_DEFAULTS:
        spec = params.get("/" + member)
        if member in filled or not isinstance(spec, dict) or "default" not in spec:
            continue
        if member != "duration" and "video" in filled:
            continue
        if member == "resolution" and "x" in str(spec["default"]) and "aspectRatio" in filled:
            continue
        filled[member] = spec["default"]
    return filled


def submit_canonical(ctx, dialect: str, canonical: dict, raw, stage_inputs):
    """The new job for a validated request, or the Response refusing it. stage_inputs() gives the
    staged media files ({pointer: path}) or a refusal. A data folder that cannot take new jobs (the
    store's degraded mode) is a 503 saying why, before anything is staged. The job renders the
    model's defaults for what the request leaves out (with_model_defaults)."""
    reason = ctx.jobs.refusal()
    if reason:
        return error_response(dialect, 503, reason)
    try:
        canonical = with_model_defaults(ctx.core, canonical)
    except CoreUnavailable as problem:
        return error_response(dialect, 503, str(problem))
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
