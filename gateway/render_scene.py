"""The ffmpeg command for one video of a RenderPlan: a filter graph per mode (procedural scene,
animated image, first-to-last transition, composed references, styled source clip), camera
motion, captions, the soundtrack, and fixed encoder settings so a seed gives the same bytes.

User text never enters the filter graph: captions and labels go through drawtext textfile= with
expansion=none, and the only strings spliced into the graph are numbers and escaped paths of
files this module wrote.

[SECTION] Graph · captions · pictures per mode · the command
"""

from __future__ import annotations

import colorsys
import hashlib
import itertools
import random
import re
from pathlib import Path

from gateway.render_audio import Line, audio_chain, quoted_speech
from gateway.render_camera import ZOOM_RANGE, Camera, camera_filters
from gateway.render_ffmpeg import RenderError, escape_option, link_input
from gateway.render_plan import RenderPlan, even

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# DejaVu Sans has no Chinese, Japanese or Korean: a caption holding any is drawn in Noto Sans CJK
# (Debian's fonts-noto-cjk, which set-up installs; it has Latin too), whose characters run about
# twice as wide. Without it the caption is drawn in DejaVu (boxes for those characters).
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
_CJK = re.compile("[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")
CAPTION_LINES = 3
LABEL_CHARS = 40  # of a reference's tag on its tile
TRANSITIONS = ("fade", "dissolve", "smoothleft", "smoothup", "circleopen", "radial")
GRADIENT_TYPES = ("linear", "radial", "circular", "spiral")


# [SECTION] Graph

class Graph:
    """ffmpeg inputs and -filter_complex chains under construction; files go to tmp."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.input_args: list[str] = []
        self.chains: list[str] = []
        self._inputs = 0
        self._labels = 0
        self._files = 0

    def input(self, *args: str) -> str:
        """Adds an input (its options and -i URL); returns its index for "N:v" / "N:a"."""
        self.input_args.extend(args)
        self._inputs += 1
        return str(self._inputs - 1)

    def media(self, path: Path, *options: str) -> str:
        return self.input(*options, "-i", link_input(path, self.tmp, f"input_{self._inputs}"))

    def label(self, stem: str) -> str:
        self._labels += 1
        return f"{stem}{self._labels}"

    def add(self, inputs: list[str], filters: str, output: str) -> str:
        self.chains.append("".join(f"[{name}]" for name in inputs) + filters + f"[{output}]")
        return output

    def then(self, stream: str, filters: str, stem: str = "v") -> str:
        return self.add([stream], filters, self.label(stem))

    def text_file(self, text: str) -> str:
        """Writes text for drawtext and returns the textfile= value, escaped for the graph."""
        self._files += 1
        path = self.tmp / f"text_{self._files}.txt"
        path.write_text(text, encoding="utf-8", errors="replace")
        return escape_option(str(path))


# [SECTION] captions

def _one_line(text: str) -> str:
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # where str.splitlines() breaks


def caption_lines(prompt: str, columns: int) -> list[str]:
    """The prompt wrapped to columns, its own line breaks kept, at most CAPTION_LINES lines (the
    last ending in an ellipsis when text was left out). The work is bounded by what fits, not by
    the prompt: words are read one at a time, a long one in column-sized pieces, and reading
    stops when the caption is full or after a bounded number of pieces (a prompt of invisible
    characters), so a prompt of megabytes costs what one of a few lines does."""
    width = max(columns, 8)
    pieces = re.compile(rf"[{LINE_BREAKS}]\s*|[^\s]{{1,{width}}}")  # a break (and blank lines after it), or a word
    lines: list[str] = []
    line = ""
    for match in itertools.islice(pieces.finditer(prompt), (CAPTION_LINES + 1) * (width + 1)):
        piece = match.group()
        if piece[0] in LINE_BREAKS:
            if line:
                lines.append(line)
            line = ""
            continue
        for word in _one_line(piece).split():
            if line and len(line) + 1 + len(word) <= width:
                line += " " + word
            else:
                if line:
                    lines.append(line)
                line = word
        if len(lines) > CAPTION_LINES:
            break
    if line:
        lines.append(line)
    if len(lines) > CAPTION_LINES:
        lines = lines[:CAPTION_LINES]
        lines[-1] = lines[-1][:max(columns - 1, 1)].rstrip() + "\u2026"
    return lines


def caption_font(text: str) -> tuple[Path, float]:
    """The font `text` is drawn in, and how wide its characters run, in ems."""
    if _CJK.search(text) and CJK_FONT.is_file():
        return CJK_FONT, 1.0
    return FONT, 0.55


def _drawtext(graph: Graph, text: str, size: int, color: str, x: str, y: str, box: str) -> str:
    font, _ = caption_font(text)
    return (f"drawtext=fontfile={escape_option(str(font))}:textfile={graph.text_file(text)}:expansion=none"
            f":fontsize={size}:fontcolor={color}:line_spacing={size // 4}:x={x}:y={y}:{box}")


def _caption(graph: Graph, stream: str, prompt: str, width: int, height: int) -> str:
    size = max(12, round(min(width, height) * 0.045))
    _, em = caption_font(prompt[:4096])  # what the caption can show is from its first lines
    lines = caption_lines(prompt, int(width * 0.9 / (size * em)))
    if not lines:
        return stream
    margin = round(height * 0.05)
    return graph.then(stream, _drawtext(graph, "\n".join(lines), size, "white", "(w-text_w)/2",
                                        f"h-text_h-{margin}", f"box=1:boxcolor=black@0.55:boxborderw={size // 2}"))


# [SECTION] pictures per mode

def _palette(prompt: str, rng: random.Random, count: int) -> list[str]:
    """Colours around a hue taken from the prompt's hash (the seed only nudges them)."""
    hue = int.from_bytes(hashlib.sha256(prompt.encode("utf-8", "replace")).digest()[:4], "big") / 2**32
    colours = []
    for index in range(count):
        h = (hue + index * rng.uniform(0.08, 0.3)) % 1.0
        r, g, b = colorsys.hsv_to_rgb(h, rng.uniform(0.45, 0.95), rng.uniform(0.35, 0.95))
        colours.append(f"0x{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}")
    return colours


def _procedural(graph: Graph, prompt: str, rng: random.Random, width: int, height: int, fps: int,
                frames: int) -> str:
    """A moving scene seeded by prompt and seed: a gradient field with a cellular texture
    (Game of Life or a 1-D automaton) screened over it. Built at width x height (kept small)."""
    colours = _palette(prompt, rng, 5)
    seconds = frames / fps + 1
    field = graph.add([], f"gradients=s={width}x{height}:r={fps}:d={seconds:.3f}:nb_colors=4"
                          f":c0={colours[0]}:c1={colours[1]}:c2={colours[2]}:c3={colours[3]}"
                          f":seed={rng.randrange(2**31)}:speed={rng.uniform(0.01, 0.04):.4f}"
                          f":type={rng.choice(GRADIENT_TYPES)},format=gbrp", graph.label("field"))
    cells = f"{even(width / 8)}x{even(height / 8)}"
    if rng.random() < 0.5:
        texture = (f"life=s={cells}:r={fps}:seed={rng.randrange(2**31)}:ratio={rng.uniform(0.1, 0.4):.3f}"
                   f":mold=10:life_color={colours[4]}:death_color=black:mold_color={colours[1]}")
    else:
        texture = (f"cellauto=s={cells}:r={fps}:seed={rng.randrange(2**31)}:scroll=1:full=1"
                   f":rule={rng.choice([18, 30, 45, 73, 90, 110, 150])}:ratio=0.5")
    pattern = graph.add([], f"{texture},scale={width}:{height}:flags=neighbor,format=gbrp,"
                            f"trim=end_frame={frames + fps}", graph.label("cells"))
    return graph.add(
        [field, pattern], f"blend=all_mode=screen:all_opacity={rng.uniform(0.15, 0.35):.3f},format=yuv420p",
        graph.label("scene"))


def _fit(width: int, height: int, resize_mode: str) -> str:
    """Scales a picture into width x height: "pad" letterboxes, "crop" fills and cuts."""
    if resize_mode == "crop":
        return (f"scale={width}:{height}:force_original_aspect_ratio=increase,"
                f"crop={width}:{height},setsar=1")
    return (f"scale={width}:{height}:force_original_aspect_ratio=decrease:force_divisible_by=2,"
            f"pad={width}:{height}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1")


def _hold(frames: int, fps: int) -> str:
    """A single decoded picture repeated as `frames` frames at fps."""
    return f"loop=loop={frames - 1}:size=1:start=0,setpts=N/({fps}*TB)"


def _still(graph: Graph, path: Path, width: int, height: int, resize_mode: str, fps: int, frames: int) -> str:
    stream = graph.media(path)
    return graph.then(f"{stream}:v", f"{_fit(width, height, resize_mode)},format=yuv420p,{_hold(frames, fps)}")


def _composition(graph: Graph, plan: RenderPlan, prompt: str, rng: random.Random, frames: int) -> str:
    """References composed into a procedural scene: one framed, labelled tile per reference in
    a row, each swaying gently."""
    w, h, fps = plan.width, plan.height, plan.fps
    scene = graph.then(_procedural(graph, prompt, rng, even(w / 2), even(h / 2), fps, frames),
                       f"scale={w}:{h}")
    count = len(plan.references)
    slot = w * 0.9 / count
    label_size = max(10, round(min(w, h) * 0.03))
    band = round(label_size * 1.8)
    border = max(2, round(min(w, h) * 0.006))
    box_w, box_h = even(slot * 0.88 - 2 * border), even(h * 0.5 - band)
    for index, reference in enumerate(plan.references):
        media = reference.media
        if media.kind == "video":
            stream = graph.media(media.path, "-stream_loop", "-1")
            timing = f"fps={fps},trim=end_frame={frames},setpts=N/({fps}*TB)"
        else:
            stream = graph.media(media.path)
            timing = _hold(frames, fps)
        tag = _one_line(reference.tag[:LABEL_CHARS * 4])[:LABEL_CHARS]  # cut first: a tag may be megabytes
        label = _drawtext(graph, tag, label_size, "black", "(w-text_w)/2", f"h-{band}+({band}-text_h)/2", "box=0")
        tile = graph.then(f"{stream}:v", f"scale={box_w}:{box_h}:force_original_aspect_ratio=decrease"
                                         f":force_divisible_by=2,pad=iw+{2 * border}:ih+{2 * border + band}"
                                         f":{border}:{border}:color=white,{label},format=yuv420p,{timing}")
        centre = w * 0.05 + slot * (index + 0.5)
        period, phase = rng.uniform(2.5, 4.5), rng.uniform(0, 6.28)
        angle = f"2*PI*t/{period:.2f}+{phase:.2f}"
        scene = graph.add([scene, tile], f"overlay=x='{centre:.1f}-w/2+{w * 0.01:.1f}*sin({angle})'"
                                         f":y='{h * 0.42:.1f}-h/2+{h * 0.015:.1f}*cos({angle})'"
                                         f":eval=frame:eof_action=repeat", graph.label("composed"))
    return scene


def _transition(graph: Graph, plan: RenderPlan, rng: random.Random, frames: int) -> str:
    """First-and-last frame: the first image, moving as the prompt asks (default: pushing in),
    turns into the last (settling) over the middle 60 % of the clip."""
    w, h, fps = plan.width, plan.height, plan.fps
    start, length = round(frames * 0.2), max(1, round(frames * 0.6))
    first = _still(graph, plan.image.path, w, h, plan.resize_mode, fps, start + length)
    first = graph.then(first, camera_filters(plan.shots[0].camera, start + length, w, h, fps))
    last = _still(graph, plan.last_frame.path, w, h, plan.resize_mode, fps, frames - start)
    last = graph.then(last, camera_filters(Camera(zoom_from=1.0 + ZOOM_RANGE / 6), frames - start, w, h, fps))
    return graph.add([first, last], f"xfade=transition={rng.choice(TRANSITIONS)}:duration={length / fps:.4f}"
                                    f":offset={start / fps:.4f}", graph.label("blend"))


def _edges(low: float, high: float) -> str:
    """Edge detection at half size (at full size it alone takes ~1 s per second of 720p); a
    template for str.format with w, h, hw, hh."""
    return f"scale={{hw}}:{{hh}},edgedetect=low={low}:high={high},scale={{w}}:{{h}}"


def _neon(graph: Graph, stream: str, size: dict) -> str:
    """Glowing outlines: the clip darkened and saturated, its edges lit in its own colours."""
    dark, edges = graph.label("dark"), graph.label("edges")
    graph.add([stream], f"split[{dark}_in][{edges}_in];[{dark}_in]lutyuv=y=val*0.35,eq=saturation=2[{dark}];"
                        f"[{edges}_in]{_edges(0.05, 0.2).format(**size)},format=yuv420p", edges)
    return graph.add([dark, edges], "blend=c0_mode=lighten:c1_mode=normal:c2_mode=normal", graph.label("neon"))


STYLES = (  # (cue words, filters or a graph builder); the first whose cue is in the prompt wins
    (("noir", "black and white", "black-and-white", "monochrome", "grayscale", "greyscale"),
     "hue=s=0,eq=contrast=1.35:brightness=-0.03"),
    (("sepia", "vintage", "old film", "retro"), "hue=s=0,lutyuv=u=112:v=140"),
    (("neon", "cyberpunk", "glow"), _neon),
    (("watercolor", "watercolour", "painting", "painterly", "oil paint"),
     "gblur=sigma=2.5,eq=saturation=1.5:contrast=0.9"),
    (("sketch", "pencil", "drawing", "line art"), _edges(0.08, 0.25) + ",negate"),
    (("negative", "invert"), "negate"),
    (("warm", "sunset", "golden"), "lutyuv=u=val-14:v=val+16"),
    (("cold", "cool", "winter", "icy"), "lutyuv=u=val+16:v=val-12"),
)


def styled(graph: Graph, stream: str, prompt: str, rng: random.Random, width: int, height: int) -> str:
    """stream with the look a video edit asks for; without a cue, a seeded hue shift."""
    size = {"w": width, "h": height, "hw": even(width / 2), "hh": even(height / 2)}
    lowered = prompt.lower()
    for cues, style in STYLES:
        if any(cue in lowered for cue in cues):
            return style(graph, stream, size) if callable(style) else graph.then(stream, style.format(**size))
    return graph.then(stream, f"hue=h={rng.randrange(40, 320)}:s=1.3")


def _edit(graph: Graph, plan: RenderPlan, rng: random.Random) -> tuple[str, str | None]:
    """Video editing: the source clip's motion and length, restyled. Returns (video, audio)."""
    stream = graph.media(plan.video.path)
    fitted = graph.then(f"{stream}:v",
                        f"fps={plan.fps},{_fit(plan.width, plan.height, plan.resize_mode)},format=yuv420p")
    video = styled(graph, fitted, plan.prompt, rng, plan.width, plan.height)
    return video, (f"{stream}:a" if plan.video.has_audio else None)


# [SECTION] the command

def shot_frames(plan: RenderPlan) -> list[int]:
    return [max(1, round(shot.duration * plan.fps)) for shot in plan.shots]


def _video(graph: Graph, plan: RenderPlan, seed: int) -> tuple[str, str | None, int]:
    """(video label, source audio label or None, frame count) for one video."""
    w, h, fps = plan.width, plan.height, plan.fps
    counts = shot_frames(plan)
    rng = random.Random(f"{plan.prompt}/{seed}")
    if plan.mode == "flf":
        return _caption(graph, _transition(graph, plan, rng, counts[0]), plan.prompt, w, h), None, counts[0]
    if plan.mode == "v2v":
        video, audio = _edit(graph, plan, rng)
        return _caption(graph, video, plan.prompt, w, h), audio, counts[0]
    parts, source_frames = [], 0
    if plan.mode == "extend":  # the source as it is, then the new seconds drawn from the prompt
        source_frames = max(1, round(plan.video.duration * fps))
        stream = graph.media(plan.video.path)
        parts.append(graph.then(f"{stream}:v", f"fps={fps},{_fit(w, h, plan.resize_mode)},format=yuv420p,"
                                               f"setsar=1,trim=end_frame={source_frames},setpts=N/({fps}*TB)"))
    for number, (shot, frames) in enumerate(zip(plan.shots, counts)):
        shot_rng = random.Random(f"{shot.prompt}/{seed}/{number}")
        if plan.mode in ("t2v", "extend"):
            picture = _procedural(graph, shot.prompt or plan.prompt, shot_rng, even(w / 2), even(h / 2), fps, frames)
        elif plan.mode == "i2v":
            picture = _still(graph, plan.image.path, w, h, plan.resize_mode, fps, frames)
        else:
            picture = _composition(graph, plan, shot.prompt or plan.prompt, shot_rng, frames)
        moving = graph.then(picture, camera_filters(shot.camera, frames, w, h, fps))
        captioned = _caption(graph, moving, shot.prompt, w, h)
        parts.append(graph.then(captioned, f"trim=end_frame={frames},setpts=N/({fps}*TB)"))
    if len(parts) == 1:
        return parts[0], None, counts[0]
    return graph.add(parts, f"concat=n={len(parts)}:v=1:a=0", graph.label("shots")), None, source_frames + sum(counts)


def _speech_lines(plan: RenderPlan) -> list[Line]:
    lines, start = [], 0.0
    for shot in plan.shots:
        text = quoted_speech(shot.prompt)
        if text:
            lines.append(Line(text, start, shot.duration))
        start += shot.duration
    return lines


ENCODE = ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "23", "-pix_fmt", "yuv420p",
          "-threads", "2", "-c:a", "aac", "-b:a", "128k",
          "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
          "-map_metadata", "-1", "-map_chapters", "-1", "-movflags", "+faststart", "-f", "mp4"]


def video_command(plan: RenderPlan, index: int, tmp: Path, output: Path) -> tuple[list[str], float]:
    """ffmpeg arguments writing video number `index` of plan to output; and its duration.
    Video i uses seed + i, so the n videos differ and each is reproducible."""
    if not FONT.is_file():
        raise RenderError(f"the caption font {FONT.name} is missing on this server (Debian package fonts-dejavu-core)")
    seed = plan.seed + index
    graph = Graph(tmp)
    video, source_audio, frames = _video(graph, plan, seed)
    duration = frames / plan.fps
    graph.add([video], f"format=yuv420p,setsar=1,tpad=stop_mode=clone:stop={frames},"
                       f"trim=end_frame={frames},setpts=N/({plan.fps}*TB)", "vout")
    maps = ["-map", "[vout]"]
    if plan.audio:
        audio = audio_chain(graph, _speech_lines(plan), duration, seed, tmp, source_audio)
        maps += ["-map", f"[{audio}]"]
    args = [*graph.input_args, "-filter_complex", ";".join(graph.chains), *maps,
            "-r", str(plan.fps), "-g", str(plan.fps * 2), *ENCODE, "file:" + str(output)]
    return args, duration
