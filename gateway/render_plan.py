"""From a canonical request (wasm/core/request/request.h) and the server's resolved input files to a
RenderPlan: the mode, the output size, duration, fps, n, seed, audio, the shots with their
captions and camera, and the probed input media.

[SECTION] RenderPlan · size · shots · plan_from_request
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from gateway.render_camera import PUSH_IN, SHOT_DEFAULTS, Camera, camera_from_kling, camera_from_prompt
from gateway.render_ffmpeg import Media, RenderError, probe

# What the renderer picks for a model whose catalog entry states no default: the gateway first fills
# the catalog's own (route_common.with_model_defaults: Sora 4 s 720x1280, Veo 8 s, Grok 480p), so
# these only cover the models the catalog knows no default of.
DEFAULT_DURATION_S = 5.0
DEFAULT_FPS = 24
DEFAULT_RESOLUTION = "720p"
DEFAULT_ASPECT = 16 / 9
MAX_DURATION_S = 300.0
MAX_N = 16
MAX_SHOTS = 32  # of a multi-shot video: each is a chain of filters, so the graph grows with them
MAX_SIDE = 4096
SHORT_SIDES = {"360p": 360, "480p": 480, "540p": 540, "720p": 720, "1080p": 1080, "1440p": 1440,
               "2160p": 2160, "4k": 2160}
# extend: the source video as it is, then `duration` seconds more (OpenAI's video extensions); only
# the gateway writes it, no dialect carries it.
MODES = ("t2v", "i2v", "flf", "r2v", "v2v", "extend")
# What a render reads of a prompt (the caption shows 3 lines; 300 s of speech is ~10,000 characters):
# camera cues, speech and styles further on are ignored, so a prompt of megabytes costs no more.
PROMPT_CHARS = 20_000


# [SECTION] RenderPlan

@dataclass(frozen=True)
class Shot:
    """One stretch of the video with its own caption and camera (one, unless Kling multi-shot)."""
    prompt: str
    duration: float
    camera: Camera


@dataclass(frozen=True)
class Reference:
    media: Media
    tag: str  # the label drawn on its tile: the request's tag, else "reference N"


@dataclass(frozen=True)
class RenderPlan:
    """Everything render() needs. seed: the request's, else one drawn at random (kept here so a
    job can report it). duration: for v2v the source's length (at most MAX_DURATION_S); for
    multi-shot the shots' sum; for extend the source's length plus the shots' (what is new)."""
    mode: str
    width: int
    height: int
    duration: float
    fps: int
    n: int
    seed: int
    audio: bool
    prompt: str
    shots: tuple[Shot, ...]
    resize_mode: str = "pad"  # "pad" letterboxes an image into the frame, "crop" fills it
    image: Media | None = None
    last_frame: Media | None = None
    video: Media | None = None
    references: tuple[Reference, ...] = ()


# [SECTION] size

def even(value: float) -> int:
    return max(2, int(value / 2 + 0.5) * 2)  # half up, unlike round()


def _aspect(text) -> float | None:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*[:x/]\s*(\d+(?:\.\d+)?)\s*", str(text or ""))
    if not match or float(match[1]) <= 0 or float(match[2]) <= 0:
        return None
    return float(match[1]) / float(match[2])


def output_size(resolution, aspect_ratio, natural_aspect: float | None) -> tuple[int, int]:
    """resolution "720p"-style (the short side) or "WxH" (exact); the aspect from aspectRatio,
    else the input's (natural_aspect), else 16:9. 720p 16:9 = 1280x720, 9:16 = 720x1280."""
    text = str(resolution or DEFAULT_RESOLUTION).strip().lower()
    exact = re.fullmatch(r"(\d+)\s*[x*\u00d7]\s*(\d+)", text)
    if exact:
        width, height = even(int(exact[1])), even(int(exact[2]))
    else:
        short = SHORT_SIDES.get(text) or (int(text[:-1]) if re.fullmatch(r"\d+p", text) else None)
        if not short:
            raise RenderError(f"resolution {resolution!r} is not like '720p' or '1280x720'")
        aspect = _aspect(aspect_ratio) if aspect_ratio else None
        if aspect_ratio and aspect is None:
            raise RenderError(f"aspectRatio {aspect_ratio!r} is not like '16:9'")
        aspect = aspect or natural_aspect or DEFAULT_ASPECT
        width, height = (short * aspect, short) if aspect >= 1 else (short, short / aspect)
        width, height = even(width), even(height)
    if max(width, height) > MAX_SIDE or min(width, height) < 16:
        raise RenderError(f"output size {width}x{height} is outside 16..{MAX_SIDE} pixels")
    return width, height


# [SECTION] shots

def _seconds(value, what: str) -> float:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise RenderError(f"{what} {value!r} is not a number of seconds") from None
    if not 0 < seconds <= MAX_DURATION_S:
        raise RenderError(f"{what} must be more than 0 and at most {MAX_DURATION_S:.0f} seconds")
    return seconds


def _shots(prompt: str, duration: float, kling: dict, multi_shot: bool) -> tuple[Shot, ...]:
    """Kling multi-shot (multiShot + multiPrompt [{index, prompt, duration}], when the mode has
    shots: t2v, i2v, r2v) gives one shot per entry in index order; otherwise the whole prompt is
    one shot. cameraControl, when given, moves every shot; else each shot's own cues, else the
    whole prompt's, else a default."""
    forced = camera_from_kling(kling.get("cameraControl"))
    entries = kling.get("multiPrompt") if multi_shot and kling.get("multiShot") is True else None
    if not isinstance(entries, list) or not entries:
        return (Shot(prompt, duration, forced or camera_from_prompt(prompt) or PUSH_IN),)
    if len(entries) > MAX_SHOTS:
        raise RenderError(f"multiPrompt has {len(entries)} shots; this renderer draws at most {MAX_SHOTS}")
    ordered = sorted((e for e in entries if isinstance(e, dict)), key=_index_of)
    shots = []
    for number, entry in enumerate(ordered):
        text = str(entry.get("prompt") or "")[:PROMPT_CHARS]
        camera = (forced or camera_from_prompt(text) or camera_from_prompt(prompt)
                  or SHOT_DEFAULTS[number % len(SHOT_DEFAULTS)])
        shots.append(Shot(text, _seconds(entry.get("duration"), f"multiPrompt shot {number + 1} duration"), camera))
    if not shots:
        raise RenderError("multiPrompt has no shots")
    if sum(s.duration for s in shots) > MAX_DURATION_S:
        raise RenderError(f"the shots add up to more than {MAX_DURATION_S:.0f} seconds")
    return tuple(shots)


def _index_of(entry: dict) -> float:
    index = entry.get("index")
    return float(index) if isinstance(index, (int, float)) else float("inf")


# [SECTION] plan_from_request

def _mode(canonical: dict, inputs: dict[str, Path]) -> str:
    """The explicit mode, else the one the inputs imply (request.h: video > references >
    image+lastFrame > image > text)."""
    mode = canonical.get("mode")
    if mode:
        if mode not in MODES:
            raise RenderError(f"mode {mode!r} is not one of {', '.join(MODES)}")
        return mode
    if "/video" in inputs:
        return "v2v"
    if any(key.startswith("/references/") for key in inputs):
        return "r2v"
    if "/image" in inputs:
        return "flf" if _last_frame_key(inputs) else "i2v"
    return "t2v"


def _last_frame_key(inputs: dict[str, Path]) -> str | None:
    return next((k for k in ("/lastFrame", "/providerOptions/klingai/imageTail") if k in inputs), None)


def _required(inputs: dict[str, Path], key: str | None, mode: str, what: str, expect: str) -> Media:
    if not key or key not in inputs:
        raise RenderError(f"mode {mode} needs {what} ({key or '/lastFrame'}), and none was given")
    return probe(inputs[key], f"{what} ({key})", expect)


def _references(canonical: dict, inputs: dict[str, Path]) -> tuple[Reference, ...]:
    listed = canonical.get("references") if isinstance(canonical.get("references"), list) else []
    keys = sorted((k for k in inputs if re.fullmatch(r"/references/\d+/url", k)), key=lambda k: int(k.split("/")[2]))
    if not keys:
        raise RenderError("mode r2v needs reference images (/references/N/url), and none was given")
    references = []
    for key in keys:
        number = int(key.split("/")[2])
        entry = listed[number] if number < len(listed) and isinstance(listed[number], dict) else {}
        expect = "video" if entry.get("type") == "video" else "image"
        tag = str(entry.get("tag") or f"reference {number + 1}")
        references.append(Reference(probe(inputs[key], f"reference {number + 1} ({key})", expect), tag))
    return tuple(references)


def _integer(canonical: dict, key: str, default: int, low: int, high: int) -> int:
    value = canonical.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        raise RenderError(f"{key} {value!r} is not an integer")
    if not low <= value <= high:
        raise RenderError(f"{key} must be between {low} and {high}")
    return int(value)


def plan_from_request(canonical: dict, inputs: dict[str, Path]) -> RenderPlan:
    """A RenderPlan for the canonical request; inputs maps canonical pointers of media to local
    files. Raises RenderError with a human reason (missing or unreadable input, bad value)."""
    inputs = {key: Path(path) for key, path in (inputs or {}).items()}
    mode = _mode(canonical, inputs)
    options = canonical.get("providerOptions") if isinstance(canonical.get("providerOptions"), dict) else {}
    kling = options.get("klingai") if isinstance(options.get("klingai"), dict) else {}
    # Veo's providerOptions.vertex.resizeMode (seed 001), honoured in whichever namespace it comes
    resize_mode = next((o.get("resizeMode") for o in options.values()
                        if isinstance(o, dict) and o.get("resizeMode") in ("pad", "crop")), "pad")
    prompt = str(canonical.get("prompt") or "")[:PROMPT_CHARS]
    image = last_frame = video = None
    references: tuple[Reference, ...] = ()
    if mode in ("i2v", "flf"):
        image = _required(inputs, "/image", mode, "the image", "image")
    if mode == "flf":
        last_frame = _required(inputs, _last_frame_key(inputs), mode, "the last frame", "image")
    if mode == "r2v":
        references = _references(canonical, inputs)
    if mode in ("v2v", "extend"):
        video = _required(inputs, "/video", mode, "the source video", "video")
    natural = image or video
    width, height = output_size(canonical.get("resolution"), canonical.get("aspectRatio"),
                                natural.width / natural.height if natural else None)
    if mode == "v2v":
        duration = min(video.duration, MAX_DURATION_S)
    elif canonical.get("duration") is not None:
        duration = _seconds(canonical["duration"], "duration")
    else:
        duration = DEFAULT_DURATION_S
    if mode == "extend" and video.duration + duration > MAX_DURATION_S:
        raise RenderError(f"the source ({video.duration:.1f} s) and the extension ({duration:g} s) add up to more "
                          f"than {MAX_DURATION_S:.0f} seconds")
    shots = _shots(prompt, duration, kling, multi_shot=mode in ("t2v", "i2v", "r2v"))
    source_seconds = video.duration if mode == "extend" else 0.0
    seed = canonical.get("seed")
    if seed is None:
        seed = secrets.randbelow(2**31)
    elif isinstance(seed, bool) or not isinstance(seed, int):
        raise RenderError(f"seed {seed!r} is not an integer")
    return RenderPlan(mode=mode, width=width, height=height, duration=source_seconds + sum(s.duration for s in shots),
                      fps=_integer(canonical, "fps", DEFAULT_FPS, 1, 120),
                      n=_integer(canonical, "n", 1, 1, MAX_N), seed=seed,
                      audio=canonical.get("audio") is True, prompt=prompt, shots=shots,
                      resize_mode=resize_mode, image=image, last_frame=last_frame, video=video,
                      references=references)
