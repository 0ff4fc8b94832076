"""A seeded mutation fuzz of serve.py's request line, header fields and framing, over loopback.

    python3 -m unittest discover -s tests/serve -p 'test_http_fuzz.py'
    VG_HTTP_FUZZ_CASES=20000 VG_HTTP_FUZZ_SEED=7 python3 -m unittest ...   # a longer or another run

The seeds are raw requests in tests/fuzz/http/*.http (one per route family, and the cases earlier
runs found). Each seed is sent as it is, then each further case mutates one seed (request line, methods, targets, versions, header names and values, folding, NULs, odd
Content-Length, chunked bodies, truncation, non-UTF-8, raw byte edits), sends it on a connection of
its own, half-closes and reads until the server closes. Every case must get well-formed HTTP/1.1
answers, none a 500, and neither a reset nor a stall; the server must stay up and print no traceback.
A case that fails is printed as bytes: keep it in tests/fuzz/http/ as a seed once fixed.
"""

import os
import random
import re
import signal
import socket
import sys
import tempfile
import threading
import unittest
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from raw_http import split_answers
from server_fixture import REPO, ServeProcess

SEEDS_DIR = REPO / "tests" / "fuzz" / "http"
CASES = int(os.environ.get("VG_HTTP_FUZZ_CASES", "3000"))
SEED = int(os.environ.get("VG_HTTP_FUZZ_SEED", "9"))
CLIENTS = 4            # cases in flight at once
CASE_TIMEOUT_S = 30    # an answer later than this is a stall
MAX_BODY = 100_000     # the fuzzed server's --max-body: big Content-Lengths are refused, not read

METHODS = [b"GET", b"POST", b"HEAD", b"PUT", b"DELETE", b"OPTIONS", b"PATCH", b"TRACE", b"CONNECT", b"PRI", b"BREW",
           b"get", b"G ET", b"", b"GET\x00", b"G\xc9T", b"X" * 300, b"GET\t", b"do_GET", b"__init__"]
TARGETS = [b"/", b"*", b"//v1/models", b"///files/x", b"http://[::1/x", b"http://127.0.0.1:1/v1/models", b"v1/models",
           b"/%00", b"/%", b"/%zz", b"/\x00", b"/\xff\xfe", b"/a b", b"/#frag", b"/?", b"/v1/videos?limit=" + b"9" * 5000,
           b"/v1/videos?limit=%C2%B2", b"/v1/videos?limit=-1&order=%00", b"/v1/videos/task_a/content?index=" + b"1" * 30,
           b"/v1/videos/task_a/content?index=%D9%A1", b"/files/../jobs.sqlite3", b"/files/x/%2e%2e%2fy",
           b"/" + b"a" * 300, b"/" + b"a/" * 3000, b"/" + b"a" * 70000, b"/v1/uploads/" + b"0" * 40 + b".png",
           b"/?" + b"&".join([b"x=1"] * 3000), b"/index.html/..", b"/.", b"/%2e%2e/%2e%2e/etc/passwd",
           b"/v3/ai/video-model", b"/v1/video/generations", b"/api/v1/creative-hub/generate/jobs/" + b"x" * 101]
VERSIONS = [b"HTTP/1.1", b"HTTP/1.0", b"HTTP/0.9", b"HTTP/2.0", b"HTTP/3", b"HTTP/1.10", b"HTTP/11.1", b"http/1.1",
            b"HTTP/1", b"", b"HTTP/1.1 x", b"HTTP/\xb9.1", b"HTTP/1.1\x00", b"HTTP/1.1\r", b"HTTP/1.\xd9\xa1"]
CONTENT_LENGTHS = [b"\xc2\xb2", b"\xb2", b"-1", b"+1", b"0x10", b"1e3", b"9" * 5000, b" 5 ", b"5, 5", b"5, 6", b"",
                   b"0", b"1", b"2", b"99999999999999999999", b"\xd9\xa1", b"1_0", b"5\x00", b"100001", b"7 ,7"]
FIELD_NAMES = [b"Content-Length ", b" Host", b"X\x00Y", b"", b"X Y", b"\xff", b"X" * 9000, b"Content-Length",
               b"Transfer-Encoding", b"Host", b"Expect", b"Connection", b"Range", b"Origin", b"Content-Type",
               b"Authorization", b"If-None-Match", b"Accept-Encoding", b"ai-model-id", b"X-A:"]
FIELD_VALUES = [b"a\x00b", b"a\rb", b"a\nb", b"\xff\xfe", b"x" * 70000, b"", b" ", b"\t", b"chunked", b"100-continue",
                b"close", b"keep-alive", b"bytes=0-", b"bytes=" + b"9" * 5000 + b"-", b"bytes=-0", b"bytes=5-1",
                b"gzip, chunked", b"chunked, identity", b"http://evil.example", b"multipart/form-data; boundary=",
                b"multipart/form-data; boundary=" + b"b" * 100, b"Bearer \x00", b"gzip;q=nan", b"\"" + b"x" * 5000,
                b"\xc3\x28", b"=?utf-8?b?AAAA?="]
BODIES = [b"", b"{", b"{}", b"[]", b'{"a":1,"a":2}', b'{"prompt":NaN}', b'{"prompt":"\\ud800"}', b"\xff\xfe\x00\x00",
          b'{"model":"nobody","prompt":"' + b"x" * 4000 + b'"}', b"[" * 100 + b"]" * 100, b"0\r\n\r\n",
          b"5\r\nabc\r\n0\r\n\r\n", b"zz\r\n", b"ffffffffffffffff\r\n", b"--b\r\nno headers", b"\x00" * 64]


def load_seeds() -> list[tuple[str, bytes]]:
    return [(path.stem, path.read_bytes()) for path in sorted(SEEDS_DIR.glob("*.http"))]


# -----------------------------------------------------------------------------
# Mutations
# -----------------------------------------------------------------------------

class Message:
    """A request split where a server would split it: request line, header fields, the rest."""

    def __init__(self, data: bytes):
        head, _, self.body = data.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        parts = lines[0].split(b" ")
        self.method, self.target, self.version = (parts + [b"", b""])[:3]
        self.fields = [line.partition(b": ")[::2] for line in lines[1:]]
        self.separator = b" "
        self.newline = b"\r\n"

    def set_field(self, name: bytes, value: bytes):
        self.fields = [field for field in self.fields if field[0].lower() != name.lower()] + [(name, value)]

    def bytes(self) -> bytes:
        line = self.separator.join(part for part in (self.method, self.target, self.version))
        head = [line] + [name + b": " + value for name, value in self.fields]
        return self.newline.join(head) + self.newline + self.newline + self.body


def mutate_method(rng, message):
    message.method = rng.choice(METHODS)


def mutate_target(rng, message):
    message.target = rng.choice(TARGETS) if rng.random() < 0.7 else message.target + rng.choice(TARGETS)[1:]


def mutate_version(rng, message):
    message.version = rng.choice(VERSIONS)


def mutate_separator(rng, message):
    message.separator = rng.choice([b"  ", b"\t", b"\x00", b" \x0b", b"\xa0", b""])


def mutate_newline(rng, message):
    message.newline = rng.choice([b"\n", b"\r", b"\r\r\n", b"\n\r"])


def add_field(rng, message):
    message.fields.insert(rng.randrange(len(message.fields) + 1), (rng.choice(FIELD_NAMES), rng.choice(FIELD_VALUES)))


def drop_field(rng, message):
    if message.fields:
        message.fields.pop(rng.randrange(len(message.fields)))


def repeat_field(rng, message):
    if message.fields:
        message.fields.append(rng.choice(message.fields))


def fold_field(rng, message):
    if message.fields:
        index = rng.randrange(len(message.fields))
        name, value = message.fields[index]
        message.fields[index] = (name, value + b"\r\n" + rng.choice([b" ", b"\t"]) + rng.choice(FIELD_VALUES)[:40])


def many_fields(rng, message):
    message.fields += [(b"X-F%d" % number, b"v") for number in range(rng.choice([99, 100, 101, 500]))]


def mutate_content_length(rng, message):
    value = rng.choice(CONTENT_LENGTHS)
    if rng.random() < 0.5:
        message.set_field(b"Content-Length", value)
    else:
        message.fields.append((b"Content-Length", value))


def add_transfer_encoding(rng, message):
    message.fields.append((b"Transfer-Encoding", rng.choice([b"chunked", b"gzip", b"chunked, chunked", b"identity",
                                                             b" chunked", b"CHUNKED", b"\x00"])))
    if rng.random() < 0.5:
        message.body = rng.choice(BODIES)


def mutate_body(rng, message):
    choice = rng.random()
    if choice < 0.4:
        message.body = rng.choice(BODIES)
    elif choice < 0.7:
        message.body = message.body[:rng.randrange(len(message.body) + 1)]
    else:
        message.body += rng.choice(BODIES) + (b"GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n" if rng.random() < 0.5
                                              else b"")


STRUCTURAL = [mutate_method, mutate_target, mutate_version, mutate_separator, mutate_newline, add_field, drop_field,
              repeat_field, fold_field, many_fields, mutate_content_length, add_transfer_encoding, mutate_body]


def edit_bytes(rng, data: bytes) -> bytes:
    """Raw byte edits: flip, insert, delete, duplicate, truncate."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not data:
            break
        position = rng.randrange(len(data))
        kind = rng.randrange(5)
        if kind == 0:
            data[position] ^= 1 << rng.randrange(8)
        elif kind == 1:
            data[position:position] = bytes([rng.choice([0, 9, 10, 13, 32, 58, 0x7f, 0x80, 0xb2, 0xff,
                                                         rng.randrange(256)])])
        elif kind == 2:
            del data[position:position + rng.randint(1, 16)]
        elif kind == 3:
            data[position:position] = data[position:position + rng.randint(1, 32)]
        else:
            del data[position:]
    return bytes(data)


def mutated_case(seeds, index: int) -> tuple[str, bytes]:
    """Case index of this run: first each seed as it is, then mutations; the same (SEED, index)
    always gives the same bytes."""
    if index < len(seeds):
        return seeds[index]
    rng = random.Random(f"{SEED}:{index}")
    name, data = rng.choice(seeds)
    if rng.random() < 0.75:
        message = Message(data)
        operations = [rng.choice(STRUCTURAL) for _ in range(rng.randint(1, 3))]
        for operation in operations:
            operation(rng, message)
        data = message.bytes()
        name += "+" + "+".join(operation.__name__ for operation in operations)
    if rng.random() < 0.35:
        data = edit_bytes(rng, data)
        name += "+bytes"
    return name, data


# -----------------------------------------------------------------------------
# Judging an answer
# -----------------------------------------------------------------------------

def exchange(host: str, port: int, data: bytes) -> bytes:
    """What the server answers to data; a reset raises ConnectionResetError, a stall TimeoutError."""
    with socket.create_connection((host, port), timeout=CASE_TIMEOUT_S) as sock:
        try:
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)
        except BrokenPipeError:
            pass  # it answered and closed before taking everything: what it said is still readable
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


def verdict(data: bytes, answer: bytes) -> str | None:
    """None when the answer is acceptable, else what is wrong with it."""
    if not answer:
        # A clean close without an answer is for a stream holding no request at all.
        return None if not data.strip(b"\r\n") else "the connection closed without an answer"
    try:  # an answer to HEAD has no body, whatever its Content-Length says
        answers = split_answers(answer[:answer.find(b"\r\n\r\n") + 4], head_only=True) \
            if data.startswith(b"HEAD ") and b"\r\n\r\n" in answer else split_answers(answer)
    except ValueError as problem:
        return f"not well-formed HTTP/1.1: {problem}"
    if answers[0].status == 500 or re.search(rb"(^|\n)HTTP/1\.1 500 ", answer):
        return f"a 500: {answers[0].body[:200]!r}"
    return None


class HttpFuzzTest(unittest.TestCase):
    def test_mutated_requests_get_well_formed_answers_and_the_server_stays_up(self):
        seeds = load_seeds()
        self.assertGreaterEqual(len(seeds), 10, f"the seed requests in {SEEDS_DIR}")
        with tempfile.TemporaryDirectory(prefix="vgfuzz-site-") as site:
            Path(site, "index.html").write_text("<!doctype html><title>fuzz</title>\n")
            Path(site, "app.js").write_text("console.log('fuzz');\n")
            server = ServeProcess("--root", site, "--max-body", str(MAX_BODY), "--workers", "1")
            errors = []
            reader = threading.Thread(target=lambda: errors.extend(server.process.stderr), daemon=True)
            reader.start()  # drained as it comes, so a noisy server never blocks on a full pipe
            try:
                failures, statuses = self.run_cases(server, seeds)
                alive = server.process.poll() is None
                final = server.request("GET", "/v1/models")[0] if alive else None
            finally:
                server.process.send_signal(signal.SIGTERM)
                server.process.wait(30)
                reader.join(30)
                server.process.stdout.close()
                server.process.stderr.close()
                server.close()
        summary = ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items()))
        print(f"\nHTTP fuzz: {sum(statuses.values())} cases (seed {SEED}, {len(seeds)} seed requests); "
              f"first statuses {summary}", file=sys.stderr)
        self.assertTrue(alive, "the server died")
        self.assertEqual(final, 200, "the server answers after the fuzz")
        self.assertEqual(failures[:10], [], f"{len(failures)} of {CASES} cases failed")
        traceback_lines = [line for line in errors if "Traceback" in line or "Exception occurred" in line]
        self.assertEqual(traceback_lines, [], "".join(errors)[:4000])

    def run_cases(self, server, seeds):
        failures = []
        statuses = {}
        lock = threading.Lock()

        def run(index: int):
            name, data = mutated_case(seeds, index)
            try:
                answer = exchange(server.host, server.port, data)
                problem = verdict(data, answer)
            except OSError as error:  # a reset or a stall
                answer, problem = b"", f"{type(error).__name__}: {error}"
            match = re.match(rb"HTTP/1\.1 (\d{3})", answer)
            with lock:
                key = match.group(1).decode() if match else "closed"
                statuses[key] = statuses.get(key, 0) + 1
                if problem:
                    failures.append(f"case {index} ({name}): {problem}\n  sent {data[:300]!r}\n"
                                    f"  got {answer[:300]!r}")

        with ThreadPoolExecutor(CLIENTS) as pool:
            for batch_start in range(0, CASES, 200):  # stops early when the server is gone
                list(pool.map(run, range(batch_start, min(batch_start + 200, CASES))))
                if server.process.poll() is not None:
                    break
        return failures, statuses


if __name__ == "__main__":
    unittest.main()
