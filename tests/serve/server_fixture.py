"""Shared by the gateway tests: serve.py as a subprocess on a free port (--port 0) with a temporary
--data, small HTTP helpers, polling, a webhook receiver, and ffprobe.

The native core comes from $VG_NATIVE_DIR (default build/native); renders need ffmpeg.
"""

import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NATIVE_DIR = Path(os.environ.get("VG_NATIVE_DIR", REPO / "build" / "native"))
RENDER_TIMEOUT_S = 180


class ServerTestCase(unittest.TestCase):
    """Tests that share one serve.py, started before the first and stopped after the last."""

    @classmethod
    def setUpClass(cls):
        cls.server = ServeProcess()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()


class ServeProcess:
    """serve.py with its own data folder (kept across restart() so a test can stop and start it)."""

    def __init__(self, *args, env=None, data: Path | None = None):
        self._temp = None if data else tempfile.TemporaryDirectory(prefix="vgserve-")
        self.data = Path(data) if data else Path(self._temp.name)
        self.args = list(args)
        self.env = env
        self.start()

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, str(REPO / "serve.py"), "--port", "0", "--quiet", "--data", str(self.data),
             "--native-dir", str(NATIVE_DIR), "--root", str(self.data / "no-site"), *self.args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env)
        line = self.process.stdout.readline()
        if "http://" not in line:
            self.process.kill()
            raise RuntimeError(f"serve.py did not start: {line!r} {self.process.stderr.read()!r}")
        self.host, port = line.split("http://", 1)[1].split("/", 1)[0].rsplit(":", 1)
        self.port = int(port)
        self.origin = f"http://{self.host}:{self.port}"

    def stop(self, sig=signal.SIGTERM) -> int:
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=30)
        finally:
            self.process.stdout.close()
            self.process.stderr.close()

    def stop_and_read_stderr(self) -> str:
        """Stops the server (SIGTERM) and returns everything it wrote on stderr."""
        self.process.send_signal(signal.SIGTERM)
        _, errors = self.process.communicate(timeout=30)
        return errors

    def close(self):
        if self.process.poll() is None:
            self.stop()
        if self._temp:
            self._temp.cleanup()

    # ---- HTTP ----
    def request(self, method, path, body=None, headers=None, timeout=RENDER_TIMEOUT_S):
        """(status, headers dict with lower-case names, body bytes). A dict body is sent as JSON."""
        headers = dict(headers or {})
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            headers.setdefault("Content-Type", "application/json")
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def json(self, method, path, body=None, headers=None):
        status, response_headers, raw = self.request(method, path, body, headers)
        return status, json.loads(raw) if raw else None, response_headers

    def poll(self, path, done, headers=None, timeout=RENDER_TIMEOUT_S, interval=0.25):
        """GETs path until done(body) is true; returns (body, every status word seen)."""
        deadline = time.monotonic() + timeout
        seen = []
        while True:
            status, body, _ = self.json("GET", path, headers=headers)
            if status != 200:
                raise AssertionError(f"GET {path} answered {status}: {body}")
            seen.append(body.get("status"))
            if done(body):
                return body, seen
            if time.monotonic() > deadline:
                raise AssertionError(f"{path} did not finish in {timeout} s: {body}")
            time.sleep(interval)

    def local_path(self, url: str) -> str:
        """The path of one of this server's URLs."""
        assert url.startswith(self.origin + "/"), url
        return url[len(self.origin):]


class WebhookReceiver:
    """A loopback HTTP server recording every webhook: `events` (the JSON bodies) and `headers`
    (each one's headers, lower-case names), in the order they arrived."""

    def __init__(self):
        self.events = []
        self.headers = []
        self.arrived = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                # recorded before the answer: the sender sends the next event only after this one's
                # answer, so the list is in the order the events were sent
                with receiver.arrived:
                    receiver.events.append(body)
                    receiver.headers.append({name.lower(): value for name, value in self.headers.items()})
                    receiver.arrived.notify_all()
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def wait_until(self, arrived, what: str, timeout=60) -> list[dict]:
        """Waits until arrived(body) holds for a webhook received; every such body, in order."""
        deadline = time.monotonic() + timeout
        with self.arrived:
            while not any(arrived(event) for event in self.events):
                if not self.arrived.wait(deadline - time.monotonic()):
                    raise AssertionError(f"no webhook {what} in {timeout} s: {self.events}")
            return [event for event in self.events if arrived(event)]

    def wait_for_job(self, job_id, event, timeout=60) -> list[dict]:
        """The jobs dialect's webhooks of job_id once its `event` has arrived."""
        self.wait_until(lambda body: body.get("jobId") == job_id and body.get("event") == event,
                        f"{event} of {job_id}", timeout)
        return [body for body in self.events if body.get("jobId") == job_id]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def ffprobe(data: bytes) -> dict:
    """{duration, width, height, has_audio, video_codec} of mp4 bytes."""
    with tempfile.NamedTemporaryFile(suffix=".mp4") as file:
        file.write(data)
        file.flush()
        done = subprocess.run(["ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", file.name],
                              capture_output=True, text=True, timeout=60, check=True)
    info = json.loads(done.stdout)
    video = next(stream for stream in info["streams"] if stream["codec_type"] == "video")
    return {"duration": float(info["format"]["duration"]), "width": int(video["width"]),
            "height": int(video["height"]), "video_codec": video["codec_name"],
            "has_audio": any(stream["codec_type"] == "audio" for stream in info["streams"])}


def png_bytes(width: int, height: int, color: str = "orange") -> bytes:
    """A real PNG made by ffmpeg."""
    done = subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", f"color=c={color}:s={width}x{height}",
                           "-frames:v", "1", "-f", "image2pipe", "-c:v", "png", "-"],
                          capture_output=True, timeout=60, check=True)
    return done.stdout


def multipart(fields: dict[str, str], files: dict[str, tuple[str, str, bytes]]) -> tuple[bytes, str]:
    """(body, Content-Type) of a multipart/form-data form; files: name -> (filename, type, data)."""
    boundary = "vgtestboundary7d1f"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content_type, data) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f"Content-Type: {content_type}\r\n\r\n".encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"
