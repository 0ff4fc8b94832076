"""The upstream proxy: `--upstream URL --upstream-dialect NAME --api-key-env VAR`.

The playground talks to serve.py; serve.py forwards that one dialect's paths to a real gateway
with `Authorization: Bearer $VAR` added here, on the server, so the key never reaches the browser.
It is never an open proxy: the target is always URL + one of the dialect's own path patterns (ids
limited to [A-Za-z0-9_-], so no `..`, no encoded slashes); the request line's absolute URL, Host
and every header outside a short allow-list are ignored. Upstream result videos (the URLs in its
answers; OpenAI's /content) are fetched into <data>/upstream and the answer is rewritten to point
at our own origin, so an expiring upstream link loses nothing. A result URL is fetched only from
the upstream's own origin or a host given with --upstream-fetch, and a redirect only to those
(anything else is a 502 saying which flag allows it): the upstream never makes this server fetch
an internal page. The key is never logged. Every answer relayed (status, content type, headers,
body, event stream, kept file) goes through one redaction (upstream_redact.py) that finds the key
in the encodings an upstream writes it in; compressed answers, which it could not read, are refused. What
we serve from our origin is never a page of the upstream's making: content types that a browser
would run (HTML, SVG, scripts) are relayed as text/plain or application/octet-stream.

Wiring (serve.py): when --upstream is set, call `routes_for(args)` once at start-up (it raises
UpstreamConfigError with a message for the user when the options are unusable) and put the
returned routes BEFORE every local route, so the upstream dialect's paths go upstream:
    routes = (upstream.routes_for(args) if args.upstream else []) + local_routes
It reads args.upstream, args.upstream_dialect, args.api_key_env, args.upstream_fetch and args.data.

Upstream refusals pass through with their status and body; a network failure is a 502 in the
dialect's own error shape (route_common.error_response).

[SECTION] Configuration
[SECTION] Result files (fetched from upstream, served from our origin)
[SECTION] Talking to the upstream
[SECTION] Rewriting answers
[SECTION] Route handlers
[SECTION] Routes
"""

import hashlib
import http.client
import json
import os
import re
import threading
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from . import dialect_facts
from .http_util import Response, file_response, json_response, media_type, public_route, safe_header_value
from .route_common import error_response
from .upstream_redact import KeyRedactor, key_problem

# Seed 002's own example waits this long (`curl --max-time 900`) for a held-open generation.
UPSTREAM_TIMEOUT_SECONDS = 900
MAX_RESULT_BYTES = 1 << 30  # a fetched result larger than 1 GiB is refused rather than filling the disk
MAX_ANSWER_BYTES = 16 << 20  # an API answer (JSON, text, one event) is small; more is refused, not buffered
MAX_RESULT_REDIRECTS = 5
MAX_RESULTS_PER_ANSWER = 16  # a job has a few videos; each is fetched in turn while the client waits
REDIRECTS = (301, 302, 303, 307, 308)
MEDIA_PREFIXES = ("video/", "audio/", "image/")
SAFE_TYPES = ("application/json", "text/event-stream", "text/plain", "application/octet-stream")
SCRIPTABLE_MEDIA = ("image/svg+xml",)
RELAYED_REQUEST_HEADERS = ("content-type", "accept", "idempotency-key", "ai-model-id",
                           "ai-video-model-specification-version", "ai-gateway-protocol-version")
RELAYED_RESPONSE_HEADERS = ("retry-after", "openai-poll-after-ms")
ID = r"[A-Za-z0-9_-]{1,200}"  # what an id in a forwarded path may be: never `..` nor an encoded slash


class UpstreamConfigError(Exception):
    """The --upstream options cannot work; the message says why."""


# -----------------------------------------------------------------------------
# [SECTION] Configuration
# -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Upstream:
    dialect: str
    scheme: str
    host: str
    port: int
    base_path: str   # prefix before the dialect's paths ("" for an origin)
    key: bytes       # the API key; only ever sent to this host
    files: "ResultFiles"
    redactor: KeyRedactor
    fetch_hosts: frozenset  # --upstream-fetch: other hosts (HOST or HOST:PORT) results may come from

    def same_origin(self, url: str) -> bool:
        parts = urllib.parse.urlsplit(url)
        return (parts.scheme, parts.hostname, parts.port or default_port(parts.scheme)) == \
               (self.scheme, self.host, self.port)

    def fetch_refusal(self, url: str, named: str) -> str | None:
        """Why this server will not fetch a result URL (None: it may). `named` says where the URL
        came from, for the message."""
        try:
            parts = urllib.parse.urlsplit(url)
            port = parts.port or default_port(parts.scheme)
        except ValueError:
            return f"{named} {url!r}, which is not a valid URL"
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return f"{named} {url!r}, which is not an http(s) URL"
        if self.same_origin(url) or {parts.hostname, f"{parts.hostname}:{port}", f"[{parts.hostname}]:{port}"} \
                & self.fetch_hosts:
            return None
        host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
        return (f"{named} {host}:{port}, which is neither the upstream's own origin nor a host given with "
                f"--upstream-fetch; this server does not fetch it (start serve.py with --upstream-fetch "
                f"{host}:{port} if that host is meant to serve results)")

    def redact(self, data: bytes) -> bytes:
        return self.redactor.redact(data)

    def keep(self, name: str, data: bytes, content_type: str):
        """Stores a result to serve from our origin, redacted, with a content type safe to serve."""
        self.files.put(name, self.redact(data), relayable_type(content_type))


def default_port(scheme: str) -> int:
    return 443 if scheme == "https" else 80


def upstream_from(config) -> Upstream:
    url = urllib.parse.urlsplit(config.upstream or "")
    if url.scheme not in ("http", "https") or not url.hostname:
        raise UpstreamConfigError(f"--upstream must be an http(s) URL, not {config.upstream!r}")
    if url.query or url.fragment or url.username:
        raise UpstreamConfigError("--upstream takes an origin and optional path prefix, without query, "
                                  "fragment or credentials (the key comes from --api-key-env)")
    if config.upstream_dialect not in dialect_facts.wires():
        raise UpstreamConfigError(f"--upstream-dialect must be one of {', '.join(sorted(dialect_facts.wires()))}, "
                                  f"not {config.upstream_dialect!r}")
    if not config.api_key_env:
        raise UpstreamConfigError("--upstream needs --api-key-env VAR: the environment variable holding the key")
    key = os.environ.get(config.api_key_env, "").strip()
    if not key:
        raise UpstreamConfigError(f"the environment variable {config.api_key_env} (--api-key-env) is not set")
    if problem := key_problem(key):
        raise UpstreamConfigError(f"the key in {config.api_key_env} {problem}, so it could not be kept out of "
                                  f"relayed answers reliably")
    return Upstream(config.upstream_dialect, url.scheme, url.hostname, url.port or default_port(url.scheme),
                    url.path.rstrip("/"), key.encode(), ResultFiles(Path(config.data) / "upstream"),
                    KeyRedactor(key), frozenset(host.lower() for host in config.upstream_fetch))


# -----------------------------------------------------------------------------
# [SECTION] Result files (fetched from upstream, served from our origin)
# -----------------------------------------------------------------------------

class ResultFiles:
    """Fetched results under <data>/upstream, named by a hash of where they came from; a file and
    its `.type` (the content type) survive restarts with the rest of --data."""

    def __init__(self, directory: Path):
        self.directory = directory
        self._lock = threading.Lock()

    @staticmethod
    def name_for(source: str) -> str:
        return hashlib.sha256(source.encode()).hexdigest()[:40]

    def find(self, name: str) -> tuple[Path, str] | None:
        path = self.directory / name
        type_path = self.directory / (name + ".type")
        if path.is_file() and type_path.is_file():
            return path, type_path.read_text().strip()
        return None

    def put(self, name: str, data: bytes, content_type: str):
        self.directory.mkdir(parents=True, exist_ok=True)
        with self._lock:  # two polls may fetch the same result at once; the rename keeps one whole file
            temporary = self.directory / f"{name}.{threading.get_ident()}.part"
            temporary.write_bytes(data)
            (self.directory / (name + ".type")).write_text(content_type)
            temporary.replace(self.directory / name)

    def drop(self, name: str):
        for path in (self.directory / name, self.directory / (name + ".type")):
            path.unlink(missing_ok=True)


def files_path(name: str) -> str:
    return f"/upstream/files/{name}"


# -----------------------------------------------------------------------------
# [SECTION] Talking to the upstream
# -----------------------------------------------------------------------------

class UpstreamFailure(Exception):
    """The upstream, or a result it named, gave no usable answer (refused, reset, timed out, not
    HTTP, too large, compressed, or a host this server does not fetch); the message says why."""


def connect(scheme: str, host: str, port: int) -> http.client.HTTPConnection:
    kind = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
    return kind(host, port, timeout=UPSTREAM_TIMEOUT_SECONDS)


def open_upstream(upstream: Upstream, method: str, target: str, headers: dict, body: bytes | None):
    """(connection, response) for one request to the upstream host; the caller closes the connection.
    Redirects are not followed: a 3xx passes back to the client like any other answer."""
    connection = connect(upstream.scheme, upstream.host, upstream.port)
    try:
        connection.request(method, target, body=body, headers=headers)
        return connection, connection.getresponse()
    except (OSError, http.client.HTTPException) as problem:
        connection.close()
        raise UpstreamFailure(f"{type(problem).__name__}: {problem}") from None


def unreadable(response) -> str | None:
    """Why an upstream answer cannot be relayed (None: it can). The proxy asks for no compression
    (http.client sends Accept-Encoding: identity); a compressed body could hide the key from
    redaction, and a 1xx status would change the client's connection, so neither is relayed."""
    if not 200 <= response.status <= 599:
        return f"the upstream answered HTTP {response.status}, which this proxy does not relay"
    if len(set(response.headers.get_all("Content-Length") or ())) > 1:
        return "the upstream answered with two different Content-Length headers"
    for header, plain in (("Content-Encoding", ("", "identity")), ("Transfer-Encoding", ("", "chunked"))):
        value = (response.getheader(header) or "").strip().lower()
        if value not in plain:
            return (f"the upstream answered with {header}: {value} although this proxy asks for none; "
                    "such an answer cannot be checked for the key, so it is not relayed")
    return None


def read_capped(response, limit: int) -> bytes:
    """The whole body of an answer, refused beyond limit bytes or when it ends before its
    Content-Length (http.client's bounded read does not check that itself)."""
    data = response.read(limit + 1)
    if len(data) > limit:
        raise UpstreamFailure(f"the upstream's answer is larger than {limit} bytes")
    if response.length:
        raise UpstreamFailure(f"the upstream's answer broke off {response.length} bytes before its Content-Length")
    return data


def fetch_result(upstream: Upstream, url: str) -> tuple[bytes, str]:
    """(bytes, content type) of a result URL named by the upstream, following redirects only to hosts
    it may fetch from. The key goes along only to the upstream's own origin; a CDN or storage link
    is fetched without it."""
    named = "the upstream named a result on"
    for _ in range(MAX_RESULT_REDIRECTS + 1):
        if refusal := upstream.fetch_refusal(url, named):
            raise UpstreamFailure(refusal)
        status, location, data, content_type = fetch_once(upstream, url)
        if status in REDIRECTS and location:
            url, named = urllib.parse.urljoin(url, location), f"a result at {url_host(url)} redirects to"
            continue
        if status != 200:
            raise UpstreamFailure(f"fetching a result answered HTTP {status}")
        return data, content_type
    raise UpstreamFailure(f"a result redirects more than {MAX_RESULT_REDIRECTS} times")


def fetch_once(upstream: Upstream, url: str) -> tuple[int, str | None, bytes, str]:
    """(status, Location, body, content type) of one GET of an allowed URL."""
    parts = urllib.parse.urlsplit(url)
    headers = {"Authorization": f"Bearer {upstream.key.decode()}"} if upstream.same_origin(url) else {}
    connection = connect(parts.scheme, parts.hostname, parts.port or default_port(parts.scheme))
    try:
        connection.request("GET", urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, "")),
                           headers=headers)
        response = connection.getresponse()
        if refusal := unreadable(response):
            raise UpstreamFailure(f"fetching a result: {refusal}")
        data = b"" if response.status in REDIRECTS else read_capped(response, MAX_RESULT_BYTES)
    except (OSError, http.client.HTTPException) as problem:
        raise UpstreamFailure(f"fetching a result failed: {type(problem).__name__}: {problem}") from None
    finally:
        connection.close()
    return (response.status, response.getheader("Location"), data,
            response.getheader("Content-Type", "application/octet-stream"))


def url_host(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return parts.netloc.rpartition("@")[2]


def keep_result(upstream: Upstream, ctx, url: str) -> str:
    """Our own URL for an upstream result, fetching it the first time it is seen."""
    name = ResultFiles.name_for(url)
    if upstream.files.find(name) is None:
        upstream.keep(name, *fetch_result(upstream, url))
    return ctx.base_url + files_path(name)


# -----------------------------------------------------------------------------
# [SECTION] Rewriting answers
# -----------------------------------------------------------------------------

def result_url_slots(dialect: str, body) -> list[tuple[object, object]]:
    """(container, key) for every result URL in a dialect's answer: the video fields of the core's
    table ("result.videos": member videos of object result), each an array or one video."""
    slots = []

    def add(container, key):
        item = container[key]
        if isinstance(item, str):
            slots.append((container, key))
        elif isinstance(item, dict) and isinstance(item.get("url"), str) and item.get("type", "url") == "url":
            slots.append((item, "url"))

    for field in dialect_facts.wire(dialect)["videoFields"]:
        container, *path = [body, *field.split(".")]
        for name in path[:-1]:
            container = container.get(name) if isinstance(container, dict) else None
        value = container.get(path[-1]) if isinstance(container, dict) else None
        if isinstance(value, list):
            for index in range(len(value)):
                add(value, index)
        elif value is not None:
            add(container, path[-1])
    return slots


def rewrite_results(upstream: Upstream, ctx, body):
    slots = result_url_slots(upstream.dialect, body)
    if len(slots) > MAX_RESULTS_PER_ANSWER:
        raise UpstreamFailure(f"the upstream named {len(slots)} results in one answer; this proxy keeps at most "
                              f"{MAX_RESULTS_PER_ANSWER}")
    for container, key in slots:
        container[key] = keep_result(upstream, ctx, container[key])
    return body


# -----------------------------------------------------------------------------
# [SECTION] Route handlers
# -----------------------------------------------------------------------------

def upstream_target(upstream: Upstream, request) -> str:
    query = urllib.parse.urlencode(request.query, doseq=True)
    return upstream.base_path + request.path + (f"?{query}" if query else "")


def upstream_headers(upstream: Upstream, request, body: bytes | None) -> dict:
    headers = {}
    for key, value in request.headers.items():
        if key.lower() in RELAYED_REQUEST_HEADERS and "\r" not in value and "\n" not in value:
            headers[key.lower()] = value
    headers["authorization"] = f"Bearer {upstream.key.decode()}"
    if body is not None:
        headers["content-length"] = str(len(body))
    return headers


def relayed_headers(response) -> dict:
    """The relayed headers the upstream sent; a folded or otherwise broken value is dropped."""
    values = {name: response.getheader(name) for name in RELAYED_RESPONSE_HEADERS}
    return {name: value for name, value in values.items() if value and safe_header_value(value)}


def relayable_type(content_type: str | None) -> str:
    """A content type safe to serve from our origin: the upstream's own when a browser only shows or
    plays it (JSON, plain text, events, video, audio, raster images); otherwise text/plain for text
    and application/octet-stream for the rest, since HTML, SVG or a script would run as our page."""
    kind = media_type(content_type)
    if kind in SAFE_TYPES or kind.endswith("+json") or (kind.startswith(MEDIA_PREFIXES) and kind not in SCRIPTABLE_MEDIA):
        return content_type.strip()
    return "text/plain" if kind.startswith("text/") else "application/octet-stream"


def answer_limit(content_type: str | None) -> int:
    kind = media_type(content_type)
    return MAX_RESULT_BYTES if kind.startswith(MEDIA_PREFIXES) or kind == "application/octet-stream" else MAX_ANSWER_BYTES


def parse_json(data: bytes):
    """The value of a JSON answer, or None when it is not JSON this proxy can read (malformed, or
    nested deeper than Python's recursion allows): such an answer is relayed as it is."""
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        return None


def sse_relay(upstream: Upstream, ctx, connection, response):
    """The upstream's event stream, line by line as it arrives: comments (heartbeats) at once, each
    data event with its result URLs moved to our origin. A failure mid-stream (or a line or event
    over MAX_ANSWER_BYTES) becomes the gateway's error event, since the status line has been sent."""
    data_lines: list[bytes] = []
    try:
        event_size = 0  # bytes read since the last chunk passed on
        while line := response.readline(MAX_ANSWER_BYTES + 1):
            event_size += len(line)
            if event_size > MAX_ANSWER_BYTES:
                raise UpstreamFailure(f"an event of the upstream's stream is larger than {MAX_ANSWER_BYTES} bytes")
            if line.startswith(b"data:"):
                data_lines.append(line[5:].removeprefix(b" ").rstrip(b"\r\n"))
                continue
            if line.strip() == b"" and data_lines:
                yield relay_event(upstream, ctx, b"\n".join(data_lines))
                data_lines = []
            else:
                yield line
            event_size = 0
        if data_lines:
            yield relay_event(upstream, ctx, b"\n".join(data_lines))
    except (OSError, http.client.HTTPException, UpstreamFailure) as problem:
        yield b"data: " + json.dumps({"type": "error", "message": f"the upstream stream failed: {problem}",
                                       "errorType": "internal_server_error", "statusCode": 502,
                                       "param": None}).encode() + b"\n\n"
    finally:
        connection.close()


def relay_event(upstream: Upstream, ctx, data: bytes) -> bytes:
    event = parse_json(data)
    if event is not None:
        data = json.dumps(rewrite_results(upstream, ctx, event), separators=(",", ":")).encode()
    return b"".join(b"data: " + line + b"\n" for line in data.split(b"\n")) + b"\n"


def forward(upstream: Upstream):
    """The handler for every path of the upstream dialect."""
    def handle(ctx, request) -> Response:
        body = request.body if request.method in ("POST", "PUT", "PATCH") else None
        try:
            connection, response = open_upstream(upstream, request.method, upstream_target(upstream, request),
                                                 upstream_headers(upstream, request, body), body)
        except UpstreamFailure as problem:
            return error_response(upstream.dialect, 502, f"the upstream gateway could not be reached: {problem}")
        if refusal := unreadable(response):
            connection.close()
            return error_response(upstream.dialect, 502, refusal)
        content_type = response.getheader("Content-Type", "application/octet-stream")
        if response.status == 200 and media_type(content_type) == "text/event-stream":
            return Response(200, sse_relay(upstream, ctx, connection, response), "text/event-stream",
                            {"Cache-Control": "no-cache"})
        try:
            data = read_capped(response, answer_limit(content_type))
        except (OSError, http.client.HTTPException) as problem:
            return error_response(upstream.dialect, 502, f"the upstream's answer broke off: {problem}")
        except UpstreamFailure as problem:
            return error_response(upstream.dialect, 502, str(problem))
        finally:
            connection.close()
        answer = Response(response.status, data, content_type, relayed_headers(response))
        if 200 <= response.status < 300 and media_type(content_type) == "application/json":
            return after_success(upstream, ctx, request, answer)
        return answer
    return handle


def after_success(upstream: Upstream, ctx, request, answer: Response) -> Response:
    """A 2xx JSON answer with its results kept here (see the module's comment)."""
    body = parse_json(answer.body)
    if body is None:
        return answer
    try:
        if not dialect_facts.wire(upstream.dialect)["videoFields"]:
            keep_openai_content(upstream, request, body)
            return answer
        rewritten = rewrite_results(upstream, ctx, body)
    except UpstreamFailure as problem:
        return error_response(upstream.dialect, 502, f"the upstream's result could not be fetched: {problem}")
    return json_response(answer.status, rewritten, answer.headers)


def redacting(upstream: Upstream, handler):
    """`handler` with every part of its answer (status aside) passed through the key's redaction and
    its content type made safe: the one gate between the upstream and the client."""
    def handle(ctx, request) -> Response:
        answer = handler(ctx, request)
        text = upstream.redactor.redact_text
        body = upstream.redact(answer.body) if isinstance(answer.body, (bytes, bytearray)) \
            else redacted_stream(upstream, answer.body)
        headers = {text(str(name)): text(str(value)) for name, value in answer.headers.items()}
        return Response(answer.status, body, text(relayable_type(answer.content_type)), headers)
    handle.public = getattr(handler, "public", False)
    return handle


def redacted_stream(upstream: Upstream, chunks):
    try:
        for chunk in chunks:
            yield upstream.redact(chunk)
    finally:
        if hasattr(chunks, "close"):
            chunks.close()  # the client went away: the upstream connection closes too


# OpenAI's answers carry no URL (its row of the core's table has no video fields): a completed video
# is its content route, whose upstream copy expires at `expires_at`. Each completed video seen in an
# answer is fetched once.
def openai_content_name(video_id: str, variant: str) -> str:
    return ResultFiles.name_for(f"openai:{video_id}:{variant}")


def keep_openai_content(upstream: Upstream, request, body):
    """Fetches the video of each completed job in a retrieve or list answer; a delete drops ours."""
    if request.method == "DELETE":
        for variant in ("video", "thumbnail", "spritesheet"):
            upstream.files.drop(openai_content_name(request.match.group(1), variant))
        return
    videos = body.get("data") if isinstance(body, dict) and body.get("object") == "list" else [body]
    for video in videos if isinstance(videos, list) else []:
        if isinstance(video, dict) and dialect_facts.state_of(upstream.dialect, video.get("status")) == "succeeded" \
                and isinstance(video.get("id"), str) and re.fullmatch(ID, video["id"]):
            name = openai_content_name(video["id"], "video")
            if upstream.files.find(name) is None:
                url = f"{upstream.scheme}://{upstream.host}:{upstream.port}{upstream.base_path}" \
                      f"{dialect_facts.route_path(upstream.dialect, 'content', video['id'])}?variant=video"
                upstream.keep(name, *fetch_result(upstream, url))


def openai_content(upstream: Upstream):
    """GET /v1/videos/{id}/content: our kept copy when there is one, else the upstream's answer."""
    relay = forward(upstream)

    def handle(ctx, request) -> Response:
        variant = request.query.get("variant", "video")
        variant = variant[0] if isinstance(variant, list) else variant
        kept = upstream.files.find(openai_content_name(request.match.group(1), variant))
        if kept is not None:
            return file_response(kept[0], kept[1], request.headers.get("Range"))
        answer = relay(ctx, request)
        if answer.status == 200 and isinstance(answer.body, bytes) and variant in ("video", "thumbnail", "spritesheet"):
            upstream.keep(openai_content_name(request.match.group(1), variant), answer.body, answer.content_type)
        return answer
    return handle


def serve_result(upstream: Upstream):
    """GET /upstream/files/{name}: a kept result. Public like /files/: a <video> element opens it."""
    @public_route
    def handle(_ctx, request) -> Response:
        kept = upstream.files.find(request.match.group(1))
        if kept is None:
            return error_response(upstream.dialect, 404, "no such result file")
        return file_response(kept[0], kept[1], request.headers.get("Range"))
    return handle


# -----------------------------------------------------------------------------
# [SECTION] Routes
# -----------------------------------------------------------------------------

def routes_for(config) -> list:
    """ROUTES for --upstream: the dialect's paths (the core's route table, ids limited to ID)
    forwarded, plus where kept results are served. Raises UpstreamConfigError when the options
    cannot work."""
    upstream = upstream_from(config)
    relay = forward(upstream)
    # A dialect whose answers carry no URL (OpenAI) has its videos at its content route: kept here.
    content = relay if dialect_facts.wire(upstream.dialect)["videoFields"] else openai_content(upstream)
    handlers = {entry["role"]: content if entry["role"] == "content" else relay
                for entry in dialect_facts.wire(upstream.dialect)["routes"]}
    routes = dialect_facts.routes(upstream.dialect, handlers, ID)
    routes.append(("GET", r"^/upstream/files/([0-9a-f]{40})$", serve_result(upstream)))
    return [(method, pattern, redacting(upstream, handler)) for method, pattern, handler in routes]
