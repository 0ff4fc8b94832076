"""The `creative-hub` dialect (seed 003). Its routes and status words are the core's
(`vgen dialect-facts`).

  submit -> 202 {job_id, status}
  status -> {job_id, status, progress, result_urls, cost_cents, error_message}
cost_cents is 0: local renders cost nothing. The seed has no cancelled state: a cancelled job reads
as failed with its reason.
"""

from . import dialect_facts
from .http_util import Response, json_response
from .idempotency import submit_once
from .route_common import file_url, job_lookup, submit_job

DIALECT = "creative-hub"


def job_body(ctx, job) -> dict:
    message = None
    if job.status == "failed":
        message = job.error_message or "the render failed"
    elif job.status == "cancelled":
        message = "the job was cancelled"
    return {"job_id": job.id, "status": dialect_facts.answer_word(DIALECT, job.status), "progress": job.progress,
            "result_urls": [file_url(ctx, job, video) for video in job.videos], "cost_cents": 0,
            "error_message": message}


def generate(ctx, request) -> Response:
    job, _ = submit_once(ctx, DIALECT, "submit", request, lambda: submit_job(ctx, DIALECT, request.body))
    return job if isinstance(job, Response) else json_response(202, {"job_id": job.id, "status": dialect_facts.answer_word(DIALECT, "queued")})


# By role of the core's route table (dialect_facts.routes).
HANDLERS = {"submit": generate, "status": job_lookup(DIALECT, job_body)}
