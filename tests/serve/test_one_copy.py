"""Issue 10: every dialect's wire facts live in one table, the core's (wasm/core/dialects/dialect_wire.h,
`vgen dialect-facts`). gateway/*.py and serve.py keep no route table or status-word list of their
own: the routes serve.py registers and the upstream proxy forwards are the core's, and so are the
status words and error shapes its answers carry.
"""

import ast
import os
import re
import sys
import tempfile
import unittest
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

from server_fixture import NATIVE_DIR, REPO
from upstream_fixture import KEY, KEY_ENV, proxy_config

sys.path.insert(0, str(REPO))
import serve  # noqa: E402
from gateway import dialect_facts, routes_files, routes_uploads, upstream  # noqa: E402
from gateway.core_bridge import CoreBridge  # noqa: E402

PYTHON_FILES = sorted((REPO / "gateway").glob("*.py")) + [REPO / "serve.py"]


def core_table() -> dict:
    return {row["name"]: row for row in CoreBridge(NATIVE_DIR).dialect_facts()["dialects"]}


def literals(path: Path):
    """(line, text) of every string literal of a Python file but its docstrings (which may name a
    route in prose), f-string pieces included."""
    tree = ast.parse(path.read_text())
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


class OneCopyOfTheWireFacts(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.table = core_table()
        cls.states = {entry["state"] for row in cls.table.values() for entry in row["statusWords"]}
        # A dialect's status words that are not also our own job-state names ("failed" is both).
        cls.words = {entry["word"] for row in cls.table.values() for entry in row["statusWords"]} - cls.states
        cls.words |= {word for row in cls.table.values() for word in row["answerWords"].values()} - cls.states

    def test_the_core_lists_every_dialect_with_a_wire_protocol(self):
        self.assertEqual(list(self.table), ["gateway", "unified", "openai", "jobs", "creative-hub"])
        for name, row in self.table.items():
            self.assertTrue(any(route["role"] == "submit" for route in row["routes"]), name)
            for state, word in row["answerWords"].items():
                self.assertIn(word.lower(), {entry["word"].lower() for entry in row["statusWords"]},
                              f"{name} writes {word!r} for {state}, a word its own readers do not know")

    def test_no_route_literal_in_the_python_gateway(self):
        # The literal stretches of the core's route patterns ("/v1/videos/", "/ai/video-model").
        needles = {piece for row in self.table.values() for route in row["routes"]
                   for piece in re.split(r"[\^$\[\]()|?*+\\{}]", route["pattern"]) if len(piece) >= 8}
        self.assertIn("/ai/video-model", needles)
        found = [f"{path.name}:{line}: {text!r}" for path in PYTHON_FILES for line, text in literals(path)
                 if any(needle in text for needle in needles)]
        self.assertEqual(found, [], "route literals the core's table holds")

    def test_no_status_word_list_in_the_python_gateway(self):
        found = []
        for path in PYTHON_FILES:
            for node in ast.walk(ast.parse(path.read_text())):
                values = []
                if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
                    values = node.elts
                elif isinstance(node, ast.Dict):
                    values = [*node.keys, *node.values]
                    for key, value in zip(node.keys, node.values):
                        if isinstance(key, ast.Constant) and key.value == "status" and \
                                isinstance(value, ast.Constant) and isinstance(value.value, str):
                            found.append(f"{path.name}:{node.lineno}: status {value.value!r} written by hand")
                elif isinstance(node, ast.Compare):
                    # `answer["status"] == "completed"` (a status read by hand; "error" is also a
                    # gateway status word, but `severity == "error"` is no status).
                    values = [node.left, *node.comparators]
                    if "status" in ast.unparse(node) and \
                            any(isinstance(v, ast.Constant) and v.value in self.words for v in values):
                        found.append(f"{path.name}:{node.lineno}: compares a status with a status word")
                    continue
                words = [v.value for v in values if isinstance(v, ast.Constant) and v.value in self.words]
                if len(words) >= 2:
                    found.append(f"{path.name}:{node.lineno}: status words {words}")
        self.assertEqual(found, [], "status-word lists the core's table holds")

    def test_serve_registers_the_core_routes(self):
        dialect_facts.use(CoreBridge(NATIVE_DIR))
        registered = [(method, pattern.pattern) for method, pattern, _ in
                      serve.collect_routes(SimpleNamespace(upstream=None), lambda message: None)]
        own = [("GET", r"^/v1/models$")] + [(method, pattern) for method, pattern, _ in
                                           routes_files.ROUTES + routes_uploads.ROUTES]
        expected = [(route["method"], route["pattern"].replace("{id}", f"({row['idPattern']})"))
                    for row in self.table.values() for route in row["routes"]]
        self.assertCountEqual([route for route in registered if route not in own], expected)
        # unified's task ids share /v1/videos/ with openai: its routes must be tried first.
        status = {name: registered.index(("GET", row["routes"][[r["role"] for r in row["routes"]].index("status")]
                                          ["pattern"].replace("{id}", f"({row['idPattern']})")))
                  for name, row in self.table.items() if name in ("unified", "openai")}
        self.assertLess(status["unified"], status["openai"])

    def test_the_upstream_proxy_forwards_the_core_routes(self):
        with tempfile.TemporaryDirectory() as data, mock.patch.dict(os.environ, {KEY_ENV: KEY}):
            for name, row in self.table.items():
                forwarded = [(method, pattern) for method, pattern, _ in
                             upstream.routes_for(proxy_config("http://127.0.0.1:9", name, data))]
                expected = [(route["method"], route["pattern"].replace("{id}", f"({upstream.ID})"))
                            for route in row["routes"]]
                self.assertEqual(forwarded[:-1], expected, name)
                self.assertEqual(forwarded[-1][1], r"^/upstream/files/([0-9a-f]{40})$")


if __name__ == "__main__":
    unittest.main()
