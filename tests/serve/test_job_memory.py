"""What a job keeps (gateway/jobs.py): after a large request, the job in memory, and its row on
disk, hold only what the routes use: the canonical request with each media input replaced by the
name of its stored file, and the body's short top-level fields. A request carrying an inline image
and a big array in an unknown field kept both, twice (canonical and raw), for the server's life.

    python3 -m unittest discover -s tests/serve -p 'test_job_memory.py'
"""

import base64
import json
import os
import shutil
import struct
import sys
import tempfile
import unittest
import zlib
from pathlib import Path

from server_fixture import NATIVE_DIR, REPO

sys.path.insert(0, str(REPO))
from gateway.core_bridge import CoreBridge  # noqa: E402
from gateway.jobs import JobService, RendererUnavailable  # noqa: E402
from gateway.store import Store  # noqa: E402

KEPT_LIMIT = 64 * 1024  # bytes of Python objects a job may keep for its request and body


def noise_png(width: int, height: int) -> bytes:
    """A valid PNG of random pixels: it does not compress, so its size is width * height * 3."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\0" + os.urandom(width * 3) for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 1)) + chunk(b"IEND", b""))


def deep_size(value) -> int:
    """Bytes of value and everything it holds (each object once)."""
    seen, stack, total = set(), [value], 0
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        total += sys.getsizeof(item)
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return total


class JobMemoryTest(unittest.TestCase):
    def setUp(self):
        self.data = Path(tempfile.mkdtemp(prefix="vgmemory-"))
        self.addCleanup(shutil.rmtree, self.data, ignore_errors=True)
        self.log = []

    def service(self) -> JobService:
        store = Store(self.data, self.log.append)
        jobs = JobService(store, RendererUnavailable("not needed: this test looks at what a job keeps"), 1, 60,
                          self.log.append)
        self.addCleanup(store.close)
        self.addCleanup(jobs.stop)
        return jobs

    def test_a_large_request_leaves_a_small_job(self):
        image = noise_png(800, 450)
        body = {"model": "sora-2", "prompt": "keep little", "seconds": "4", "size": "1280x720",
                "unknown_note": "n" * 10_000_000,  # a field the model does not take, within the limits
                "input_reference": {"image_url": "data:image/png;base64," + base64.b64encode(image).decode()}}
        text = json.dumps(body).encode()
        exit_code, report = CoreBridge(NATIVE_DIR).parse(text, "openai")
        self.assertEqual(exit_code, 0, report)
        staged = self.data / "staged.png"
        staged.write_bytes(image)
        self.assertGreater(deep_size(report["request"]) + deep_size(json.loads(text)), 8 * len(image))

        jobs = self.service()
        job = jobs.submit("openai", report["request"], json.loads(text), {"/image": str(staged)})
        del body, text, report
        kept = jobs.get(job.id)
        self.assertLess(deep_size(kept.request) + deep_size(kept.raw), KEPT_LIMIT)
        self.assertEqual((kept.raw["model"], kept.raw["seconds"], kept.raw["size"]), ("sora-2", "4", "1280x720"),
                         "what the routes echo stays")
        self.assertEqual((kept.request["prompt"], kept.request["mode"]), ("keep little", "i2v"))
        self.assertEqual(Path(kept.inputs["/image"]).read_bytes(), image, "the image itself is in its file")
        self.assertEqual(jobs.wait(job.id, 60).status, "failed")  # (no renderer here)
        jobs.stop()
        jobs.store.close()

        restarted = self.service().get(job.id)
        self.assertLess(deep_size(restarted.request) + deep_size(restarted.raw), KEPT_LIMIT,
                        "the stored row is as small: a restart does not bring the bulk back")


if __name__ == "__main__":
    unittest.main()
