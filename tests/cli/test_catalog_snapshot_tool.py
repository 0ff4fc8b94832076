"""The build tool that reads catalog.json into the snapshot every program starts from
(wasm/build_tools/make_catalog_snapshot.cpp): a catalog the engine refuses stops the build with the
engine's message naming the entry; a file that is not JSON, or cannot be read or written, says so."""

import json
import os
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VGEN = os.environ.get("VGEN", os.path.join(ROOT, "build", "native", "vgen"))
TOOL = os.path.join(os.path.dirname(VGEN), "make_catalog_snapshot")  # built beside vgen, native or sanitized
CATALOG = os.path.join(ROOT, "wasm", "core", "catalog", "catalog.json")


def run(*args):
    return subprocess.run([TOOL, *args], capture_output=True, timeout=120)


class SnapshotToolTest(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="test-snapshot-tool-")
        self.dir = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def test_the_catalog_becomes_a_source_holding_its_snapshot(self):
        result = run(CATALOG, self.path("out.cpp"))
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        with open(self.path("out.cpp"), encoding="utf-8") as source:
            text = source.read()
        self.assertIn("const unsigned char kCatalogSnapshot[] = {", text)
        self.assertIn("0x56, 0x47, 0x43, 0x53,", text)  # "VGCS", the snapshot's magic

    def test_an_entry_the_engine_refuses_stops_the_build_naming_it(self):
        with open(CATALOG, encoding="utf-8") as source:
            catalog = json.load(source)
        catalog["models"][0]["params"] = {"/duration": {"type": "number", "maxx": 10}}
        with open(self.path("bad.json"), "w", encoding="utf-8") as bad:
            json.dump(catalog, bad)
        result = run(self.path("bad.json"), self.path("out.cpp"))
        self.assertEqual(result.returncode, 1)
        message = result.stderr.decode()
        self.assertIn(f'model "{catalog["models"][0]["id"]}", param "/duration": unknown key "maxx"', message)
        self.assertFalse(os.path.exists(self.path("out.cpp")), "a snapshot was written for a refused catalog")

    def test_text_that_is_not_json_is_refused_with_where(self):
        with open(self.path("broken.json"), "w", encoding="utf-8") as broken:
            broken.write('{"sources": {}, "models": [\n  {"id": 1,}\n]}')
        result = run(self.path("broken.json"), self.path("out.cpp"))
        self.assertEqual(result.returncode, 1)
        self.assertIn("not JSON", result.stderr.decode())
        self.assertIn("line 2", result.stderr.decode())

    def test_unreadable_input_unwritable_output_and_wrong_usage(self):
        self.assertEqual(run(self.path("missing.json"), self.path("out.cpp")).returncode, 2)
        unwritable = run(CATALOG, os.path.join(self.dir, "no-such-folder", "out.cpp"))
        self.assertEqual(unwritable.returncode, 2)
        self.assertIn("cannot write", unwritable.stderr.decode())
        usage = run(CATALOG)
        self.assertEqual(usage.returncode, 2)
        self.assertIn("usage: make_catalog_snapshot CATALOG_JSON OUTPUT_CPP", usage.stderr.decode())


if __name__ == "__main__":
    unittest.main()
