"""Every dialect's wire facts, asked of the core (wasm/core/dialects/dialect_wire.h, `vgen dialect-facts`):
the routes serve.py registers and the upstream proxy forwards, the status words its answers carry,
where an answer keeps its videos, the webhook event names, and each dialect's error shape. Python
keeps no copy of them: serve.py hands its core to use() at start-up; a caller that did not (a test
importing a route module) gets the core of $VG_NATIVE_DIR (default build/native) on first use.

[SECTION] The table
[SECTION] Routes and paths
[SECTION] Answers
"""

import json
import os
import re
import threading
from pathlib import Path

from .core_bridge import CoreBridge

# -----------------------------------------------------------------------------
# [SECTION] The table
# -----------------------------------------------------------------------------

_lock = threading.Lock()
_wires: dict[str, dict] | None = None  # dialect name -> its row, in the order paths are matched


def use(core: CoreBridge):
    """Loads the table from `core` (serve.py, once at start-up). Raises CoreUnavailable."""
    global _wires
    loaded = {wire["name"]: wire for wire in core.dialect_facts()["dialects"]}
    with _lock:
        _wires = loaded


def wires() -> dict[str, dict]:
    """Every dialect's row, by name, in the order paths are matched."""
    if _wires is None:
        repo = Path(__file__).resolve().parent.parent
        use(CoreBridge(Path(os.environ.get("VG_NATIVE_DIR", repo / "build" / "native"))))
    return _wires


def wire(dialect: str) -> dict:
    return wires()[dialect]


# -----------------------------------------------------------------------------
# [SECTION] Routes and paths
# -----------------------------------------------------------------------------

def dialect_for_path(path: str) -> str | None:
    """The dialect a path belongs to; None for the catalog, result files and the page."""
    return next((name for name, row in wires().items() if re.search(row["pathPattern"], path)), None)


def route(dialect: str, role: str) -> dict | None:
    """The route of `role` ("submit", "status", "content", ...) with its method, path and pattern."""
    return next((entry for entry in wire(dialect)["routes"] if entry["role"] == role), None)


def route_path(dialect: str, role: str, job_id: str = "") -> str:
    """A route's path as a client sends it, with the job id put in: "/v2/jobs/j1"."""
    return route(dialect, role)["path"].replace("{id}", job_id)


def route_pattern(dialect: str, entry: dict, id_pattern: str | None = None) -> str:
    """A route's regular expression, the id a group of `id_pattern` (default: the dialect's own)."""
    return entry["pattern"].replace("{id}", f"({id_pattern or wire(dialect)['idPattern']})")


def routes(dialect: str, handlers: dict, id_pattern: str | None = None) -> list[tuple[str, str, object]]:
    """(method, pattern, handler) for each of the dialect's routes, the handler by role; a role the
    dialect has without a handler is an error here, so a route can never be silently missing."""
    missing = [entry["role"] for entry in wire(dialect)["routes"] if entry["role"] not in handlers]
    if missing:
        raise LookupError(f"no handler for the {dialect} route(s) {', '.join(missing)} of the core's table")
    return [(entry["method"], route_pattern(dialect, entry, id_pattern), handlers[entry["role"]])
            for entry in wire(dialect)["routes"]]


def content_job_id(path: str) -> str | None:
    """The job id in a path of any dialect's content route ("/v1/videos/video_1/content"), else None."""
    for name in wires():
        entry = route(name, "content")
        match = re.search(route_pattern(name, entry), path) if entry else None
        if match:
            return match.group(1)
    return None


# -----------------------------------------------------------------------------
# [SECTION] Answers
# -----------------------------------------------------------------------------

def answer_word(dialect: str, state: str) -> str:
    """The status word the dialect writes for one of our job states ("running" -> "PROCESSING")."""
    return wire(dialect)["answerWords"][state]


def state_of(dialect: str, word) -> str | None:
    """Our job state for a status word of the dialect (any letter case), None when it is not one."""
    if not isinstance(word, str):
        return None
    return next((entry["state"] for entry in wire(dialect)["statusWords"] if entry["word"].lower() == word.lower()),
                None)


def webhook_events(dialect: str) -> dict[str, str]:
    """Our event ("progress" or a state) -> the dialect's webhook event name."""
    return wire(dialect)["webhookEvents"]


def error_fields(dialect: str, status: int, code: str | None = None) -> tuple[str, str | None]:
    """(type, code) of a refusal with HTTP `status` in the dialect's words (its error rows)."""
    row = wire(dialect)
    listed = next((entry for entry in row["errorRows"] if entry["status"] == status), None)
    other = next(entry for entry in row["errorRows"] if entry["status"] == (1 if status >= 500 else 0))
    if listed is not None and row["rowCodeWins"] and listed["code"]:
        chosen = listed["code"]
    else:
        chosen = code or (listed["code"] if listed else "") or other["code"]
    kind = (listed or other)["type"]
    return kind.replace("{status}", str(status)), (chosen.replace("{status}", str(status)) or None)


def error_body(dialect: str, status: int, message: str, *, code: str | None = None, param=None,
               diagnostics: list | None = None, error_type: str | None = None) -> dict:
    """A refusal's body in the dialect's shape: its placeholders filled, "$diagnostics" dropped when
    there are none (a shape without it carries them in "$param" as {"diagnostics": [...]})."""
    shape = wire(dialect)["errorShape"]
    kind, chosen = error_fields(dialect, status, code)
    if diagnostics is not None and "$diagnostics" not in json.dumps(shape):
        param = {"diagnostics": diagnostics}
    values = {"$message": message, "$type": error_type or kind, "$code": chosen, "$param": param, "$status": status,
              "$diagnostics": diagnostics}

    def fill(value):
        if isinstance(value, dict):
            return {key: fill(item) for key, item in value.items()
                    if not (item == "$diagnostics" and diagnostics is None)}
        return values.get(value, value) if isinstance(value, str) else value
    return fill(shape)
