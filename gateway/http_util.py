"""HTTP helpers shared by serve.py and the route modules: Response, refusals, numbers a client sends,
multipart/form-data, files with Range, CORS headers. Reading the request itself: http_request.py.

[SECTION] Responses
[SECTION] Refusals and numbers
[SECTION] multipart/form-data
[SECTION] Files (Range)
[SECTION] CORS
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

# -----------------------------------------------------------------------------
# [SECTION] Responses
# -----------------------------------------------------------------------------


@dataclass
class Response:
    """What a route answers. body is bytes (sent with Content-Length) or an iterable of bytes
    (streamed chunked, e.g. an event stream; closed when the client goes away)."""
    status: int
    body: bytes | Iterable[bytes]
    content_type: str = "application/json"
    headers: dict = field(default_factory=dict)


def json_response(status: int, value, headers: dict | None = None) -> Response:
    return Response(status, json.dumps(value, ensure_ascii=False).encode() + b"\n", "application/json",
                    dict(headers or {}))


def public_route(handler):
    """Marks a route that needs no API key under --require-key: result links a <video> element or a
    plain fetch() opens (seed 002's example downloads its link without a header)."""
    handler.public = True
    return handler


def safe_header_value(value) -> bool:
    """Response header values never carry line breaks (no header injection through any value)."""
    text = str(value)
    return "\r" not in text and "\n" not in text and "\x00" not in text


# -----------------------------------------------------------------------------
# [SECTION] Refusals and numbers
# -----------------------------------------------------------------------------


class HttpError(Exception):
    """A request that cannot be read or served: status and a message for the client (serve.py answers
    it in the path's dialect shape, naming param when given)."""

    def __init__(self, status: int, message: str, param: str | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.param = param


WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")  # ASCII digits (str.isdigit also takes "²"), few enough for int()


def whole_number(text: str | None, low: int, high: int) -> int | None:
    """text as a whole number from low to high, or None when it is anything else."""
    if text is None or not WHOLE_NUMBER.fullmatch(text):
        return None
    value = int(text)
    return value if low <= value <= high else None


def query_integer(query: dict, name: str, low: int, high: int, default: int) -> int:
    """The numeric query parameter name (default when absent); every route reads its numbers through
    this. Raises HttpError 400 saying what is allowed."""
    if name not in query:
        return default
    value = whole_number(query[name], low, high)
    if value is None:
        raise HttpError(400, f"{name} must be a whole number from {low} to {high}", param=name)
    return value


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def header_parameter(header_value: str, name: str) -> str | None:
    """A parameter of a header value (`boundary` of a Content-Type, `name` of a Content-Disposition),
    quoted or not."""
    pattern = r';\s*' + re.escape(name) + r'\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))'
    match = re.search(pattern, header_value or "", re.IGNORECASE)
    if match is None:
        return None
    return re.sub(r"\\(.)", r"\1", match.group(1)) if match.group(1) is not None else match.group(2)


# -----------------------------------------------------------------------------
# [SECTION] multipart/form-data
# -----------------------------------------------------------------------------

MAX_PARTS = 64


@dataclass(frozen=True)
class FilePart:
    filename: str
    content_type: str
    data: bytes


def parse_multipart(body: bytes, content_type: str) -> tuple[dict[str, str], dict[str, FilePart]]:
    """(text fields, file fields) of a multipart/form-data body (RFC 7578). Raises HttpError(400)
    saying what is wrong with a malformed one. A repeated name keeps its last value."""
    boundary = header_parameter(content_type, "boundary")
    if not boundary or len(boundary) > 70:
        raise HttpError(400, "the multipart/form-data Content-Type has no usable boundary parameter")
    delimiter = b"\r\n--" + boundary.encode("latin-1")
    sections = (b"\r\n" + body).split(delimiter)
    if len(sections) < 2:
        raise HttpError(400, "the multipart body does not contain its boundary")
    fields: dict[str, str] = {}
    files: dict[str, FilePart] = {}
    for section in sections[1:]:
        if section.startswith(b"--"):
            return fields, files  # the closing delimiter; anything after it is an epilogue
        if len(fields) + len(files) >= MAX_PARTS:
            raise HttpError(400, f"the multipart body has more than {MAX_PARTS} parts")
        head, separator, content = section.partition(b"\r\n\r\n")
        if not separator:
            raise HttpError(400, "a multipart part has no blank line after its headers")
        part_headers = {}
        for line in head.split(b"\r\n")[1:]:  # [0] is the rest of the delimiter line (padding)
            name, colon, value = line.decode("utf-8", "replace").partition(":")
            if not colon:
                raise HttpError(400, "a multipart part has a malformed header line")
            part_headers[name.strip().lower()] = value.strip()
        disposition = part_headers.get("content-disposition", "")
        name = header_parameter(disposition, "name")
        if not disposition.lower().startswith("form-data") or not name:
            raise HttpError(400, "a multipart part lacks Content-Disposition: form-data; name=...")
        filename = header_parameter(disposition, "filename")
        if filename is not None:
            files[name] = FilePart(filename, media_type(part_headers.get("content-type")) or
                                   "application/octet-stream", content)
        else:
            try:
                fields[name] = content.decode("utf-8")
            except UnicodeDecodeError:
                raise HttpError(400, f"the multipart field {name!r} is not UTF-8 text") from None
    raise HttpError(400, "the multipart body ends without its closing boundary")


# -----------------------------------------------------------------------------
# [SECTION] Files (Range)
# -----------------------------------------------------------------------------


def file_response(path: Path, content_type: str, range_header: str | None = None) -> Response:
    """A stored file, with a single `bytes=` range honoured (206, or 416 when unsatisfiable) so
    a <video> element can seek."""
    data = Path(path).read_bytes()
    headers = {"Accept-Ranges": "bytes"}
    # ASCII digits, few enough for int(); a range that is not one of these is ignored (RFC 9110 14.2)
    match = re.fullmatch(r"\s*bytes=([0-9]{0,18})-([0-9]{0,18})\s*", range_header or "")
    if not range_header or match is None or match.group(1) == match.group(2) == "":
        return Response(200, data, content_type, headers)
    size = len(data)
    if match.group(1):
        start = int(match.group(1))
        end = min(int(match.group(2)), size - 1) if match.group(2) else size - 1
    else:  # a suffix range: the last N bytes
        start, end = max(0, size - int(match.group(2))), size - 1
    if start >= size or start > end:
        return Response(416, b"", content_type, {**headers, "Content-Range": f"bytes */{size}"})
    return Response(206, data[start:end + 1], content_type, {**headers, "Content-Range": f"bytes {start}-{end}/{size}"})


# -----------------------------------------------------------------------------
# [SECTION] CORS
# -----------------------------------------------------------------------------

CORS_METHODS = "GET, POST, DELETE, OPTIONS"
CORS_EXPOSED = "openai-poll-after-ms, Retry-After, Content-Range, Content-Length"
HEADER_TOKEN = re.compile(r"[A-Za-z0-9-]{1,64}")


def cors_headers(origin: str | None, allowed: list[str], requested_headers: str | None = None) -> dict:
    """Access-Control-* for an origin given with --cors; nothing (same origin only) otherwise. The
    allowed request headers of a preflight are the requested names that are plain header tokens."""
    if not origin or origin not in allowed:
        return {}
    headers = {"Access-Control-Allow-Origin": allowed[allowed.index(origin)], "Vary": "Origin",
               "Access-Control-Expose-Headers": CORS_EXPOSED}
    if requested_headers is not None:
        names = [name.strip() for name in requested_headers.split(",") if HEADER_TOKEN.fullmatch(name.strip())]
        headers.update({"Access-Control-Allow-Methods": CORS_METHODS, "Access-Control-Max-Age": "600",
                        "Access-Control-Allow-Headers": ", ".join(names) or "content-type"})
    return headers
