"""One job cannot hold a render worker for long (gateway/render_scene.py, render_audio.py,
render_ffmpeg.py, render.py): captions and speech cost work bounded by what fits the frame,
however long the prompt (a word of 10 MB, or a million unclosed quotes, was quadratic: minutes to
hours in Python, where no budget can stop it), and every render has a budget, a wall-clock
deadline plus RLIMIT_CPU on ffmpeg, after which it fails saying so (serve.py --render-budget).

    python3 -m unittest discover -s tests/serve -p 'test_render_limits.py'
"""

import json
import subprocess
import sys
import unittest

from server_fixture import REPO, ServeProcess

sys.path.insert(0, str(REPO))
from gateway.render_ffmpeg import RenderError, run_ffmpeg  # noqa: E402
from gateway.render_plan import plan_from_request  # noqa: E402

CPU_CAP_S = 30  # the text work is killed past this much CPU time (the kernel counts it, not a clock)
TEXT_WORK = f"""
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_CPU, ({CPU_CAP_S}, {CPU_CAP_S}))
sys.path.insert(0, {str(REPO)!r})
from gateway.render_audio import quoted_speech
from gateway.render_plan import plan_from_request
from gateway.render_scene import caption_lines
prompts = {{"one word": "x" * 10_000_000, "short words": "ab " * 3_500_000, "line breaks": "\\n" * 10_000_000,
           "format characters": "\\u200b" * 10_000_000, "spaces then words": " " * 10_000_000 + "hello there"}}
openers = {{"straight quotes": '"', "curly quotes": "\\u201c", "low quotes": "\\u201e", "guillemets": "\\u00ab"}}
results = {{}}
for name, prompt in prompts.items():
    started = time.process_time()
    lines = caption_lines(prompt, 40)
    results["caption of " + name] = {{"result": lines, "cpu_s": time.process_time() - started}}
for name, opener in openers.items():
    started = time.process_time()
    speech = quoted_speech(opener * 1_000_000 + "no closing quote")
    results["speech in " + name] = {{"result": speech, "cpu_s": time.process_time() - started}}
started = time.process_time()
plan = plan_from_request({{"mode": "t2v", "prompt": "pan left, tilt up, zoom in " * 400_000}}, {{}})
results["plan of camera words"] = {{"result": len(plan.prompt), "cpu_s": time.process_time() - started}}
print(json.dumps(results))
"""
# minutes of work: Luma Ray 2's limits are not published, so the jobs API takes five minutes of 1080p
LONG = {"model": "luma-ray-2", "prompt": "a slow sunrise", "parameters": {"duration": 300, "resolution": "1080p"}}


class TextWorkTest(unittest.TestCase):
    def test_captions_and_speech_of_megabyte_prompts_cost_bounded_work(self):
        done = subprocess.run([sys.executable, "-c", TEXT_WORK], capture_output=True, text=True, timeout=600)
        self.assertEqual(done.returncode, 0, f"killed after {CPU_CAP_S} s of CPU time? {done.stderr[-500:]}")
        results = json.loads(done.stdout)
        for name, outcome in results.items():
            with self.subTest(name):
                self.assertLess(outcome["cpu_s"], 2.0, "the work is what fits the frame, not the prompt's size")
                if name.startswith("caption"):
                    self.assertLessEqual(len(outcome["result"]), 3)
                    self.assertTrue(all(len(line) <= 40 for line in outcome["result"]), outcome["result"])
        self.assertEqual(results["caption of one word"]["result"], ["x" * 40, "x" * 40, "x" * 39 + "\u2026"])
        self.assertEqual(results["caption of line breaks"]["result"], [])
        self.assertEqual(results["caption of spaces then words"]["result"], ["hello there"])
        self.assertEqual(results["speech in low quotes"]["result"], "", "no quote is closed")
        self.assertLessEqual(results["plan of camera words"]["result"], 20_000, "a render reads what it can use")


class PlanTest(unittest.TestCase):
    def test_more_shots_than_the_renderer_draws_are_refused_before_any_work(self):
        shots = [{"index": number, "prompt": "a shot", "duration": "0.01"} for number in range(1, 5001)]
        request = {"mode": "t2v", "prompt": "x", "providerOptions": {"klingai": {"multiShot": True,
                                                                               "multiPrompt": shots}}}
        with self.assertRaisesRegex(RenderError, r"5000 shots.*at most 32"):
            plan_from_request(request, {})


class BudgetTest(unittest.TestCase):
    def test_a_render_over_its_budget_fails_saying_so(self):
        server = ServeProcess("--workers", "1", "--render-budget", "1")
        self.addCleanup(server.close)
        status, body, _ = server.json("POST", "/v2/videos/generate", LONG)
        self.assertEqual(status, 202, body)
        failed, _ = server.poll(f"/v2/jobs/{body['jobId']}", lambda job: job["status"] in ("COMPLETED", "FAILED"))
        self.assertEqual(failed["status"], "FAILED", failed)
        self.assertEqual(failed["error"]["message"], "the render exceeded its 1 s budget (serve.py --render-budget)")

    def test_ffmpeg_is_stopped_by_the_kernel_past_its_cpu_time(self):
        endless = ["-f", "lavfi", "-i", "testsrc2=s=1280x720", "-vf", "gblur=sigma=8", "-f", "null", "-"]
        with self.assertRaisesRegex(RenderError, r"used up its 1 s of CPU time"):
            run_ffmpeg(endless, 10, lambda fraction: None, lambda: False, timeout_s=300, cpu_s=1)


if __name__ == "__main__":
    unittest.main()
