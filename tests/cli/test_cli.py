"""The vgen CLI contract (README, "The vgen CLI"): commands, JSON shapes and exit codes, run as a
user runs it: a real process, stdin or a file, stdout/stderr and the exit status."""

import base64
import json
import os
import struct
import subprocess
import tempfile
import unittest
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VGEN = os.environ.get("VGEN", os.path.join(ROOT, "build", "native", "vgen"))
DIALECTS = ["aisdk", "gateway", "openai", "unified", "jobs", "creative-hub"]

# Seed 001's Kling image-to-video example, as the AI SDK call options.
KLING_AISDK = {
    "model": "klingai/kling-v2.6-i2v",
    "prompt": {"image": "https://example.com/cat.png", "text": "The cat slowly turns its head and blinks"},
    "duration": 5,
    "providerOptions": {"klingai": {"mode": "std"}},
}
# Seed 002's Kling text-to-video curl body.
KLING_UNIFIED = {
    "model": "klingai/kling-v3.0-t2v",
    "prompt": "A realistic cinematic product shot, slow dolly camera movement, natural light",
    "duration": 5, "resolution": "720p", "aspect_ratio": "16:9", "audio": False, "quality": "std",
    "negative_prompt": "text, watermark, blurry, distorted hands", "seed": 42, "n": 1,
    "provider_options": {"cfg_scale": 0.65},
}


def limit(name):
    """A value of the input-limits table, as `vgen limits --json` prints it."""
    table = json.loads(subprocess.run([VGEN, "limits", "--json"], capture_output=True, timeout=120, check=True).stdout)
    return next(entry["value"] for entry in table if entry["name"] == name)


def vgen(*args, stdin=b""):
    if isinstance(stdin, str):
        stdin = stdin.encode()
    elif isinstance(stdin, dict):
        stdin = json.dumps(stdin).encode()
    return subprocess.run([VGEN, *args], input=stdin, capture_output=True, timeout=120)


class CatalogCommand(unittest.TestCase):
    def test_json_lists_every_model_with_contract_fields(self):
        result = vgen("catalog", "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        models = json.loads(result.stdout)
        self.assertIsInstance(models, list)
        self.assertGreater(len(models), 30)
        for model in models:
            for field in ("id", "provider", "modes", "aliases"):
                self.assertIn(field, model, model.get("id"))
        names = {a["id"] if isinstance(a, dict) else a for m in models for a in m["aliases"]}
        for seen_in_seed in ("klingai/kling-v2.6-i2v", "kling-2.6", "kling_2_6", "luma_ray3", "sora-2"):
            self.assertIn(seen_in_seed, names)

    def test_text_form_is_readable(self):
        result = vgen("catalog")
        self.assertEqual(result.returncode, 0)
        self.assertIn(b"klingai/kling-v2.6", result.stdout)


class ValidateCommand(unittest.TestCase):
    def test_valid_request_exits_0_with_the_json_report(self):
        result = vgen("validate", "--json", stdin=KLING_AISDK)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        report = json.loads(result.stdout)
        self.assertEqual(set(report), {"valid", "dialect", "model", "diagnostics"})
        self.assertTrue(report["valid"])
        self.assertEqual(report["dialect"], "aisdk")

    def test_dialect_is_detected(self):
        report = json.loads(vgen("validate", "--json", stdin=KLING_UNIFIED).stdout)
        self.assertEqual(report["dialect"], "unified")

    def test_invalid_request_exits_1_with_pointer_code_and_message(self):
        bad = dict(KLING_AISDK, duration=7)
        result = vgen("validate", "--json", stdin=bad)
        self.assertEqual(result.returncode, 1)
        report = json.loads(result.stdout)
        self.assertFalse(report["valid"])
        diagnostic = next(d for d in report["diagnostics"] if d["severity"] == "error")
        self.assertEqual(diagnostic["path"], "/duration")
        self.assertEqual(diagnostic["code"], "duration_not_offered")
        self.assertEqual(diagnostic["message"], "duration 7 is not offered by klingai/kling-v2.6-i2v: use 5 or 10")

    def test_paths_point_into_the_input_as_written(self):
        bad = dict(KLING_UNIFIED, provider_options={"cfg_scale": 3})
        report = json.loads(vgen("validate", "--json", stdin=bad).stdout)
        paths = [d["path"] for d in report["diagnostics"] if d["severity"] == "error"]
        self.assertIn("/provider_options/cfg_scale", paths)

    def test_reads_a_file_argument(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(KLING_AISDK, handle)
        try:
            self.assertEqual(vgen("validate", handle.name).returncode, 0)
        finally:
            os.unlink(handle.name)

    def test_text_output_names_the_problem(self):
        result = vgen("validate", stdin=dict(KLING_AISDK, duration=7))
        self.assertEqual(result.returncode, 1)
        self.assertIn(b"duration_not_offered", result.stdout)


class BadInput(unittest.TestCase):
    """Exit 2 with a clear message, never a crash or hang (the issue's bad-input list)."""

    def assert_unreadable(self, data, words):
        result = vgen("validate", "--json", stdin=data)
        self.assertEqual(result.returncode, 2, result.stdout[:400] + result.stderr[:400])
        text = (result.stdout + result.stderr).decode("utf-8", "replace").lower()
        self.assertIn(words, text)

    def test_malformed_json(self):
        self.assert_unreadable(b'{"model": "kling-2.6",', "line 1")

    def test_deep_nesting(self):
        self.assert_unreadable(b"[" * 100000, "nested")
        self.assert_unreadable(b'{"a":' * 100000, "nested")

    def test_invalid_utf8(self):
        self.assert_unreadable(b'{"model":"kling-2.6","prompt":"caf\xc3\x28"}', "utf-8")

    def test_nan_and_infinity(self):
        self.assert_unreadable(b'{"model":"kling-2.6","duration":NaN}', "nan")
        self.assert_unreadable(b'{"model":"kling-2.6","duration":Infinity}', "json")

    def test_duplicate_keys(self):
        self.assert_unreadable(b'{"model":"kling-2.6","duration":5,"duration":10}', "duplicate")

    def test_duplicate_key_after_a_large_prefix_is_exit_2_not_a_crash(self):
        # issue 9 finding 1: from about 128 KB on this segfaulted (exit 139)
        padding = b"x" * (300 * 1024)
        for repeat in (b'"duration":5,"duration":10', b'"providerOptions":{"klingai":{"mode":"std","mode":"pro"}}'):
            with self.subTest(repeat=repeat):
                result = vgen("validate", "--json",
                              stdin=b'{"model":"kling-2.6","prompt":"' + padding + b'",\n' + repeat + b"}")
                self.assertEqual(result.returncode, 2, result.stderr[-400:])
                self.assertIn(b"duplicate key", result.stderr)
                self.assertIn(b"(line 2, column ", result.stderr)

    def test_ten_megabyte_string_is_checked_not_crashed(self):
        big = dict(KLING_AISDK)
        big["prompt"] = dict(big["prompt"], text="a" * (10 * 1024 * 1024))
        result = vgen("validate", "--json", stdin=big)
        self.assertEqual(result.returncode, 1)
        codes = [d["code"] for d in json.loads(result.stdout)["diagnostics"]]
        self.assertIn("too_long", codes)

    def test_an_eight_megabyte_inline_image_in_a_file_validates_and_converts_intact(self):
        # vgen maps a regular file, moves the image from the parsed document into the request and
        # keeps blocks of 1 MB and more in their own mappings: none of it may change a character.
        width = height = 1500
        raw = b"".join(b"\0" + os.urandom(width * 3) for _ in range(height))
        chunk = lambda kind, data: (struct.pack(">I", len(data)) + kind + data +
                                    struct.pack(">I", zlib.crc32(kind + data)))
        png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
               chunk(b"IDAT", zlib.compress(raw, 0)) + chunk(b"IEND", b""))
        image = base64.b64encode(png).decode()
        self.assertGreater(len(image), 8 * 1024 * 1024)
        request = dict(KLING_AISDK, prompt=dict(KLING_AISDK["prompt"], image=image))
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "big.json")
            with open(path, "w") as out:
                json.dump(request, out)
            checked = vgen("validate", "--json", path)
            self.assertEqual(checked.returncode, 0, checked.stdout[-600:] + checked.stderr[-400:])
            by_url = vgen("validate", "--json", stdin=KLING_AISDK)
            self.assertEqual(json.loads(checked.stdout), json.loads(by_url.stdout))
            converted = vgen("convert", "--to", "unified", path)
            self.assertEqual(converted.returncode, 0, converted.stderr[-400:])
            self.assertEqual(json.loads(converted.stdout)["input_image_b64"], image)

    def test_megabyte_model_name_is_unknown_without_suggestions(self):
        # issue 9 finding 2: "did you mean" compared the whole name with every id (5 s of CPU per MB)
        result = vgen("validate", "--json", stdin={"model": "k" * (1024 * 1024), "prompt": "a fox"})
        self.assertEqual(result.returncode, 1, result.stderr[-400:])
        [unknown] = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "unknown_model"]
        self.assertNotIn("did you mean", unknown["message"])

    def test_wrong_types_are_diagnostics(self):
        result = vgen("validate", "--json", stdin={"model": 5, "prompt": ["x"], "duration": {}})
        self.assertIn(result.returncode, (1, 2))
        self.assertTrue(result.stdout or result.stderr)

    def test_missing_file_and_bad_usage(self):
        self.assertEqual(vgen("validate", "/nonexistent/file.json").returncode, 2)
        self.assertEqual(vgen("validate", "--frobnicate").returncode, 2)
        self.assertEqual(vgen("validate", "--dialect", "klingon", stdin=KLING_AISDK).returncode, 2)
        self.assertEqual(vgen("teleport").returncode, 2)
        self.assertEqual(vgen().returncode, 2)


class Codes(unittest.TestCase):
    """Issue 10: one registry of diagnostic codes, printed by `vgen codes`; every code vgen reports is in it."""

    def test_codes_json_is_the_registry_and_reports_use_it(self):
        result = vgen("codes", "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        table = json.loads(result.stdout)
        for entry in table:
            self.assertEqual(set(entry), {"code", "severity", "use", "meaning"})
        codes = {entry["code"] for entry in table}
        for code in ("missing_model", "input_missing", "exclusive_options", "<member>_not_offered", "poll_timeout"):
            self.assertIn(code, codes)
        self.assertNotIn("model_missing", codes, "one code per fact: missing_model")
        self.assertRegex(vgen("codes").stdout.decode(), r"(?m)^input_missing  \(error, diagnostic\)\n    \S")
        self.assertEqual(vgen("codes", "extra").returncode, 2)

    def test_a_request_without_a_model_gets_one_diagnostic(self):
        report = json.loads(vgen("validate", "--json", "--dialect", "unified", stdin=b'{"prompt": "a fox"}').stdout)
        self.assertEqual([d["code"] for d in report["diagnostics"]], ["missing_model"])


class Limits(unittest.TestCase):
    """Issue 9, finding 3: one table of size limits, printed by `vgen limits`, enforced while reading."""

    def test_limits_json_is_the_table(self):
        result = vgen("limits", "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        table = json.loads(result.stdout)
        names = [entry["name"] for entry in table]
        for name in ("body_bytes", "string_bytes", "nesting_depth", "array_items", "object_members", "json_values",
                     "prompt_characters", "diagnostics", "upload_bytes"):
            self.assertIn(name, names)
        for entry in table:
            self.assertEqual(set(entry), {"name", "value", "unit", "why"})
            self.assertIsInstance(entry["value"], int)
        text = vgen("limits")
        self.assertEqual(text.returncode, 0)
        self.assertRegex(text.stdout.decode(), rf"(?m)^body_bytes +{limit('body_bytes')} bytes\n    \S")
        self.assertEqual(vgen("limits", "extra").returncode, 2)

    def test_fifty_megabyte_array_in_an_unknown_field_is_refused_while_reading(self):
        head = b'{"model":"kling-2.6","prompt":"a fox","junk":['
        items = (limit("body_bytes") - len(head) - 2) // 2
        result = vgen("validate", "--json", stdin=head + b"0," * (items - 1) + b"0]}")
        self.assertEqual(result.returncode, 2, result.stderr[-400:])
        self.assertIn(b"array at /junk (line 1, column 46) has more than", result.stderr)
        self.assertIn(b"(limit array_items)", result.stderr)

    def test_many_unknown_fields_get_a_bounded_answer(self):
        # a 2.3 MB request once got a 30 MB answer: one warning per unknown field, each quoting it
        request = dict(KLING_AISDK, **{f"field_{'x' * 200}_{i}": 1 for i in range(limit("object_members") - 10)})
        result = vgen("validate", "--json", stdin=request)
        self.assertEqual(result.returncode, 0, result.stderr[-400:])
        diagnostics = json.loads(result.stdout)["diagnostics"]
        self.assertEqual(len(diagnostics), limit("diagnostics"))
        self.assertEqual(diagnostics[-1]["code"], "more_problems")
        self.assertLess(len(result.stdout), 64 * 1024)
        too_many = dict(KLING_AISDK, **{f"f{i}": 1 for i in range(200000)})
        refused = vgen("validate", "--json", stdin=too_many)
        self.assertEqual(refused.returncode, 2)
        self.assertIn(b"(limit object_members)", refused.stderr)
        self.assertLess(len(refused.stdout) + len(refused.stderr), 8 * 1024)


class OddFiles(unittest.TestCase):
    """Issue 9, finding 9: a directory, an unreadable file or an endless stream is exit 2 with a
    message, never an abort (exit 134) or a read without end."""

    def run_from_file(self, path):
        return vgen("validate", path)

    def run_from_stdin(self, path):
        descriptor = os.open(path, os.O_RDONLY)  # open() refuses directories; the shell's < does not
        try:
            return subprocess.run([VGEN, "validate", "-"], stdin=descriptor, capture_output=True, timeout=120)
        finally:
            os.close(descriptor)

    def assert_refused(self, result, words):
        self.assertEqual(result.returncode, 2, result.stderr[-400:])
        self.assertEqual(result.stdout, b"")
        self.assertIn(words, result.stderr.decode("utf-8", "replace"))

    def test_a_directory_without_requests_is_named_as_one(self):
        # (a directory with .json files is read as those files: test_validate_many.py)
        with tempfile.TemporaryDirectory() as folder:
            result = self.run_from_file(folder)
            self.assertEqual(result.returncode, 2)
            self.assertIn(f"vgen: {folder} holds no .json files", result.stderr.decode())
            self.assert_refused(self.run_from_stdin(folder), "cannot read standard input: it is a directory")

    def test_a_file_that_fails_while_reading_is_exit_2(self):
        if not os.path.exists("/proc/self/mem"):
            self.skipTest("no /proc on this system")
        self.assert_refused(self.run_from_file("/proc/self/mem"), "cannot read /proc/self/mem: ")

    def test_a_file_without_permission_is_exit_2(self):
        if os.geteuid() == 0:
            self.skipTest("root reads any file")
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "secret.json")
            with open(path, "w") as file:
                file.write("{}")
            os.chmod(path, 0)
            self.assert_refused(self.run_from_file(path), f"cannot read {path}: Permission denied")

    def test_an_endless_stream_is_cut_at_the_body_limit(self):
        for result in (self.run_from_file("/dev/zero"), self.run_from_stdin("/dev/zero")):
            self.assert_refused(result, f"is larger than {limit('body_bytes')} bytes (limit body_bytes)")


class BuildAndConvert(unittest.TestCase):
    def test_build_prints_the_http_request_for_each_dialect_that_carries_the_model(self):
        request = {"model": "klingai/kling-v2.6-t2v", "prompt": "A fox in the snow", "duration": 5}
        built_somewhere = 0
        for dialect in DIALECTS:
            result = vgen("build", "--to", dialect, stdin=request)
            self.assertIn(result.returncode, (0, 1), result.stderr)
            out = json.loads(result.stdout)
            if result.returncode == 0:
                built_somewhere += 1
                self.assertEqual(set(out), {"method", "path", "headers", "body"})
                self.assertEqual(out["method"], "POST")
                self.assertTrue(out["path"].startswith("/"))
            else:
                self.assertFalse(out["valid"])
        self.assertGreaterEqual(built_somewhere, 4)

    def test_invalid_request_is_not_built(self):
        result = vgen("build", "--to", "unified", stdin=dict(KLING_AISDK, duration=7))
        self.assertEqual(result.returncode, 1)
        self.assertNotIn("method", json.loads(result.stdout))

    def test_creative_hub_refuses_models_outside_its_route(self):
        request = {"model": "klingai/kling-v2.6-t2v", "prompt": "A fox in the snow", "duration": 5}
        result = vgen("build", "--to", "creative-hub", stdin=request)
        self.assertEqual(result.returncode, 1)
        text = (result.stdout + result.stderr).decode()
        self.assertIn("luma_ray3", text)

    def test_convert_prints_the_target_body_and_translates_the_model_id(self):
        result = vgen("convert", "--to", "jobs", "--from", "aisdk", stdin=KLING_AISDK)
        self.assertEqual(result.returncode, 0, result.stderr)
        body = json.loads(result.stdout)
        self.assertEqual(body["model"], "kling-2.6")

    def test_to_is_required(self):
        self.assertEqual(vgen("build", stdin=KLING_AISDK).returncode, 2)


class SchemaCommand(unittest.TestCase):
    def test_schema_is_2020_12_and_names_what_it_cannot_express(self):
        result = vgen("schema", "--dialect", "aisdk", "klingai/kling-v2.6-i2v")
        self.assertEqual(result.returncode, 0, result.stderr)
        schema = json.loads(result.stdout)
        self.assertEqual(schema["$schema"], "https://json-schema.org/draft/2020-12/schema")
        self.assertIn("exclusive", schema["description"])

    def test_a_size_the_sdk_sends_at_any_offered_aspect_ratio_is_in_the_schema(self):
        # The AI SDK's resolution is a size whose orientation follows the aspect ratio: what `vgen
        # build` sends for 720p at 9:16 (720x1280) must pass the schema as 1280x720 at 16:9 does.
        for dialect in ("aisdk", "gateway"):
            schema = json.loads(vgen("schema", "--dialect", dialect, "google/veo-3.1").stdout)
            offered = schema["properties"]["resolution"]["enum"]
            for ratio in schema["properties"]["aspectRatio"]["enum"]:
                request = {"model": "google/veo-3.1", "prompt": "a fox", "resolution": "720p", "aspectRatio": ratio}
                built = vgen("convert", "--from", "aisdk", "--to", dialect, stdin=json.dumps(request).encode())
                self.assertEqual(built.returncode, 0, built.stderr)
                self.assertIn(json.loads(built.stdout)["resolution"], offered, (dialect, ratio))

    def test_unknown_model_is_a_usage_error_with_suggestions(self):
        result = vgen("schema", "--dialect", "aisdk", "kling-2.7")
        self.assertEqual(result.returncode, 2)
        self.assertIn(b"kling-2.6", result.stderr)


if __name__ == "__main__":
    unittest.main()
