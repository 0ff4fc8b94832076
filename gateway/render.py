"""The local gateway's renderer: real H.264/AAC mp4 videos (faststart) made by ffmpeg from a
canonical request, with a JPEG thumbnail each, and an optional spritesheet.

    plan = plan_from_request(canonical, {"/image": Path("upload.png")})   # RenderError if unusable
    videos = render(plan, out_dir, on_progress=lambda f: ..., cancelled=lambda: False)

The pieces: render_plan (request -> RenderPlan), render_camera (camera motion), render_scene (the
ffmpeg command per mode), render_audio (speech and ambience), render_ffmpeg (probing, running).

[SECTION] public names · render · thumbnails and spritesheets
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from gateway.render_ffmpeg import (BUDGET_BASE_S, BUDGET_PER_VIDEO_S, CPU_PER_BUDGET_S, FFMPEG, OverBudget,
                                   RenderCancelled, RenderError, probe, run_ffmpeg, run_tool)
from gateway.render_plan import RenderPlan, Shot, plan_from_request
from gateway.render_scene import video_command

__all__ = ["RenderCancelled", "RenderError", "RenderPlan", "RenderedVideo", "Shot", "plan_from_request",
           "render", "render_spritesheet", "render_thumbnail"]

THUMBNAIL_TIMEOUT_S = 30


# [SECTION] public names

@dataclass(frozen=True)
class RenderedVideo:
    path: Path
    thumbnail_path: Path
    width: int
    height: int
    duration: float   # seconds: the frame count over the frame rate
    has_audio: bool
    mime: str = "video/mp4"


# [SECTION] render

def _never() -> bool:
    return False


def default_budget_s(plan: RenderPlan) -> float:
    """A job's render budget when serve.py --render-budget does not fix one: a base plus a share per
    second of video, so a four-video 20 s job is not held to what a 5 s one needs."""
    return BUDGET_BASE_S + BUDGET_PER_VIDEO_S * plan.n * plan.duration


def render(plan: RenderPlan, out_dir: Path, on_progress: Callable[[float], None] | None = None,
           cancelled: Callable[[], bool] | None = None, budget_s: float | None = None) -> list[RenderedVideo]:
    """Renders plan.n videos into out_dir as video_<i>.mp4 with video_<i>.jpg thumbnails.
    on_progress gets the fraction done (0..1) over all videos; cancelled() is polled while
    ffmpeg runs. All the videos must be done within budget_s seconds (default: default_budget_s),
    with ffmpeg's CPU time capped to match: past it, a RenderError says so. On RenderError or
    RenderCancelled no file of this call is left behind."""
    budget_s = budget_s or default_budget_s(plan)
    deadline = time.monotonic() + budget_s
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = on_progress or (lambda fraction: None)
    cancelled = cancelled or _never
    written: list[Path] = []
    videos = []
    try:
        for index in range(plan.n):
            if cancelled():
                raise RenderCancelled("render cancelled")
            path, thumbnail = out_dir / f"video_{index}.mp4", out_dir / f"video_{index}.jpg"
            partial = out_dir / f"video_{index}.mp4.part"
            written += [partial, path, thumbnail]
            # working files live in out_dir, so a killed server leaves nothing elsewhere
            with tempfile.TemporaryDirectory(prefix=".work-", dir=out_dir) as tmp:
                args, duration = video_command(plan, index, Path(tmp), partial)
                remaining = max(0.0, deadline - time.monotonic())
                try:
                    run_ffmpeg(args, duration, lambda fraction: report((index + 0.95 * fraction) / plan.n),
                               cancelled, remaining, remaining * CPU_PER_BUDGET_S, pid_dir=out_dir)
                except OverBudget:
                    raise RenderError(f"the render exceeded its {budget_s:g} s budget (serve.py --render-budget)") \
                        from None
            partial.replace(path)
            _thumbnail(path, thumbnail)
            videos.append(RenderedVideo(path, thumbnail, plan.width, plan.height, duration, plan.audio))
            report((index + 1) / plan.n)
    except BaseException:
        for leftover in written:
            leftover.unlink(missing_ok=True)
        raise
    return videos


# [SECTION] thumbnails and spritesheets

# A still image's encoder settings by its file's suffix: JPEG, or WebP (OpenAI's preview variants).
IMAGE_ENCODING = {".jpg": ["-q:v", "3"], ".webp": ["-c:v", "libwebp", "-quality", "80"]}


def _thumbnail(video: Path, image: Path) -> None:
    """The first frame as a JPEG or WebP (by image's suffix)."""
    run_tool([FFMPEG, "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", "file:" + str(video),
              "-frames:v", "1", *IMAGE_ENCODING[image.suffix], "-f", "image2", "-update", "1", "file:" + str(image)],
             "the thumbnail", THUMBNAIL_TIMEOUT_S)


def render_thumbnail(video_path: Path, out_path: Path) -> Path:
    """The video's first frame as an image of out_path's type (.jpg or .webp)."""
    _thumbnail(Path(video_path), Path(out_path))
    return Path(out_path)


def render_spritesheet(video_path: Path, out_path: Path, columns: int = 5, rows: int = 5,
                       tile_width: int = 160) -> Path:
    """A grid of columns x rows frames sampled evenly over the video (OpenAI's variant=spritesheet),
    each tile_width pixels wide, as an image of out_path's type (.jpg or .webp)."""
    video = probe(Path(video_path), "the video", "video")
    count = columns * rows
    with tempfile.TemporaryDirectory(prefix="vgsprite-") as tmp:
        source = Path(tmp) / "input"
        source.symlink_to(Path(video_path).resolve())
        run_tool([FFMPEG, "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", "file:" + str(source),
                  "-vf", f"fps={count}/{video.duration:.4f},scale={tile_width}:-2,tile={columns}x{rows}",
                  "-frames:v", "1", *IMAGE_ENCODING[Path(out_path).suffix], "-f", "image2", "-update", "1",
                  "file:" + str(out_path)],
                 "the spritesheet", THUMBNAIL_TIMEOUT_S + video.duration)
    return Path(out_path)
