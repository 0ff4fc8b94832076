"""Jobs persisted in SQLite under --data (jobs.sqlite3, WAL), files under --data/files.

One connection shared under a lock: every statement is a primary-key read or write that takes
microseconds, and WAL with synchronous=NORMAL keeps a commit from waiting on the disk each time.
Paths of a job's files are stored relative to the data folder, so a moved --data keeps working.
"""

import json
import sqlite3
import threading
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,  -- submission order: the queue's and lists' order
    id             TEXT NOT NULL UNIQUE,
    dialect        TEXT NOT NULL,
    status         TEXT NOT NULL,                      -- queued | running | succeeded | failed | cancelled
    progress       INTEGER NOT NULL DEFAULT 0,
    created_at     REAL NOT NULL,
    started_at     REAL,
    finished_at    REAL,
    expires_at     REAL,
    request        TEXT NOT NULL,                      -- the canonical request (JSON)
    raw            TEXT NOT NULL,                      -- the body as submitted (JSON)
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


class Store:
    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir).resolve()
        self.files_dir = self.data_dir / "files"
        self.files_dir.mkdir(parents=True, exist_ok=True)
        self.uploads_dir = self.data_dir / "uploads"  # POST /v1/uploads (routes_uploads.py), named by content
        self._connection = sqlite3.connect(self.data_dir / "jobs.sqlite3", check_same_thread=False,
                                           isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._connection.execute("PRAGMA journal_mode=WAL")
            self._connection.execute("PRAGMA synchronous=NORMAL")
            self._connection.execute(SCHEMA)

    # ---- paths: absolute in memory, relative to the data folder on disk ----
    def _relative(self, path) -> str:
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

    def _decode(self, row: sqlite3.Row) -> dict:
        record = dict(zip(("seq", *COLUMNS), row))
        for column in JSON_COLUMNS:
            record[column] = json.loads(record[column])
        record["inputs"] = {key: self._absolute(path) for key, path in record["inputs"].items()}
        record["videos"] = [{**video, **{key: self._absolute(video[key]) for key in PATH_KEYS if video.get(key)}}
                            for video in record["videos"]]
        return record

    # ---- statements ----
    def insert(self, record: dict) -> int:
        """Stores a new job; returns its seq."""
        values = [self._encode(column, record[column]) for column in COLUMNS]
        with self._lock:
            cursor = self._connection.execute(
                f"INSERT INTO jobs ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})", values)
            return cursor.lastrowid

    def update(self, job_id: str, **fields):
        names = list(fields)
        values = [self._encode(name, fields[name]) for name in names]
        with self._lock:
            self._connection.execute(f"UPDATE jobs SET {', '.join(f'{name} = ?' for name in names)} WHERE id = ?",
                                     [*values, job_id])

    def delete(self, job_id: str):
        with self._lock:
            self._connection.execute("DELETE FROM jobs WHERE id = ?", (job_id,))

    def load_all(self) -> list[dict]:
        """Every job, in submission order."""
        with self._lock:
            rows = self._connection.execute(f"SELECT seq, {', '.join(COLUMNS)} FROM jobs ORDER BY seq").fetchall()
        return [self._decode(row) for row in rows]

    def close(self):
        with self._lock:
            self._connection.close()
