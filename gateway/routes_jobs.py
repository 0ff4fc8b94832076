"""The `jobs` dialect (seed 004): asynchronous jobs with webhooks. Its routes, status words and
webhook event names are the core's (`vgen dialect-facts`).

  submit -> 202 {jobId, status}
  status -> {jobId, status, progress, videos:[{url}], error: {message, code} | null}
Webhooks: the request's webhookUrl gets a POST of the same body plus `event` for each event it
lists in webhookEvents (all of them when the list is absent). Progress
events are sent every 10 points. Delivery runs on a thread of its own, retried with backoff; only
to loopback or --allow-fetch hosts (checked when the job is submitted: a 400 otherwise), so the
server never becomes a way to reach other hosts. Redirects are not followed (a redirect may name
any host): a 3xx answer ends that delivery, with a log line.
Errors in the core's shape for the dialect: {error: <word>, message, details: [diagnostics]}.
"""

import json
import queue
import threading
import time
import urllib.error
import urllib.request

from . import dialect_facts
from .http_util import Response, json_response
from .route_common import error_response, file_url, job_lookup, submit_job

DIALECT = "jobs"
PROGRESS_STEP = 10
WEBHOOK_TIMEOUT_S = 5
WEBHOOK_BACKOFF_S = (0.5, 1.0, 2.0, 4.0)  # waits between attempts: five tries in all


def job_body(ctx, job) -> dict:
    error = None
    if job.status == "failed":
        error = {"message": job.error_message or "the render failed", "code": job.error_code or "render_failed"}
    return {"jobId": job.id, "status": dialect_facts.answer_word(DIALECT, job.status), "progress": job.progress,
            "videos": [{"url": file_url(ctx, job, video)} for video in job.videos], "error": error}


def webhook_check(ctx):
    def check(canonical) -> Response | None:
        url = (canonical.get("webhook") or {}).get("url")
        if url is None or ctx.inputs.may_notify(url):
            return None
        diagnostic = {"severity": "error", "path": "/webhookUrl", "code": "webhook_host_not_allowed",
                      "message": "this local server sends webhooks only to loopback addresses or to hosts given "
                                 "with --allow-fetch HOST"}
        return error_response(DIALECT, 400, diagnostic["message"], diagnostics=[diagnostic])
    return check


def generate(ctx, request) -> Response:
    job = submit_job(ctx, DIALECT, request.body, check=webhook_check(ctx))
    return job if isinstance(job, Response) else json_response(202, {"jobId": job.id, "status": dialect_facts.answer_word(DIALECT, "queued")})


# ---- webhooks -------------------------------------------------------------------

class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, request, fp, code, message, headers, new_url):
        return None  # urllib raises HTTPError with the 3xx instead of following it


class Redirected(Exception):
    """The webhook URL answered with a redirect, which is never followed (nor retried)."""


class WebhookSender:
    """Delivers webhooks in order on one background thread."""

    def __init__(self, log):
        self.log = log
        self._queue = queue.Queue()
        self._opener = urllib.request.build_opener(_NoRedirects)
        threading.Thread(target=self._deliver_all, name="webhooks", daemon=True).start()

    def send(self, url: str, payload: dict):
        self._queue.put((url, json.dumps(payload).encode()))

    def _deliver_all(self):
        while True:
            url, data = self._queue.get()
            try:
                for wait in (0.0, *WEBHOOK_BACKOFF_S):
                    time.sleep(wait)
                    if self._deliver(url, data):
                        break
                else:
                    self.log(f"webhook to {url} failed after {1 + len(WEBHOOK_BACKOFF_S)} attempts")
            except Redirected as redirect:
                self.log(f"webhook to {url} not delivered: {redirect}")

    def _deliver(self, url: str, data: bytes) -> bool:
        request = urllib.request.Request(url, data=data, method="POST", headers={
            "Content-Type": "application/json", "User-Agent": "VideoGenPlayground/1"})
        try:
            with self._opener.open(request, timeout=WEBHOOK_TIMEOUT_S) as response:
                return 200 <= response.status < 300
        except urllib.error.HTTPError as answer:
            answer.close()
            if 300 <= answer.code < 400:
                raise Redirected(f"it answered {answer.code} to {answer.headers.get('Location')!r}, and webhooks "
                                 "do not follow redirects") from None
            return False
        except (urllib.error.URLError, OSError):
            return False


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
