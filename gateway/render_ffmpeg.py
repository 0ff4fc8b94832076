"""The renderer's contact with ffmpeg/ffprobe: errors, probing input media, escaping for filter
graphs, and running ffmpeg with progress, cancellation and a time limit.

Every process is started from an argument list (never a shell). Input files are reached through
symlinks with plain names in a private directory, so a user-supplied path can never be read as an
image-sequence pattern (`%d`), a protocol (`concat:`) or an option.

Every child dies with the server: it leads a process group of its own (a timeout kills the whole
group) and asks the kernel for SIGKILL when its parent dies (PR_SET_PDEATHSIG), even by kill -9. A
render's ffmpeg also leaves a pid file, <pid>.pid, in the render's folder while it runs, so a start
after a crash can kill what a previous run left (reap_leftovers). A render's ffmpeg has a budget:
a wall-clock deadline the server enforces, and CPU time (RLIMIT_CPU) the kernel enforces even if
the server stops watching.

[SECTION] errors · child processes · media probing · filter escaping · running ffmpeg
"""

from __future__ import annotations

import ctypes
import json
import math
import os
import queue
import re
import resource
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

FFMPEG = shutil.which("ffmpeg") or "ffmpeg"
FFPROBE = shutil.which("ffprobe") or "ffprobe"
PROBE_TIMEOUT_S = 30
BUDGET_BASE_S = 60.0  # the default budget of one job's render: this, plus BUDGET_PER_VIDEO_S per second of
BUDGET_PER_VIDEO_S = 10.0  # video it renders (serve.py --render-budget sets a fixed one instead)
CPU_PER_BUDGET_S = max(2, os.cpu_count() or 1)  # ffmpeg's CPU seconds per second of budget: every core busy
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_LIBC = ctypes.CDLL(None, use_errno=True)  # loaded before any fork: the child only calls into it


# [SECTION] errors

class RenderError(Exception):
    """A render that cannot be done; the message is a human reason fit for an API error body."""


class RenderCancelled(Exception):
    """cancelled() turned true: ffmpeg was stopped and the partial files removed."""


class OverBudget(RenderError):
    """ffmpeg was stopped at its deadline or by its CPU time limit."""


# "[Parsed_drawtext_4 @ 0x5581c0a3b2c0]" -> "[drawtext]": ffmpeg names a component by its heap address
_COMPONENT = re.compile(r"\[(?:Parsed_)?([^\]@]+?)(?:_\d+)? @ 0x[0-9a-fA-F]+\]")
_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")
_PATH = re.compile(r"(?:/[\w.+@%=~-]+)+/([\w.+@%=~-]+)")  # an absolute path of two parts or more


def public_text(text: str) -> str:
    """text fit for a client: heap addresses dropped, and every absolute path (the data folder,
    temporary folders, system files) cut to its last part, which is all a client can use."""
    text = _COMPONENT.sub(r"[\1]", text)
    return _PATH.sub(r"\1", _ADDRESS.sub("0x\u2026", text))


def summarize_stderr(stderr: str, limit: int = 400) -> str:
    """A tool's distinct error lines, short enough for an error message and fit for a client
    (public_text): the first two (the cause; what follows is mostly its consequences) and the last."""
    lines: list[str] = []
    for line in public_text(stderr).splitlines():
        line = line.strip()
        if line and line not in lines:
            lines.append(line)
    summary = " | ".join(lines if len(lines) <= 3 else lines[:2] + lines[-1:]) or "no error output"
    return summary if len(summary) <= limit else "..." + summary[-limit:]


# [SECTION] child processes

def _child_setup(parent: int, cpu_limit_s: int | None) -> None:
    """Runs in the child between fork and exec: SIGKILL when the thread that started it ends (the
    server's death included; if the server died before this call, exit now); and the CPU limit,
    soft = hard so the kernel sends SIGKILL (ffmpeg takes SIGXCPU as a polite request to stop)."""
    _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)
    if cpu_limit_s is not None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_limit_s, cpu_limit_s))


def start_child(command: list[str], cpu_limit_s: int | None = None, **options) -> subprocess.Popen:
    """Popen of a child that dies with the server and leads its own process group, with at most
    cpu_limit_s seconds of CPU time. Raises RenderError when it cannot start."""
    parent = os.getpid()
    try:
        return subprocess.Popen(command, stdin=subprocess.DEVNULL, start_new_session=True,
                                preexec_fn=lambda: _child_setup(parent, cpu_limit_s), **options)
    except OSError as error:
        raise RenderError(f"{Path(command[0]).name} could not start: {error.strerror or error}") from None


def _exited(process: subprocess.Popen, block: bool) -> float | None:
    """When the child has exited: reaps it (process.returncode set) and returns the CPU seconds it
    used (os.wait4 has them, Popen.wait does not); None while it runs."""
    pid, status, usage = os.wait4(process.pid, 0 if block else os.WNOHANG)
    if pid == 0:
        return None
    process.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime


def kill_child(process: subprocess.Popen) -> None:
    """Kills the child's whole process group and waits for the child."""
    if process.returncode is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.wait()


def run_child(command: list[str], what: str, timeout_s: float, **options) -> subprocess.CompletedProcess:
    """Runs a short child to completion with its output captured as text; RenderError when it
    takes longer than timeout_s (its process group is killed)."""
    process = start_child(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace",
                          **options)
    try:
        stdout, stderr = process.communicate(timeout=timeout_s)
    except BaseException as problem:
        kill_child(process)
        if isinstance(problem, subprocess.TimeoutExpired):
            raise RenderError(f"{what} took longer than {timeout_s:.0f} s") from None
        raise
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def reap_leftovers(root: Path, log) -> None:
    """Kills the children a previous run left: each <pid>.pid under root/*/.render-*/ whose process
    /proc shows still working in that render's folder (a pid reused by another process is left
    alone). The pid files go."""
    for pid_file in root.glob("*/.render-*/*.pid"):
        folder = str(pid_file.parent).encode()
        if pid_file.stem.isdigit():
            pid = int(pid_file.stem)
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                cmdline = b""
            if folder in cmdline:
                try:
                    if os.getpgid(pid) == pid:  # a group of its own: ours, with whatever it started
                        os.killpg(pid, signal.SIGKILL)
                    else:
                        os.kill(pid, signal.SIGKILL)
                    log(f"killed process {pid}, left rendering in {pid_file.parent} by the previous run")
                except ProcessLookupError:
                    pass
        pid_file.unlink(missing_ok=True)


# [SECTION] media probing

@dataclass(frozen=True)
class Media:
    """An input file as ffprobe sees it. duration is None for a still image."""
    path: Path
    kind: str  # "image" | "video"
    width: int
    height: int
    duration: float | None = None
    has_audio: bool = False


def link_input(path: Path, directory: Path, name: str) -> str:
    """A "file:" URL of a symlink to path with a plain name, safe to give ffmpeg as an input."""
    link = directory / name
    link.symlink_to(Path(path).resolve())
    return "file:" + str(link)


def _ffprobe_json(args: list[str], what: str, url: str, shown: str) -> dict:
    """ffprobe's JSON report on url; its error output names the file `shown`, not our link."""
    done = run_child([FFPROBE, "-v", "error", "-of", "json", *args, url], f"{what}: ffprobe", PROBE_TIMEOUT_S)
    stderr = done.stderr.replace(url, shown)
    if done.returncode != 0:
        raise RenderError(f"{what} is not a readable image or video ({summarize_stderr(stderr)})")
    try:
        report = json.loads(done.stdout or "{}")
    except json.JSONDecodeError:
        raise RenderError(f"{what}: ffprobe printed no report") from None
    report["stderr"] = stderr
    return report


def probe(path: Path, what: str, expect: str) -> Media:
    """Media facts of an input, checked to be what the mode needs (expect "image" or "video").
    An image is decoded (its first frame) here, so a corrupt upload fails before any render."""
    path = Path(path)
    if not path.is_file():
        raise RenderError(f"{what}: its input file {path.name} does not exist")
    with tempfile.TemporaryDirectory(prefix="vgprobe-") as tmp:
        url = link_input(path, Path(tmp), "input")
        report = _ffprobe_json(["-show_streams", "-show_format"], what, url, path.name)
        streams = report.get("streams", [])
        video = next((s for s in streams if s.get("codec_type") == "video"), None)
        if video is None:
            raise RenderError(f"{what} has no picture in it")
        if not video.get("width"):
            raise RenderError(f"{what} could not be decoded ({summarize_stderr(report['stderr'])})")
        frames = int(video.get("nb_frames") or 0) if str(video.get("nb_frames", "")).isdigit() else 0
        duration = _float(video.get("duration")) or _float(report.get("format", {}).get("duration"))
        format_name = report.get("format", {}).get("format_name", "")
        still = format_name.endswith("_pipe") or format_name == "image2" or frames == 1 or not duration
        if expect == "image" and not still:
            raise RenderError(f"{what} is a video where an image is needed")
        if expect == "video" and still:
            raise RenderError(f"{what} is a still image where a video is needed")
        if still:
            decoded = _ffprobe_json(["-select_streams", "v:0", "-read_intervals", "%+#1",
                                     "-show_entries", "frame=width"], what, url, path.name)
            if not decoded.get("frames"):
                raise RenderError(f"{what} could not be decoded ({summarize_stderr(decoded['stderr'])})")
    return Media(path=path, kind="image" if still else "video", width=int(video["width"]),
                 height=int(video["height"]), duration=None if still else duration,
                 has_audio=any(s.get("codec_type") == "audio" for s in streams))


def _float(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


# [SECTION] filter escaping

def escape_option(value: str) -> str:
    """value as one option value inside -filter_complex: escaped for the option parser, then for
    the graph parser (ffmpeg's two levels of quoting)."""
    for special in ("\\", "'", ":"):
        value = value.replace(special, "\\" + special)
    for special in ("\\", "'", "[", "]", ",", ";"):
        value = value.replace(special, "\\" + special)
    return value


# [SECTION] running ffmpeg

def run_ffmpeg(args: list[str], duration_s: float, on_progress: Callable[[float], None],
               cancelled: Callable[[], bool], timeout_s: float, cpu_s: float | None = None,
               pid_dir: Path | None = None) -> None:
    """Runs ffmpeg to completion, reporting out_time / duration_s (0..1) from `-progress`.
    cancelled() is polled ten times a second; on cancel ffmpeg is killed. OverBudget when it is
    still running after timeout_s, or has used cpu_s seconds of CPU time (the kernel kills it).
    pid_dir: where its <pid>.pid lies while it runs (a folder its command names, for reap_leftovers)."""
    command = [FFMPEG, "-hide_banner", "-nostdin", "-loglevel", "error", "-progress", "pipe:1",
               "-stats_period", "0.25", "-y", *args]
    cpu_limit_s = max(1, math.ceil(cpu_s)) if cpu_s is not None else None
    process = start_child(command, cpu_limit_s, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          errors="replace")
    pid_file = Path(pid_dir) / f"{process.pid}.pid" if pid_dir else None
    try:
        if pid_file:
            pid_file.write_text(f"{process.pid}\n")
        cpu_used_s, stderr = _follow(process, duration_s, on_progress, cancelled, timeout_s)
    finally:
        if pid_file:
            pid_file.unlink(missing_ok=True)
    if process.returncode == -signal.SIGKILL and cpu_limit_s is not None and cpu_used_s >= cpu_limit_s - 0.5:
        raise OverBudget(f"ffmpeg used up its {cpu_limit_s} s of CPU time")
    if process.returncode != 0:
        raise RenderError(f"ffmpeg failed: {summarize_stderr(stderr)}")


def _follow(process: subprocess.Popen, duration_s: float, on_progress: Callable[[float], None],
            cancelled: Callable[[], bool], timeout_s: float) -> tuple[float, str]:
    """Watches ffmpeg until it exits: (CPU seconds it used, the tail of its error output)."""
    progress_lines: queue.Queue[str] = queue.Queue()
    stderr_tail: list[str] = []
    readers = [threading.Thread(target=_pump, args=(process.stdout, progress_lines.put), daemon=True),
               threading.Thread(target=_pump, args=(process.stderr, _tail_appender(stderr_tail)), daemon=True)]
    for reader in readers:
        reader.start()
    deadline = time.monotonic() + timeout_s
    cpu_used_s = None
    try:
        while True:
            if cancelled():
                raise RenderCancelled("render cancelled")
            if time.monotonic() > deadline:
                raise OverBudget(f"ffmpeg did not finish within {timeout_s:g} s")
            try:
                line = progress_lines.get(timeout=0.1)
            except queue.Empty:
                if cpu_used_s is None:
                    cpu_used_s = _exited(process, block=False)
                if cpu_used_s is not None and not readers[0].is_alive():
                    break
                continue
            key, _, value = line.strip().partition("=")
            if key == "out_time_us" and value.lstrip("-").isdigit() and duration_s > 0:
                on_progress(min(1.0, max(0.0, int(value) / 1e6 / duration_s)))
    except BaseException:
        kill_child(process)
        raise
    for reader in readers:
        reader.join(timeout=5)
    return cpu_used_s, "".join(stderr_tail)


def _pump(stream, sink: Callable[[str], None]) -> None:
    for line in stream:
        sink(line)
    stream.close()


def _tail_appender(tail: list[str], keep: int = 200) -> Callable[[str], None]:
    def append(line: str) -> None:
        tail.append(line)
        del tail[:-keep]
    return append


def run_tool(command: list[str], what: str, timeout_s: float) -> None:
    """A short helper process (espeak-ng, a thumbnail) that must succeed."""
    done = run_child(command, what, timeout_s, env={**os.environ, "LC_ALL": "C.UTF-8"})
    if done.returncode != 0:
        raise RenderError(f"{what} failed: {summarize_stderr(done.stderr)}")
