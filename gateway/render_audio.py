"""The sound of a render: speech from the prompt's quoted words (espeak-ng), laid over a bed of
generated ambience (seeded noise and a drone) or over the source clip's own sound (video editing).

[SECTION] quoted speech · synthesis · the audio graph
"""

from __future__ import annotations

import math
import random
import re
import shutil
import wave
from dataclasses import dataclass
from pathlib import Path

from gateway.render_ffmpeg import RenderError, link_input, run_tool

SAMPLE_RATE = 48000
SPEECH_LEAD_S = 0.3      # speech starts this long after its shot begins
MAX_TEMPO = 2.0          # speech longer than its shot is sped up at most this much, then cut
SPEECH_CHARS_PER_S = 20  # espeak-ng at -s 165 says ~16 a second: more than this never fits a shot
VOICES = ("en-us+m3", "en-us+f2", "en+m1", "en-gb+f3")
ESPEAK = shutil.which("espeak-ng") or "espeak-ng"


# [SECTION] quoted speech

# A quote's words never hold its own opening mark: a search from an opening mark that is never
# closed stops at the next one instead of running to the end, which made unclosed marks quadratic.
_QUOTED = re.compile(r'"([^"]+)"|\u201c([^\u201c\u201d]+)\u201d|\u201e([^\u201e\u201c\u201d]+)[\u201c\u201d]'
                     r'|\u00ab([^\u00ab\u00bb]+)\u00bb')
_VOICE_TAG = re.compile(r"<<<voice_\d+>>>")


def quoted_speech(prompt: str) -> str:
    """What the prompt's characters say: every "...", \u201c...\u201d, \u201e...\u201c or \u00ab...\u00bb, joined."""
    parts = []
    for match in _QUOTED.finditer(_VOICE_TAG.sub("", prompt)):
        text = " ".join(next(group for group in match.groups() if group).split())
        if text:
            parts.append(text)
    return ". ".join(parts)


# [SECTION] synthesis

@dataclass(frozen=True)
class Line:
    """Words to speak within one shot: start and room in seconds."""
    text: str
    start: float
    room: float


def _synthesize(text: str, wav: Path, seed: int) -> float:
    """Speaks text into wav with a voice picked by the seed; returns its length in seconds."""
    script = wav.with_suffix(".txt")  # a file, so text starting with "-" is never an option
    script.write_text(text, encoding="utf-8", errors="replace")
    voice = VOICES[seed % len(VOICES)]
    run_tool([ESPEAK, "-v", voice, "-s", "165", "-w", str(wav), "-f", str(script)], "espeak-ng", 60)
    try:
        with wave.open(str(wav), "rb") as speech:
            return speech.getnframes() / float(speech.getframerate() or 1)
    except (wave.Error, OSError) as error:
        raise RenderError(f"espeak-ng wrote no usable speech: {error}") from None


# [SECTION] the audio graph

def audio_chain(graph, lines: list[Line], duration: float, seed: int, tmp: Path,
                source_audio: str | None) -> str:
    """Adds the soundtrack to graph and returns its label: exactly `duration` seconds of stereo
    48 kHz. The bed is source_audio (a graph label) when given, else seeded ambience."""
    samples = round(duration * SAMPLE_RATE)
    rng = random.Random(f"ambience/{seed}")
    bed = graph.label("bed")
    if source_audio:
        graph.add([source_audio], f"aresample={SAMPLE_RATE},apad", bed)
    else:
        noise, drone = graph.label("noise"), graph.label("drone")
        graph.add([], f"anoisesrc=color={rng.choice(['pink', 'brown'])}:seed={rng.randrange(2**31)}"
                      f":amplitude={rng.uniform(0.03, 0.06):.3f}:sample_rate={SAMPLE_RATE}:duration={duration:.4f}"
                      f",lowpass=f={rng.randrange(400, 1600)}", noise)
        graph.add([], f"sine=frequency={rng.choice([110, 131, 147, 165, 196, 220, 262, 294])}"
                      f":sample_rate={SAMPLE_RATE}:duration={duration:.4f},volume=0.05"
                      f",tremolo=f={rng.uniform(0.1, 0.5):.3f}:d=0.6", drone)
        graph.add([noise, drone], "amix=inputs=2:duration=first:normalize=0", bed)
    voices = [bed]
    for number, line in enumerate(lines):
        wav = tmp / f"speech_{number}.wav"
        room = max(line.room - SPEECH_LEAD_S, 0.1)
        # only what can be heard is synthesized: the rest would be cut, after minutes of espeak-ng
        length = _synthesize(line.text[:math.ceil(room * MAX_TEMPO * SPEECH_CHARS_PER_S)], wav, seed + number)
        tempo = min(MAX_TEMPO, max(1.0, length / room))
        stream = graph.input("-i", link_input(wav, tmp, f"speech_{number}_input"))
        voice = graph.label("voice")
        delay_ms = round((line.start + SPEECH_LEAD_S) * 1000)
        graph.add([f"{stream}:a"], f"aresample={SAMPLE_RATE},atempo={tempo:.4f},atrim=0:{room:.4f}"
                                   f",adelay={delay_ms}:all=1", voice)
        voices.append(voice)
    mixed = graph.label("audio")
    mix = f"amix=inputs={len(voices)}:duration=first:normalize=0," if len(voices) > 1 else ""
    graph.add(voices, f"{mix}aformat=sample_fmts=fltp:sample_rates={SAMPLE_RATE}:channel_layouts=stereo"
                      f",atrim=end_sample={samples},asetpts=N/SR/TB", mixed)
    return mixed
