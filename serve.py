#!/usr/bin/env python3
"""VideoGen Playground server: the built page at / and the catalog at GET /v1/models.

    python3 serve.py [--host 127.0.0.1] [--port 8000] [--root build/wasm/site]
                     [--native-dir build/native] [--quiet]

Python standard library only, so it starts on a bare machine. The catalog comes from the same core
as everything else: libvgcore.so through ctypes (the C ABI in wasm/headless/c_api.h), else the
vgen CLI; never a second copy of the rules. Requests are matched against ROUTES first (the local
gateway's paths go there), then served as static files from the site folder.

Index
[SECTION] Core bridge (libvgcore.so through ctypes, else the vgen CLI)
[SECTION] Static files (MIME types, ETag, gzip, no escaping the root)
[SECTION] Routes
[SECTION] HTTP handler
[SECTION] Main
"""

import argparse
import ctypes
import gzip
import hashlib
import json
import os
import posixpath
import signal
import subprocess
import sys
import threading
import urllib.parse
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent
NOT_BUILT = "The playground is not built: run bash scripts/run.sh (it sets up, builds and starts this server)."


# -----------------------------------------------------------------------------
# [SECTION] Core bridge (libvgcore.so through ctypes, else the vgen CLI)
# -----------------------------------------------------------------------------

class CoreUnavailable(Exception):
    """Neither the shared library nor the CLI is built."""


class CoreBridge:
    """Calls the core's text API. The C ABI returns what `vgen` prints, so both paths agree."""

    def __init__(self, native_dir: Path):
        self.library_path = native_dir / "libvgcore.so"
        self.cli_path = native_dir / "vgen"
        self._library = None
        self._lock = threading.Lock()  # loading once; the core's functions themselves are reentrant

    def _load_library(self):
        with self._lock:
            if self._library is None and self.library_path.is_file():
                library = ctypes.CDLL(str(self.library_path))
                library.vg_catalog.argtypes = [ctypes.c_int, ctypes.POINTER(ctypes.c_int),
                                               ctypes.POINTER(ctypes.c_void_p)]
                library.vg_catalog.restype = ctypes.c_void_p  # a pointer we must hand back to vg_free
                library.vg_free.argtypes = [ctypes.c_void_p]
                library.vg_free.restype = None
                self._library = library
            return self._library

    def catalog_json(self) -> tuple[int, bytes]:
        """(exit code, output) of `vgen catalog --json`."""
        library = self._load_library()
        if library is not None:
            exit_code = ctypes.c_int(2)
            pointer = library.vg_catalog(1, ctypes.byref(exit_code), None)
            if not pointer:
                raise MemoryError("vg_catalog could not allocate its result")
            try:
                return exit_code.value, ctypes.string_at(pointer)
            finally:
                library.vg_free(pointer)
        if self.cli_path.is_file():
            done = subprocess.run([str(self.cli_path), "catalog", "--json"], capture_output=True, timeout=60)
            return done.returncode, done.stdout
        raise CoreUnavailable(f"neither {self.library_path} nor {self.cli_path} exists: run bash scripts/run.sh")


# -----------------------------------------------------------------------------
# [SECTION] Static files (MIME types, ETag, gzip, no escaping the root)
# -----------------------------------------------------------------------------

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
        if candidate.is_dir():
            candidate = candidate / "index.html"
        try:
            real = candidate.resolve(strict=True)
        except (FileNotFoundError, RuntimeError, OSError):
            return None
        if real != self.root and self.root not in real.parents:
            return None
        return real if real.is_file() else None

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


# -----------------------------------------------------------------------------
# [SECTION] Routes
# -----------------------------------------------------------------------------

@dataclass
class Response:
    status: int
    body: bytes
    content_type: str = "application/json"


def error_body(status: HTTPStatus, message: str) -> Response:
    return Response(status, json.dumps({"error": {"code": status.phrase.lower().replace(" ", "_"),
                                                  "message": message}}).encode() + b"\n")


def get_models(server: "PlaygroundServer", _handler: "Handler") -> Response:
    """GET /v1/models: every model in the catalog, as `vgen catalog --json` prints it."""
    try:
        exit_code, output = server.core.catalog_json()
    except CoreUnavailable as problem:
        return error_body(HTTPStatus.SERVICE_UNAVAILABLE, str(problem))
    if exit_code != 0:
        return error_body(HTTPStatus.INTERNAL_SERVER_ERROR, f"the core's catalog failed (exit {exit_code})")
    return Response(HTTPStatus.OK, output)


# (method, path) -> handler. The local gateway's dialect routes slot in here.
ROUTES = {
    ("GET", "/v1/models"): get_models,
}


# -----------------------------------------------------------------------------
# [SECTION] HTTP handler
# -----------------------------------------------------------------------------

class PlaygroundServer(ThreadingHTTPServer):
    daemon_threads = True  # a stuck client never blocks shutdown

    def __init__(self, address, site: StaticSite, core: CoreBridge, quiet: bool):
        super().__init__(address, Handler)
        self.site = site
        self.core = core
        self.quiet = quiet


class Handler(BaseHTTPRequestHandler):
    server: PlaygroundServer
    server_version = "VideoGenPlayground/1"
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self._dispatch(send_body=True)

    def do_HEAD(self):
        self._dispatch(send_body=False)

    def _dispatch(self, send_body: bool):
        path = urllib.parse.urlsplit(self.path).path
        route = ROUTES.get(("GET", path))
        if route is not None:
            self._send(route(self.server, self), send_body)
        else:
            self._serve_static(path, send_body)

    def _serve_static(self, path: str, send_body: bool):
        site = self.server.site
        if not site.is_built():
            self._send(Response(HTTPStatus.SERVICE_UNAVAILABLE, (NOT_BUILT + "\n").encode(),
                                "text/plain; charset=utf-8"), send_body)
            return
        file_path = site.resolve(path)
        if file_path is None:
            self._send(Response(HTTPStatus.NOT_FOUND, b"Not found\n", "text/plain; charset=utf-8"), send_body)
            return
        gzipped = file_path.suffix.lower() in COMPRESSIBLE and accepts_gzip(self.headers.get("Accept-Encoding", ""))
        entry = site.load(file_path, gzipped)
        headers = {"ETag": entry.etag, "Cache-Control": "no-cache", "Vary": "Accept-Encoding"}
        if etag_matches(self.headers.get("If-None-Match", ""), entry.etag):
            self._send_head(HTTPStatus.NOT_MODIFIED, headers)
            return
        if gzipped:
            headers["Content-Encoding"] = "gzip"
        headers["Content-Type"] = entry.content_type
        headers["Content-Length"] = str(len(entry.body))
        self._send_head(HTTPStatus.OK, headers)
        if send_body:
            self.wfile.write(entry.body)

    def _send(self, response: Response, send_body: bool):
        self._send_head(response.status, {"Content-Type": response.content_type,
                                          "Content-Length": str(len(response.body)),
                                          "Cache-Control": "no-store"})
        if send_body:
            self.wfile.write(response.body)

    def _send_head(self, status: int, headers: dict[str, str]):
        self.send_response(status)
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        if not self.server.quiet:
            super().log_message(format, *args)


# -----------------------------------------------------------------------------
# [SECTION] Main
# -----------------------------------------------------------------------------

def parse_args(argv):
    parser = argparse.ArgumentParser(description="Serve the VideoGen Playground and its catalog.")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback only)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    parser.add_argument("--root", type=Path, default=REPO / "build" / "wasm" / "site",
                        help="the built site (default: build/wasm/site next to serve.py)")
    parser.add_argument("--native-dir", type=Path, default=REPO / "build" / "native",
                        help="where libvgcore.so or vgen are (default: build/native next to serve.py)")
    parser.add_argument("--quiet", action="store_true", help="do not log each request")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    site = StaticSite(args.root)
    if not site.is_built():
        print(f"serve.py: {site.root}/index.html is missing. {NOT_BUILT}", file=sys.stderr)
    try:
        server = PlaygroundServer((args.host, args.port), site, CoreBridge(args.native_dir), args.quiet)
    except OSError as problem:
        print(f"serve.py: cannot listen on {args.host}:{args.port}: {problem.strerror}", file=sys.stderr)
        return 1

    # shutdown() waits for serve_forever to return, so it runs on another thread than the loop.
    def stop(signum, _frame):
        threading.Thread(target=server.shutdown, daemon=True).start()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    host, port = server.server_address[:2]
    print(f"VideoGen Playground: http://{host}:{port}/  (Ctrl+C stops)", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    print("serve.py: stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
