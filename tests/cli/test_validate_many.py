"""`vgen validate` for pipelines: many requests in one process (files, directories, patterns, JSON
Lines), each diagnostic at FILE:LINE:COLUMN of the value it is about, a tally, and the exit code of
the worst input (0 valid, 1 invalid, 2 unreadable). The SARIF and GitHub forms are checked against
their specifications in tests/node/validate_formats.test.mjs."""

import json
import os
import re
import shlex
import subprocess
import tempfile
import unittest

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VGEN = os.environ.get("VGEN", os.path.join(ROOT, "build", "native", "vgen"))

VALID = {"model": "klingai/kling-v2.6-i2v", "duration": 5,
         "prompt": {"image": "https://example.com/cat.png", "text": "The cat blinks"}}
# The same with a duration Kling 2.6 does not offer, written so the value sits on line 4, column 15.
BAD_DURATION = ('{\n  "model": "klingai/kling-v2.6-i2v",\n'
                '  "prompt": {"image": "https://example.com/cat.png", "text": "a cat"},\n  "duration": 7\n}\n')
DURATION_MESSAGE = "duration 7 is not offered by klingai/kling-v2.6-i2v: use 5 or 10"


def vgen(*args, stdin=b"", cwd=None):
    return subprocess.run([VGEN, *args], input=stdin, capture_output=True, timeout=120, cwd=cwd)


class Folder(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="vg-many-")
        self.addCleanup(subprocess.run, ["rm", "-rf", self.folder])

    def write(self, name, text):
        path = os.path.join(self.folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text if isinstance(text, str) else json.dumps(text))
        return path


class TextForm(Folder):
    def test_a_diagnostic_names_the_file_line_and_column_of_its_value(self):
        path = self.write("bad.json", BAD_DURATION)
        result = vgen("validate", path)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(result.stdout.decode().splitlines(), [
            f"{path}:4:15: error[duration_not_offered]: {DURATION_MESSAGE}",
            f"{path}: invalid (aisdk, 1 error, 0 warnings)",
        ])

    def test_standard_input_is_named_stdin_and_a_missing_member_is_placed_at_its_object(self):
        result = vgen("validate", stdin=b'{"model": "klingai/kling-v2.6-i2v",\n "duration": 5}')
        self.assertEqual(result.returncode, 1)
        self.assertRegex(result.stdout.decode(), r"(?m)^<stdin>:1:1: error\[\w+\]: ")

    def test_a_syntax_error_is_placed_where_the_text_stops_being_json(self):
        path = self.write("broken.json", '{\n  "model": "klingai/kling-v2.6-i2v",\n  "duration": 5,,\n}')
        result = vgen("validate", path)
        self.assertEqual(result.returncode, 2)
        self.assertRegex(result.stdout.decode(), rf"(?m)^{path}:3:17: error\[invalid_json\]: ")
        self.assertIn(b"not readable JSON", result.stderr)


class ManyInputs(Folder):
    def test_a_directory_is_every_json_file_under_it_sorted_hidden_ones_skipped(self):
        self.write("a.json", VALID)
        self.write("b.json", BAD_DURATION)
        self.write("sub/c.json", VALID)
        self.write(".cache/d.json", BAD_DURATION)
        self.write("notes.txt", "not a request")
        result = vgen("validate", self.folder)
        self.assertEqual(result.returncode, 1, result.stderr)
        lines = result.stdout.decode().splitlines()
        self.assertEqual(lines, [
            f"{self.folder}/b.json:4:15: error[duration_not_offered]: {DURATION_MESSAGE}",
            "vgen: 3 requests checked: 2 valid, 1 invalid, 0 unreadable (1 error, 0 warnings)",
        ])

    def test_files_patterns_and_a_missing_file_in_one_run_exit_2_and_check_the_rest(self):
        self.write("one.json", VALID)
        self.write("two.json", VALID)
        self.write("three.json", BAD_DURATION)
        result = vgen("validate", "t*.json", "missing.json", "none-*.json", "one.json", cwd=self.folder)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stdout.decode().splitlines(), [
            f"three.json:4:15: error[duration_not_offered]: {DURATION_MESSAGE}",
            "vgen: 5 requests checked: 2 valid, 1 invalid, 2 unreadable (1 error, 0 warnings)",
        ])
        stderr = result.stderr.decode()
        self.assertIn("vgen: no file matches none-*.json", stderr)
        self.assertIn("vgen: cannot read missing.json: No such file or directory", stderr)

    def test_json_lines_are_a_request_a_line_and_json_prints_a_report_a_line(self):
        bad = dict(VALID, duration=7)
        path = self.write("batch.jsonl", "\n".join([json.dumps(VALID), "", json.dumps(bad), "{oops"]) + "\n")
        result = vgen("validate", "--jsonl", "--format", "json", path)
        self.assertEqual(result.returncode, 2)
        reports = [json.loads(line) for line in result.stdout.decode().splitlines()]
        self.assertEqual([(r["file"], r["line"], r["valid"]) for r in reports],
                         [(path, 1, True), (path, 3, False), (path, 4, False)])
        duration = next(d for d in reports[1]["diagnostics"] if d["code"] == "duration_not_offered")
        self.assertEqual((duration["line"], duration["column"], duration["path"]),
                         (3, json.dumps(bad).index("7") + 1, "/duration"))
        self.assertEqual(reports[2]["diagnostics"][0]["code"], "invalid_json")
        self.assertEqual(reports[2]["diagnostics"][0]["line"], 4)

    def test_a_thousand_files_in_one_call(self):
        for i in range(1000):
            self.write(f"r{i:04}.json", dict(VALID, seed=i) if i % 100 else BAD_DURATION)
        result = vgen("validate", self.folder)
        self.assertEqual(result.returncode, 1, result.stderr[-2000:])
        self.assertEqual(result.stdout.decode().splitlines()[-1],
                         "vgen: 1000 requests checked: 990 valid, 10 invalid, 0 unreadable (10 errors, 0 warnings)")


class JsonForm(Folder):
    def test_one_request_keeps_the_contract_report_and_gains_each_diagnostics_line_and_column(self):
        path = self.write("bad.json", BAD_DURATION)
        for args in (["--json"], ["--format", "json"], ["--format=json"]):
            with self.subTest(args=args):
                result = vgen("validate", *args, path)
                self.assertEqual(result.returncode, 1)
                report = json.loads(result.stdout)
                self.assertEqual(list(report), ["valid", "dialect", "model", "diagnostics"])
                self.assertEqual(report["diagnostics"], [{
                    "severity": "error", "path": "/duration", "code": "duration_not_offered",
                    "message": DURATION_MESSAGE, "line": 4, "column": 15}])

    def test_quiet_prints_nothing_and_the_exit_code_is_the_verdict(self):
        valid = self.write("ok.json", VALID)
        bad = self.write("bad.json", BAD_DURATION)
        for args, exit_code in ((["-q", valid], 0), (["--quiet", bad], 1), (["--format", "quiet", valid, bad], 1),
                                (["-q", "--jsonl", self.write("two.jsonl", json.dumps(VALID) + "\n" + json.dumps(dict(VALID, duration=7)) + "\n")], 1)):
            with self.subTest(args=args):
                result = vgen("validate", *args)
                self.assertEqual((result.returncode, result.stdout, result.stderr), (exit_code, b"", b""))
        missing = vgen("validate", "-q", valid, os.path.join(self.folder, "gone.json"))
        self.assertEqual((missing.returncode, missing.stdout), (2, b""))
        self.assertIn(b"gone.json", missing.stderr)  # why a file could not be read is still said

    def test_usage_errors(self):
        for args in (["--format", "xml"], ["--json", "--format", "sarif"], ["--json", "-q"], ["-", "-"]):
            with self.subTest(args=args):
                result = vgen("validate", *args, stdin=json.dumps(VALID).encode())
                self.assertEqual(result.returncode, 2)
                self.assertEqual(result.stdout, b"")
                self.assertTrue(result.stderr.startswith(b"vgen: "), result.stderr)
        self.assertEqual(vgen("build", "--to", "jobs", "--jsonl", stdin=json.dumps(VALID).encode()).returncode, 2)


class PreCommitHooks(Folder):
    """.pre-commit-hooks.yaml run as pre-commit runs a `language: system` hook: its entry (vgen from
    PATH) with every staged file its `files` pattern matches appended."""

    def run_hook(self, hook_id, staged):
        with open(os.path.join(ROOT, ".pre-commit-hooks.yaml"), encoding="utf-8") as handle:
            hook = next(h for h in yaml.safe_load(handle) if h["id"] == hook_id)
        self.assertEqual(hook["language"], "system")
        files = [name for name in staged if re.search(hook["files"], name)]
        environment = dict(os.environ, PATH=os.path.dirname(VGEN) + os.pathsep + os.environ["PATH"])
        return subprocess.run(shlex.split(hook["entry"]) + hook.get("args", []) + files, capture_output=True,
                              timeout=120, cwd=self.folder, env=environment), files

    def test_the_json_hook_passes_valid_requests_and_fails_an_invalid_one_naming_its_line(self):
        self.write("requests/a.json", VALID)
        self.write("requests/b.json", VALID)
        self.write("README.md", "# not a request")
        result, files = self.run_hook("vgen-validate", ["requests/a.json", "requests/b.json", "README.md"])
        self.assertEqual((result.returncode, files), (0, ["requests/a.json", "requests/b.json"]), result.stdout)
        self.write("requests/b.json", BAD_DURATION)
        result, _ = self.run_hook("vgen-validate", ["requests/a.json", "requests/b.json"])
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"requests/b.json:4:15: error[duration_not_offered]: {DURATION_MESSAGE}", result.stdout.decode())

    def test_the_json_lines_hook_reads_a_request_a_line(self):
        self.write("batch.jsonl", json.dumps(VALID) + "\n" + json.dumps(dict(VALID, duration=7)) + "\n")
        result, files = self.run_hook("vgen-validate-jsonl", ["batch.jsonl", "a.json"])
        self.assertEqual((result.returncode, files), (1, ["batch.jsonl"]))
        self.assertRegex(result.stdout.decode(), r"(?m)^batch\.jsonl:2:\d+: error\[duration_not_offered\]")


if __name__ == "__main__":
    unittest.main()
