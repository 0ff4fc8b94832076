"""A damaged or unwritable data folder (gateway/store.py, gateway/jobs.py): never a signal or a
traceback. Writes that fail put the server in a degraded mode (finished jobs still served, new jobs
refused with 503 and the reason in each dialect's error shape); a database that cannot be read at
start-up is moved aside and a fresh one started; rows that cannot be loaded are skipped by name.

The data folder is made unwritable with `chattr +i` (root ignores permission bits, not the
immutable flag), and filled up on a small tmpfs; both tests are skipped where the machine cannot
do that.

    python3 -m unittest discover -s tests/serve -p 'test_data_folder.py'
"""

import contextlib
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

from server_fixture import REPO, ServeProcess

sys.path.insert(0, str(REPO))
from gateway.store import Store  # noqa: E402

TINY = {"model": "xai/grok-imagine-video", "prompt": "a dot", "seconds": "1"}  # a render of a moment (1 s, 480p)
# the smallest PNG a media sniffer recognises: signature and the start of an IHDR chunk
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00" + bytes(64)
JOBS_TINY = {"model": "kling-2.6", "prompt": "a dot", "parameters": {"duration": 5}}


def stop_and_read_log(server: ServeProcess) -> str:
    """Stops serve.py (SIGTERM) and returns everything it wrote on stderr."""
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
    _, log = server.process.communicate(timeout=60)
    return log


def immutable(paths, on: bool):
    subprocess.run(["chattr", "-R", "+i" if on else "-i", *map(str, paths)], check=True, capture_output=True)


def chattr_works() -> bool:
    with tempfile.TemporaryDirectory(prefix="vgchattr-") as folder:
        try:
            immutable([folder], True)
            immutable([folder], False)
            return True
        except (OSError, subprocess.CalledProcessError):
            return False


def stored_job(job_id: str, **fields) -> dict:
    return {"id": job_id, "dialect": "openai", "status": "failed", "progress": 0, "created_at": time.time(),
            "started_at": None, "finished_at": time.time(), "expires_at": None,
            "request": {"model": "sora-2", "prompt": f"stored {job_id}"}, "raw": {"model": "sora-2"},
            "inputs": {}, "videos": [], "error_code": "render_failed", "error_message": "it broke", **fields}


class DamagedDatabaseTest(unittest.TestCase):
    def setUp(self):
        self.data = Path(tempfile.mkdtemp(prefix="vgdata-"))
        self.addCleanup(shutil.rmtree, self.data, ignore_errors=True)

    def serve(self) -> ServeProcess:
        server = ServeProcess("--workers", "1", data=self.data)
        self.addCleanup(server.close)
        return server

    def test_a_file_that_is_not_a_database_is_moved_aside(self):
        garbage = b"this is not SQLite at all\n" * 100
        (self.data / "jobs.sqlite3").write_bytes(garbage)
        server = self.serve()
        status, body, _ = server.json("POST", "/v1/videos", {**TINY, "prompt": "after the damage"})
        self.assertEqual(status, 200, body)
        listed = server.json("GET", "/v1/videos")[1]["data"]
        self.assertEqual([video["id"] for video in listed], [body["id"]])
        log = stop_and_read_log(server)
        self.assertNotIn("Traceback", log)
        [kept] = [path for path in self.data.iterdir() if path.name.startswith("jobs.sqlite3.damaged-")]
        self.assertEqual(kept.read_bytes(), garbage, "the damaged file is kept, not deleted")
        self.assertIn(str(kept), log, "the log says where the damaged database went")

    def test_rows_with_an_unknown_status_or_bad_columns_are_skipped_by_name(self):
        store = Store(self.data)
        store.insert(stored_job("video_good"))
        store.insert(stored_job("video_exploded", status="exploded"))
        store.insert(stored_job("video_bad_json"))
        store.insert(stored_job("video_bad_videos", status="succeeded", videos=[{"path": "video_0.mp4"}]))
        store.insert(stored_job("video_bad_bytes"))
        store.close()
        with contextlib.closing(sqlite3.connect(self.data / "jobs.sqlite3")) as connection, connection:
            connection.execute("UPDATE jobs SET request = '{\"model\": ' WHERE id = 'video_bad_json'")
            connection.execute("UPDATE jobs SET error_message = CAST(x'6f6b20ff' AS TEXT) WHERE id = 'video_bad_bytes'")
        server = self.serve()
        status, body, _ = server.json("GET", "/v1/videos?order=asc")
        self.assertEqual(status, 200, body)
        self.assertEqual([video["id"] for video in body["data"]], ["video_good", "video_bad_bytes"],
                         "a byte that is not UTF-8 is shown replaced; it does not stop the load")
        self.assertEqual(body["data"][1]["error"]["message"], "ok \ufffd")
        self.assertEqual(server.json("GET", "/v1/videos/video_exploded")[0], 404)
        log = stop_and_read_log(server)
        self.assertNotIn("Traceback", log)
        for skipped in ("video_exploded", "video_bad_json", "video_bad_videos"):
            self.assertRegex(log, rf"(?m)^serve\.py: .*skipped.*{skipped}|^serve\.py: .*{skipped}.*skipped")
        self.assertIn("'exploded'", log, "the log line says what is wrong with the row")


@unittest.skipUnless(chattr_works(), "needs root and a file system with chattr +i")
class UnwritableDataFolderTest(unittest.TestCase):
    def setUp(self):
        self.data = Path(tempfile.mkdtemp(prefix="vgdata-"))
        self.addCleanup(shutil.rmtree, self.data, ignore_errors=True)
        self.addCleanup(immutable, [self.data], False)  # runs first: the folder can be removed again

    def test_the_folder_turning_immutable_mid_run_degrades_without_a_signal(self):
        server = ServeProcess("--workers", "1", data=self.data)
        self.addCleanup(server.close)
        finished = server.json("POST", "/v1/videos", TINY)[1]["id"]
        server.poll(f"/v1/videos/{finished}", lambda body: body["status"] in ("completed", "failed"))
        immutable([self.data], True)

        status, body, _ = server.json("POST", "/v1/videos", {**TINY, "prompt": "after the folder broke"})
        self.assertEqual(status, 503, body)
        self.assertEqual(body["error"]["type"], "server_error")
        self.assertIn("jobs database", body["error"]["message"])
        status, body, _ = server.json("POST", "/v2/videos/generate", JOBS_TINY)
        self.assertEqual((status, body["error"]), (503, "Service unavailable"), body)
        self.assertIn("jobs database", body["message"])
        status, body, _ = server.json("POST", "/v1/uploads", PNG, headers={"Content-Type": "image/png"})
        self.assertEqual(status, 503, body)
        self.assertIn("cannot be stored", body["error"]["message"])
        self.assertIsNone(server.process.poll(), "serve.py is still running")

        listed = server.json("GET", "/v1/videos")[1]["data"]
        self.assertEqual([(video["id"], video["status"]) for video in listed], [(finished, "completed")])
        status, _, data = server.request("GET", f"/v1/videos/{finished}/content")
        self.assertEqual((status, data[4:8]), (200, b"ftyp"), "finished results are still served")
        log = stop_and_read_log(server)
        self.assertNotIn("Traceback", log)
        self.assertEqual(len([line for line in log.splitlines() if "jobs database" in line]), 1, log)

    def test_start_in_an_immutable_empty_folder_serves_and_refuses_jobs(self):
        immutable([self.data], True)
        server = ServeProcess("--workers", "1", data=self.data)
        self.addCleanup(server.close)
        status, body, _ = server.json("POST", "/v1/videos", TINY)
        self.assertEqual(status, 503, body)
        self.assertEqual(server.json("GET", "/v1/videos")[1]["data"], [])
        self.assertNotIn("Traceback", stop_and_read_log(server))


def tmpfs_works() -> bool:
    with tempfile.TemporaryDirectory(prefix="vgtmpfs-") as folder:
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder], capture_output=True).returncode:
            return False
        subprocess.run(["umount", folder], check=True)
        return True


@unittest.skipUnless(tmpfs_works(), "needs permission to mount a tmpfs")
class FullDiskTest(unittest.TestCase):
    def test_a_full_data_folder_refuses_new_jobs_with_the_reason(self):
        data = Path(tempfile.mkdtemp(prefix="vgfull-"))
        self.addCleanup(data.rmdir)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(data)], check=True)
        self.addCleanup(subprocess.run, ["umount", str(data)], check=True)
        server = ServeProcess("--workers", "1", data=data)
        self.addCleanup(server.close)
        with open(data / "filler", "wb") as filler:
            with contextlib.suppress(OSError):  # ENOSPC: the disk is full now
                for _ in range(1000):
                    filler.write(b"\0" * 65536)
                    filler.flush()
        status, body, _ = server.json("POST", "/v1/videos", {**TINY, "prompt": "x" * 9_000})  # a row over a page
        self.assertEqual(status, 503, body)
        self.assertIn("full", body["error"]["message"])
        self.assertNotIn("Traceback", stop_and_read_log(server))


if __name__ == "__main__":
    unittest.main()
