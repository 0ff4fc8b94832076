"""CoreBridge: the core's text API from Python (libvgcore.so through ctypes, else the vgen CLI).

The C ABI (wasm/c_abi/c_api.h) returns exactly what `vgen` prints for the same command, so the
two paths agree byte for byte; serve.py validates through this and never through a second copy of
the rules.
"""

import ctypes
import json
import subprocess
import threading
from pathlib import Path

CLI_TIMEOUT_S = 60


class CoreUnavailable(Exception):
    """Neither the shared library nor the CLI is built."""


class CoreBridge:
    def __init__(self, native_dir: Path):
        self.library_path = Path(native_dir) / "libvgcore.so"
        self.cli_path = Path(native_dir) / "vgen"
        self._library = None
        self._has_parse = False
        self._has_limits = False
        self._has_dialect_facts = False
        self._catalog = None  # catalog(), parsed once
        self._lock = threading.Lock()  # loading once; the core's functions themselves are reentrant

    def _load_library(self):
        with self._lock:
            if self._library is None and self.library_path.is_file():
                library = ctypes.CDLL(str(self.library_path))
                out = [ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_void_p)]
                library.vg_catalog.argtypes = [ctypes.c_int, *out]
                library.vg_catalog.restype = ctypes.c_void_p  # a pointer we must hand back to vg_free
                library.vg_free.argtypes = [ctypes.c_void_p]
                library.vg_free.restype = None
                # vg_parse is newer than the library may be: without it, parse() uses the CLI.
                self._has_parse = hasattr(library, "vg_parse")
                if self._has_parse:
                    library.vg_parse.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, *out]
                    library.vg_parse.restype = ctypes.c_void_p
                self._has_limits = hasattr(library, "vg_limits")  # likewise newer than vg_catalog
                if self._has_limits:
                    library.vg_limits.argtypes = [ctypes.c_int, *out]
                    library.vg_limits.restype = ctypes.c_void_p
                self._has_dialect_facts = hasattr(library, "vg_dialect_facts")  # likewise newer
                if self._has_dialect_facts:
                    library.vg_dialect_facts.argtypes = out
                    library.vg_dialect_facts.restype = ctypes.c_void_p
                self._library = library
            return self._library

    def _take(self, library, pointer, exit_code) -> tuple[int, bytes]:
        if not pointer:
            raise MemoryError("the core could not allocate its result")
        try:
            return exit_code.value, ctypes.string_at(pointer)
        finally:
            library.vg_free(pointer)

    def _run_cli(self, arguments: list[str], stdin: bytes = b"") -> tuple[int, bytes]:
        if not self.cli_path.is_file():
            raise CoreUnavailable(f"neither {self.library_path} nor {self.cli_path} exists: run bash scripts/run.sh")
        done = subprocess.run([str(self.cli_path), *arguments], input=stdin, capture_output=True,
                              timeout=CLI_TIMEOUT_S)
        return done.returncode, done.stdout

    def catalog_json(self) -> tuple[int, bytes]:
        """(exit code, output) of `vgen catalog --json`."""
        library = self._load_library()
        if library is not None:
            exit_code = ctypes.c_int(2)
            return self._take(library, library.vg_catalog(1, ctypes.byref(exit_code), None), exit_code)
        return self._run_cli(["catalog", "--json"])

    def catalog(self) -> list[dict]:
        """Every model of the catalog (`vgen catalog --json`), read once: [{id, params, ...}]."""
        with self._lock:
            cached = self._catalog
        if cached is None:
            code, output = self.catalog_json()
            if code != 0:
                raise CoreUnavailable(f"the core could not list its catalog (exit {code}): rebuild it "
                                      "(bash scripts/build.sh)")
            cached = json.loads(output)
            with self._lock:
                self._catalog = cached
        return cached

    def limits(self) -> dict[str, dict]:
        """The core's size limits on input (`vgen limits --json`, wasm/core/request/input_limits.h):
        name -> {"value", "unit", "why"}, e.g. limits()["body_bytes"]["value"]."""
        library = self._load_library()
        if library is not None and self._has_limits:
            exit_code = ctypes.c_int(2)
            code, output = self._take(library, library.vg_limits(1, ctypes.byref(exit_code), None), exit_code)
        else:
            code, output = self._run_cli(["limits", "--json"])
        if code != 0:
            raise CoreUnavailable(f"the core could not list its limits (exit {code}): rebuild it "
                                  "(bash scripts/build.sh)")
        return {entry["name"]: {key: entry[key] for key in ("value", "unit", "why")} for entry in json.loads(output)}

    def dialect_facts(self) -> dict:
        """Every dialect's wire facts (`vgen dialect-facts`, wasm/core/dialects/dialect_wire.h):
        {"dialects": [{"name", "pathPattern", "idPattern", "routes", "statusWords", "answerWords",
        "videoFields", "webhookEvents", "errorShape", "errorRows", ...}]}, in the order paths match."""
        library = self._load_library()
        if library is not None and self._has_dialect_facts:
            exit_code = ctypes.c_int(2)
            code, output = self._take(library, library.vg_dialect_facts(ctypes.byref(exit_code), None), exit_code)
        else:
            code, output = self._run_cli(["dialect-facts"])
        if code != 0:
            raise CoreUnavailable(f"the core could not list its dialect facts (exit {code}): rebuild it "
                                  "(bash scripts/build.sh)")
        return json.loads(output)

    def parse(self, text: str | bytes, dialect: str) -> tuple[int, dict]:
        """(exit code, report) of `vgen parse --dialect DIALECT`: 0 valid, 1 invalid, 2 unreadable.
        The report holds valid, dialect, model, diagnostics [{severity, path, code, message}] and
        request, the canonical request (wasm/core/request/request.h)."""
        data = text.encode("utf-8", "surrogateescape") if isinstance(text, str) else bytes(text)
        library = self._load_library()
        if library is not None and self._has_parse:
            exit_code = ctypes.c_int(2)
            pointer = library.vg_parse(data, len(data), dialect.encode(), ctypes.byref(exit_code), None)
            code, output = self._take(library, pointer, exit_code)
        else:
            code, output = self._run_cli(["parse", "--dialect", dialect, "-"], data)
        return code, json.loads(output)
