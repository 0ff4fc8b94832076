"""The `jobs` dialect (seed 004): asynchronous jobs with webhooks. Its routes, status words and
webhook event names are the core's (`vgen dialect-facts`).

  submit -> 202 {jobId, status}
  status -> {jobId, status, progress, videos:[{url}], error: {message, code} | null}
Webhooks: the request's webhookUrl gets a POST of the same body plus `event` for each event it
lists in webhookEvents (all of them when the list is absent). Progress
events are sent every 10 points. Delivery and the hosts allowed: gateway/webhooks.py.
Errors in the core's shape for the dialect: {error: <word>, message, details: [diagnostics]}.
"""

from . import dialect_facts
from .http_util import Response, json_response
from .idempotency import submit_once
from .route_common import error_response, file_url, job_lookup, submit_job
from .webhooks import WebhookSender, host_refusal

DIALECT = "jobs"
PROGRESS_STEP = 10


def job_body(ctx, job) -> dict:
    error = None
    if job.status == "failed":
        error = {"message": job.error_message or "the render failed", "code": job.error_code or "render_failed"}
    return {"jobId": job.id, "status": dialect_facts.answer_word(DIALECT, job.status), "progress": job.progress,
            "videos": [{"url": file_url(ctx, job, video)} for video in job.videos], "error": error}


def webhook_check(ctx):
    def check(canonical) -> Response | None:
        diagnostic = host_refusal(ctx, canonical, "/webhookUrl")
        return None if diagnostic is None else error_response(DIALECT, 400, diagnostic["message"],
                                                              diagnostics=[diagnostic])
    return check


def generate(ctx, request) -> Response:
    job, _ = submit_once(ctx, DIALECT, "submit", request,
                         lambda: submit_job(ctx, DIALECT, request.body, check=webhook_check(ctx)))
    return job if isinstance(job, Response) else json_response(202, {"jobId": job.id, "status": dialect_facts.answer_word(DIALECT, "queued")})


def install(ctx):
    """Registers the webhook listener (serve.py calls install(ctx) of every route module that has one)."""
    sender = WebhookSender(ctx.log)
    sent_progress: dict[str, int] = {}

    event_names = dialect_facts.webhook_events(DIALECT)  # our event -> the dialect's name

    def on_change(job, event):
        hook = job.request.get("webhook") if job.dialect == DIALECT else None
        name = event_names.get(event)
        if not isinstance(hook, dict) or not isinstance(hook.get("url"), str) or name is None:
            return
        if name in hook.get("events", list(event_names.values())):
            if name == "progress":
                if job.progress < sent_progress.get(job.id, 0) + PROGRESS_STEP:
                    return
                sent_progress[job.id] = job.progress
            sender.send(hook["url"], {"event": name, **job_body(ctx, job)})
        if name != "progress":
            sent_progress.pop(job.id, None)

    ctx.jobs.on_change(on_change)


# By role of the core's route table (dialect_facts.routes).
HANDLERS = {"submit": generate, "status": job_lookup(DIALECT, job_body)}
