"""Webhooks: a job's notifications posted to a URL its request gave (the jobs dialect's webhookUrl,
the gateway's callbackUrl), and the check that keeps them on this machine.

Delivery runs on a thread of its own per sender, in order, retried with backoff; only to loopback or
--allow-fetch hosts (checked when the job is submitted: a 400 otherwise), so the server never becomes
a way to reach other hosts. Redirects are not followed (a redirect may name any host): a 3xx answer
ends that delivery, with a log line.
"""

import json
import queue
import threading
import time
import urllib.error
import urllib.request

WEBHOOK_TIMEOUT_S = 5
WEBHOOK_BACKOFF_S = (0.5, 1.0, 2.0, 4.0)  # waits between attempts: five tries in all


def host_refusal(ctx, canonical: dict, wire_path: str) -> dict | None:
    """The diagnostic refusing the request's webhook URL (at wire_path, "/webhookUrl") when this
    server may not send to its host, else None."""
    url = (canonical.get("webhook") or {}).get("url")
    if url is None or ctx.inputs.may_notify(url):
        return None
    return {"severity": "error", "path": wire_path, "code": "webhook_host_not_allowed",
            "message": "this local server sends webhooks only to loopback addresses or to hosts given "
                       "with --allow-fetch HOST"}


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
