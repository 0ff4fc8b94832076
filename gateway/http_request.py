"""Reading a request per RFC 9112: the request line, the header fields and the body's framing, strictly,
so that this server and any proxy in front of it agree on where each request ends (no request
smuggling) and a malformed request hears a 4xx saying what is wrong instead of being guessed at.

[SECTION] Limits and grammar
[SECTION] Request head
[SECTION] Body
"""

import http.client
import re
import urllib.parse
from dataclasses import dataclass

from .http_util import HttpError

# -----------------------------------------------------------------------------
# [SECTION] Limits and grammar
# -----------------------------------------------------------------------------

MAX_LINE = 65536        # bytes in the request line (414 beyond, read by http.server) and in a header line (431)
MAX_FIELDS = 100        # header fields in a request (431 beyond)
MAX_BLANK_LINES = 8     # empty lines ignored before a request line (RFC 9112 2.2: a client's stray CRLF)
BODY_METHODS = ("POST", "PUT", "PATCH")  # methods whose requests must say how long their body is

TOKEN = rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+"
REQUEST_LINE = re.compile(rb"(" + TOKEN + rb") ([\x21-\x7e]+) HTTP/([0-9])\.([0-9])\r?\n")
# field-name ":" OWS field-value OWS; a value holds visible characters, spaces, tabs and obs-text only
FIELD_LINE = re.compile(rb"(" + TOKEN + rb"):[ \t]*([^\x00-\x08\x0a-\x1f\x7f]*?)[ \t]*\r?\n")
HOST = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=:%\[\]-]*")
REQUEST_LINE_HINT = "send METHOD /path HTTP/1.1, single spaces, the path in printable ASCII (percent-encode the rest)"


# -----------------------------------------------------------------------------
# [SECTION] Request head
# -----------------------------------------------------------------------------


@dataclass
class RequestHead:
    method: str
    target: str            # as sent: origin-form (/path?query), absolute-form or * (OPTIONS)
    path: str              # the target's path
    query: str             # the target's query, undecoded
    version: str           # HTTP/1.0 or HTTP/1.1
    headers: http.client.HTTPMessage
    keep_alive: bool


def read_head(first_line: bytes, rfile) -> RequestHead:
    """The request whose line is first_line (as http.server read it) and whose header fields follow in
    rfile. Raises HttpError (400, 431, 505) saying what is malformed; the connection must close then."""
    line = first_line
    for _ in range(MAX_BLANK_LINES):
        if line not in (b"\r\n", b"\n"):
            break
        line = rfile.readline(MAX_LINE + 1)
    match = REQUEST_LINE.fullmatch(line)
    if match is None:
        raise HttpError(400, f"malformed request line {line[:100]!r}: {REQUEST_LINE_HINT}")
    method, target = match.group(1).decode("ascii"), match.group(2).decode("ascii")
    major, minor = int(match.group(3)), int(match.group(4))
    if major != 1:
        raise HttpError(505, f"HTTP/{major}.{minor} is not supported: send HTTP/1.1")
    path, query = split_target(method, target)
    headers = read_fields(rfile)
    version = "HTTP/1.0" if minor == 0 else "HTTP/1.1"
    hosts = headers.get_all("Host") or []
    if version == "HTTP/1.1" and len(hosts) != 1:
        raise HttpError(400, "an HTTP/1.1 request carries exactly one Host header")
    if any(not HOST.fullmatch(host) for host in hosts):
        raise HttpError(400, "the Host header is not a host name or address with an optional :port")
    options = {token.strip().lower() for value in headers.get_all("Connection") or [] for token in value.split(",")}
    keep_alive = "close" not in options and (version == "HTTP/1.1" or "keep-alive" in options)
    return RequestHead(method, target, path, query, version, headers, keep_alive)


def split_target(method: str, target: str) -> tuple[str, str]:
    """(path, query) of a request target (RFC 9112 3.2): /path?query, an http URL, or * for OPTIONS."""
    if target == "*" and method == "OPTIONS":
        return "*", ""
    if target.startswith("/"):
        target = "/" + target.lstrip("/")  # "//x" would read as a host name to a client following a link to it
    elif not target.lower().startswith(("http://", "https://")):
        raise HttpError(400, f"the request target {target[:100]!r} is not a path starting with / or an http URL")
    try:
        parts = urllib.parse.urlsplit(target)
    except ValueError as problem:
        raise HttpError(400, f"the request target {target[:100]!r} is not a valid URL: {problem}") from None
    return parts.path or "/", parts.query


def read_fields(rfile) -> http.client.HTTPMessage:
    """The header fields up to the empty line, each `Name: value` on a line of its own."""
    headers = http.client.HTTPMessage()
    while True:
        line = rfile.readline(MAX_LINE + 1)
        if len(line) > MAX_LINE:
            raise HttpError(431, f"a header line is longer than {MAX_LINE} bytes")
        if line in (b"\r\n", b"\n"):
            return headers
        if not line:
            raise HttpError(400, "the request ended inside its header fields (no empty line after them)")
        if len(headers) >= MAX_FIELDS:
            raise HttpError(431, f"the request has more than {MAX_FIELDS} header fields")
        if line[:1] in (b" ", b"\t"):
            raise HttpError(400, "a header line starts with whitespace (obsolete line folding): send each header "
                                 "field on one line")
        match = FIELD_LINE.fullmatch(line)
        if match is None:
            raise HttpError(400, f"malformed header line {line[:100]!r}: send Name: value, the name without spaces "
                                 "and the value without control characters")
        headers[match.group(1).decode("ascii")] = match.group(2).decode("latin-1")


# -----------------------------------------------------------------------------
# [SECTION] Body
# -----------------------------------------------------------------------------


def body_length(headers, method: str, cap: int) -> int:
    """How many body bytes follow the head (RFC 9112 6.3): one Content-Length in ASCII digits
    (identical repeats count once), never beside Transfer-Encoding; chunked bodies are refused (411)
    and bodies over cap bytes too (413, unread). After any refusal the connection must close: the rest
    of the stream cannot be told apart from a next request."""
    encodings = headers.get_all("Transfer-Encoding")
    lengths = headers.get_all("Content-Length")
    if encodings and lengths:
        raise HttpError(400, "the request has both Content-Length and Transfer-Encoding: send Content-Length only")
    if encodings:
        raise HttpError(411, "send the body with a Content-Length header (chunked transfer encoding is not "
                             "accepted)")
    if not lengths:
        if method in BODY_METHODS:
            raise HttpError(411, f"a {method} request needs a Content-Length header")
        return 0
    values = {item.strip(" \t") for value in lengths for item in value.split(",")}
    if len(values) > 1:
        raise HttpError(400, "the request has Content-Length values that differ: send one Content-Length")
    text = values.pop()
    if not re.fullmatch(r"[0-9]+", text):
        raise HttpError(400, f"the Content-Length header {text[:40]!r} is not a number of bytes in ASCII digits")
    digits = text.lstrip("0") or "0"
    if len(digits) > len(str(cap)) or int(digits) > cap:
        shown = digits if len(digits) <= 20 else f"a {len(digits)}-digit number of"
        raise HttpError(413, f"the request body is {shown} bytes; this server accepts at most {cap} bytes "
                             f"(serve.py --max-body)")
    return int(digits)


def read_body(rfile, length: int) -> bytes:
    body = rfile.read(length) if length else b""
    if len(body) != length:
        raise HttpError(400, "the request body ended before its Content-Length")
    return body
