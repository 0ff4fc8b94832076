#!/usr/bin/env python3
"""VideoGen Playground server: the built page at /, the catalog at GET /v1/models, and a local
gateway that speaks every dialect the README lists and renders real videos (ffmpeg).

    python3 serve.py [--host 127.0.0.1] [--port 8000] [--root build/wasm/site] [--native-dir build/native]
                     [--data build/serve-data] [--workers N] [--max-body BYTES] [--max-upload BYTES]
                     [--link-ttl SECONDS] [--max-connections N] [--render-budget SECONDS]
                     [--faults SPEC] [--fault-seed N] [--allow-fetch HOST]... [--cors ORIGIN]...
                     [--require-key [VAR]] [--api-key-env VAR]
                     [--upstream URL --upstream-dialect NAME] [--upstream-fetch HOST]... [--quiet]

Python standard library only, so it starts on a bare machine. Requests go through the core (gateway/
core_bridge.py: libvgcore.so through ctypes, else the vgen CLI), never a second copy of the rules.
The pieces live in gateway/: jobs and their SQLite store, media inputs, faults, one route module per
dialect. A request is matched against the routes (the upstream proxy's first when --upstream is set),
then served as a static file from the site folder.

Index
[SECTION] Context and routes
[SECTION] HTTP handler
[SECTION] Main
"""

import argparse
import http.client
import importlib
import os
import re
import select
import signal
import socket
import sys
import threading
import time
import traceback
import urllib.parse
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from gateway import dialect_facts
from gateway.core_bridge import CoreBridge, CoreUnavailable
from gateway.faults import Faults
from gateway.http_request import body_length, read_body, read_head
from gateway.http_util import HttpError, Response, cors_headers, public_route, safe_header_value
from gateway.idempotency import IdempotencyKeys
from gateway.jobs import JobService, RendererUnavailable
from gateway.media_inputs import InputError, InputResolver
from gateway.route_common import dialect_for_path, error_response
from gateway.static_site import StaticSite, choose_encoding, etag_matches
from gateway.store import Store

REPO = Path(__file__).resolve().parent
NOT_BUILT = "The playground is not built: run bash scripts/run.sh (it sets up, builds and starts this server)."
REQUEST_DEADLINE_S = 15  # a client must deliver its whole request within this (slow clients are dropped)
LISTEN_BACKLOG = 1024    # connections the kernel holds until the accept loop takes them: a burst waits, never resets
DEFAULT_MAX_CONNECTIONS = 128  # connections served at once (--max-connections); beyond them a client hears 503
REFUSAL_SLOTS = 16       # beyond --max-connections, connections answered 503 at once (the accept loop waits for one)
REFUSAL_DEADLINE_S = 2   # a refused client must deliver its request head within this
LINGER_S = 2             # after the answer, unread request bytes are drained this long: closing on unread data
                         # sends a reset, which can destroy the answer before the client reads it
LOCAL_ROUTE_MODULES = ("routes_unified", "routes_openai", "routes_jobs", "routes_creative_hub", "routes_files",
                       "routes_uploads")
OPTIONAL_ROUTE_MODULES = ("routes_vercel",)  # the gateway dialect, when its module is present


# -----------------------------------------------------------------------------
# [SECTION] Context and routes
# -----------------------------------------------------------------------------

class ServerContext:
    """What route handlers get as `ctx`."""

    def __init__(self, config, core: CoreBridge, store: Store, jobs: JobService, faults: Faults,
                 inputs: InputResolver, base_url: str, api_key: str | None):
        self.config = config
        self.core = core
        self.store = store
        self.jobs = jobs
        self.faults = faults
        self.inputs = inputs
        self.base_url = base_url
        self._api_key = api_key
        self.keys = IdempotencyKeys()  # submits' idempotency keys (gateway/idempotency.py), 24 h in memory

    def required_key(self) -> str | None:
        """The key clients must send as `Authorization: Bearer` (--require-key), else None."""
        return self._api_key

    def resolve_inputs(self, canonical: dict, dialect: str = "gateway"):
        """Staged files for the request's media (gateway/media_inputs.py), or the refusal in the
        dialect's error shape."""
        try:
            return self.inputs.resolve(canonical)
        except InputError as problem:
            return error_response(dialect, problem.status, problem.message)

    @staticmethod
    def log(message: str):
        print(f"serve.py: {message}", file=sys.stderr, flush=True)


@dataclass
class Request:
    method: str
    path: str
    query: dict            # name -> first value
    headers: object        # email.message.Message: case-insensitive .get(), .items()
    body: bytes
    match: re.Match
    client_gone: Callable[[], bool]  # for held-open routes: has the client closed its connection?


@public_route
def get_models(ctx, _request) -> Response:
    """GET /v1/models: every model in the catalog, as `vgen catalog --json` prints it."""
    try:
        exit_code, output = ctx.core.catalog_json()
    except CoreUnavailable as problem:
        return error_response(None, 503, str(problem))
    if exit_code != 0:
        return error_response(None, 500, f"the core's catalog failed (exit {exit_code})")
    return Response(200, output)


def collect_routes(config, log) -> list[tuple[str, re.Pattern, Callable]]:
    """The upstream proxy's routes (when --upstream), then the local dialects', then the catalog.
    A dialect module's routes are the core's table (dialect_facts), each served by its handler for
    the route's role; the other modules (files, uploads) list their own ROUTES."""
    routes = [("GET", r"^/v1/models$", get_models)]
    for name in LOCAL_ROUTE_MODULES + OPTIONAL_ROUTE_MODULES:
        try:
            module = importlib.import_module(f"gateway.{name}")
        except Exception as problem:
            if name not in OPTIONAL_ROUTE_MODULES:
                raise
            log(f"gateway/{name}.py is not usable, its routes are off: {type(problem).__name__}: {problem}")
            continue
        routes += dialect_facts.routes(module.DIALECT, module.HANDLERS) if hasattr(module, "HANDLERS") else module.ROUTES
    if config.upstream:
        from gateway import upstream
        routes = upstream.routes_for(config) + routes
    return [(method, re.compile(pattern), handler) for method, pattern, handler in routes]


def install_route_modules(ctx):
    for name in LOCAL_ROUTE_MODULES + OPTIONAL_ROUTE_MODULES:
        try:
            module = importlib.import_module(f"gateway.{name}")
        except Exception:
            if name not in OPTIONAL_ROUTE_MODULES:
                raise
            continue  # collect_routes logged why its routes are off
        if hasattr(module, "install"):
            module.install(ctx)


# -----------------------------------------------------------------------------
# [SECTION] HTTP handler
# -----------------------------------------------------------------------------

class PlaygroundServer(ThreadingHTTPServer):
    daemon_threads = True  # a stuck client never blocks shutdown
    request_queue_size = LISTEN_BACKLOG

    def __init__(self, address, site: StaticSite, quiet: bool, cors: list[str], max_connections: int):
        super().__init__(address, Handler)
        self.site = site
        self.quiet = quiet
        self.cors = cors
        self.max_connections = max_connections
        self._serving = threading.BoundedSemaphore(max_connections)
        self._refusing = threading.BoundedSemaphore(REFUSAL_SLOTS)
        self.ctx: ServerContext | None = None
        self.routes = []

    def process_request(self, request, client_address):
        """A thread per connection up to --max-connections; beyond them a short-lived one answers 503.
        When even the refusals are all busy the accept loop waits, and new clients wait in the backlog."""
        if self._serving.acquire(blocking=False):
            handler_class, slots = Handler, self._serving
        else:
            self._refusing.acquire()  # each refusal ends within REFUSAL_DEADLINE_S + LINGER_S
            handler_class, slots = OverloadedHandler, self._refusing
        try:
            threading.Thread(target=self._serve_connection, args=(request, client_address, handler_class, slots),
                             daemon=True).start()
        except RuntimeError:  # no thread to be had: the connection is closed, its slot is free again
            slots.release()
            raise

    def _serve_connection(self, request, client_address, handler_class, slots):
        try:
            handler_class(request, client_address, self)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            slots.release()

    def handle_error(self, request, client_address):
        """A client that went away mid-request is no error of ours: one line (none with --quiet), not a
        traceback. Anything else is a bug, and its traceback is printed."""
        problem = sys.exc_info()[1]
        if not isinstance(problem, (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)
        elif not self.quiet:
            ServerContext.log(f"{client_address[0]} went away mid-request ({type(problem).__name__})")

    def shutdown_request(self, request):
        """Closes the connection once the client has our answer: we stop sending, then drain what it
        still sends (a body we refused to read) for up to LINGER_S or until it closes."""
        try:
            request.shutdown(socket.SHUT_WR)
            deadline = time.monotonic() + LINGER_S
            while (left := deadline - time.monotonic()) > 0:
                request.settimeout(left)
                if not request.recv(65536):
                    break
        except OSError:  # gone already, or still sending at the deadline: nothing more is owed
            pass
        self.close_request(request)


class Handler(BaseHTTPRequestHandler):
    server: PlaygroundServer
    server_version = "VideoGenPlayground/1"
    protocol_version = "HTTP/1.1"
    timeout = REQUEST_DEADLINE_S  # per socket operation, so a stalled reader cannot hold a write forever
    overloaded = False  # OverloadedHandler: every request is refused with 503

    # ---- a deadline for the whole request: a client that trickles bytes is dropped too ----
    def handle_one_request(self):
        # until this request's own are read (an answer to a request that cannot be read looks at them)
        self.command, self.path, self.requestline, self.headers = "", "", "", http.client.HTTPMessage()
        self.head = None
        self._deadline = threading.Timer(self.timeout, self._drop_connection)
        self._deadline.daemon = True
        self._deadline.start()
        try:
            super().handle_one_request()
        finally:
            self._deadline.cancel()

    def _drop_connection(self):
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def client_gone(self) -> bool:
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    # ---- reading the request (gateway/http_request.py: RFC 9112, strictly) ----
    def parse_request(self) -> bool:
        """Reads the head and the body; False (with the refusal sent) when the request cannot be served."""
        self.request_version = "HTTP/1.1"  # every answer carries a status line, whatever the client sent
        self.requestline = str(self.raw_requestline[:200], "latin-1").rstrip("\r\n")  # for the log
        self.close_connection = True
        try:
            self.head = read_head(self.raw_requestline, self.rfile)
        except HttpError as problem:
            self.send_error(problem.status, problem.message)
            return False
        self.command, self.path, self.headers = self.head.method, self.head.target, self.head.headers
        self.requestline = f"{self.command} {self.path} {self.head.version}"
        self.close_connection = not self.head.keep_alive
        if self.overloaded:
            self._refuse_busy()
            return False
        try:
            length = body_length(self.headers, self.command, self.server.ctx.config.max_body)
            if length and self.headers.get("Expect", "").lower() == "100-continue" and self.head.version == "HTTP/1.1":
                self.handle_expect_100()
            self.body = read_body(self.rfile, length)
        except HttpError as problem:
            self.send_error(problem.status, problem.message)
            return False
        self._deadline.cancel()  # the request is read: answering may take as long as the route needs
        return True

    def send_error(self, code, message=None, explain=None):
        """A request that cannot be read or served (also http.server's own: 414, 501), in the path's
        dialect shape; the connection closes, as the rest of the stream cannot be trusted."""
        self.close_connection = True
        self._send(error_response(dialect_for_path(self.head.path if self.head else ""), code, message or HTTPStatus(code).phrase,
                                  headers={"Connection": "close"}), self.command)

    def _refuse_busy(self):
        self.close_connection = True
        self._send(error_response(dialect_for_path(self.head.path), 503,
                                  f"the server is busy: it serves {self.server.max_connections} connections at once "
                                  "(serve.py --max-connections); retry in a second",
                                  headers={"Retry-After": "1", "Connection": "close"}), self.command)

    # ---- answering ----
    def do_GET(self):
        self._dispatch("GET")

    def do_HEAD(self):
        self._dispatch("HEAD")

    def do_POST(self):
        self._dispatch("POST")

    def do_DELETE(self):
        self._dispatch("DELETE")

    def do_PUT(self):
        self._dispatch("PUT")

    def do_PATCH(self):
        self._dispatch("PATCH")

    def do_OPTIONS(self):
        """CORS preflight: allowed for --cors origins only (same origin needs none)."""
        headers = cors_headers(self.headers.get("Origin"), self.server.cors,
                               self.headers.get("Access-Control-Request-Headers", ""))
        self._send_head(204, {"Allow": "GET, HEAD, POST, DELETE, OPTIONS", "Content-Length": "0", **headers})

    def _dispatch(self, method: str):
        path = self.head.path
        query = {name: values[0] for name, values in
                 urllib.parse.parse_qs(self.head.query, keep_blank_values=True).items()}
        lookup = "GET" if method == "HEAD" else method
        matches = [(route_method, match, handler) for route_method, pattern, handler in self.server.routes
                   if (match := pattern.match(path))]
        dialect = dialect_for_path(path)
        if not matches and dialect is None and method in ("GET", "HEAD"):
            self._serve_static(path, method == "GET")
            return
        found = next(((match, handler) for route_method, match, handler in matches if route_method == lookup), None)
        if found is None:
            if matches:
                allowed = ", ".join(sorted({route_method for route_method, _, _ in matches}))
                self._send(error_response(dialect, 405, f"{method} is not allowed here (allowed: {allowed})",
                                          headers={"Allow": allowed}), method)
            else:
                self._send(error_response(dialect, 404, "no such path on this server"), method)
            return
        match, handler = found
        public = getattr(handler, "public", False)
        refusal = None if public else self._unauthorized(dialect)
        if refusal is None and dialect is not None and not public:
            refusal = self._fault(dialect)
            if refusal == "drop":
                return
        if refusal is None:
            request = Request(method, path, query, self.headers, self.body, match, self.client_gone)
            try:
                refusal = handler(self.server.ctx, request)
            except HttpError as problem:  # a refusal from a shared helper (e.g. a query parameter out of range)
                refusal = error_response(dialect, problem.status, problem.message, param=problem.param)
            except Exception as problem:  # a route's bug is a 500 for this request, not a dead server
                traceback.print_exc()
                refusal = error_response(dialect, 500, f"internal error: {type(problem).__name__}")
        self._send(refusal, method)

    def _unauthorized(self, dialect) -> Response | None:
        key = self.server.ctx.required_key()
        if key is None:
            return None
        scheme, _, token = (self.headers.get("Authorization") or "").partition(" ")
        if scheme.lower() == "bearer" and token.strip() == key:
            return None
        return error_response(dialect, 401, "missing or invalid API key: send Authorization: Bearer <key>")

    def _fault(self, dialect) -> Response | str | None:
        fault = self.server.ctx.faults.draw()
        if fault is None:
            return None
        if fault.kind == "drop":
            self._drop_connection()
            return "drop"
        if fault.kind == "slow":
            time.sleep(fault.delay_s)
            return None
        return error_response(dialect, fault.status, fault.message, headers=fault.headers)

    def _serve_static(self, path: str, send_body: bool):
        site = self.server.site
        if not site.is_built():
            self._send(Response(HTTPStatus.SERVICE_UNAVAILABLE, (NOT_BUILT + "\n").encode(),
                                "text/plain; charset=utf-8"), "GET" if send_body else "HEAD")
            return
        file_path = site.resolve(path)
        if file_path is None:
            self._send(Response(HTTPStatus.NOT_FOUND, b"Not found\n", "text/plain; charset=utf-8"),
                       "GET" if send_body else "HEAD")
            return
        encoding = choose_encoding(self.headers.get("Accept-Encoding", ""), site.encodings(file_path))
        entry = site.load(file_path, encoding)
        headers = {"ETag": entry.etag, "Cache-Control": "no-cache", "Vary": "Accept-Encoding",
                   **cors_headers(self.headers.get("Origin"), self.server.cors)}
        if etag_matches(self.headers.get("If-None-Match", ""), entry.etag):
            self._send_head(HTTPStatus.NOT_MODIFIED, headers)
            return
        if entry.encoding:
            headers["Content-Encoding"] = entry.encoding
        headers["Content-Type"] = entry.content_type
        headers["Content-Length"] = str(len(entry.body))
        self._send_head(HTTPStatus.OK, headers)
        if send_body:
            self.wfile.write(entry.body)

    def _send(self, response: Response, method: str):
        streamed = not isinstance(response.body, (bytes, bytearray))
        headers = {"Content-Type": response.content_type, "Cache-Control": "no-store",
                   **cors_headers(self.headers.get("Origin"), self.server.cors), **response.headers}
        if streamed:
            headers["Transfer-Encoding"] = "chunked"
        else:
            headers["Content-Length"] = str(len(response.body))
        self._send_head(response.status, headers)
        if method == "HEAD":
            if streamed and hasattr(response.body, "close"):
                response.body.close()
        elif streamed:
            self._stream(response.body)
        else:
            self.wfile.write(response.body)

    def _stream(self, chunks):
        """Chunked transfer of an iterable body; a client that goes away ends (closes) the iterator."""
        try:
            for chunk in chunks:
                if chunk:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
        except OSError:
            self.close_connection = True
        finally:
            if hasattr(chunks, "close"):
                chunks.close()

    def _send_head(self, status: int, headers: dict):
        self.send_response(status)
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in headers.items():
            if safe_header_value(name) and safe_header_value(value):
                self.send_header(name, str(value))
        self.end_headers()

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        if not self.server.quiet:
            super().log_message(format, *args)


class OverloadedHandler(Handler):
    """A connection beyond --max-connections: its request head is read (for the path's dialect), the
    answer is 503 with Retry-After, and the connection closes."""
    timeout = REFUSAL_DEADLINE_S
    overloaded = True


# -----------------------------------------------------------------------------
# [SECTION] Main
# -----------------------------------------------------------------------------

def positive_int(text: str) -> int:
    if not text.isascii() or not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def positive_seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds above 0")
    return seconds


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Serve the VideoGen Playground, its catalog and a local gateway.")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback only)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    parser.add_argument("--root", type=Path, default=REPO / "build" / "wasm" / "site",
                        help="the built site (default: build/wasm/site next to serve.py)")
    parser.add_argument("--native-dir", type=Path, default=REPO / "build" / "native",
                        help="where libvgcore.so or vgen are (default: build/native next to serve.py)")
    parser.add_argument("--data", type=Path, default=REPO / "build" / "serve-data",
                        help="jobs database and files (default: build/serve-data next to serve.py)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="videos rendered at once (default: the machine's cores)")
    parser.add_argument("--max-body", type=int, default=None,
                        help="largest request body and fetched input in bytes (default: the core's body_bytes, "
                             "50 MiB; vgen limits lists them)")
    parser.add_argument("--max-upload", type=int, default=None,
                        help="largest file POST /v1/uploads keeps, in bytes (default: the core's upload_bytes, "
                             "30 MiB; the body cap --max-body applies first)")
    parser.add_argument("--render-budget", type=positive_seconds, default=None, metavar="SECONDS",
                        help="seconds one job's render may take, ffmpeg's CPU time capped to match; a render "
                             "over it fails saying so (default: 60 plus 10 per second of video the job renders)")
    parser.add_argument("--link-ttl", type=float, default=1200,
                        help="seconds result links work after a video completes (default 1200: seed 002's 20 minutes)")
    parser.add_argument("--faults", default="", metavar="SPEC",
                        help="inject failures into gateway requests, e.g. 429:0.1,500:0.05,slow:0.2,drop:0.05")
    parser.add_argument("--fault-seed", type=int, default=0, help="seed of the fault draws (default 0)")
    parser.add_argument("--allow-fetch", action="append", default=[], metavar="HOST",
                        help="a host (or HOST:PORT) media URLs may be fetched from and webhooks sent to (repeatable)")
    parser.add_argument("--cors", action="append", default=[], metavar="ORIGIN",
                        help="an origin allowed to call from other pages (repeatable; default: same origin only)")
    parser.add_argument("--require-key", nargs="?", const="", default=None, metavar="VAR",
                        help="clients must send Authorization: Bearer <key>, the key being the value of VAR "
                             "(default: the --api-key-env variable)")
    parser.add_argument("--api-key-env", default="VIDEOGEN_API_KEY",
                        help="environment variable holding the API key (default VIDEOGEN_API_KEY)")
    parser.add_argument("--upstream", default=None, metavar="URL", help="forward one dialect to a real gateway")
    parser.add_argument("--upstream-dialect", default=None, metavar="NAME", help="the dialect --upstream speaks")
    parser.add_argument("--upstream-fetch", action="append", default=[], metavar="HOST",
                        help="a host (or HOST:PORT) besides the upstream's own origin that its result URLs may be "
                             "fetched from, e.g. its storage or CDN (repeatable)")
    parser.add_argument("--max-connections", type=positive_int, default=DEFAULT_MAX_CONNECTIONS, metavar="N",
                        help=f"connections served at once; beyond them clients hear 503 with Retry-After "
                             f"(default {DEFAULT_MAX_CONNECTIONS})")
    parser.add_argument("--quiet", action="store_true", help="do not log each request")
    return parser.parse_args(argv)


def take_size_limits(args, core: CoreBridge):
    """--max-body and --max-upload not given come from the core's table of input limits, so serve.py
    and the core refuse the same sizes."""
    if args.max_body is None or args.max_upload is None:
        limits = core.limits()
        args.max_body = limits["body_bytes"]["value"] if args.max_body is None else args.max_body
        args.max_upload = limits["upload_bytes"]["value"] if args.max_upload is None else args.max_upload


def required_key(args) -> str | None:
    if args.require_key is None:
        return None
    variable = args.require_key or args.api_key_env
    key = os.environ.get(variable, "").strip()
    if not key:
        raise SystemExit(f"serve.py: --require-key: the environment variable {variable} holding the key is not set")
    return key


def load_renderer(log):
    try:
        from gateway import render
        return render
    except Exception as problem:  # the server still serves the page, the catalog and stored jobs
        log(f"gateway/render.py is not usable, every job will fail: {type(problem).__name__}: {problem}")
        return RendererUnavailable(f"{type(problem).__name__}: {problem}")


def base_url_of(host: str, port: int) -> str:
    if host in ("", "0.0.0.0"):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def main(argv=None) -> int:
    args = parse_args(argv)
    log = ServerContext.log
    site = StaticSite(args.root)
    if not site.is_built():
        print(f"serve.py: {site.root}/index.html is missing. {NOT_BUILT}", file=sys.stderr)
    core = CoreBridge(args.native_dir)
    try:
        take_size_limits(args, core)
    except CoreUnavailable as problem:
        print(f"serve.py: {problem} (or give --max-body and --max-upload)", file=sys.stderr)
        return 2
    try:
        dialect_facts.use(core)  # every dialect's routes, status words and error shapes
    except CoreUnavailable as problem:
        print(f"serve.py: {problem}", file=sys.stderr)
        return 2
    try:
        faults = Faults(args.faults, args.fault_seed)
        api_key = required_key(args)
        routes = collect_routes(args, log)
    except ValueError as problem:
        print(f"serve.py: {problem}", file=sys.stderr)
        return 2
    except Exception as problem:
        if type(problem).__name__ != "UpstreamConfigError":
            raise
        print(f"serve.py: {problem}", file=sys.stderr)
        return 2
    try:
        server = PlaygroundServer((args.host, args.port), site, args.quiet, args.cors, args.max_connections)
    except OSError as problem:
        print(f"serve.py: cannot listen on {args.host}:{args.port}: {problem.strerror}", file=sys.stderr)
        return 1
    host, port = server.server_address[:2]
    store = Store(args.data, log)  # a damaged or unwritable --data is logged and degrades, never stops the start
    jobs = JobService(store, load_renderer(log), args.workers, args.link_ttl, log, args.render_budget)
    inputs = InputResolver(store, jobs, args.allow_fetch, args.max_body, port)
    server.ctx = ServerContext(args, core, store, jobs, faults, inputs,
                               base_url_of(host, port), api_key)
    server.routes = routes
    install_route_modules(server.ctx)

    # shutdown() waits for serve_forever to return, so it runs on another thread than the loop.
    def stop(signum, _frame):
        threading.Thread(target=server.shutdown, daemon=True).start()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    print(f"VideoGen Playground: {base_url_of(host, port)}/  (Ctrl+C stops)", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        jobs.stop()  # renders in flight stay `running` on disk and render again on the next start
        store.close()
    print("serve.py: stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
