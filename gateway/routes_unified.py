"""The `unified` dialect (seed 002): one held-open POST that answers when the video is done. Its
routes, task ids and error table are the core's (`vgen dialect-facts`); by role:

  submit   -> 200 {id, created, model, duration, videos:[{url, mime_type}]}
  status   the task's status, in the OpenAI video object's shape (seed 002 accepts the OpenAI
           routes for compatible clients)
  content  the file; after --link-ttl (default 20 minutes, "download within 20 minutes") the
           seed's 410 body
"""

import time
from pathlib import Path

from . import dialect_facts
from .http_util import Response, file_response, json_response, public_route, query_integer
from .idempotency import submit_once
from .route_common import error_response, not_found, submit_job, whole_seconds
from .routes_openai import video_object

DIALECT = "unified"
CLIENT_CHECK_S = 1.0  # how often a held-open request looks whether its client is still there
LINK_EXPIRED = "Video link expired"  # the seed's 410 message, word for word


def content_url(ctx, job, index: int) -> str:
    return ctx.base_url + dialect_facts.route_path(DIALECT, "content", job.id) + (f"?index={index}" if index else "")


def result_body(ctx, job) -> dict:
    return {"id": job.id, "created": int(job.created_at), "model": job.raw.get("model", job.request.get("model")),
            "duration": whole_seconds(job.videos[0]["duration"]),
            "videos": [{"url": content_url(ctx, job, index), "mime_type": video.get("mime", "video/mp4")}
                       for index, video in enumerate(job.videos)]}


def generate(ctx, request) -> Response:
    """Held open until the job ends. A client that goes away cancels its job (no one else could
    ever learn its task id), unless it sent an idempotency key: the same submit with that key
    comes back for the job (gateway/idempotency.py), so it renders on."""
    job, keyed = submit_once(ctx, DIALECT, "submit", request, lambda: submit_job(ctx, DIALECT, request.body))
    if isinstance(job, Response):
        return job
    while job is not None and job.status not in ("succeeded", "failed", "cancelled"):
        if request.client_gone():
            if not keyed:
                ctx.jobs.cancel(job.id)
            return error_response(DIALECT, 500, "the client went away")
        job = ctx.jobs.wait(job.id, CLIENT_CHECK_S)
    if job is None:
        return error_response(DIALECT, 500, "the task was deleted while it ran")
    if job.status == "succeeded":
        return json_response(200, result_body(ctx, job))
    message = job.error_message or ("the task was cancelled" if job.status == "cancelled" else "the render failed")
    return error_response(DIALECT, 500, message)


def own_task(ctx, task_id: str):
    job = ctx.jobs.get(task_id)
    return job if job is not None and job.dialect == DIALECT else None


def status(ctx, request) -> Response:
    job = own_task(ctx, request.match.group(1))
    return not_found(DIALECT, f"task {request.match.group(1)!r}") if job is None else json_response(200, video_object(job))


@public_route
def content(ctx, request) -> Response:
    job = own_task(ctx, request.match.group(1))
    if job is None:
        return not_found(DIALECT, f"task {request.match.group(1)!r}")
    index = query_integer(request.query, "index", 0, max(len(job.videos) - 1, 0), 0)
    if job.status != "succeeded" or index >= len(job.videos):
        return error_response(DIALECT, 404, f"task {job.id} has no video {index} (yet)", code="not_found")
    if job.expires_at is not None and time.time() > job.expires_at:
        return error_response(DIALECT, 410, LINK_EXPIRED)
    return file_response(Path(job.videos[index]["path"]), "video/mp4", request.headers.get("Range"))


# By role of the core's route table (dialect_facts.routes).
HANDLERS = {"submit": generate, "status": status, "content": content}
