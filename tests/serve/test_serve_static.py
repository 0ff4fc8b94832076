"""serve.py over real HTTP: static files (MIME types, ETag/304, gzip, brotli and gzip written by
scripts/precompress_site.py, no listing, no escaping the root), the not-built message, GET /v1/models
through the core, and a clean stop on SIGTERM.

    python3 -m unittest discover -s tests/serve -p 'test_*.py'

/v1/models needs the native build (libvgcore.so or vgen in $VG_NATIVE_DIR, default build/native).
"""

import gzip
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NATIVE_DIR = Path(os.environ.get("VG_NATIVE_DIR", REPO / "build" / "native"))
WASM_BYTES = b"\x00asm\x01\x00\x00\x00" + bytes(range(256)) * 8


class ServerProcess:
    """serve.py on a free port (--port 0); the URL comes from its first line of output."""

    def __init__(self, root: Path):
        self.process = subprocess.Popen(
            [sys.executable, str(REPO / "serve.py"), "--port", "0", "--quiet", "--root", str(root),
             "--native-dir", str(NATIVE_DIR)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if "http://" not in line:
            self.process.kill()
            raise RuntimeError(f"serve.py did not start: {line!r} {self.process.stderr.read()!r}")
        address = line.split("http://", 1)[1].split("/", 1)[0]
        self.host, port = address.rsplit(":", 1)
        self.port = int(port)

    def request(self, path: str, headers=None, method="GET"):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request(method, path, headers=headers or {})
            response = connection.getresponse()
            return response, response.read()
        finally:
            connection.close()

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=10)
        finally:
            self.process.stdout.close()
            self.process.stderr.close()


class StaticSiteTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.temp = tempfile.TemporaryDirectory()
        base = Path(cls.temp.name)
        (base / "secret.txt").write_text("outside the root\n")
        root = base / "site"
        (root / "sub").mkdir(parents=True)
        (root / "index.html").write_text("<!doctype html><title>t</title>" + "<p>x</p>" * 200)
        (root / "app.js").write_text("console.log('hello');\n" * 50)
        (root / "app.css").write_text("body { margin: 0 }\n" * 50)
        (root / "playground.wasm").write_bytes(WASM_BYTES)
        (root / "sub" / "note.txt").write_text("no index here\n")
        (root / "escape.txt").symlink_to(base / "secret.txt")
        cls.server = ServerProcess(root)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.temp.cleanup()

    def get(self, path, **headers):
        return self.server.request(path, headers)

    def test_index_at_root_is_html(self):
        response, body = self.get("/")
        self.assertEqual(response.status, 200)
        self.assertEqual(response.getheader("Content-Type"), "text/html; charset=utf-8")
        self.assertIn(b"<title>t</title>", body)

    def test_mime_types(self):
        expected = {"/app.js": "text/javascript; charset=utf-8", "/app.css": "text/css; charset=utf-8",
                    "/playground.wasm": "application/wasm", "/sub/note.txt": "text/plain; charset=utf-8"}
        for path, content_type in expected.items():
            with self.subTest(path=path):
                response, _ = self.get(path)
                self.assertEqual(response.status, 200)
                self.assertEqual(response.getheader("Content-Type"), content_type)

    def test_wasm_bytes_are_served_unchanged_without_gzip(self):
        response, body = self.get("/playground.wasm")
        self.assertIsNone(response.getheader("Content-Encoding"))
        self.assertEqual(body, WASM_BYTES)

    def test_etag_and_304(self):
        response, _ = self.get("/app.js")
        etag = response.getheader("ETag")
        self.assertTrue(etag and etag.startswith('"'))
        again, body = self.get("/app.js", **{"If-None-Match": etag})
        self.assertEqual(again.status, 304)
        self.assertEqual(body, b"")
        other, _ = self.get("/app.js", **{"If-None-Match": '"something-else"'})
        self.assertEqual(other.status, 200)

    def test_gzip_when_accepted(self):
        for path, raw_name in (("/playground.wasm", "playground.wasm"), ("/app.js", "app.js"),
                               ("/app.css", "app.css"), ("/", "index.html")):
            with self.subTest(path=path):
                response, body = self.get(path, **{"Accept-Encoding": "br, gzip"})
                self.assertEqual(response.getheader("Content-Encoding"), "gzip")
                self.assertEqual(response.getheader("Vary"), "Accept-Encoding")
                self.assertEqual(gzip.decompress(body), (self.server_root() / raw_name).read_bytes())

    def test_gzip_refused_with_q_zero_and_distinct_etag(self):
        plain, _ = self.get("/app.js", **{"Accept-Encoding": "gzip;q=0"})
        self.assertIsNone(plain.getheader("Content-Encoding"))
        zipped, _ = self.get("/app.js", **{"Accept-Encoding": "gzip"})
        self.assertNotEqual(plain.getheader("ETag"), zipped.getheader("ETag"))
        not_modified, _ = self.get("/app.js", **{"Accept-Encoding": "gzip", "If-None-Match": zipped.getheader("ETag")})
        self.assertEqual(not_modified.status, 304)

    def test_no_directory_listing(self):
        response, body = self.get("/sub/")
        self.assertEqual(response.status, 404)
        self.assertNotIn(b"note.txt", body)

    def test_paths_cannot_escape_the_root(self):
        for path in ("/../secret.txt", "/sub/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
                     "/sub/%2e%2e/%2e%2e/secret.txt", "/..%5csecret.txt", "//etc/passwd", "/%2Fetc%2Fpasswd",
                     "/escape.txt", "/app.js%00.html"):
            with self.subTest(path=path):
                response, body = self.get(path)
                self.assertEqual(response.status, 404)
                self.assertNotIn(b"outside the root", body)
                self.assertNotIn(b"root:", body)

    def test_unknown_path_is_404(self):
        response, _ = self.get("/no/such/file.js")
        self.assertEqual(response.status, 404)

    def test_names_too_long_for_the_file_system_are_404(self):
        for path in ("/" + "a" * 300, "/a" * 3000, "/sub/" + "%61" * 300):  # ENAMETOOLONG: a name, a whole path
            with self.subTest(path=path[:20]):
                self.assertEqual(self.get(path)[0].status, 404)

    def test_head_has_headers_without_body(self):
        response, body = self.server.request("/app.js", method="HEAD")
        self.assertEqual(response.status, 200)
        self.assertEqual(body, b"")
        self.assertEqual(int(response.getheader("Content-Length")), len((self.server_root() / "app.js").read_bytes()))

    def test_models_lists_the_catalog(self):
        response, body = self.get("/v1/models")
        self.assertEqual(response.status, 200, body[:300])
        self.assertEqual(response.getheader("Content-Type"), "application/json")
        models = json.loads(body)
        self.assertIsInstance(models, list)
        self.assertGreater(len(models), 10)
        ids = {model["id"] for model in models}
        self.assertIn("klingai/kling-v2.6", ids)
        for model in models:
            self.assertTrue({"id", "provider", "modes", "aliases"} <= model.keys(), model.get("id"))

    def server_root(self) -> Path:
        return Path(self.temp.name) / "site"


def unbrotli(data: bytes) -> bytes:
    """Decoded by Debian's brotli, as a browser decodes Content-Encoding: br."""
    return subprocess.run(["brotli", "--decompress", "--stdout"], input=data, capture_output=True, check=True).stdout


@unittest.skipUnless(shutil.which("brotli"), "Debian's brotli is not installed (scripts/setup.sh installs it)")
class PrecompressedSiteTest(unittest.TestCase):
    """A site as the build leaves it: scripts/precompress_site.py wrote NAME.br and NAME.gz."""

    @classmethod
    def setUpClass(cls):
        cls.temp = tempfile.TemporaryDirectory()
        cls.root = Path(cls.temp.name) / "site"
        (cls.root / "fonts").mkdir(parents=True)
        (cls.root / "index.html").write_text("<!doctype html><title>t</title>" + "<p>x</p>" * 200)
        (cls.root / "app.js").write_text("console.log('hello');\n" * 50)
        (cls.root / "playground.wasm").write_bytes(WASM_BYTES)
        (cls.root / "fonts" / "ui.ttf").write_bytes(bytes(range(256)) * 40)
        (cls.root / "clip.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(500))
        cls.report = subprocess.run([sys.executable, str(REPO / "scripts" / "precompress_site.py"), str(cls.root)],
                                    capture_output=True, text=True, check=True).stdout
        cls.server = ServerProcess(cls.root)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.temp.cleanup()

    def get(self, path, accept):
        return self.server.request(path, {"Accept-Encoding": accept})

    def test_the_build_writes_both_codings_of_every_compressible_file_and_prints_their_sizes(self):
        for name in ("index.html", "app.js", "playground.wasm", "fonts/ui.ttf"):
            with self.subTest(name=name):
                raw = (self.root / name).read_bytes()
                self.assertEqual(gzip.decompress((self.root / (name + ".gz")).read_bytes()), raw)
                self.assertEqual(unbrotli((self.root / (name + ".br")).read_bytes()), raw)
                size = f"{len(raw):,}"
                self.assertRegex(self.report, rf"(?m)^  {name}\s+{size} ")
        self.assertFalse((self.root / "clip.mp4.br").exists(), "a video is not compressed")

    def test_brotli_when_the_browser_accepts_it(self):
        for path, name in (("/playground.wasm", "playground.wasm"), ("/", "index.html"), ("/fonts/ui.ttf", "fonts/ui.ttf")):
            with self.subTest(path=path):
                response, body = self.get(path, "gzip, deflate, br, zstd")  # what Chromium sends
                self.assertEqual(response.getheader("Content-Encoding"), "br")
                self.assertEqual(response.getheader("Vary"), "Accept-Encoding")
                self.assertEqual(body, (self.root / (name + ".br")).read_bytes())
                self.assertEqual(unbrotli(body), (self.root / name).read_bytes())

    def test_the_browser_s_preference_wins_and_each_coding_has_its_own_etag(self):
        tags = set()
        for accept, coding in (("gzip;q=1, br;q=0.5", "gzip"), ("br;q=0, gzip", "gzip"), ("identity", None),
                               ("*", "br"), ("gzip, *;q=0", "gzip"), ("br;q=0, gzip;q=0", None)):
            with self.subTest(accept=accept):
                response, body = self.get("/app.js", accept)
                self.assertEqual(response.getheader("Content-Encoding"), coding)
                if coding == "gzip":
                    self.assertEqual(body, (self.root / "app.js.gz").read_bytes(), "the build's gzip -9 bytes")
                tags.add((coding, response.getheader("ETag")))
        self.assertEqual(len({tag for _, tag in tags}), 3, tags)

    def test_a_file_newer_than_its_compressed_copies_is_not_sent_stale(self):
        page = self.root / "late.js"
        page.write_text("old();\n" * 40)
        subprocess.run([sys.executable, str(REPO / "scripts" / "precompress_site.py"), str(self.root)],
                       capture_output=True, check=True)
        page.write_text("new();\n" * 40)
        newest = max(page.with_name("late.js" + suffix).stat().st_mtime_ns for suffix in (".br", ".gz"))
        os.utime(page, ns=(page.stat().st_atime_ns, newest + 10**9))
        response, body = self.get("/late.js", "br, gzip")
        self.assertEqual(response.getheader("Content-Encoding"), "gzip")
        self.assertEqual(gzip.decompress(body), page.read_bytes())

    def test_a_video_is_sent_as_it_is(self):
        response, body = self.get("/clip.mp4", "br, gzip")
        self.assertIsNone(response.getheader("Content-Encoding"))
        self.assertEqual(body, (self.root / "clip.mp4").read_bytes())


class StaleCopyTest(unittest.TestCase):
    def test_a_br_that_went_stale_after_the_choice_gives_the_file_as_it_is(self):
        sys.path.insert(0, str(REPO))
        from gateway.static_site import StaticSite
        with tempfile.TemporaryDirectory() as folder:
            page = Path(folder) / "app.js"
            page.write_text("fresh();\n" * 30)
            copy = page.with_name("app.js.br")
            copy.write_bytes(b"old brotli bytes")
            os.utime(copy, ns=(0, page.stat().st_mtime_ns + 10**9))
            site = StaticSite(Path(folder))
            self.assertEqual(site.encodings(page), ["br", "gzip"])
            os.utime(copy, ns=(0, page.stat().st_mtime_ns - 10**9))  # the rebuild rewrote app.js
            entry = site.load(page, "br")
            self.assertIsNone(entry.encoding)
            self.assertEqual(entry.body, page.read_bytes())
            self.assertEqual(site.encodings(page), ["gzip"], "and the next choice leaves br out")


class NotBuiltTest(unittest.TestCase):
    def test_missing_site_says_how_to_build_and_stops_cleanly(self):
        with tempfile.TemporaryDirectory() as empty:
            server = ServerProcess(Path(empty) / "site")
            try:
                response, body = server.request("/")
                self.assertEqual(response.status, 503)
                self.assertIn(b"run bash scripts/run.sh", body)
            finally:
                exit_code = server.stop()
            self.assertEqual(exit_code, 0)


if __name__ == "__main__":
    unittest.main()
