"""StaticSite: the built playground at / (MIME types, ETag, gzip, no listing, no escaping the root)."""

import gzip
import hashlib
import threading
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

MIME_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".wasm": "application/wasm",  # required for WebAssembly.instantiateStreaming
    ".ttf": "font/ttf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".mp4": "video/mp4",
    ".txt": "text/plain; charset=utf-8",
}
COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".wasm", ".json", ".svg", ".ttf"}


@dataclass(frozen=True)
class StaticFile:
    body: bytes
    content_type: str
    etag: str           # strong validator of these exact bytes (quoted, as sent)


class StaticSite:
    """The built page. Files are read on request and cached by (path, mtime, size), gzip included."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self._cache: dict[tuple[str, int, int, bool], StaticFile] = {}
        self._lock = threading.Lock()

    def is_built(self) -> bool:
        return (self.root / "index.html").is_file()

    def resolve(self, url_path: str) -> Path | None:
        """The file for a URL path, or None when it is missing, a directory without index.html, or
        outside the root (.., encoded dots, absolute paths, symlinks out)."""
        decoded = urllib.parse.unquote(url_path)
        if "\x00" in decoded or "\\" in decoded:
            return None
        parts = [part for part in decoded.split("/") if part not in ("", ".")]
        if any(part == ".." for part in parts):
            return None
        candidate = self.root.joinpath(*parts) if parts else self.root
        try:  # OSError: a name the file system refuses (too long, ...) names no file either
            if candidate.is_dir():
                candidate = candidate / "index.html"
            real = candidate.resolve(strict=True)
            if real != self.root and self.root not in real.parents:
                return None
            return real if real.is_file() else None
        except (RuntimeError, OSError):
            return None

    def load(self, path: Path, gzipped: bool) -> StaticFile:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size, gzipped)
        with self._lock:
            cached = self._cache.get(key)
        if cached is not None:
            return cached
        raw = path.read_bytes()
        body = gzip.compress(raw, compresslevel=6, mtime=0) if gzipped else raw
        digest = hashlib.sha256(raw).hexdigest()[:20]
        # The gzip variant is other bytes, so it gets its own validator.
        entry = StaticFile(body, MIME_TYPES.get(path.suffix.lower(), "application/octet-stream"),
                           f'"{digest}{"-gz" if gzipped else ""}"')
        with self._lock:
            self._cache[key] = entry
        return entry


def accepts_gzip(accept_encoding: str) -> bool:
    """True when the header lists gzip (or *) without q=0."""
    for item in accept_encoding.split(","):
        name, _, params = item.strip().partition(";")
        if name.strip().lower() not in ("gzip", "*"):
            continue
        quality = params.strip()
        if not quality.startswith("q="):
            return True
        try:
            return float(quality[2:]) > 0
        except ValueError:
            return False
    return False


def etag_matches(if_none_match: str, etag: str) -> bool:
    tags = [tag.strip() for tag in if_none_match.split(",")]
    # Weak comparison (RFC 9110 13.1.2): W/"x" matches "x".
    return "*" in tags or etag in tags or f"W/{etag}" in tags
