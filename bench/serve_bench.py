#!/usr/bin/env python3
"""Figures for the local gateway (not a test): render time of a 5 s 720p clip per mode, throughput of
20 concurrent jobs on a 2-worker serve.py, and the latency of status polls while they render.

    VG_NATIVE_DIR=build/native python3 bench/serve_bench.py [--jobs 20] [--workers 2] [--pollers 4]

Render times call gateway/render.py directly (the time a worker spends per job); the throughput
and poll figures go through serve.py over HTTP (openai dialect, sora-2, 4 s 1280x720).
"""

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "serve"))

from gateway import render  # noqa: E402
from server_fixture import ServeProcess, png_bytes  # noqa: E402

CLIP = {"prompt": "A lighthouse at dusk, slow push in", "duration": 5, "resolution": "720p", "aspectRatio": "16:9"}
JOB = {"model": "sora-2", "prompt": "Waves on a pier", "seconds": "4", "size": "1280x720"}


def render_times(folder: Path) -> list[tuple[str, float]]:
    first, last = folder / "first.png", folder / "last.png"
    first.write_bytes(png_bytes(1280, 720, "orange"))
    last.write_bytes(png_bytes(1280, 720, "navy"))
    source = None
    cases = [("t2v", {}, {}), ("i2v", {"image": "x"}, {"/image": first}),
             ("flf", {"image": "x", "lastFrame": "y"}, {"/image": first, "/lastFrame": last}),
             ("r2v", {"references": [{"url": "a", "type": "image"}, {"url": "b", "type": "image"}]},
              {"/references/0/url": first, "/references/1/url": last}),
             ("v2v", {"video": "v"}, None)]
    figures = []
    for mode, extra, inputs in cases:
        out = folder / mode
        if inputs is None:
            inputs = {"/video": source}
        started = time.monotonic()
        videos = render.render(render.plan_from_request({**CLIP, **extra, "mode": mode, "seed": 1}, inputs), out)
        figures.append((mode, time.monotonic() - started))
        source = source or videos[0].path
    return figures


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def throughput(jobs: int, workers: int, pollers: int) -> dict:
    server = ServeProcess("--workers", str(workers))
    try:
        ids, latencies, stop = [], [], threading.Event()
        lock = threading.Lock()

        def submit(n):
            status, body, _ = server.json("POST", "/v1/videos", {**JOB, "prompt": f"{JOB['prompt']} {n}"})
            assert status == 200, body
            with lock:
                ids.append(body["id"])

        def poll():
            n = 0
            while not stop.is_set():
                with lock:
                    video_id = ids[n % len(ids)] if ids else None
                n += 1
                if video_id is None:
                    time.sleep(0.01)
                    continue
                started = time.monotonic()
                server.request("GET", f"/v1/videos/{video_id}")
                with lock:
                    latencies.append(time.monotonic() - started)
                time.sleep(0.02)

        poll_threads = [threading.Thread(target=poll) for _ in range(pollers)]
        for thread in poll_threads:
            thread.start()
        started = time.monotonic()
        submitters = [threading.Thread(target=submit, args=(n,)) for n in range(jobs)]
        for thread in submitters:
            thread.start()
        for thread in submitters:
            thread.join()
        for video_id in list(ids):
            server.poll(f"/v1/videos/{video_id}", lambda body: body["status"] in ("completed", "failed"), timeout=900)
        wall = time.monotonic() - started
        stop.set()
        for thread in poll_threads:
            thread.join()
        completed = sum(server.json("GET", f"/v1/videos/{video_id}")[1]["status"] == "completed" for video_id in ids)
        return {"jobs": jobs, "completed": completed, "wall": wall, "polls": len(latencies),
                "p50": percentile(latencies, 0.5) * 1000, "p95": percentile(latencies, 0.95) * 1000,
                "max": max(latencies) * 1000}
    finally:
        server.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pollers", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vgbench-") as folder:
        times = render_times(Path(folder))
    print("render time, 5 s 1280x720 clip (one render, no other load)")
    print(f"  {'mode':<6}{'seconds':>9}{'x realtime':>12}")
    for mode, seconds in times:
        print(f"  {mode:<6}{seconds:>9.2f}{5 / seconds:>12.2f}")
    figures = throughput(args.jobs, args.workers, args.pollers)
    print(f"\n{figures['jobs']} concurrent jobs (sora-2, 4 s 1280x720), --workers {args.workers}, "
          f"{args.pollers} pollers")
    print(f"  completed            {figures['completed']}/{figures['jobs']}")
    print(f"  wall time            {figures['wall']:.1f} s")
    print(f"  throughput           {figures['completed'] / figures['wall'] * 60:.1f} videos/min")
    print(f"  status polls         {figures['polls']}")
    print(f"  poll latency p50     {figures['p50']:.1f} ms")
    print(f"  poll latency p95     {figures['p95']:.1f} ms")
    print(f"  poll latency max     {figures['max']:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
