"""The `creative-hub` dialect (seed 003).

  POST /api/v1/creative-hub/generate/video   -> 202 {job_id, status:"pending"}
  GET  /api/v1/creative-hub/generate/jobs/{id} -> {job_id, status: pending|processing|completed|failed,
                                                   progress, result_urls, cost_cents, error_message}
cost_cents is 0: local renders cost nothing. The seed has no cancelled state: a cancelled job reads
as failed with its reason.
"""

from .http_util import Response, json_response
from .route_common import file_url, job_lookup, submit_job

DIALECT = "creative-hub"
STATUS_WORDS = {"queued": "pending", "running": "processing", "succeeded": "completed", "failed": "failed",
                "cancelled": "failed"}


def job_body(ctx, job) -> dict:
    message = None
    if job.status == "failed":
        message = job.error_message or "the render failed"
    elif job.status == "cancelled":
        message = "the job was cancelled"
    return {"job_id": job.id, "status": STATUS_WORDS[job.status], "progress": job.progress,
            "result_urls": [file_url(ctx, job, video) for video in job.videos], "cost_cents": 0,
            "error_message": message}


def generate(ctx, request) -> Response:
    job = submit_job(ctx, DIALECT, request.body)
    return job if isinstance(job, Response) else json_response(202, {"job_id": job.id, "status": "pending"})


ROUTES = [
    ("POST", r"^/api/v1/creative-hub/generate/video$", generate),
    ("GET", r"^/api/v1/creative-hub/generate/jobs/([A-Za-z0-9_-]{1,100})$", job_lookup(DIALECT, job_body)),
]
