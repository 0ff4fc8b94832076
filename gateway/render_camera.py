"""Camera motion for the renderer: read from the prompt's cues ("zoom in", "pan left", "dolly",
"orbit", "tilt up" ...) or from Kling's cameraControl (seed 001), and turned into ffmpeg filters
(rotate for roll, zoompan for zoom and movement) eased over the clip.

[SECTION] Camera · prompt cues · Kling cameraControl · filters
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_ROLL_RAD = 0.15     # a full-scale roll (Kling roll 10) turns the picture by ~8.6 degrees
ZOOM_RANGE = 0.35       # a plain "zoom in" ends 35 % closer
PAN_SLACK_ZOOM = 0.3    # panning needs picture beyond the frame: start that much zoomed in


# [SECTION] Camera

@dataclass(frozen=True)
class Camera:
    """Where the virtual camera ends, starting from the centred, unrotated frame.
    zoom_from/zoom_to: 1 = the whole picture (default: no zoom); x, y: -1..1 of the room left by
    the zoom, negative = left/up; roll: radians, positive = clockwise. Defaults: no motion."""
    zoom_from: float = 1.0
    zoom_to: float = 1.0
    x: float = 0.0
    y: float = 0.0
    roll: float = 0.0

    def is_static(self) -> bool:
        return self == Camera()


PUSH_IN = Camera(zoom_to=1.0 + ZOOM_RANGE / 3)
# Shots of a multi-shot video without cues of their own take these in turn, so each shot differs.
SHOT_DEFAULTS = (PUSH_IN, Camera(x=1.0), Camera(zoom_from=1.0 + ZOOM_RANGE / 2), Camera(x=-1.0))


# [SECTION] prompt cues

_WORD = re.IGNORECASE
_STATIC = re.compile(r"\b(static|locked[- ]off|fixed|still) (camera|shot)\b|\bno camera (movement|motion)\b", _WORD)
_ZOOM_IN = re.compile(r"\b(zoom(s|ing|ed)? in|push(es|ing)? in|dolly(ing)? (in|forward)|close[- ]up push|"
                      r"mov(e|es|ing) (in|forward|closer)|track(s|ing)? in)\b", _WORD)
_ZOOM_OUT = re.compile(r"\b(zoom(s|ing|ed)? out|pull(s|ing)? (back|out)|dolly(ing)? (out|back)|"
                       r"mov(e|es|ing) (back|away)|track(s|ing)? out)\b", _WORD)
_DOLLY = re.compile(r"\bdolly\b", _WORD)
_LEFT = re.compile(r"\b(pan(s|ning)?|truck(s|ing)?|track(s|ing)?|slid(e|es|ing)|mov(e|es|ing)|orbit(s|ing)?)"
                   r" (to the )?left\b", _WORD)
_RIGHT = re.compile(r"\b(pan(s|ning)?|truck(s|ing)?|track(s|ing)?|slid(e|es|ing)|mov(e|es|ing)|orbit(s|ing)?)"
                    r" (to the )?right\b", _WORD)
_UP = re.compile(r"\b(tilt(s|ing)?|crane(s|ing)?|pedestal(s|ing)?|boom(s|ing)?|ris(e|es|ing)) up\b|"
                 r"\b(ascend(s|ing)?|rises)\b", _WORD)
_DOWN = re.compile(r"\b(tilt(s|ing)?|crane(s|ing)?|pedestal(s|ing)?|boom(s|ing)?) down\b|\bdescend(s|ing)?\b", _WORD)
_ORBIT = re.compile(r"\b(orbit(s|ing)?|arc shot|circl(e|es|ing) around)\b", _WORD)
_ROLL = re.compile(r"\b(camera roll(s|ing)?|roll(s|ing)? (the camera|clockwise|counter-?clockwise)|"
                   r"dutch (angle|tilt)|barrel roll)\b", _WORD)
_COUNTER = re.compile(r"\b(counter|anti)-?clockwise\b", _WORD)


def camera_from_prompt(prompt: str) -> Camera | None:
    """The motion a prompt asks for, cues combined ("zoom in while panning left"); None if it
    names none. When both zoom directions appear, the first one mentioned wins."""
    if _STATIC.search(prompt):
        return Camera()
    zoom_in, zoom_out = _ZOOM_IN.search(prompt), _ZOOM_OUT.search(prompt)
    if zoom_in and zoom_out:
        zoom_out = None if zoom_in.start() < zoom_out.start() else zoom_out
        zoom_in = None if zoom_out else zoom_in
    zoom_in = zoom_in or (not zoom_out and _DOLLY.search(prompt))
    orbit = _ORBIT.search(prompt)
    x = (1.0 if _RIGHT.search(prompt) else 0.0) - (1.0 if _LEFT.search(prompt) else 0.0)
    if orbit and x == 0.0:
        x = 1.0
    y = (1.0 if _DOWN.search(prompt) else 0.0) - (1.0 if _UP.search(prompt) else 0.0)
    roll = 0.0
    if _ROLL.search(prompt):
        roll = -MAX_ROLL_RAD if _COUNTER.search(prompt) else MAX_ROLL_RAD
    if not (zoom_in or zoom_out or orbit or x or y or roll):
        return None
    zoom_to = 1.0 + (ZOOM_RANGE if zoom_in else ZOOM_RANGE / 4 if orbit else 0.0)
    return Camera(zoom_from=1.0 + ZOOM_RANGE if zoom_out else 1.0, zoom_to=zoom_to, x=x, y=y, roll=roll)


# [SECTION] Kling cameraControl

_KLING_PRESETS = {
    "down_back": Camera(zoom_from=1.0 + ZOOM_RANGE, y=1.0),    # descends and moves backward
    "forward_up": Camera(zoom_to=1.0 + ZOOM_RANGE, y=-1.0),    # moves forward and tilts up
    "right_turn_forward": Camera(zoom_to=1.0 + ZOOM_RANGE, x=1.0),
    "left_turn_forward": Camera(zoom_to=1.0 + ZOOM_RANGE, x=-1.0),
}


def camera_from_kling(control: dict) -> Camera | None:
    """providerOptions.klingai.cameraControl: a preset type, or "simple" with six axes in
    [-10, 10] (seed 001: negative = left / down / counter-clockwise / narrower field of view)."""
    if not isinstance(control, dict):
        return None
    kind = control.get("type")
    if kind in _KLING_PRESETS:
        return _KLING_PRESETS[kind]
    if kind != "simple":
        return None
    config = control.get("config") if isinstance(control.get("config"), dict) else {}

    def axis(name: str) -> float:
        value = config.get(name, 0)
        return max(-1.0, min(1.0, float(value) / 10)) if isinstance(value, (int, float)) else 0.0

    zoom = axis("zoom")  # narrower field of view (negative) = closer
    return Camera(zoom_from=1.0 + ZOOM_RANGE * max(zoom, 0.0), zoom_to=1.0 + ZOOM_RANGE * max(-zoom, 0.0),
                  x=max(-1.0, min(1.0, axis("horizontal") + axis("pan"))),
                  y=max(-1.0, min(1.0, -axis("vertical") - axis("tilt"))),
                  roll=axis("roll") * MAX_ROLL_RAD)


# [SECTION] filters

def camera_filters(camera: Camera, frames: int, width: int, height: int, fps: int) -> str:
    """Filters turning a picture (any size) into `frames` frames of width x height that follow
    the camera, eased in and out (smoothstep)."""
    span = max(frames - 1, 1)
    progress = f"clip(in/{span},0,1)"
    ease = f"({progress}*{progress}*(3-2*{progress}))"
    aspect = max(width / height, height / width)
    base = 1.0 + PAN_SLACK_ZOOM * max(abs(camera.x), abs(camera.y)) + aspect * abs(camera.roll)
    zoom = f"{base:.4f}*({camera.zoom_from:.4f}+{camera.zoom_to - camera.zoom_from:.4f}*{ease})"
    x = f"(iw-iw/zoom)*(0.5+{camera.x / 2:.4f}*{ease})"
    y = f"(ih-ih/zoom)*(0.5+{camera.y / 2:.4f}*{ease})"
    filters = []
    if camera.roll:
        seconds = frames / fps
        turn = f"clip(t/{seconds:.4f},0,1)"
        filters.append(f"rotate=a='{camera.roll:.4f}*{turn}*{turn}*(3-2*{turn})':c=black")
    filters.append(f"zoompan=z='{zoom}':x='{x}':y='{y}':d=1:s={width}x{height}:fps={fps}")
    return ",".join(filters)
