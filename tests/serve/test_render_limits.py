"""One job cannot hold a render worker for long (gateway/render_scene.py, render_ffmpeg.py,
render.py): captions cost work bounded by what fits the frame, however long the prompt (a word of
10 MB was quadratic: minutes in Python), and every render has a budget, a wall-clock deadline plus
RLIMIT_CPU on ffmpeg, after which it fails saying so (serve.py --render-budget).

    python3 -m unittest discover -s tests/serve -p 'test_render_limits.py'
"""

import json
import subprocess
import sys
import unittest

from server_fixture import REPO, ServeProcess

sys.path.insert(0, str(REPO))
from gateway.render_ffmpeg import RenderError, run_ffmpeg  # noqa: E402

CPU_CAP_S = 30  # the caption work is killed past this much CPU time (the kernel counts it, not a clock)
CAPTION_WORK = f"""
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_CPU, ({CPU_CAP_S}, {CPU_CAP_S}))
sys.path.insert(0, {str(REPO)!r})
from gateway.render_scene import caption_lines
prompts = {{"one word": "x" * 10_000_000, "short words": "ab " * 3_500_000, "line breaks": "\\n" * 10_000_000,
           "format characters": "\\u200b" * 10_000_000, "spaces then words": " " * 10_000_000 + "hello there"}}
results = {{}}
for name, prompt in prompts.items():
    started = time.process_time()
    lines = caption_lines(prompt, 40)
    results[name] = {{"lines": lines, "cpu_s": time.process_time() - started}}
print(json.dumps(results))
"""
LONG = {"model": "luma/ray-2", "prompt": "a slow sunrise", "seconds": "300", "size": "1920x1080"}  # minutes of work


class CaptionTest(unittest.TestCase):
    def test_captions_of_ten_megabyte_prompts_cost_bounded_work(self):
        done = subprocess.run([sys.executable, "-c", CAPTION_WORK], capture_output=True, text=True, timeout=600)
        self.assertEqual(done.returncode, 0, f"killed after {CPU_CAP_S} s of CPU time? {done.stderr[-500:]}")
        results = json.loads(done.stdout)
        for name, result in results.items():
            with self.subTest(prompt=name):
                self.assertLessEqual(len(result["lines"]), 3)
                self.assertTrue(all(len(line) <= 40 for line in result["lines"]), result["lines"])
                self.assertLess(result["cpu_s"], 2.0, "a caption costs what fits the frame, not the prompt's size")
        self.assertEqual(results["one word"]["lines"], ["x" * 40, "x" * 40, "x" * 39 + "\u2026"])
        self.assertEqual(results["line breaks"]["lines"], [])
        self.assertEqual(results["spaces then words"]["lines"], ["hello there"])


class BudgetTest(unittest.TestCase):
    def test_a_render_over_its_budget_fails_saying_so(self):
        server = ServeProcess("--workers", "1", "--render-budget", "1")
        self.addCleanup(server.close)
        status, body, _ = server.json("POST", "/v1/videos", LONG)
        self.assertEqual(status, 200, body)
        failed, _ = server.poll(f"/v1/videos/{body['id']}", lambda video: video["status"] not in
                                ("queued", "in_progress"))
        self.assertEqual(failed["status"], "failed", failed)
        self.assertEqual(failed["error"]["message"], "the render exceeded its 1 s budget (serve.py --render-budget)")

    def test_ffmpeg_is_stopped_by_the_kernel_past_its_cpu_time(self):
        endless = ["-f", "lavfi", "-i", "testsrc2=s=1280x720", "-vf", "gblur=sigma=8", "-f", "null", "-"]
        with self.assertRaisesRegex(RenderError, r"used up its 1 s of CPU time"):
            run_ffmpeg(endless, 10, lambda fraction: None, lambda: False, timeout_s=300, cpu_s=1)


if __name__ == "__main__":
    unittest.main()
