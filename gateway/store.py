"""Jobs persisted in SQLite under --data (jobs.sqlite3, WAL), files under --data/files.

One connection shared under a lock: every statement is a primary-key read or write that takes
microseconds, and WAL with synchronous=NORMAL keeps a commit from waiting on the disk each time.
Paths of a job's files are stored relative to the data folder, so a moved --data keeps working.

A data folder that fails is never fatal:
  - a file that is not a sound jobs database at start-up is moved aside (jobs.sqlite3.damaged-<time>)
    and a fresh one started, and the log says where the old one went;
  - a row that cannot be loaded (unknown status, a column of the wrong type) is skipped with a log
    line naming it; the other rows load;
  - a write that fails (read-only or immutable folder, full disk, lost file) puts the store in a
    degraded mode: `problem` says why in one line, logged once, new jobs are refused (insert raises
    StoreUnavailable) and everything else carries on in memory.

[SECTION] schema · opening · rows · statements
"""

import json
import sqlite3
import threading
import time
from pathlib import Path

# [SECTION] schema

STATUSES = ("queued", "running", "succeeded", "failed", "cancelled")
SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,  -- submission order: the queue's and lists' order
    id             TEXT NOT NULL UNIQUE,
    dialect        TEXT NOT NULL,
    status         TEXT NOT NULL,                      -- one of STATUSES
    progress       INTEGER NOT NULL DEFAULT 0,
    created_at     REAL NOT NULL,
    started_at     REAL,
    finished_at    REAL,
    expires_at     REAL,
    request        TEXT NOT NULL,                      -- the canonical request (JSON)
    raw            TEXT NOT NULL,                      -- what the routes echo of the body as submitted (JSON)
    inputs         TEXT NOT NULL DEFAULT '{}',         -- canonical pointer -> input file (JSON)
    videos         TEXT NOT NULL DEFAULT '[]',         -- [{path, thumbnail, width, height, duration, has_audio}]
    error_code     TEXT,
    error_message  TEXT
)
"""
COLUMNS = ("id", "dialect", "status", "progress", "created_at", "started_at", "finished_at", "expires_at",
           "request", "raw", "inputs", "videos", "error_code", "error_message")
JSON_COLUMNS = ("request", "raw", "inputs", "videos")
PATH_KEYS = ("path", "thumbnail")  # keys of a video entry that hold file paths
VIDEO_KEYS = {"path": str, "thumbnail": str, "width": int, "height": int, "duration": (int, float)}
# sqlite3 error names that mean the file itself is not a sound database (anything else is the folder or disk)
DAMAGE = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


class StoreUnavailable(Exception):
    """The data folder cannot take a new job; the message is one line for a 503."""


class _Damaged(Exception):
    """jobs.sqlite3 is not a sound jobs database; the message says what is wrong."""


# [SECTION] opening

class Store:
    def __init__(self, data_dir: Path, log=print):
        self.data_dir = Path(data_dir).resolve()
        self.files_dir = self.data_dir / "files"
        self.uploads_dir = self.data_dir / "uploads"  # POST /v1/uploads (routes_uploads.py), named by content
        self.path = self.data_dir / "jobs.sqlite3"
        self.log = log
        self.problem: str | None = None  # why new jobs are refused (degraded mode); None while all is well
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        try:
            self.files_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self._degrade("the data folder", self.data_dir, f"cannot be written ({error.strerror})")
            return
        try:
            self._connection = self._open()
        except _Damaged as damage:
            self._replace(str(damage))
        except sqlite3.Error as error:
            self._degrade("the jobs database", self.path, f"cannot be opened ({_reason(error)})")

    def _replace(self, damage: str):
        """Moves the damaged database aside and starts an empty one."""
        try:
            kept = self._move_aside()
        except OSError as error:
            self._degrade("the jobs database", self.path,
                          f"is damaged ({damage}) and cannot be moved aside ({error.strerror})")
            return
        self.log(f"the jobs database {self.path} is damaged ({damage}); it was moved to {kept} and an empty one "
                 "started (the jobs it held are not listed)")
        try:
            self._connection = self._open()
        except (sqlite3.Error, _Damaged) as error:
            self._degrade("the jobs database", self.path, f"cannot be created ({error})")

    def _open(self) -> sqlite3.Connection:
        """A connection to jobs.sqlite3 with the schema; raises _Damaged when the file is not a sound
        jobs database, sqlite3.Error when the folder or disk fails."""
        connection = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        connection.text_factory = _text  # a damaged byte in one row must not make every read fail
        try:
            # Exclusive locking, set before WAL is entered, keeps the WAL index in this process's heap
            # instead of a memory-mapped -shm file, and mmap_size=0 reads the database with read():
            # a mapped file that turns immutable or is truncated kills the process with SIGBUS at the
            # next write, where a plain write fails with an error we can handle. (It also keeps a
            # second serve.py off the same --data.)
            connection.execute("PRAGMA locking_mode=EXCLUSIVE")
            connection.execute("PRAGMA mmap_size=0")
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute(SCHEMA)
            check = [row[0] for row in connection.execute("PRAGMA quick_check(3)")]
            if check != ["ok"]:
                raise _Damaged(_one_line(f"quick_check: {'; '.join(check)}"))
            columns = tuple(row[1] for row in connection.execute("PRAGMA table_info(jobs)"))
            if columns != ("seq", *COLUMNS):
                raise _Damaged(f"its jobs table has other columns: {', '.join(columns)}")
        except sqlite3.DatabaseError as error:
            connection.close()
            if getattr(error, "sqlite_errorname", "").startswith(DAMAGE):
                raise _Damaged(_reason(error)) from None
            raise
        except BaseException:
            connection.close()
            raise
        return connection

    def _move_aside(self) -> Path:
        """Renames jobs.sqlite3 (and its -wal) to jobs.sqlite3.damaged-<time>[-wal]; returns the new name."""
        stamp = time.strftime("%Y%m%dT%H%M%S")
        kept = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        for number in range(1, 1000):
            if not kept.exists():
                break
            kept = self.path.with_name(f"{self.path.name}.damaged-{stamp}.{number}")
        for suffix in ("-wal", "-shm"):
            companion = self.path.with_name(self.path.name + suffix)
            if companion.exists():
                companion.rename(kept.with_name(kept.name + suffix))
        self.path.rename(kept)
        return kept

    def _degrade(self, what: str, where: Path, failure: str):
        """From now on new jobs are refused; logged once (callers hold self._lock, or are __init__).
        what: "the data folder" or "the jobs database"; failure: e.g. "cannot be written (disk I/O
        error)". Clients are told what and why, not where."""
        if self.problem is None:
            self.problem = f"{what} {failure}: new jobs are refused until serve.py restarts with a working data folder"
            self.log(f"{what} {where} {failure}; finished jobs are still served, new jobs are refused until the "
                     "data folder is fixed and serve.py restarted")

    # [SECTION] rows

    def _relative(self, path) -> str:
        """Paths: absolute in memory, relative to the data folder on disk."""
        path = Path(path)
        return str(path.relative_to(self.data_dir)) if path.is_absolute() and self.data_dir in path.parents \
            else str(path)

    def _absolute(self, path: str) -> str:
        return str(self.data_dir / path) if not Path(path).is_absolute() else path

    def _encode(self, column: str, value):
        if column == "inputs":
            value = {key: self._relative(path) for key, path in value.items()}
        elif column == "videos":
            value = [{**video, **{key: self._relative(video[key]) for key in PATH_KEYS if video.get(key)}}
                     for video in value]
        return json.dumps(value, ensure_ascii=False) if column in JSON_COLUMNS else value

    def _decode(self, row) -> dict:
        """The record of a row; raises ValueError saying what is wrong with it."""
        record = dict(zip(("seq", *COLUMNS), row))
        for column in JSON_COLUMNS:
            try:
                record[column] = json.loads(record[column])
            except (TypeError, ValueError):
                raise ValueError(f"its {column} is not JSON") from None
        _check_row(record)
        record["inputs"] = {key: self._absolute(path) for key, path in record["inputs"].items()}
        record["videos"] = [{**video, **{key: self._absolute(video[key]) for key in PATH_KEYS if video.get(key)}}
                            for video in record["videos"]]
        return record

    # [SECTION] statements

    def _write(self, statement: str, values) -> sqlite3.Cursor:
        """Runs a write; a failure degrades the store and raises StoreUnavailable."""
        with self._lock:
            if self.problem is None:
                try:
                    return self._connection.execute(statement, values)
                except sqlite3.Error as error:
                    self._degrade("the jobs database", self.path, f"cannot be written ({_reason(error)})")
            raise StoreUnavailable(self.problem)

    def insert(self, record: dict) -> int:
        """Stores a new job; returns its seq. Raises StoreUnavailable when the job cannot be kept."""
        values = [self._encode(column, record[column]) for column in COLUMNS]
        return self._write(f"INSERT INTO jobs ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                           values).lastrowid

    def update(self, job_id: str, **fields):
        """Stores changed fields of a job. Never raises: in degraded mode the change lives in memory
        only (the failure was logged once, and new jobs are refused)."""
        names = list(fields)
        values = [self._encode(name, fields[name]) for name in names]
        try:
            self._write(f"UPDATE jobs SET {', '.join(f'{name} = ?' for name in names)} WHERE id = ?",
                        [*values, job_id])
        except StoreUnavailable:
            pass

    def delete(self, job_id: str):
        """Forgets a job; never raises (as update)."""
        try:
            self._write("DELETE FROM jobs WHERE id = ?", (job_id,))
        except StoreUnavailable:
            pass

    def load_all(self) -> list[dict]:
        """Every job that can be loaded, in submission order; each row that cannot is logged and
        skipped (it stays in the file). A database that fails while reading degrades the store."""
        if self._connection is None:
            return []
        try:
            with self._lock:
                rows = self._connection.execute(f"SELECT seq, {', '.join(COLUMNS)} FROM jobs ORDER BY seq").fetchall()
        except sqlite3.Error as error:
            self._degrade("the jobs database", self.path, f"cannot be read ({_reason(error)})")
            return []
        records = []
        for row in rows:
            try:
                records.append(self._decode(row))
            except ValueError as problem:
                self.log(f"skipped job {row[1]!r} (row {row[0]}) of {self.path}: {problem}")
        return records

    def close(self):
        with self._lock:
            if self._connection is not None:
                self._connection.close()


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "\u2026"


def _reason(error: sqlite3.Error) -> str:
    """SQLite's own words on one line, with a hint where they need one."""
    text = _one_line(str(error) or type(error).__name__)
    if getattr(error, "sqlite_errorname", "").startswith("SQLITE_BUSY"):
        text += "; is another serve.py using this --data folder?"
    return text


def _check_row(record: dict):
    """Raises ValueError saying which column of a decoded row the jobs cannot use."""
    checks = [("id", str, False), ("dialect", str, False), ("progress", int, False),
              ("created_at", (int, float), False), ("started_at", (int, float), True),
              ("finished_at", (int, float), True), ("expires_at", (int, float), True), ("request", dict, False),
              ("raw", dict, False), ("inputs", dict, False), ("videos", list, False), ("error_code", str, True),
              ("error_message", str, True)]
    if record["status"] not in STATUSES:
        raise ValueError(f"its status {record['status']!r} is not one of {', '.join(STATUSES)}")
    for column, kind, nullable in checks:
        value = record[column]
        if not (isinstance(value, kind) and not isinstance(value, bool)) and not (nullable and value is None):
            raise ValueError(f"its {column} {str(value)[:40]!r} is not {_kind_name(kind)}")
    if not all(isinstance(key, str) and isinstance(path, str) for key, path in record["inputs"].items()):
        raise ValueError("its inputs are not file names")
    for video in record["videos"]:
        if not isinstance(video, dict) or not all(isinstance(video.get(key), kind) for key, kind in VIDEO_KEYS.items()):
            raise ValueError(f"a video of it lacks one of {', '.join(VIDEO_KEYS)}")


def _kind_name(kind) -> str:
    return {str: "text", int: "an integer", dict: "an object", list: "a list"}.get(kind, "a number")
