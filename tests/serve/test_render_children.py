"""Render processes never outlive serve.py (gateway/render_ffmpeg.py, gateway/jobs.py): ffmpeg dies
with a server killed by SIGKILL (PR_SET_PDEATHSIG), and children a previous run left behind (named
by pid files in the render's folder) are killed at the next start, only when /proc says they are
that render's.

    python3 -m unittest discover -s tests/serve -p 'test_render_children.py'
"""

import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

from server_fixture import ServeProcess

# minutes of work: Luma Ray 2's limits are not published, so the jobs API takes five minutes of 1080p
LONG = {"model": "luma-ray-2", "prompt": "a slow sunrise", "parameters": {"duration": 300, "resolution": "1080p"}}
DEADLINE_S = 60
DEATH_S = 10  # SIGKILL is delivered at once; a render left running goes on for minutes


def process_state(pid: int) -> tuple[str, int] | None:
    """(state letter, parent pid) from /proc, or None when the process is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return fields[0], int(fields[1])


def alive(pid: int) -> bool:
    state = process_state(pid)
    return state is not None and state[0] not in ("Z", "X")  # a zombie has died; only its entry waits


def children_named(parent: int, name: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                comm = (entry / "comm").read_text().strip()
            except OSError:
                continue
            state = process_state(int(entry.name))
            if comm == name and state is not None and state[1] == parent:
                found.append(int(entry.name))
    return found


def wait_until(condition, what: str, timeout: float = DEADLINE_S):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} within {timeout} s")
        time.sleep(0.05)  # poll interval: the wait is for condition(), bounded by the deadline


def wait_for_exit(pid: int, what: str, timeout: float):
    """Waits for process `pid` (not necessarily a child) to end: its pidfd becomes readable then."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return  # already gone
    try:
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            raise AssertionError(f"{what} within {timeout} s")
    finally:
        os.close(fd)


def kill_if_alive(pid: int):
    """Cleanup for a process this test caused to exist (by its id, never by name)."""
    if alive(pid):
        os.kill(pid, signal.SIGKILL)


class ChildrenTest(unittest.TestCase):
    def test_ffmpeg_dies_with_a_server_killed_by_sigkill(self):
        server = ServeProcess("--workers", "1")
        self.addCleanup(server.close)
        status, body, _ = server.json("POST", "/v2/videos/generate", LONG)
        self.assertEqual(status, 202, body)
        found = []
        wait_until(lambda: found.extend(children_named(server.process.pid, "ffmpeg")) or found,
                   "serve.py started no ffmpeg")
        for pid in found:
            self.addCleanup(kill_if_alive, pid)
        server.stop(sig=signal.SIGKILL)
        for pid in found:
            wait_for_exit(pid, "ffmpeg outlived the killed server", DEATH_S)

    def test_children_left_by_a_previous_run_are_killed_at_start_when_proc_says_they_are_its(self):
        data = Path(tempfile.mkdtemp(prefix="vgreap-"))
        self.addCleanup(shutil.rmtree, data, ignore_errors=True)
        leftover_dir = data / "files" / "video_old" / ".render-0123456789ab"
        unrelated_dir = data / "files" / "video_other" / ".render-ba9876543210"
        sleeper = [sys.executable, "-c", "import signal; signal.pause()"]  # lives until killed
        for folder in (leftover_dir, unrelated_dir):
            folder.mkdir(parents=True)
        # as a killed server leaves it: a render child naming its folder, and its pid file there
        leftover = subprocess.Popen([*sleeper, f"file:{leftover_dir}/video_0.mp4.part"], start_new_session=True)
        self.addCleanup(leftover.wait)
        self.addCleanup(kill_if_alive, leftover.pid)
        # a pid file whose pid now belongs to a process that is not the render's: left alone
        unrelated = subprocess.Popen(sleeper, start_new_session=True)
        self.addCleanup(unrelated.wait)
        self.addCleanup(kill_if_alive, unrelated.pid)
        (leftover_dir / f"{leftover.pid}.pid").write_text(f"{leftover.pid}\n")
        (unrelated_dir / f"{unrelated.pid}.pid").write_text(f"{unrelated.pid}\n")

        server = ServeProcess("--workers", "1", data=data)
        self.addCleanup(server.close)
        self.assertEqual(leftover.wait(timeout=DEADLINE_S), -signal.SIGKILL)
        self.assertIsNone(unrelated.poll(), "a process the pid file does not describe is not killed")


if __name__ == "__main__":
    unittest.main()
