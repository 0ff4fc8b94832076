"""The `openai` dialect: the OpenAI Videos API (OpenAI OpenAPI description, openai/openai-openapi;
npm `openai` 7 resources/videos). Its routes, status words, default model and the sizes a video
object may name are the core's (`vgen dialect-facts`); by role:

  submit    JSON or multipart/form-data (model, prompt, seconds, size, input_reference file,
            input_reference[image_url] or input_reference[file_id]) -> video object. No model:
            the API's default (the core's). A file_id is the id POST /v1/uploads answered.
  status    the video object; `openai-poll-after-ms` while not finished
  list      {object:"list", data, first_id, last_id, has_more}; after/limit (0-100)/order
  delete    {id, object:"video.deleted", deleted:true}
  content   ?variant=video (mp4, with Range) | thumbnail | spritesheet (WebP, made on first request)
  remix     {prompt} as JSON or multipart: a new video from the original's request
  edit      {video:{id}|file, prompt}: the source restyled (its length and frame)
  extend    {video:{id}|file, prompt, seconds}: the source, then `seconds` more, stitched
  character_create  multipart {video file, name 1-80} -> {id, name, created_at}
  character         {id, name, created_at}
The video object: {id, object:"video", model, status, progress, created_at, completed_at,
expires_at (Unix seconds), seconds (a string; an extension's stitched total), size (one of the
API's sizes: another model's frame answers the nearest), prompt, error:{code,message}|null,
remixed_from_video_id}. Content expires at expires_at (--link-ttl after completion): 410.
"""

import base64
import json
import math
import re
import secrets
import time
from pathlib import Path

from . import dialect_facts
from .http_util import HttpError, Response, file_response, json_response, media_type, parse_multipart, query_integer
from .idempotency import submit_once
from .route_common import error_response, not_found, python_value, read_json, submit_canonical, validated, \
    whole_seconds
from .routes_uploads import store_upload, upload_url

DIALECT = "openai"
POLL_AFTER_MS = 1000
LIST_LIMIT = (0, 100, 20)  # the OpenAPI description's `limit` of GET /videos: minimum 0, maximum 100; a default
VARIANTS = {"video": "video/mp4", "thumbnail": "image/webp", "spritesheet": "image/webp"}  # the description's
CHARACTER_NAME = (1, 80)  # CreateVideoCharacterBody.name: minLength, maxLength


def epoch(value) -> int | None:
    return int(value) if value is not None else None


def nearest_size(width: int, height: int) -> str:
    """The size of the API's list (the core's resultSizes) nearest a frame: the closest shape first,
    then the closest area; a tie goes to the first listed (the API's default, 720x1280)."""
    def distance(size: str):
        w, h = (int(part) for part in size.split("x"))
        return abs(math.log((w / h) / (width / height))), abs(math.log((w * h) / (width * height)))
    return min(dialect_facts.wire(DIALECT)["resultSizes"], key=distance)


def frame_of(job) -> tuple[int, int] | None:
    """The job's frame in pixels: the rendered one, else what its request asks (the renderer's sizes)."""
    if job.videos:
        return job.videos[0]["width"], job.videos[0]["height"]
    from .render_plan import RenderError, output_size  # the renderer's sizes, not a copy of them
    try:
        return output_size(job.request.get("resolution"), job.request.get("aspectRatio"), None)
    except RenderError:
        return None


def answer_size(job) -> str:
    sizes = dialect_facts.wire(DIALECT)["resultSizes"]
    asked = (job.raw or {}).get("size")
    if isinstance(asked, str) and asked in sizes:
        return asked
    frame = frame_of(job)
    return nearest_size(*frame) if frame else sizes[0]


def answer_seconds(job) -> str:
    """The clip's length: the rendered one, else the request's (an extension's with its source's)."""
    raw = job.raw or {}
    if job.videos:
        seconds = round(job.videos[0]["duration"], 2)
    elif job.request.get("mode") == "v2v" and isinstance(raw.get("source_seconds"), (int, float)):
        seconds = raw["source_seconds"]
    else:
        seconds = float(job.request.get("duration") or 0) + float(raw.get("source_seconds") or 0)
    return str(whole_seconds(float(seconds)))


def video_object(job) -> dict:
    """The OpenAI video object of a job (also unified's GET /v1/videos/{task}, which seed 002 reads
    as this shape)."""
    raw = job.raw if isinstance(job.raw, dict) else {}
    error = None
    if job.status == "failed":
        error = {"code": job.error_code or "render_failed", "message": job.error_message or "the render failed"}
    elif job.status == "cancelled":
        error = {"code": "cancelled", "message": "the video was cancelled"}
    model = raw.get("model") if isinstance(raw.get("model"), str) else dialect_facts.wire(DIALECT)["defaultModel"]
    return {"id": job.id, "object": "video", "model": model,
            "status": dialect_facts.answer_word(DIALECT, job.status), "progress": job.progress, "created_at": epoch(job.created_at),
            "completed_at": epoch(job.finished_at) if job.status == "succeeded" else None,
            "expires_at": epoch(job.expires_at), "seconds": answer_seconds(job),
            "size": answer_size(job), "prompt": job.request.get("prompt"), "error": error,
            "remixed_from_video_id": raw.get("remixed_from_video_id")}


def own_job(ctx, video_id: str):
    job = ctx.jobs.get(video_id)
    return job if job is not None and job.dialect == DIALECT else None


# ---- create -----------------------------------------------------------------

def form_to_body(fields: dict[str, str], files: dict) -> tuple[dict, dict]:
    """(body for the core, body to keep as submitted) of a multipart form. Bracketed names nest
    (input_reference[image_url], video[id]); each file (input_reference, video) goes to the core as
    a data URL, so its format and size are checked like any inline media, and is kept as its
    description."""
    body, kept = {}, {}
    for name, value in fields.items():
        outer, bracket, inner = name.partition("[")
        if bracket and inner.endswith("]"):
            body.setdefault(outer, {})[inner[:-1]] = value
        else:
            body[name] = value
    kept.update(body)
    for name, upload in files.items():
        encoded = base64.b64encode(upload.data).decode("ascii")
        data_url = f"data:{upload.content_type};base64,{encoded}"
        body[name] = {"image_url": data_url} if name == "input_reference" else data_url
        kept[name] = {"filename": upload.filename, "content_type": upload.content_type, "bytes": len(upload.data)}
    return body, kept


def read_body(ctx, request, files_allowed: tuple[str, ...] = ()):
    """(body for the core as bytes, body as a value, kept body) of a JSON or multipart request, or the
    Response refusing it. Multipart fields nest by their brackets (video[id]); a file part of a name in
    files_allowed goes in as a data URL (checked like any inline media), any other is named to the core."""
    if media_type(request.headers.get("Content-Type")) != "multipart/form-data":
        value = read_json(ctx, DIALECT, request.body)
        return value if isinstance(value, Response) else (request.body, value, None)
    try:
        fields, files = parse_multipart(request.body, request.headers.get("Content-Type"))
    except HttpError as problem:
        return error_response(DIALECT, problem.status, problem.message)
    for_core, kept = form_to_body(fields, {name: part for name, part in files.items() if name in files_allowed})
    for name in files.keys() - set(files_allowed):
        for_core[name] = f"(a file upload: {files[name].filename})"  # the core names the unknown field
    return json.dumps(for_core).encode(), for_core, kept


def with_file_id(ctx, body: bytes, value):
    """The body with input_reference.file_id (an upload of this server, by the id POST /v1/uploads
    answered) as the image_url the renderer reads from disk, or the Response refusing it: both or
    an unknown id."""
    reference = value.get("input_reference") if isinstance(value, dict) else None
    if not isinstance(reference, dict) or "file_id" not in reference:
        return body
    if "image_url" in reference:
        return error_response(DIALECT, 400, "input_reference takes exactly one of image_url or file_id, not both",
                              param="input_reference")
    file_id = reference["file_id"]
    url = upload_url(ctx, file_id) if isinstance(file_id, str) else None
    if url is None:
        return error_response(DIALECT, 404, f"input_reference.file_id {file_id!r} names no file of this server: "
                                            "upload the image to POST /v1/uploads and send the id it answers, or "
                                            "send input_reference.image_url", param="input_reference.file_id",
                              code="file_not_found")
    return json.dumps({**value, "input_reference": {"image_url": url}}).encode()


def create(ctx, request) -> Response:
    job, _ = submit_once(ctx, DIALECT, "submit", request, lambda: create_job(ctx, request))
    return job if isinstance(job, Response) else json_response(200, video_object(job))


def create_job(ctx, request):
    """The new job of a create, or the Response refusing it."""
    read = read_body(ctx, request, ("input_reference",))
    if isinstance(read, Response):
        return read
    body, value, kept = read
    for_core = with_file_id(ctx, body, value)
    if isinstance(for_core, Response):
        return for_core
    checked = validated(ctx, DIALECT, for_core)
    if isinstance(checked, Response):
        return checked
    canonical, parsed, _ = checked
    return submit_canonical(ctx, DIALECT, canonical, value if kept is None else kept,
                            lambda: ctx.resolve_inputs(canonical, DIALECT))


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

def preview_of(ctx, job, variant: str) -> Path:
    """The thumbnail or spritesheet as WebP, made once on first request and kept beside the video."""
    from . import render  # the renderer owns the ffmpeg recipe
    target = ctx.jobs.job_dir(job.id) / f"{variant}_0.webp"
    if not target.is_file():
        make = render.render_spritesheet if variant == "spritesheet" else render.render_thumbnail
        make(Path(job.videos[0]["path"]), target)
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
    if variant == "video":
        return file_response(Path(job.videos[0]["path"]), VARIANTS[variant], request.headers.get("Range"))
    try:
        path = preview_of(ctx, job, variant)
    except Exception as problem:  # the renderer's RenderError, or the renderer missing
        return error_response(DIALECT, 500, f"the {variant} could not be made: {problem}")
    return file_response(path, VARIANTS[variant], None)


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
    read = read_body(ctx, request)
    if isinstance(read, Response):
        return read
    body = read[1]
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


# ---- edit and extend -----------------------------------------------------------

def source_video(ctx, value):
    """(source, staging) of an edit's or extension's `video`: a completed video of this server by
    {id} (source: its job), or an uploaded file (source: None; staged from its data URL); or the
    Response refusing it."""
    video = value.get("video") if isinstance(value, dict) else None
    if isinstance(video, str):
        return None, lambda: ctx.resolve_inputs({"video": video}, DIALECT)
    if not isinstance(video, dict) or not isinstance(video.get("id"), str):
        return error_response(DIALECT, 400, 'video must be {"id": "<a completed video>"} or a video file upload',
                              param="video")
    original = own_job(ctx, video["id"])
    if original is None:
        return not_found(DIALECT, f"video {video['id']!r}")
    if original.status != "succeeded":
        return error_response(DIALECT, 400, f"video {original.id} is {video_object(original)['status']}; only a "
                                            "completed video can be edited or extended", param="video.id")
    return original, lambda: {"/video": ctx.inputs.stage_copy(Path(original.videos[0]["path"]))}


def from_video(ctx, request, check_fields: tuple[str, ...], mode: str) -> Response:
    """A new video from a source video (edit: v2v, its length; extend: the source then `seconds` more).
    The prompt (and seconds) are checked by the core as an openai create of the source's model."""
    read = read_body(ctx, request, ("video",))
    if isinstance(read, Response):
        return read
    _, value, kept = read
    if not isinstance(value, dict):
        return error_response(DIALECT, 400, "the body must be a JSON object or a multipart form")
    missing = [name for name in ("video", "prompt", *check_fields) if name not in value]
    if missing:
        return error_response(DIALECT, 400, f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} required",
                              param=missing[0])
    found = source_video(ctx, value)
    if isinstance(found, Response):
        return found
    original, stage = found
    raw = {key: value[key] for key in ("prompt", *check_fields)}
    if original is not None:
        raw["model"] = video_object(original)["model"]
    checked = validated(ctx, DIALECT, json.dumps({**raw, "model": raw.get("model") or
                                                  dialect_facts.wire(DIALECT)["defaultModel"]}).encode())
    if isinstance(checked, Response):
        return checked
    canonical = {**checked[0], "mode": mode, "video": "(the source video)"}
    if original is not None:
        first = original.videos[0]
        canonical["resolution"] = f'{first["width"]}x{first["height"]}'  # the source's frame, exactly
        raw.update(source_video_id=original.id, source_seconds=whole_seconds(round(first["duration"], 2)))
    if kept:
        raw["video"] = kept.get("video")
    job = submit_canonical(ctx, DIALECT, canonical, raw, stage)
    return job if isinstance(job, Response) else json_response(200, video_object(job))


def edit(ctx, request) -> Response:
    return from_video(ctx, request, (), "v2v")


def extend(ctx, request) -> Response:
    return from_video(ctx, request, ("seconds",), "extend")


# ---- characters -------------------------------------------------------------

def character_path(ctx, character_id: str) -> Path:
    return ctx.store.data_dir / "characters" / f"{character_id}.json"


def character_object(record: dict) -> dict:
    return {"id": record["id"], "name": record["name"], "created_at": record["created_at"]}


def create_character(ctx, request) -> Response:
    """A character from an uploaded video: the video is kept as an upload, the character as
    <data>/characters/<id>.json."""
    if media_type(request.headers.get("Content-Type")) != "multipart/form-data":
        return error_response(DIALECT, 400, "send multipart/form-data with a `video` file part and a `name` field")
    try:
        fields, files = parse_multipart(request.body, request.headers.get("Content-Type"))
    except HttpError as problem:
        return error_response(DIALECT, problem.status, problem.message)
    name = fields.get("name")
    low, high = CHARACTER_NAME
    if not isinstance(name, str) or not low <= len(name) <= high:
        return error_response(DIALECT, 400, f"name must be {low} to {high} characters", param="name")
    if "video" not in files:
        return error_response(DIALECT, 400, "video must be a file part (the video the character is made from)",
                              param="video")
    reason = ctx.jobs.refusal()
    if reason:
        return error_response(DIALECT, 503, reason)
    stored = store_upload(ctx, files["video"].data, DIALECT, "the character's video")
    if isinstance(stored, Response):
        return stored
    if not re.search(r"\.(mp4|webm)$", stored):
        return error_response(DIALECT, 400, "the character's video is not a video: send an MP4 or WebM file",
                              param="video")
    record = {"id": "char_" + secrets.token_hex(16), "name": name, "created_at": int(time.time()), "video": stored}
    path = character_path(ctx, record["id"])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(record))
    except OSError as problem:
        return error_response(DIALECT, 503, f"the character cannot be stored: the data folder refused it "
                                            f"({problem.strerror or type(problem).__name__})")
    return json_response(200, character_object(record))


def get_character(ctx, request) -> Response:
    path = character_path(ctx, request.match.group(1))
    record = python_value(DIALECT, path.read_bytes()) if path.is_file() else None
    if not isinstance(record, dict):
        return not_found(DIALECT, f"character {request.match.group(1)!r}")
    return json_response(200, character_object(record))


# By role of the core's route table (dialect_facts.routes).
HANDLERS = {"submit": create, "list": list_videos, "status": retrieve, "delete": delete, "content": content,
            "remix": remix, "edit": edit, "extend": extend, "character_create": create_character,
            "character": get_character}
