"""--faults SPEC: failures injected into gateway requests, so clients can prove they survive them.

SPEC is a comma-separated list of KIND:PROBABILITY, for example `429:0.1,500:0.05,slow:0.2,drop:0.05`.
KIND is an HTTP status (402, 429, 500, 502, 503: answered in the dialect's error shape, with
Retry-After for 429 and 503), `slow` (the request is answered normally after 1-3 s) or `drop` (the
connection is closed without an answer). Each gateway request draws once from a random generator
seeded with --fault-seed, so the same seed and the same sequence of requests give the same faults.
Static files, the catalog and result files are never affected.
"""

import random
import threading
from dataclasses import dataclass

STATUSES = {402: "Insufficient credits (an injected fault)", 429: "Too many requests (an injected fault)",
            500: "Internal error (an injected fault)", 502: "Bad gateway (an injected fault)",
            503: "Service unavailable (an injected fault)"}
KINDS = ("slow", "drop")
SLOW_RANGE_S = (1.0, 3.0)
RETRY_AFTER_S = 1


@dataclass(frozen=True)
class Fault:
    kind: str            # "402" ... "503", "slow" or "drop"
    delay_s: float = 0.0  # for slow

    @property
    def status(self) -> int | None:
        return int(self.kind) if self.kind.isdigit() else None

    @property
    def message(self) -> str:
        return STATUSES[self.status]

    @property
    def headers(self) -> dict:
        return {"Retry-After": str(RETRY_AFTER_S)} if self.status in (429, 503) else {}


def parse_spec(spec: str) -> list[tuple[str, float]]:
    """[(kind, probability)] of a SPEC; raises ValueError saying what is wrong."""
    entries = []
    for item in filter(None, (part.strip() for part in (spec or "").split(","))):
        kind, colon, probability_text = item.partition(":")
        kind = kind.strip().lower()
        if not colon or (kind not in KINDS and not (kind.isdigit() and int(kind) in STATUSES)):
            raise ValueError(f"--faults entry {item!r}: use KIND:PROBABILITY with KIND one of "
                             f"{', '.join(map(str, STATUSES))}, slow, drop")
        try:
            probability = float(probability_text)
        except ValueError:
            raise ValueError(f"--faults entry {item!r}: the probability is not a number") from None
        if not 0 <= probability <= 1:
            raise ValueError(f"--faults entry {item!r}: the probability must be between 0 and 1")
        entries.append((kind, probability))
    if sum(probability for _, probability in entries) > 1 + 1e-9:
        raise ValueError("--faults: the probabilities add up to more than 1")
    return entries


class Faults:
    def __init__(self, spec: str | None, seed: int = 0):
        self.entries = parse_spec(spec or "")
        self._random = random.Random(seed)
        self._lock = threading.Lock()

    def draw(self) -> Fault | None:
        """The fault for the next gateway request, or None."""
        if not self.entries:
            return None
        with self._lock:
            value = self._random.random()
            threshold = 0.0
            for kind, probability in self.entries:
                threshold += probability
                if value < threshold:
                    return Fault(kind, self._random.uniform(*SLOW_RANGE_S) if kind == "slow" else 0.0)
        return None
