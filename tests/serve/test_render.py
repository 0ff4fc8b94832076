"""The renderer (gateway/render.py) with real ffmpeg, ffprobe and espeak-ng: every mode renders an
H.264 mp4 (faststart) whose duration, size, fps and audio match the request; seeds reproduce
bytes; multi-shot, hostile captions, cancel, time limits and bad inputs.

    python3 -m unittest tests/serve/test_render.py

Clips are short and small (360p, 1-2 s) so the file runs in well under a minute on 2 cores.
"""

import json
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from gateway.render import (RenderCancelled, RenderError, plan_from_request, render,  # noqa: E402
                            render_spritesheet)
from gateway.render_audio import quoted_speech  # noqa: E402
from gateway.render_camera import Camera, camera_from_kling, camera_from_prompt  # noqa: E402
from gateway.render_ffmpeg import FFMPEG, run_ffmpeg  # noqa: E402
from gateway.render_scene import CJK_FONT, FONT, STYLES, caption_font, caption_lines, video_command  # noqa: E402

HOSTILE = ("It's \"quoted\" \u201ccurly\u201d: a:b; c,d [e] 100% %{pts} %{eif:1:d} \\ \\\\n 'x' $(rm -rf) `y`\n"
           "second line \u00fcn\u00efc\u00f6d\u00e9 \u4f60\u597d \U0001F3AC\U0001F525\r\ttab\x00nul")


def ffmpeg(*args: str) -> None:
    subprocess.run([FFMPEG, "-v", "error", "-y", *args], check=True)


def ffprobe(path: Path) -> dict:
    done = subprocess.run(["ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", str(path)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def top_level_boxes(path: Path) -> list[str]:
    """The mp4's top-level box types in file order."""
    data, boxes, offset = path.read_bytes(), [], 0
    while offset + 8 <= len(data):
        size, kind = int.from_bytes(data[offset:offset + 4], "big"), data[offset + 4:offset + 8].decode("latin-1")
        if size == 1:
            size = int.from_bytes(data[offset + 8:offset + 16], "big")
        elif size == 0:
            size = len(data) - offset
        boxes.append(kind)
        offset += max(size, 8)
    return boxes


def mean_colour(video: Path, at: float) -> tuple[int, int, int]:
    """The average RGB of the top half of the frame at `at` seconds (above the caption)."""
    done = subprocess.run([FFMPEG, "-v", "error", "-ss", f"{at}", "-i", str(video), "-frames:v", "1", "-vf",
                           "crop=iw:ih/2:0:0,scale=1:1:flags=area", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                          capture_output=True, check=True)
    return tuple(done.stdout[:3])


class RenderTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="test-render-")
        cls.dir = Path(cls._tmp.name)
        cls.landscape = cls.dir / "landscape 4x3 %d.png"  # a name ffmpeg would read as a pattern
        ffmpeg("-f", "lavfi", "-i", "testsrc2=s=640x480", "-frames:v", "1", "-update", "1", str(cls.landscape))
        cls.red = cls.dir / "red.png"
        ffmpeg("-f", "lavfi", "-i", "color=c=red:s=400x600", "-frames:v", "1", str(cls.red))
        cls.blue = cls.dir / "blue.jpg"
        ffmpeg("-f", "lavfi", "-i", "color=c=blue:s=400x600", "-frames:v", "1", str(cls.blue))
        cls.clip = cls.dir / "source.mp4"
        ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=1.6", "-f", "lavfi", "-i", "sine=d=1.6",
               "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", str(cls.clip))
        cls.truncated = cls.dir / "truncated.png"
        cls.truncated.write_bytes(cls.landscape.read_bytes()[:3000])
        cls.broken_clip = cls.dir / "broken.mp4"
        cls.broken_clip.write_bytes(cls.clip.read_bytes()[:4000])
        cls.garbage = cls.dir / "garbage.jpg"
        cls.garbage.write_bytes(bytes(range(256)) * 20)

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def out_dir(self) -> Path:
        return Path(tempfile.mkdtemp(dir=self.dir))

    def render(self, request: dict, inputs: dict | None = None, **kwargs):
        return render(plan_from_request(request, inputs or {}), self.out_dir(), **kwargs)

    def assertVideo(self, video, width, height, duration, fps=24, audio=False):
        report = ffprobe(video.path)
        streams = {s["codec_type"]: s for s in report["streams"]}
        self.assertEqual(sorted(streams), ["audio", "video"] if audio else ["video"])
        picture = streams["video"]
        self.assertEqual((picture["codec_name"], picture["pix_fmt"]), ("h264", "yuv420p"))
        self.assertEqual((picture["width"], picture["height"]), (width, height))
        self.assertEqual(picture["r_frame_rate"], f"{fps}/1")
        self.assertAlmostEqual(float(report["format"]["duration"]), duration, delta=0.1)
        if audio:
            self.assertEqual(streams["audio"]["codec_name"], "aac")
            self.assertAlmostEqual(float(streams["audio"]["duration"]), duration, delta=0.1)
        boxes = top_level_boxes(video.path)
        self.assertLess(boxes.index("moov"), boxes.index("mdat"), "faststart puts moov before mdat")
        self.assertEqual((video.width, video.height, video.has_audio), (width, height, audio))
        self.assertAlmostEqual(video.duration, duration, delta=0.05)
        self.assertEqual(video.thumbnail_path.read_bytes()[:2], b"\xff\xd8", "the thumbnail is a JPEG")

    # --- modes ---------------------------------------------------------------------------------

    def test_text_to_video_with_speech_and_progress(self):
        progress = []
        request = {"mode": "t2v", "prompt": 'A robot says "hello world" as the camera zooms in',
                   "duration": 2, "resolution": "360p", "fps": 30, "audio": True, "seed": 1}
        [video] = self.render(request, on_progress=progress.append)
        self.assertVideo(video, 640, 360, 2.0, fps=30, audio=True)
        self.assertEqual(progress, sorted(progress))
        self.assertEqual(progress[-1], 1.0)
        self.assertGreater(len(progress), 1)

    def test_image_to_video_portrait_crop_without_audio(self):
        request = {"mode": "i2v", "prompt": "the scene drifts", "duration": 1.5, "resolution": "360p",
                   "aspectRatio": "9:16", "audio": False, "seed": 2,
                   "providerOptions": {"vertex": {"resizeMode": "crop"},
                                       "klingai": {"cameraControl": {"type": "simple", "config": {"roll": 5}}}}}
        [video] = self.render(request, {"/image": self.landscape})
        self.assertVideo(video, 360, 640, 1.5)

    def test_image_to_video_takes_the_image_aspect(self):
        plan = plan_from_request({"mode": "i2v", "prompt": "pan left"}, {"/image": self.landscape})
        self.assertEqual((plan.width, plan.height, plan.duration, plan.fps), (960, 720, 5.0, 24))
        self.assertEqual(plan.shots[0].camera.x, -1.0)

    def test_first_and_last_frame_goes_from_one_to_the_other(self):
        request = {"mode": "flf", "prompt": "red turns blue", "duration": 2, "resolution": "360p", "seed": 3}
        [video] = self.render(request, {"/image": self.red, "/providerOptions/klingai/imageTail": self.blue})
        self.assertVideo(video, 360, 540, 2.0)  # the first image's 2:3
        first, last = mean_colour(video.path, 0.0), mean_colour(video.path, 1.9)
        self.assertGreater(first[0], 150)
        self.assertLess(first[2], 80)
        self.assertGreater(last[2], 150)
        self.assertLess(last[0], 80)

    def test_reference_to_video_composes_tagged_references(self):
        request = {"mode": "r2v", "prompt": "two friends meet", "duration": 1.5, "resolution": "360p",
                   "aspectRatio": "1:1", "seed": 4,
                   "references": [{"url": "a", "type": "image", "tag": "character1"},
                                  {"url": "b", "type": "image", "tag": HOSTILE},
                                  {"url": "c", "type": "video"}]}
        [video] = self.render(request, {"/references/0/url": self.red, "/references/1/url": self.landscape,
                                        "/references/2/url": self.clip})
        self.assertVideo(video, 360, 360, 1.5)

    def test_video_edit_keeps_the_source_length_and_sound(self):
        request = {"mode": "v2v", "prompt": 'make it noir, she whispers "again"', "duration": 8,
                   "resolution": "360p", "audio": True, "seed": 5}
        [video] = self.render(request, {"/video": self.clip})
        self.assertVideo(video, 480, 360, 1.6, audio=True)

    def test_every_edit_style_renders(self):
        for cues, _ in STYLES:
            with self.subTest(cues[0]):
                request = {"mode": "v2v", "prompt": f"make it {cues[0]}", "resolution": "120p", "seed": 6}
                [video] = self.render(request, {"/video": self.clip})
                self.assertVideo(video, 160, 120, 1.6)

    # --- request fields ------------------------------------------------------------------------

    def test_sizes_from_resolution_and_aspect_ratio(self):
        cases = [({}, (1280, 720)), ({"aspectRatio": "9:16"}, (720, 1280)), ({"aspectRatio": "1:1"}, (720, 720)),
                 ({"resolution": "1080p", "aspectRatio": "4:3"}, (1440, 1080)),
                 ({"resolution": "480p", "aspectRatio": "3:4"}, (480, 640)), ({"resolution": "480p"}, (854, 480)),
                 ({"resolution": "4K"}, (3840, 2160)), ({"resolution": "1024x1792"}, (1024, 1792)),
                 ({"resolution": "721x405"}, (722, 406))]
        for fields, size in cases:
            with self.subTest(fields):
                plan = plan_from_request({"mode": "t2v", "prompt": "p", **fields}, {})
                self.assertEqual((plan.width, plan.height), size)
        with self.assertRaisesRegex(RenderError, "resolution"):
            plan_from_request({"prompt": "p", "resolution": "huge"}, {})

    def test_same_seed_same_bytes_other_seed_other_bytes(self):
        request = {"mode": "t2v", "prompt": 'rain "drip drop" on glass', "duration": 1, "resolution": "360p",
                   "audio": True, "seed": 42}
        [first] = self.render(request)
        [again] = self.render(request)
        [other] = self.render({**request, "seed": 43})
        self.assertEqual(first.path.read_bytes(), again.path.read_bytes())
        self.assertNotEqual(first.path.read_bytes(), other.path.read_bytes())

    def test_n_gives_different_videos(self):
        videos = self.render({"mode": "t2v", "prompt": "waves", "duration": 1, "resolution": "360p", "n": 2, "seed": 7})
        self.assertEqual(len(videos), 2)
        self.assertNotEqual(videos[0].path, videos[1].path)
        self.assertNotEqual(videos[0].path.read_bytes(), videos[1].path.read_bytes())
        for video in videos:
            self.assertVideo(video, 640, 360, 1.0)

    def test_kling_multi_shot_concatenates_shots(self):
        request = {"mode": "i2v", "prompt": "", "duration": 2.5, "resolution": "360p", "audio": True, "seed": 8,
                   "providerOptions": {"klingai": {"multiShot": True, "multiPrompt": [
                       {"index": 2, "prompt": 'He says "bye" and the camera pulls back', "duration": 1.5},
                       {"index": 1, "prompt": "The character looks up at the sky.", "duration": "1"}]}}}
        plan = plan_from_request(request, {"/image": self.landscape})
        self.assertEqual([(s.prompt[:3], s.duration) for s in plan.shots], [("The", 1.0), ("He ", 1.5)])
        [video] = render(plan, self.out_dir())
        self.assertVideo(video, 480, 360, 2.5, audio=True)

    def test_hostile_caption_and_paths_render(self):
        """Caption and tag text, and the output directory (where the textfile= paths spliced
        into the filter graph live) carry filter-graph, option and pattern syntax."""
        request = {"mode": "r2v", "prompt": HOSTILE, "duration": 1, "resolution": "360p", "audio": True,
                   "seed": 9, "references": [{"url": "a", "tag": HOSTILE}]}
        plan = plan_from_request(request, {"/references/0/url": self.landscape})
        out = self.dir / "we'ird: d,i=r [x];y \\z %d" / "out %03d"
        [video] = render(plan, out)
        self.assertVideo(video, 640, 360, 1.0, audio=True)
        self.assertEqual(sorted(p.name for p in out.iterdir()), ["video_0.jpg", "video_0.mp4"])

    def test_caption_keeps_line_breaks_and_is_capped(self):
        self.assertEqual(caption_lines("one\ntwo", 40), ["one", "two"])
        lines = caption_lines("word " * 100, 20)
        self.assertEqual(len(lines), 3)
        self.assertTrue(lines[-1].endswith("\u2026"))
        self.assertEqual(caption_lines("a\x00b\tc", 40), ["a b c"])

    def test_chinese_japanese_korean_captions_are_drawn_in_a_font_that_has_them(self):
        """DejaVu Sans draws 東京 as boxes: a caption holding such characters takes Noto Sans CJK
        (installed by set-up), and breaks its lines for characters twice as wide."""
        self.assertTrue(CJK_FONT.is_file(), "fonts-noto-cjk is not installed (scripts/setup.sh installs it)")
        self.assertEqual(caption_font("東京の夜、提灯が揺れる"), (CJK_FONT, 1.0))
        self.assertEqual(caption_font("서울의 밤"), (CJK_FONT, 1.0))
        self.assertEqual(caption_font("a café in Paris — 🎬"), (FONT, 0.55))
        request = {"mode": "t2v", "prompt": "東京の夜、提灯が揺れる。" * 8, "duration": 1, "resolution": "360p", "seed": 4}
        plan = plan_from_request(request, {})
        command, _ = video_command(plan, 0, self.out_dir(), self.out_dir() / "out.mp4")
        graph = command[command.index("-filter_complex") + 1]
        self.assertIn(str(CJK_FONT), graph)
        self.assertNotIn(str(FONT), graph)
        [video] = self.render(request)
        self.assertVideo(video, 640, 360, 1.0)
        # Three lines of at most 0.9 * 640 / (16 px * 1.0) = 36 characters: within the frame.
        lines = caption_lines(request["prompt"], int(640 * 0.9 / (max(12, round(360 * 0.045)) * 1.0)))
        self.assertEqual(len(lines), 3)
        self.assertTrue(all(len(line) <= 36 for line in lines), lines)

    def test_camera_cues(self):
        self.assertEqual(camera_from_prompt("a quiet lake"), None)
        self.assertEqual(camera_from_prompt("static camera, zoom in"), Camera())
        both = camera_from_prompt("Slow zoom in while the camera pans left")
        self.assertGreater(both.zoom_to, both.zoom_from)
        self.assertEqual(both.x, -1.0)
        out = camera_from_prompt("the camera pulls back, then zooms in")
        self.assertGreater(out.zoom_from, out.zoom_to)
        self.assertEqual(camera_from_prompt("tilt up to the sky").y, -1.0)
        self.assertGreater(camera_from_prompt("dolly through the hall").zoom_to, 1.0)
        self.assertEqual(camera_from_prompt("orbit around the statue").x, 1.0)
        # seed 001: zoom negative = narrower field of view (closer); vertical negative = down
        closer = camera_from_kling({"type": "simple", "config": {"zoom": -10}})
        self.assertGreater(closer.zoom_to, closer.zoom_from)
        self.assertGreater(camera_from_kling({"type": "simple", "config": {"vertical": -5}}).y, 0)
        self.assertLess(camera_from_kling({"type": "forward_up"}).y, 0)

    def test_quoted_speech(self):
        self.assertEqual(quoted_speech('She says "Hello" and \u201cbye now\u201d'), "Hello. bye now")
        self.assertEqual(quoted_speech('The person<<<voice_1>>> says: "Hi <<<voice_2>>>there"'), "Hi there")
        self.assertEqual(quoted_speech("no speech, it's quiet"), "")

    def test_spritesheet(self):
        [video] = self.render({"mode": "t2v", "prompt": "s", "duration": 1, "resolution": "360p", "seed": 10})
        sheet = render_spritesheet(video.path, video.path.with_suffix(".sprites.jpg"), columns=4, rows=3)
        picture = ffprobe(sheet)["streams"][0]
        self.assertEqual((picture["codec_name"], picture["width"], picture["height"]), ("mjpeg", 640, 270))

    # --- control and failures ------------------------------------------------------------------

    def test_cancel_stops_quickly_and_leaves_nothing(self):
        out = self.out_dir()
        plan = plan_from_request({"mode": "t2v", "prompt": "long", "duration": 60, "resolution": "720p"}, {})
        started = time.monotonic()
        with self.assertRaises(RenderCancelled):
            render(plan, out, cancelled=lambda: time.monotonic() - started > 0.5)
        self.assertLess(time.monotonic() - started, 3.0)
        self.assertEqual(list(out.iterdir()), [])

    def test_time_limit_kills_ffmpeg(self):
        started = time.monotonic()
        with self.assertRaisesRegex(RenderError, "within"):
            run_ffmpeg(["-f", "lavfi", "-i", "color=s=64x64", "-f", "null", "-"], 10, lambda f: None,
                       lambda: False, timeout_s=0.5)
        self.assertLess(time.monotonic() - started, 3.0)

    def test_ffmpeg_failure_is_a_render_error_with_its_reason(self):
        with self.assertRaisesRegex(RenderError, "ffmpeg failed: .*nosuchfilter"):
            run_ffmpeg(["-f", "lavfi", "-i", "color=s=64x64:d=1", "-vf", "nosuchfilter", "-f", "null", "-"], 1,
                       lambda f: None, lambda: False, timeout_s=30)

    def test_bad_inputs_are_render_errors(self):
        cases = [("i2v", {"/image": self.truncated}, "could not be decoded"),
                 ("i2v", {"/image": self.garbage}, "not a readable image"),
                 ("i2v", {"/image": self.dir / "missing.png"}, "does not exist"),
                 ("i2v", {}, "needs the image"),
                 ("i2v", {"/image": self.clip}, "video where an image is needed"),
                 ("v2v", {"/video": self.red}, "still image where a video is needed"),
                 ("v2v", {"/video": self.broken_clip}, "not a readable image or video .*broken.mp4"),
                 ("flf", {"/image": self.red}, "needs the last frame")]
        for mode, inputs, reason in cases:
            with self.subTest(mode=mode, reason=reason), self.assertRaisesRegex(RenderError, reason):
                plan_from_request({"mode": mode, "prompt": "p"}, inputs)


if __name__ == "__main__":
    unittest.main()
