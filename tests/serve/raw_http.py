"""Raw HTTP/1.1 over a socket for the tests that send what http.client refuses to: one exchange (send,
half-close, read until the server closes) and the responses it holds, split by their own framing."""

import re
import socket
from dataclasses import dataclass

STATUS_LINE = re.compile(rb"HTTP/1\.1 ([1-5][0-9][0-9]) [^\r\n]*\r\n")
FIELD_LINE = re.compile(rb"([!#$%&'*+\-.^_`|~0-9A-Za-z]+): ?([^\r\n]*)\r\n")


@dataclass
class Answer:
    status: int
    headers: dict  # lower-case name -> value
    body: bytes


def exchange(host: str, port: int, data: bytes, timeout: float = 30) -> bytes:
    """Everything the server sends back for data, which is sent whole and followed by a half-close
    (so a server waiting for more bytes sees the end instead of a stall)."""
    with socket.create_connection((host, port), timeout=timeout) as sock:
        try:
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before taking everything: read what it said
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


def split_answers(stream: bytes, head_only: bool = False) -> list[Answer]:
    """The responses in a stream, each framed by Content-Length (chunked ones are read chunk by
    chunk). Raises ValueError when the stream is not well-formed HTTP/1.1. head_only: the answers
    to HEAD carry no body."""
    answers = []
    position = 0
    while position < len(stream):
        status = STATUS_LINE.match(stream, position)
        if status is None:
            raise ValueError(f"no status line at byte {position}: {stream[position:position + 80]!r}")
        position = status.end()
        headers = {}
        while not stream.startswith(b"\r\n", position):
            field = FIELD_LINE.match(stream, position)
            if field is None:
                raise ValueError(f"malformed header line at byte {position}: {stream[position:position + 80]!r}")
            headers[field.group(1).decode().lower()] = field.group(2).decode("latin-1")
            position = field.end()
        position += 2
        code = int(status.group(1))
        if head_only or code in (204, 304) or 100 <= code < 200:
            body = b""
        elif headers.get("transfer-encoding") == "chunked":
            body, position = dechunk(stream, position)
        else:
            length = int(headers.get("content-length", "x"))
            body = stream[position:position + length]
            if len(body) != length:
                raise ValueError(f"the body is {len(body)} bytes, its Content-Length says {length}")
            position += length
        answers.append(Answer(code, headers, body))
    return answers


def dechunk(stream: bytes, position: int) -> tuple[bytes, int]:
    parts = []
    while True:
        size_end = stream.index(b"\r\n", position)
        size = int(stream[position:size_end], 16)
        position = size_end + 2
        if size == 0:
            if not stream.startswith(b"\r\n", position):
                raise ValueError("a chunked body without its final CRLF")
            return b"".join(parts), position + 2
        parts.append(stream[position:position + size])
        position += size + 2
