"""StaticSite: the built playground at / (MIME types, ETag, brotli and gzip, no listing, no escaping the
root). The build writes NAME.br and NAME.gz beside each compressible file (scripts/precompress_site.py);
a file without a fresh .gz is gzipped here, once, and a file without a fresh .br is not sent as br."""

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
    ".otf": "font/otf",  # the CJK slices (CFF outlines)
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".mp4": "video/mp4",
    ".txt": "text/plain; charset=utf-8",
}
COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".wasm", ".json", ".svg", ".ttf", ".otf"}
# Content codings and the suffix of their precompressed files, best first: brotli is about a fifth
# smaller than gzip on the wasm and the fonts.
ENCODINGS = {"br": ".br", "gzip": ".gz"}


@dataclass(frozen=True)
class StaticFile:
    body: bytes
    content_type: str
    etag: str              # strong validator of these exact bytes (quoted, as sent)
    encoding: str | None   # the Content-Encoding of `body` (None: the file's own bytes)


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

    def encodings(self, path: Path) -> list[str]:
        """The content codings `path` can be sent in, best first: br when the build left a fresh .br,
        gzip for every compressible file (made here when the build left no fresh .gz)."""
        if path.suffix.lower() not in COMPRESSIBLE:
            return []
        return [name for name in ENCODINGS if name == "gzip" or precompressed(path, name) is not None]

    def load(self, path: Path, encoding: str | None) -> StaticFile:
        """`path` in `encoding` (from encodings()). Its .br gone stale since the choice (a rebuild
        under way) gives the file as it is, which every client takes, and is not kept."""
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size, encoding)
        with self._lock:
            cached = self._cache.get(key)
        if cached is not None:
            return cached
        raw = path.read_bytes()
        sibling = precompressed(path, encoding) if encoding else None
        if sibling is not None:
            body = sibling.read_bytes()
        elif encoding == "gzip":
            body = gzip.compress(raw, compresslevel=6, mtime=0)
        else:
            body, encoding = raw, None
        digest = hashlib.sha256(raw).hexdigest()[:20]
        # Each coding is other bytes, so it gets its own validator.
        suffix = f"-{ENCODINGS[encoding][1:]}" if encoding else ""
        entry = StaticFile(body, MIME_TYPES.get(path.suffix.lower(), "application/octet-stream"),
                           f'"{digest}{suffix}"', encoding)
        if encoding == key[3]:
            with self._lock:
                self._cache[key] = entry
        return entry


def precompressed(path: Path, encoding: str) -> Path | None:
    """NAME.br / NAME.gz beside `path` when it is at least as new as the file (an older one was
    written for other bytes: a rebuild that skipped the compression step, an edited page)."""
    sibling = path.with_name(path.name + ENCODINGS[encoding])
    try:
        return sibling if sibling.stat().st_mtime_ns >= path.stat().st_mtime_ns else None
    except OSError:
        return None


def choose_encoding(accept_encoding: str, offered: list[str]) -> str | None:
    """The coding to send: of `offered` (best first), the one the Accept-Encoding header rates
    highest (a tie goes to the better coding); None when it accepts none of them (q=0, absent)."""
    ratings: dict[str, float] = {}
    for item in accept_encoding.split(","):
        name, _, params = item.strip().partition(";")
        name = name.strip().lower()
        if not name:
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ratings[name] = quality if quality == quality else 0.0  # NaN rates nothing
    best, best_quality = None, 0.0
    for name in offered:
        quality = ratings.get(name, ratings.get("*", 0.0))
        if quality > best_quality:
            best, best_quality = name, quality
    return best


def etag_matches(if_none_match: str, etag: str) -> bool:
    tags = [tag.strip() for tag in if_none_match.split(",")]
    # Weak comparison (RFC 9110 13.1.2): W/"x" matches "x".
    return "*" in tags or etag in tags or f"W/{etag}" in tags
