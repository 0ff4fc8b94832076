"""The `openai` dialect: the OpenAI Videos API (npm `openai` resources/videos). Its routes and
status words are the core's (`vgen dialect-facts`); by role:

  submit    JSON or multipart/form-data (model, prompt, seconds, size, input_reference file or
            input_reference[image_url]) -> video object
  status    the video object; `openai-poll-after-ms` while not finished
  list      {object:"list", data, first_id, last_id, has_more}; after/limit/order
  delete    {id, object:"video.deleted", deleted:true}
  content   ?variant=video|thumbnail|spritesheet (video with Range)
  remix     {prompt}: a new video from the original's request
The video object: {id, object:"video", model, status, progress,
created_at, completed_at, expires_at (Unix seconds), seconds, size, prompt, error:{code,message}|null,
remixed_from_video_id}. Content expires at expires_at (--link-ttl after completion): 410.
"""

import base64
import json
import time
from pathlib import Path

from . import dialect_facts
from .http_util import HttpError, Response, file_response, json_response, media_type, parse_multipart, query_integer
from .route_common import error_response, not_found, read_json, submit_canonical, submit_job, validated, whole_seconds

DIALECT = "openai"
DEFAULT_MODEL = "sora-2"  # the API's default when `model` is omitted
POLL_AFTER_MS = 1000
LIST_LIMIT = (1, 100, 20)  # OpenAI's list limits: min, max, default
VARIANTS = {"video": "video/mp4", "thumbnail": "image/jpeg", "spritesheet": "image/jpeg"}


def epoch(value) -> int | None:
    return int(value) if value is not None else None


def video_object(job) -> dict:
    """The OpenAI video object of a job (also unified's GET /v1/videos/{task}, which seed 002 reads
    as this shape)."""
    first = job.videos[0] if job.videos else None
    raw = job.raw if isinstance(job.raw, dict) else {}
    duration = job.request.get("duration", first["duration"] if first else None)
    size = raw.get("size") if isinstance(raw.get("size"), str) else \
        f'{first["width"]}x{first["height"]}' if first else job.request.get("resolution")
    error = None
    if job.status == "failed":
        error = {"code": job.error_code or "render_failed", "message": job.error_message or "the render failed"}
    elif job.status == "cancelled":
        error = {"code": "cancelled", "message": "the video was cancelled"}
    return {"id": job.id, "object": "video", "model": raw.get("model") or DEFAULT_MODEL,
            "status": dialect_facts.answer_word(DIALECT, job.status), "progress": job.progress, "created_at": epoch(job.created_at),
            "completed_at": epoch(job.finished_at) if job.status == "succeeded" else None,
            "expires_at": epoch(job.expires_at), "seconds": None if duration is None else str(whole_seconds(duration)),
            "size": size, "prompt": job.request.get("prompt"), "error": error,
            "remixed_from_video_id": raw.get("remixed_from_video_id")}


def own_job(ctx, video_id: str):
    job = ctx.jobs.get(video_id)
    return job if job is not None and job.dialect == DIALECT else None


# ---- create -----------------------------------------------------------------

def form_to_body(fields: dict[str, str], files: dict) -> tuple[dict, dict]:
    """(body for the core, body to keep as submitted) of a multipart create. Bracketed names nest
    (input_reference[image_url]); an input_reference file goes to the core as a data URL, so its
    format and size are checked like any inline image, and is kept as its description."""
    body, kept = {}, {}
    for name, value in fields.items():
        outer, bracket, inner = name.partition("[")
        if bracket and inner.endswith("]"):
            body.setdefault(outer, {})[inner[:-1]] = value
        else:
            body[name] = value
    kept.update(body)
    upload = files.get("input_reference")
    if upload is not None:
        encoded = base64.b64encode(upload.data).decode("ascii")
        body["input_reference"] = {"image_url": f"data:{upload.content_type};base64,{encoded}"}
        kept["input_reference"] = {"filename": upload.filename, "content_type": upload.content_type,
                                   "bytes": len(upload.data)}
    for name in files.keys() - {"input_reference"}:
        body[name] = f"(a file upload: {files[name].filename})"  # the core names the unknown field
    return body, kept


def create(ctx, request) -> Response:
    raw = None
    body = request.body
    if media_type(request.headers.get("Content-Type")) == "multipart/form-data":
        try:
            fields, files = parse_multipart(request.body, request.headers.get("Content-Type"))
        except HttpError as problem:
            return error_response(DIALECT, problem.status, problem.message)
        for_core, raw = form_to_body(fields, files)
        body = json.dumps(for_core).encode()
    job = submit_job(ctx, DIALECT, body, raw)
    return job if isinstance(job, Response) else json_response(200, video_object(job))


# ---- read, list, delete ---------------------------------------------------------

def retrieve(ctx, request) -> Response:
    job = own_job(ctx, request.match.group(1))
    if job is None:
        return not_found(DIALECT, f"video {request.match.group(1)!r}")
    headers = {} if job.status in ("succeeded", "failed", "cancelled") else {"openai-poll-after-ms": str(POLL_AFTER_MS)}
    return json_response(200, video_object(job), headers)


def list_videos(ctx, request) -> Response:
    limit = query_integer(request.query, "limit", *LIST_LIMIT)
    order = request.query.get("order", "desc")
    if order not in ("asc", "desc"):
        return error_response(DIALECT, 400, "order must be asc or desc", param="order")
    try:
        page = ctx.jobs.list(DIALECT, request.query.get("after"), limit + 1, order)
    except LookupError:
        return error_response(DIALECT, 400, "after names no video of this server", param="after")
    data = [video_object(job) for job in page[:limit]]
    return json_response(200, {"object": "list", "data": data, "first_id": data[0]["id"] if data else None,
                               "last_id": data[-1]["id"] if data else None, "has_more": len(page) > len(data)})


def delete(ctx, request) -> Response:
    video_id = request.match.group(1)
    if own_job(ctx, video_id) is None or not ctx.jobs.delete(video_id):
        return not_found(DIALECT, f"video {video_id!r}")
    return json_response(200, {"id": video_id, "object": "video.deleted", "deleted": True})


# ---- content ----------------------------------------------------------------

def spritesheet_of(ctx, job) -> Path:
    """The spritesheet, made once on first request and kept beside the video."""
    from . import render  # the renderer owns the ffmpeg recipe
    target = ctx.jobs.job_dir(job.id) / "spritesheet_0.jpg"
    if not target.is_file():
        render.render_spritesheet(Path(job.videos[0]["path"]), target)
    return target


def content(ctx, request) -> Response:
    job = own_job(ctx, request.match.group(1))
    variant = request.query.get("variant", "video")
    if job is None:
        return not_found(DIALECT, f"video {request.match.group(1)!r}")
    if variant not in VARIANTS:
        return error_response(DIALECT, 400, "variant must be video, thumbnail or spritesheet", param="variant")
    if job.status != "succeeded":
        return error_response(DIALECT, 400, f"video {job.id} is {video_object(job)['status']}: its content exists "
                                            "once it is completed", code="video_not_ready")
    if job.expires_at is not None and time.time() > job.expires_at:
        return error_response(DIALECT, 410, f"the content of video {job.id} expired at {int(job.expires_at)} "
                                            "(serve.py --link-ttl)", code="video_expired")
    if variant == "spritesheet":
        try:
            path = spritesheet_of(ctx, job)
        except Exception as problem:  # the renderer's RenderError, or the renderer missing
            return error_response(DIALECT, 500, f"the spritesheet could not be made: {problem}")
    else:
        path = Path(job.videos[0]["path" if variant == "video" else "thumbnail"])
    return file_response(path, VARIANTS[variant], request.headers.get("Range") if variant == "video" else None)


# ---- remix ------------------------------------------------------------------

def remix(ctx, request) -> Response:
    """A new video from the original's canonical request (its inputs included) with the new prompt.
    The prompt is checked by the core as an openai create with the original's model."""
    original = own_job(ctx, request.match.group(1))
    if original is None:
        return not_found(DIALECT, f"video {request.match.group(1)!r}")
    if original.status != "succeeded":
        return error_response(DIALECT, 400, f"video {original.id} is not completed; only a completed video can be "
                                            "remixed", param="video_id")
    body = read_json(ctx, DIALECT, request.body)
    if isinstance(body, Response):
        return body
    prompt = body.get("prompt") if isinstance(body, dict) else None
    if not isinstance(prompt, str):
        return error_response(DIALECT, 400, 'the body must be {"prompt": "..."}', param="prompt")
    check = {key: original.raw[key] for key in ("model", "seconds", "size") if key in original.raw}
    checked = validated(ctx, DIALECT, json.dumps({**check, "prompt": prompt}).encode())
    if isinstance(checked, Response):
        return checked
    canonical = {**original.request, "prompt": checked[0]["prompt"]}
    raw = {**original.raw, "prompt": prompt, "remixed_from_video_id": original.id}
    job = submit_canonical(ctx, DIALECT, canonical, raw, lambda: {
        pointer: ctx.inputs.stage_copy(Path(path)) for pointer, path in original.inputs.items()})
    return job if isinstance(job, Response) else json_response(200, video_object(job))


# By role of the core's route table (dialect_facts.routes).
HANDLERS = {"submit": create, "list": list_videos, "status": retrieve, "delete": delete, "content": content,
            "remix": remix}
