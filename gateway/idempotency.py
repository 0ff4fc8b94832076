"""Idempotency keys on submits (draft-ietf-httpapi-idempotency-key-header): a client names its
submit with a key in the dialect's idempotencyHeader (the core's wire facts, `vgen dialect-facts`),
and sending the same submit again with the same key is the job the first one made, not a second
render. The playground sends one after a reload that lost the first answer, and on a Retry whose
first attempt has no known outcome.

  - the same key, route and body again: the job the first submit made (the same id, no new
    render), also while the first is still being accepted (the second waits for it);
  - the same key with another body (or model): 422 in the dialect's error shape, saying so;
  - a submit that was refused (invalid, 503) holds no key: the client may correct it and send the
    same key again;
  - a key is remembered for KEY_LIFETIME_S (24 h) after its job was made, at most KEYS_KEPT of
    them; a job deleted meanwhile is forgotten with it (the key makes a new one).
Keys are scoped by the Authorization header (one client's key never finds another's job) and by the
dialect and route. They live in memory: a restarted serve.py has forgotten them.

[SECTION] The keys
[SECTION] Submitting with a key
"""

import hashlib
import threading
import time
from collections import OrderedDict
from types import SimpleNamespace

from . import dialect_facts
from .http_util import Response
from .route_common import error_response

KEY_LIFETIME_S = 24 * 3600
KEYS_KEPT = 10_000
KEY_CHARS = 255  # the longest key taken (the draft leaves it to the server; Stripe's limit)

# -----------------------------------------------------------------------------
# [SECTION] The keys
# -----------------------------------------------------------------------------


class IdempotencyKeys:
    """(scope, key) -> the job its first submit made, with the submit's fingerprint."""

    def __init__(self, lifetime_s: float = KEY_LIFETIME_S, kept: int = KEYS_KEPT, clock=time.monotonic):
        self._lock = threading.Lock()
        self._keys = OrderedDict()  # (scope..., key) -> SimpleNamespace(fingerprint, lock, job_id, made_at)
        self._lifetime_s = lifetime_s
        self._kept = kept
        self._clock = clock

    def once(self, key: tuple, fingerprint: str, create, existing, conflict):
        """create() makes the job (a result whose job_id is known, or a Response refusing it);
        existing(job_id) finds it again (None when deleted); conflict() answers a key reused with
        another fingerprint. Returns what one of them returned."""
        now = self._clock()
        with self._lock:
            while self._keys:  # the oldest first: made in order
                oldest = next(iter(self._keys.values()))
                if oldest.job_id is None or now - oldest.made_at < self._lifetime_s:
                    break
                self._keys.popitem(last=False)
            entry = self._keys.get(key)
            if entry is None:
                entry = self._keys[key] = SimpleNamespace(fingerprint=fingerprint, lock=threading.Lock(),
                                                          job_id=None, made_at=now)
                while len(self._keys) > self._kept:
                    self._keys.popitem(last=False)
        if entry.fingerprint != fingerprint:
            return conflict()
        with entry.lock:
            if entry.job_id is not None:
                found = existing(entry.job_id)
                if found is not None:
                    return found
            made = create()
            with self._lock:
                if isinstance(made, Response):
                    if self._keys.get(key) is entry:
                        del self._keys[key]
                else:
                    entry.job_id, entry.made_at = made.job_id, self._clock()
                    self._keys[key] = entry
                    self._keys.move_to_end(key)
            return made.value if not isinstance(made, Response) else made


# -----------------------------------------------------------------------------
# [SECTION] Submitting with a key
# -----------------------------------------------------------------------------

def header(request, name: str) -> str | None:
    """A request header by case-insensitive name (request.headers may be a dict or a Message)."""
    wanted = name.lower()
    for key, value in request.headers.items():
        if key.lower() == wanted:
            return value
    return None


def key_of(dialect: str, request) -> str | None:
    """The submit's idempotency key, None when it has none (or the dialect takes none)."""
    name = dialect_facts.wire(dialect).get("idempotencyHeader") or ""
    return header(request, name) if name else None


def submit_once(ctx, dialect: str, role: str, request, submit, job_of=lambda made: made, also: tuple = ()):
    """submit() (a new job, or a Response refusing it), made idempotent by the request's key: the
    same key again answers existing(...) instead, the job the first submit made. job_of(made) is
    the job in submit()'s result; `also` are header names that belong to the request besides its
    body (the gateway's ai-model-id). Returns (what submit() returned or the job found again, True
    when the submit had a key)."""
    key = key_of(dialect, request)
    if key is None:
        return submit(), False
    name = dialect_facts.wire(dialect)["idempotencyHeader"]
    if not key or len(key) > KEY_CHARS:
        return error_response(dialect, 400, f"the {name} header must be 1 to {KEY_CHARS} characters",
                              param=name), True
    digest = hashlib.sha256(role.encode() + b"\0")
    for extra in also:
        digest.update((header(request, extra) or "").encode() + b"\0")
    digest.update(request.body)

    def create():
        made = submit()
        return made if isinstance(made, Response) else SimpleNamespace(job_id=job_of(made).id, value=made)

    def conflict():
        return error_response(dialect, 422, f"{name} {key!r} was already used for another request (another "
                                            "body or model): send a new key for a new request, or the same "
                                            "request to get its job again", param=name)

    scope = (dialect, role, header(request, "authorization"), key)
    return ctx.keys.once(scope, digest.hexdigest(), create, ctx.jobs.get, conflict), True
