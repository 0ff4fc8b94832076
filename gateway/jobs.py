"""JobService: the local gateway's jobs. A FIFO queue with positions, a bounded pool of worker
threads rendering through gateway/render.py, real progress from the renderer, cancel and delete,
wait() for held-open routes, listeners (webhooks), and everything persisted in the Store so a
restart loses nothing: queued jobs are queued again in order, running ones are rendered again
from their stored request (or failed with a reason when their inputs are gone).

Every public method returns snapshots (copies), so a route never sees a job change under it.

[SECTION] Job
[SECTION] JobService: submit, read, cancel, delete, wait
[SECTION] Workers
[SECTION] Restart
"""

from __future__ import annotations

import dataclasses
import os
import secrets
import shutil
import string
import sys
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from gateway.render_ffmpeg import public_text, reap_leftovers
from gateway.store import StoreUnavailable

TERMINAL = ("succeeded", "failed", "cancelled")
RAW_TEXT_CHARS = 200             # the longest text of the submitted body a job keeps (see echoed_fields)
PROGRESS_WRITE_INTERVAL_S = 1.0  # progress reaches the database at most this often (memory has it at once)
STOP_GRACE_S = 10.0              # how long stop() waits for workers to leave an interrupted render
ALPHANUMERIC = string.ascii_letters + string.digits

# -----------------------------------------------------------------------------
# [SECTION] Job
# -----------------------------------------------------------------------------


@dataclass
class Job:
    id: str
    dialect: str
    status: str                     # queued | running | succeeded | failed | cancelled
    created_at: float               # epoch seconds
    request: dict                   # the canonical request (wasm/core/request/request.h), media as their file names
    raw: dict                       # the short top-level fields of the body as submitted (echoed_fields)
    inputs: dict = field(default_factory=dict)   # canonical pointer -> input file (str)
    progress: int = 0               # 0-100
    started_at: float | None = None
    finished_at: float | None = None
    expires_at: float | None = None  # when result links stop working (finished_at + --link-ttl)
    videos: list = field(default_factory=list)   # [{path, thumbnail, width, height, duration, has_audio, mime}]
    error_code: str | None = None
    error_message: str | None = None
    seq: int = 0                    # submission order
    queue_position: int | None = None  # 1 = starts next; None when not queued (set on snapshots)


def new_job_id(dialect: str) -> str:
    """Ids in each API's own style: OpenAI `video_<hex>`, seed 002 `task_<32 alphanumerics>`, seed
    004 (and seed 003, which shows none) a UUID."""
    if dialect == "openai":
        return "video_" + secrets.token_hex(16)
    if dialect == "unified":
        return "task_" + "".join(secrets.choice(ALPHANUMERIC) for _ in range(32))
    if dialect in ("jobs", "creative-hub"):
        return str(uuid.uuid4())
    return "op_" + secrets.token_hex(16)


def echoed_fields(raw) -> dict:
    """What a job keeps of the body as submitted: its top-level numbers, booleans and texts up to
    RAW_TEXT_CHARS, which the routes echo (model, size, seconds, remixed_from_video_id). Not media,
    arrays or long text: the canonical request and the input files hold what a render needs, and
    a body may carry megabytes of them (a 50 MB array in an unknown field was kept as ~200 MB)."""
    return {key: value for key, value in (raw.items() if isinstance(raw, dict) else ())
            if value is None or isinstance(value, (bool, int, float))
            or (isinstance(value, str) and len(value) <= RAW_TEXT_CHARS)}


def without_inline_media(canonical: dict, inputs: dict) -> dict:
    """canonical with the value at each input's pointer (a data URL, base64, a link) replaced by
    the name of the file it was stored as: the render reads the file, and an inline image would
    otherwise stay in memory and in the database for the job's life. Containers on the way are
    copied, never changed; a pointer that names nothing leaves the request as it is."""
    for pointer, path in inputs.items():
        canonical = _replaced(canonical, pointer.split("/")[1:], f"(stored as {Path(path).name})")
    return canonical


def _replaced(document, parts: list[str], value):
    root = node = _shallow_copy(document)
    for depth, part in enumerate(parts):
        key = int(part) if isinstance(node, list) and part.isdigit() else part
        if not (isinstance(node, dict) and key in node or isinstance(node, list) and isinstance(key, int)
                and key < len(node)):
            return document
        node[key] = value if depth == len(parts) - 1 else _shallow_copy(node[key])
        node = node[key]
    return root


def _shallow_copy(value):
    return dict(value) if isinstance(value, dict) else list(value) if isinstance(value, list) else value


@dataclass
class _Control:
    """How a worker learns that its render must stop, and why."""
    cancel: bool = False     # the user cancelled or deleted the job
    deleted: bool = False    # ... deleted: the worker removes the files when the render has stopped
    shutdown: bool = False   # the server is stopping: the job stays running on disk and resumes


class RendererUnavailable:
    """Stands in for gateway/render.py when it cannot be imported: every job fails saying why."""

    class RenderError(Exception):
        pass

    class RenderCancelled(Exception):
        pass

    def __init__(self, reason: str):
        self.reason = reason

    def plan_from_request(self, canonical, inputs):
        raise self.RenderError(f"the renderer is not available: {self.reason}")


# -----------------------------------------------------------------------------
# [SECTION] JobService: submit, read, cancel, delete, wait
# -----------------------------------------------------------------------------


class JobService:
    def __init__(self, store, renderer, workers: int, link_ttl_s: float, log=None,
                 render_budget_s: float | None = None):
        self.store = store
        self.renderer = renderer
        self.link_ttl_s = link_ttl_s
        self.render_budget_s = render_budget_s  # wall-clock seconds one job's render may take (None: by its length)
        self.log = log or (lambda message: print(f"serve.py: {message}", file=sys.stderr, flush=True))
        self._cond = threading.Condition()
        self._jobs: dict[str, Job] = {}          # every job, in submission order
        self._queue: deque[str] = deque()
        self._controls: dict[str, _Control] = {}  # running jobs
        self._listeners = []
        self._stopping = False
        self._resume()
        self._workers = [threading.Thread(target=self._work, name=f"render-{n}", daemon=True)
                         for n in range(max(1, workers))]
        for worker in self._workers:
            worker.start()

    def job_dir(self, job_id: str) -> Path:
        return self.store.files_dir / job_id

    def on_change(self, callback):
        """callback(job snapshot, event) after every change; event is queued, started, progress,
        succeeded, failed, cancelled or deleted. Called on the thread that made the change: keep
        it short (hand slow work to a thread of your own)."""
        self._listeners.append(callback)

    def refusal(self) -> str | None:
        """Why new jobs are refused (the data folder failed: degraded mode), else None."""
        return self.store.problem

    def submit(self, dialect: str, canonical: dict, raw: dict, inputs: dict) -> Job:
        """A new queued job. inputs (canonical pointer -> file) are staged files the service takes
        over: they move into the job's folder, and are deleted with it. Raises StoreUnavailable
        (the staged files deleted) when the data folder cannot keep the job."""
        job_id = new_job_id(dialect)
        try:
            if self.store.problem:
                raise StoreUnavailable(self.store.problem)
            kept = self._take_inputs(job_id, inputs)
            job = Job(id=job_id, dialect=dialect, status="queued", created_at=time.time(),
                      request=without_inline_media(canonical, kept), raw=echoed_fields(raw), inputs=kept)
            with self._cond:
                job.seq = self.store.insert(self._record(job))
                self._jobs[job_id] = job
                self._queue.append(job_id)
                snapshot = self._snapshot(job)
                self._cond.notify_all()
        except StoreUnavailable:
            for path in inputs.values():
                Path(path).unlink(missing_ok=True)
            shutil.rmtree(self.job_dir(job_id), ignore_errors=True)
            raise
        self._emit(snapshot, "queued")
        return snapshot

    def _take_inputs(self, job_id: str, inputs: dict) -> dict:
        """Moves staged inputs into the job's folder; canonical pointer -> new path."""
        kept = {}
        if not inputs:
            return kept
        inputs_dir = self.job_dir(job_id) / "inputs"
        try:
            inputs_dir.mkdir(parents=True, exist_ok=True)
            for index, (pointer, path) in enumerate(sorted(inputs.items())):
                target = inputs_dir / f"{index}{Path(path).suffix}"
                os.replace(path, target)
                kept[pointer] = str(target)
        except OSError as error:
            raise StoreUnavailable(f"the job's input files cannot be stored in the data folder ({error.strerror})") \
                from None
        return kept

    def get(self, job_id: str) -> Job | None:
        with self._cond:
            job = self._jobs.get(job_id)
            return self._snapshot(job) if job else None

    def list(self, dialect: str, after: str | None = None, limit: int = 20, order: str = "desc") -> list[Job]:
        """A page of the dialect's jobs, newest first for order "desc". Raises LookupError when
        `after` names no job of the dialect."""
        with self._cond:
            jobs = [job for job in self._jobs.values() if job.dialect == dialect]
            if order == "desc":
                jobs.reverse()
            start = 0
            if after is not None:
                ids = [job.id for job in jobs]
                if after not in ids:
                    raise LookupError(after)
                start = ids.index(after) + 1
            return [self._snapshot(job) for job in jobs[start:start + limit]]

    def cancel(self, job_id: str) -> Job | None:
        """Cancels a queued job at once, or asks a running render to stop (it ends `cancelled`
        within a moment). A finished job is returned unchanged."""
        with self._cond:
            job = self._jobs.get(job_id)
            if job is None:
                return None
            if job.status == "queued":
                self._queue.remove(job_id)
                self._finish(job, "cancelled")
            elif job.status == "running":
                self._controls[job_id].cancel = True
            snapshot = self._snapshot(job)
        if snapshot.status == "cancelled":
            self._emit(snapshot, "cancelled")
        return snapshot

    def delete(self, job_id: str) -> bool:
        """Forgets a job and deletes its files (a running render is stopped first)."""
        with self._cond:
            job = self._jobs.pop(job_id, None)
            if job is None:
                return False
            if job_id in self._queue:
                self._queue.remove(job_id)
            control = self._controls.get(job_id)
            if control is not None:
                control.cancel = control.deleted = True
            self.store.delete(job_id)
            snapshot = self._snapshot(job)
            self._cond.notify_all()
        if control is None:
            shutil.rmtree(self.job_dir(job_id), ignore_errors=True)
        self._emit(snapshot, "deleted")
        return True

    def wait(self, job_id: str, timeout_s: float) -> Job | None:
        """The job once it is finished, or as it is when timeout_s has passed; None if deleted."""
        deadline = time.monotonic() + timeout_s
        with self._cond:
            while True:
                job = self._jobs.get(job_id)
                remaining = deadline - time.monotonic()
                if job is None or job.status in TERMINAL or remaining <= 0:
                    return self._snapshot(job) if job else None
                self._cond.wait(remaining)

    def stop(self):
        """Stops the workers: renders in flight are interrupted and stay `running` on disk, so the
        next start renders them again."""
        with self._cond:
            self._stopping = True
            for control in self._controls.values():
                control.shutdown = True
            self._cond.notify_all()
        deadline = time.monotonic() + STOP_GRACE_S
        for worker in self._workers:
            worker.join(max(0.0, deadline - time.monotonic()))

    # ---- internals (callers hold self._cond where noted) ----
    def _snapshot(self, job: Job) -> Job:
        position = self._queue.index(job.id) + 1 if job.status == "queued" and job.id in self._queue else None
        return dataclasses.replace(job, videos=[dict(video) for video in job.videos], queue_position=position)

    @staticmethod
    def _record(job: Job) -> dict:
        return {name: getattr(job, name) for name in ("id", "dialect", "status", "progress", "created_at",
                                                       "started_at", "finished_at", "expires_at", "request",
                                                       "raw", "inputs", "videos", "error_code", "error_message")}

    def _finish(self, job: Job, status: str, code: str | None = None, message: str | None = None):
        """Holding self._cond: a terminal state, stored and announced to waiters."""
        job.status, job.error_code, job.error_message = status, code, message
        job.finished_at = time.time()
        if status == "succeeded":
            job.progress = 100
            job.expires_at = job.finished_at + self.link_ttl_s
        self.store.update(job.id, status=status, progress=job.progress, finished_at=job.finished_at,
                          expires_at=job.expires_at, videos=job.videos, error_code=code, error_message=message)
        self._cond.notify_all()

    def _emit(self, snapshot: Job, event: str):
        for callback in list(self._listeners):
            try:
                callback(snapshot, event)
            except Exception as problem:  # a listener's bug must not stop a render
                self.log(f"a job listener failed on {event} of {snapshot.id}: {problem!r}")

    # -------------------------------------------------------------------------
    # [SECTION] Workers
    # -------------------------------------------------------------------------

    def _work(self):
        while True:
            with self._cond:
                while not self._queue and not self._stopping:
                    self._cond.wait()
                if self._stopping:
                    return
                job = self._jobs[self._queue.popleft()]
                control = self._controls[job.id] = _Control()
                job.status, job.started_at, job.progress = "running", time.time(), 0
                self.store.update(job.id, status="running", started_at=job.started_at, progress=0)
                snapshot = self._snapshot(job)
                self._cond.notify_all()
            self._emit(snapshot, "started")
            self._run(job, control)

    def _run(self, job: Job, control: _Control):
        renderer = self.renderer
        outcome, code, message, videos = "failed", None, None, []
        job_dir = self.job_dir(job.id)
        # Each attempt renders into a folder of its own and moves its files into place at the end:
        # an ffmpeg left running by a killed server can never write into a resumed render's files.
        for leftover in job_dir.glob(".render-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        attempt_dir = job_dir / f".render-{secrets.token_hex(6)}"
        try:
            plan = renderer.plan_from_request(job.request, {key: Path(path) for key, path in job.inputs.items()})
            rendered = renderer.render(plan, attempt_dir, self._progress_reporter(job),
                                       lambda: control.cancel or control.shutdown, self.render_budget_s)
            outcome = "succeeded"
            videos = [{"path": str(self._place(video.path, job_dir)),
                       "thumbnail": str(self._place(video.thumbnail_path, job_dir)), "width": video.width,
                       "height": video.height, "duration": video.duration, "has_audio": video.has_audio,
                       "mime": video.mime} for video in rendered]
        except renderer.RenderCancelled:
            outcome = "interrupted" if control.shutdown and not control.cancel else "cancelled"
        except renderer.RenderError as problem:
            code, message = "render_failed", str(problem)
        except Exception as problem:  # a renderer bug fails this job, not the worker
            message = f"the renderer failed: {type(problem).__name__}: {problem}"
            self.log(f"job {job.id}: {message}")
            code, message = "internal_error", public_text(message)  # the log has the paths, the client not
        finally:
            shutil.rmtree(attempt_dir, ignore_errors=True)
        with self._cond:
            del self._controls[job.id]
            if control.deleted:
                snapshot = None
            elif outcome == "interrupted":
                self.log(f"job {job.id} was interrupted by the shutdown; it renders again on the next start")
                return
            else:
                job.videos = videos
                self._finish(job, outcome, code, message)
                snapshot = self._snapshot(job)
        if snapshot is None:
            shutil.rmtree(self.job_dir(job.id), ignore_errors=True)
        else:
            self._emit(snapshot, outcome)

    @staticmethod
    def _place(path: Path, job_dir: Path) -> Path:
        target = job_dir / Path(path).name
        os.replace(path, target)
        return target

    def _progress_reporter(self, job: Job):
        last_write = [0.0]

        def report(fraction: float):
            percent = max(0, min(99, int(fraction * 100)))  # 100 only once the files are in place
            with self._cond:
                if percent <= job.progress or job.status != "running":
                    return
                job.progress = percent
                now = time.monotonic()
                if now - last_write[0] >= PROGRESS_WRITE_INTERVAL_S:
                    last_write[0] = now
                    self.store.update(job.id, progress=percent)
                snapshot = self._snapshot(job)
                self._cond.notify_all()
            self._emit(snapshot, "progress")
        return report

    # -------------------------------------------------------------------------
    # [SECTION] Restart
    # -------------------------------------------------------------------------

    def _resume(self):
        """Loads every stored job; unfinished ones go back in the queue: those that were running
        first (they started first), then the queued ones in submission order. Children a killed
        run left rendering are killed first."""
        reap_leftovers(self.store.files_dir, self.log)
        with self._cond:
            self._requeue_unfinished(self.store.load_all())
        if self._queue:
            self.log(f"{len(self._queue)} unfinished job(s) from the last run are queued again")

    def _requeue_unfinished(self, records: list[dict]):
        for record in records:  # rows of older versions kept the whole body: trimmed as submit() does
            record["raw"] = echoed_fields(record["raw"])
            record["request"] = without_inline_media(record["request"], record["inputs"])
            self._jobs[record["id"]] = Job(**record)
        unfinished = sorted((job for job in self._jobs.values() if job.status == "running"),
                            key=lambda job: job.started_at or 0) + \
            [job for job in self._jobs.values() if job.status == "queued"]
        for job in unfinished:
            missing = [pointer for pointer, path in job.inputs.items() if not Path(path).is_file()]
            if missing:
                self._finish(job, "failed", "interrupted",
                             f"interrupted by a server restart, and its inputs ({', '.join(missing)}) are gone")
                continue
            job.status, job.progress, job.started_at = "queued", 0, None
            self.store.update(job.id, status="queued", progress=0, started_at=None)
            self._queue.append(job.id)
