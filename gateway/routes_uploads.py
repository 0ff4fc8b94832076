"""POST /v1/uploads and GET /v1/uploads/{name}: media a client hosts on this server so that a model
that takes URLs only (Wan's image, seed 001: "image URLs, not buffers") can use a local file.

The playground posts a chosen, dropped or pasted file here and puts the answered URL in the
request; the local renderer reads that URL from disk (gateway/media_inputs.py), never over HTTP, so
no --allow-fetch is needed. The body is the file's raw bytes (any Content-Type) or multipart/form-data
with one part named `file`. Only media files are kept: the content is recognised from its first
bytes (PNG, JPEG, WebP, GIF, MP4/MOV, WebM, WAV, MP3, OGG), whatever the client claims. A file is
named by its SHA-256, so the same bytes posted twice give the same URL and one copy on disk. Uploads
live under <data>/uploads until the data folder is cleared.
"""

import hashlib
import os
import re
import tempfile
from pathlib import Path

from .http_util import HttpError, Response, file_response, json_response, media_type, parse_multipart, public_route
from .media_inputs import SIGNATURES, UPLOAD_NAME, extension_for
from .route_common import error_response

TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp", ".gif": "image/gif", ".mp4": "video/mp4",
         ".webm": "video/webm", ".wav": "audio/wav", ".mp3": "audio/mpeg", ".ogg": "audio/ogg"}
ACCEPTED = "PNG, JPEG, WebP, GIF, MP4/MOV, WebM, WAV, MP3 (with an ID3 tag) or OGG"
assert {extension for _, _, extension in SIGNATURES} == set(TYPES), "every recognised signature has a type here"


def upload_bytes(request) -> bytes:
    """The file of a raw or multipart upload; HttpError says what to send instead."""
    content_type = request.headers.get("Content-Type") or ""
    if media_type(content_type) != "multipart/form-data":
        return request.body
    _, files = parse_multipart(request.body, content_type)
    if "file" not in files:
        raise HttpError(400, "the multipart upload has no part named \"file\": send the file as name=\"file\"")
    return files["file"].data


def keep(folder: Path, name: str, data: bytes):
    """Stores data as folder/name: written whole to a temporary file of its own, then renamed, so a
    reader never sees half a file and identical uploads at once each rename the same bytes into place."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".partial", dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, folder / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def store_upload(ctx, data: bytes, dialect: str | None = None, what: str = "the upload"):
    """The name (also its id) of data kept under <data>/uploads, or the Response refusing it in the
    dialect's error shape: empty, over --max-upload, not a media file, or a data folder that takes
    no writes."""
    if not data:
        return error_response(dialect, 400, f"{what} is empty: send the file's bytes")
    cap = ctx.config.max_upload
    if len(data) > cap:
        return error_response(dialect, 413, f"{what} is {len(data)} bytes; this server keeps uploads of at most "
                                            f"{cap} bytes (serve.py --max-upload)")
    extension = extension_for(data, None)
    if extension not in TYPES:
        return error_response(dialect, 415, f"{what} is not a media file this server recognises: send a {ACCEPTED} "
                                            "file (the type is read from the file's first bytes)")
    name = hashlib.sha256(data).hexdigest()[:40] + extension
    folder = ctx.store.uploads_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / name).is_file():
            keep(folder, name, data)
    except OSError as problem:  # read-only, full or vanished data folder: say so, keep serving
        ctx.log(f"an upload cannot be stored in {folder}: {problem.strerror or problem}")
        return error_response(dialect, 503, f"{what} cannot be stored: the data folder refused it "
                                            f"({problem.strerror or type(problem).__name__}); free space or fix the "
                                            "--data folder, then send it again", headers={"Retry-After": "30"})
    return name


def upload_url(ctx, name: str) -> str | None:
    """The URL of the upload with this name (the `id` POST answered), None when the server keeps none:
    the renderer reads such a URL from disk (media_inputs)."""
    if not re.fullmatch(UPLOAD_NAME, name) or not (ctx.store.uploads_dir / name).is_file():
        return None
    return f"{ctx.base_url}/v1/uploads/{name}"


def post_upload(ctx, request) -> Response:
    try:
        data = upload_bytes(request)
    except HttpError as problem:
        return error_response(None, problem.status, problem.message)
    name = store_upload(ctx, data)
    if isinstance(name, Response):
        return name
    return json_response(201, {"url": upload_url(ctx, name), "id": name, "bytes": len(data),
                               "contentType": TYPES[Path(name).suffix]})


@public_route
def get_upload(ctx, request) -> Response:
    """Public like result links: an <img> or <video> element (and a provider fetching the URL) sends
    no key."""
    name = request.match.group(1)
    path = ctx.store.uploads_dir / name
    if not path.is_file():
        return error_response(None, 404, "no upload with this name on this server (was its --data folder cleared?)")
    return file_response(path, TYPES[path.suffix], request.headers.get("Range"))


ROUTES = [("POST", r"^/v1/uploads$", post_upload),
          ("GET", r"^/v1/uploads/(" + UPLOAD_NAME + r")$", get_upload)]
