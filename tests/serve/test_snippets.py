"""The playground's "Copy as" snippets run as a user gets them (issue 14): `vgen snippet` renders each
format for the request Generate sends by default (the jobs dialect) and, for the AI SDK, the gateway
dialect; the snippet and the files it reads (media above the core's inline limit) are saved in an
empty folder and run there with no VIDEOGEN_API_KEY set: cURL with the real curl, Python with python3,
fetch and the AI SDK with node (the repo's `ai` and `@ai-sdk/gateway`). Each must end in an mp4 with
the duration and size asked for: the submit-only snippets print the job, which the test follows to
its video; the AI SDK snippet writes video-0.mp4 itself. A gateway run with --require-key checks the
key is sent when the variable is set.

    python3 -m unittest discover -s tests/serve -p 'test_snippets.py'
"""

import base64
import json
import os
import subprocess
import tempfile
import unittest
from pathlib import Path

from server_fixture import NATIVE_DIR, REPO, RENDER_TIMEOUT_S, ServeProcess, ffprobe

VGEN = os.environ.get("VGEN", str(NATIVE_DIR / "vgen"))
KEY_VARIABLE = "VIDEOGEN_API_KEY"
INLINE_LIMIT = 4096  # the core's kSnippetInlineLimit: the test's image must be above it
SECONDS, SIZE = 4, (1280, 720)
RUNNERS = {"curl": ("snippet.sh", ["sh", "snippet.sh"]), "python": ("snippet.py", ["python3", "snippet.py"]),
           "fetch": ("snippet.mjs", ["node", "snippet.mjs"]), "aisdk": ("snippet.mjs", ["node", "snippet.mjs"])}


def noisy_png() -> bytes:
    """A real 320x180 PNG that noise keeps from compressing: about 120 KB, far above the inline limit."""
    done = subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x180",
                           "-vf", "noise=alls=60:allf=t", "-frames:v", "1", "-f", "image2pipe", "-c:v", "png", "-"],
                          capture_output=True, timeout=60, check=True)
    return done.stdout


def environment_without_key(**extra) -> dict:
    env = {name: value for name, value in os.environ.items() if name != KEY_VARIABLE}
    env.update(extra)
    return env


class SnippetsRunTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = ServeProcess("--workers", "2")
        cls.temp = tempfile.TemporaryDirectory(prefix="vgsnippets-")
        cls.image = noisy_png()
        assert len(base64.b64encode(cls.image)) > INLINE_LIMIT
        cls.request = Path(cls.temp.name) / "request-in.json"
        cls.request.write_text(json.dumps({
            "model": "google/veo-3.1-fast-generate-001",
            "prompt": {"image": "data:image/png;base64," + base64.b64encode(cls.image).decode(),
                       "text": "A test card on a windy day, it's \"calm\""},
            "duration": SECONDS, "resolution": "720p"}))

    @classmethod
    def tearDownClass(cls):
        cls.server.close()
        cls.temp.cleanup()

    def render(self, fmt: str, dialect: str, folder: Path, server: ServeProcess) -> str:
        """The snippet as `vgen snippet` prints it, saved in `folder` with the files it reads."""
        done = subprocess.run([VGEN, "snippet", "--format", fmt, "--to", dialect, "--base-url", server.origin,
                               "--files", str(folder), str(self.request)],
                              capture_output=True, text=True, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        name, _ = RUNNERS[fmt]
        (folder / name).write_text(done.stdout)
        if fmt == "aisdk":  # node finds `ai` and `@ai-sdk/gateway` as an installed project would
            (folder / "node_modules").symlink_to(REPO / "node_modules")
        return done.stdout

    def run_snippet(self, fmt: str, dialect: str, server=None, env=None) -> tuple[Path, str]:
        """Renders and runs one snippet in a folder of its own; (the folder, what it printed)."""
        server = server or self.server
        folder = Path(tempfile.mkdtemp(prefix=f"{fmt}-", dir=self.temp.name))
        text = self.render(fmt, dialect, folder, server)
        self.assertNotIn(base64.b64encode(self.image[:3000]).decode()[:64], text, "the media is pasted inline")
        self.assertLess(len(text), 4000, "the snippet stays short")
        _, command = RUNNERS[fmt]
        done = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=RENDER_TIMEOUT_S,
                              env=env or environment_without_key())
        self.assertEqual(done.returncode, 0, f"{fmt} snippet failed:\n{text[:1500]}\nstdout: {done.stdout}\n"
                                             f"stderr: {done.stderr}")
        return folder, done.stdout

    def assert_video(self, data: bytes):
        probe = ffprobe(data)
        self.assertAlmostEqual(probe["duration"], SECONDS, delta=0.25)
        self.assertEqual((probe["width"], probe["height"]), SIZE)

    def follow_job(self, printed: str, server=None, headers=None):
        """The jobs dialect's answer the snippet printed ("202 {...}" or the body alone), followed to its mp4."""
        server = server or self.server
        answer = json.loads(printed[printed.index("{"):])
        self.assertIn("jobId", answer, printed)
        done, _ = server.poll(f"/v2/jobs/{answer['jobId']}", lambda b: b["status"] in ("COMPLETED", "FAILED"),
                              headers=headers)
        self.assertEqual(done["status"], "COMPLETED", done)
        status, _, data = server.request("GET", server.local_path(done["videos"][0]["url"]), headers=headers)
        self.assertEqual(status, 200)
        self.assert_video(data)

    def test_curl_sends_the_body_file(self):
        folder, printed = self.run_snippet("curl", "jobs")
        self.assertTrue((folder / "request.json").is_file())
        self.follow_job(printed)

    def test_python(self):
        folder, printed = self.run_snippet("python", "jobs")
        self.assertEqual((folder / "parameters-image.png").read_bytes(), self.image)
        self.assertTrue(printed.startswith("202 "), printed)
        self.follow_job(printed)

    def test_node_fetch(self):
        folder, printed = self.run_snippet("fetch", "jobs")
        self.assertEqual((folder / "parameters-image.png").read_bytes(), self.image)
        self.assertTrue(printed.startswith("202 "), printed)
        self.follow_job(printed)

    def test_ai_sdk_writes_the_video(self):
        folder, _ = self.run_snippet("aisdk", "gateway")
        self.assertEqual((folder / "prompt-image.png").read_bytes(), self.image)
        self.assert_video((folder / "video-0.mp4").read_bytes())

    def test_the_key_is_sent_when_set(self):
        key = "snippet-test-key"
        keyed = ServeProcess("--require-key", env=environment_without_key(**{KEY_VARIABLE: key}))
        try:
            for fmt in ("curl", "python", "fetch"):
                with self.subTest(fmt=fmt):
                    _, printed = self.run_snippet(fmt, "jobs", keyed, environment_without_key(**{KEY_VARIABLE: key}))
                    self.follow_job(printed, keyed, {"Authorization": f"Bearer {key}"})
        finally:
            keyed.close()


if __name__ == "__main__":
    unittest.main()
