"""Media inputs of a request (images, videos, references, masks, audio) turned into local files for
the renderer. Never an open fetcher:
  - data URLs and raw base64 are decoded;
  - URLs of this server itself (/v1/videos/{id}/content, /files/..., /upstream/files/..., and the
    files clients uploaded, /v1/uploads/...) resolve
    to the stored file without any HTTP;
  - http(s) URLs are fetched only from hosts given with --allow-fetch (size cap, timeout, redirects
    only to allowed hosts); anything else is refused with a message saying how to fix it.
Files land in <data>/files/.staging; JobService.submit moves them into the job's folder.

[SECTION] Where media are in a canonical request
[SECTION] InputResolver
"""

import base64
import binascii
import ipaddress
import os
import re
import secrets
import shutil
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from . import dialect_facts
from .http_util import whole_number

FETCH_TIMEOUT_S = 30
FIXED_MEDIA = ("/image", "/lastFrame", "/video")
RESULT_NAME = re.compile(r"(video|spritesheet)_\d+\.(mp4|jpg)")
UPLOAD_NAME = r"[0-9a-f]{40}\.(?:png|jpg|webp|gif|mp4|webm|wav|mp3|ogg)"  # POST /v1/uploads (routes_uploads.py)
EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp", "image/gif": ".gif",
              "video/mp4": ".mp4", "video/quicktime": ".mov", "video/webm": ".webm", "audio/wav": ".wav",
              "audio/x-wav": ".wav", "audio/mpeg": ".mp3", "audio/ogg": ".ogg"}
SIGNATURES = [(0, b"\x89PNG", ".png"), (0, b"\xff\xd8\xff", ".jpg"), (8, b"WEBP", ".webp"), (0, b"GIF8", ".gif"),
              (4, b"ftyp", ".mp4"), (0, b"\x1a\x45\xdf\xa3", ".webm"), (8, b"WAVE", ".wav"), (0, b"ID3", ".mp3"),
              (0, b"OggS", ".ogg")]


class InputError(Exception):
    """A media input that cannot be used: status 400 and a message naming the request field."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


# -----------------------------------------------------------------------------
# [SECTION] Where media are in a canonical request
# -----------------------------------------------------------------------------

def looks_like_link(value) -> bool:
    return isinstance(value, str) and re.match(r"(?i)(data:|https?://)", value) is not None


def media_values(canonical: dict) -> list[tuple[str, str]]:
    """(canonical pointer, value) of every media input: image, lastFrame, video, references[].url,
    and any provider option holding a URL or data URL (kling masks and imageTail, alibaba audioUrl)."""
    found = [(pointer, canonical[pointer[1:]]) for pointer in FIXED_MEDIA if isinstance(canonical.get(pointer[1:]), str)]
    references = canonical.get("references")
    for index, reference in enumerate(references if isinstance(references, list) else []):
        if isinstance(reference, dict) and isinstance(reference.get("url"), str):
            found.append((f"/references/{index}/url", reference["url"]))
    stack = [("/providerOptions", canonical.get("providerOptions"))]
    while stack:  # an explicit stack: no recursion per level of the client's nesting
        pointer, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((f"{pointer}/{key}", item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((f"{pointer}/{index}", item) for index, item in enumerate(value))
        elif looks_like_link(value):
            found.append((pointer, value))
    return found


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def extension_for(data: bytes, content_type: str | None) -> str:
    for offset, signature, extension in SIGNATURES:
        if data[offset:offset + len(signature)] == signature:
            return extension
    return EXTENSIONS.get((content_type or "").split(";")[0].strip().lower(), ".bin")


# -----------------------------------------------------------------------------
# [SECTION] InputResolver
# -----------------------------------------------------------------------------

class InputResolver:
    def __init__(self, store, jobs, allow_fetch: list[str], max_bytes: int, own_port: int):
        self.store = store
        self.jobs = jobs
        self.allowed = {host.lower() for host in allow_fetch}
        self.max_bytes = max_bytes
        self.own_port = own_port
        self.staging = store.files_dir / ".staging"
        shutil.rmtree(self.staging, ignore_errors=True)  # left by a request the last run never finished
        try:
            self.staging.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # an unwritable data folder: the store has logged it, and new jobs are refused

    def host_allowed(self, url: str) -> bool:
        """Is the URL's host one given with --allow-fetch (as HOST or HOST:PORT)?"""
        parts = urllib.parse.urlsplit(url)
        host = (parts.hostname or "").lower()
        return bool(host) and (host in self.allowed or f"{host}:{parts.port}" in self.allowed)

    def may_notify(self, url: str) -> bool:
        """Webhooks go to loopback or to --allow-fetch hosts only."""
        parts = urllib.parse.urlsplit(url)
        return parts.scheme in ("http", "https") and (is_loopback(parts.hostname) or self.host_allowed(url))

    def resolve(self, canonical: dict) -> dict[str, Path]:
        """Staged files for every media input; raises InputError (nothing stays staged then)."""
        staged: dict[str, Path] = {}
        try:
            for pointer, value in media_values(canonical):
                staged[pointer] = self._stage(pointer, value)
        except BaseException:
            for path in staged.values():
                path.unlink(missing_ok=True)
            raise
        return staged

    def stage_copy(self, path: Path) -> Path:
        """A staged copy (a hard link when possible) of a file this server already has."""
        target = self.staging / f"{secrets.token_hex(12)}{Path(path).suffix}"
        try:
            os.link(path, target)
        except OSError:
            shutil.copyfile(path, target)
        return target

    def _write(self, data: bytes, content_type: str | None) -> Path:
        target = self.staging / f"{secrets.token_hex(12)}{extension_for(data, content_type)}"
        target.write_bytes(data)
        return target

    def _stage(self, pointer: str, value: str) -> Path:
        if value.lower().startswith("data:"):
            return self._write(*self._decode_data_url(pointer, value))
        parts = urllib.parse.urlsplit(value)
        if parts.scheme.lower() in ("http", "https"):
            own = self._own_file(pointer, value)
            if own is not None:
                return self.stage_copy(own)
            if not self.host_allowed(value):
                raise InputError(f"{pointer}: this server does not fetch media from {parts.hostname or value!r}. "
                                 "Send the file itself (a data URL or base64, or a multipart input_reference), "
                                 f"or start serve.py with --allow-fetch {parts.hostname} to allow that host")
            return self._write(*self._fetch(pointer, value))
        if pointer in FIXED_MEDIA or pointer.startswith("/references/"):
            try:
                data = base64.b64decode(re.sub(r"\s+", "", value), validate=True)
            except (binascii.Error, ValueError):
                data = b""
            if data:
                self._check_size(pointer, len(data))
                return self._write(data, None)
        raise InputError(f"{pointer}: not an http(s) URL, a data URL or base64")

    def _check_size(self, pointer: str, size: int):
        if size > self.max_bytes:
            raise InputError(f"{pointer}: the media is larger than {self.max_bytes} bytes (serve.py --max-body)", 413)

    def _decode_data_url(self, pointer: str, value: str) -> tuple[bytes, str]:
        header, comma, payload = value[5:].partition(",")
        if not comma:
            raise InputError(f"{pointer}: a data URL needs a comma before its data")
        content_type = header.split(";")[0] or "text/plain"
        if header.lower().endswith(";base64"):
            try:
                data = base64.b64decode(re.sub(r"\s+", "", payload), validate=True)
            except (binascii.Error, ValueError):
                raise InputError(f"{pointer}: the data URL's base64 is not valid") from None
        else:
            data = urllib.parse.unquote_to_bytes(payload)
        self._check_size(pointer, len(data))
        return data, content_type

    def _own_file(self, pointer: str, url: str) -> Path | None:
        """The stored file a URL of this very server names (None when the URL is not ours)."""
        parts = urllib.parse.urlsplit(url)
        if not is_loopback(parts.hostname) or parts.port != self.own_port:
            return None
        query = urllib.parse.parse_qs(parts.query)
        path = None
        if job_id := dialect_facts.content_job_id(parts.path):
            job = self.jobs.get(job_id)
            index = whole_number(query.get("index", ["0"])[0], 0, len(job.videos) - 1) if job is not None else None
            key = "thumbnail" if query.get("variant", ["video"])[0] == "thumbnail" else "path"
            if index is not None:
                path = Path(job.videos[index][key])
        elif match := re.fullmatch(r"/files/([A-Za-z0-9_-]+)/([A-Za-z0-9_.-]+)", parts.path):
            if RESULT_NAME.fullmatch(match.group(2)):
                path = self.store.files_dir / match.group(1) / match.group(2)
        elif match := re.fullmatch(r"/upstream/files/([0-9a-f]{40})", parts.path):
            path = self.store.data_dir / "upstream" / match.group(1)
        elif match := re.fullmatch(r"/v1/uploads/(" + UPLOAD_NAME + ")", parts.path):
            path = self.store.uploads_dir / match.group(1)
        if path is None or not path.is_file():
            raise InputError(f"{pointer}: this server has no file at {parts.path} (finished, not deleted?)")
        return path

    def _fetch(self, pointer: str, url: str) -> tuple[bytes, str]:
        resolver = self

        class AllowedRedirects(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, request, fp, code, message, headers, new_url):
                if not resolver.host_allowed(new_url):
                    raise InputError(f"{pointer}: {url} redirects to a host not given with --allow-fetch")
                return super().redirect_request(request, fp, code, message, headers, new_url)

        opener = urllib.request.build_opener(AllowedRedirects)
        request = urllib.request.Request(url, headers={"User-Agent": "VideoGenPlayground/1"})
        try:
            with opener.open(request, timeout=FETCH_TIMEOUT_S) as response:
                data = response.read(self.max_bytes + 1)
                content_type = response.headers.get("Content-Type")
        except urllib.error.HTTPError as problem:
            raise InputError(f"{pointer}: fetching {url} answered HTTP {problem.code}") from None
        except (urllib.error.URLError, OSError) as problem:
            raise InputError(f"{pointer}: fetching {url} failed: {problem}") from None
        self._check_size(pointer, len(data))
        return data, content_type
