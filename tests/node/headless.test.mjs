// The headless WASM module on its own: bad input (issue 2, "Bad input") ends in a diagnostic or
// exit 2 with a message, never a trap, a thrown JS error or a hang; `validate --json` keeps the
// vgen CLI contract (README); byte input behaves like the same text.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { caseInputs, loadBuiltCore } from './helpers.mjs';

let core;
before(async () => {
  core = await loadBuiltCore();
});

const unreadable = {
  'malformed JSON': '{"model": "kling-2.6", "prompt": ',
  'empty input': '',
  NaN: '{"model": "kling-2.6", "prompt": "x", "duration": NaN}',
  Infinity: '{"model": "kling-2.6", "prompt": "x", "duration": Infinity}',
  'duplicate keys': '{"model": "kling-2.6", "prompt": "a", "prompt": "b"}',
  'invalid UTF-8': Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  '100,000 nested [': '['.repeat(100_000),
  '100,000 nested objects': '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000),
};

describe('unreadable input: exit 2 with a message, in the WASM module', () => {
  for (const [name, input] of Object.entries(unreadable)) {
    test(name, () => {
      const results = [core.validate(input), core.validate(input, { json: true }), core.build(input, { to: 'unified' })];
      for (const { exitCode, output, notes } of results) {
        assert.equal(exitCode, 2);
        assert.match(output + notes, /\S/, 'says what is wrong');
        assert.doesNotMatch(notes, /internal error/, 'the core handled it, the C ABI did not have to');
      }
      const report = JSON.parse(results[1].output);  // --json reports it as a diagnostic
      assert.equal(report.valid, false);
      assert.ok(report.diagnostics.some((d) => d.severity === 'error' && d.message.length > 0));
    });
  }
});

test('wrong types: readable JSON, so diagnostics (exit 1), not exit 2', () => {
  const result = core.validate('{"model": 42, "prompt": ["x"], "duration": "five"}', { json: true });
  assert.equal(result.exitCode, 1);
  const report = JSON.parse(result.output);
  assert.equal(report.valid, false);
  assert.ok(report.diagnostics.some((d) => d.severity === 'error'));
});

test('a 10 MB prompt is a diagnostic at /prompt, not a crash', () => {
  const input = JSON.stringify({ model: 'kling-2.6', prompt: 'x'.repeat(10 * 1024 * 1024) });
  const result = core.validate(input, { json: true });
  assert.equal(result.exitCode, 1);
  const report = JSON.parse(result.output);
  assert.ok(report.diagnostics.some((d) => d.path === '/prompt' && d.severity === 'error'));
});

test('validate --json follows the vgen CLI contract on every case', () => {
  let readable = 0;
  for (const { name, input } of caseInputs()) {
    const result = core.validate(input, { json: true });
    const report = JSON.parse(result.output);
    assert.equal(typeof report.valid, 'boolean', name);
    assert.equal(report.valid, result.exitCode === 0, `${name}: valid matches the exit code`);
    if (result.exitCode !== 2) readable += 1;
    assert.equal(typeof report.dialect, 'string', name);
    assert.equal(typeof report.model, 'string', name);
    for (const diagnostic of report.diagnostics) {
      assert.match(diagnostic.severity, /^(error|warning)$/, name);
      assert.match(diagnostic.path, /^(\/.*)?$/, `${name}: path is a JSON Pointer`);
      assert.match(diagnostic.code, /^[a-z][a-z0-9_]*$/, `${name}: code is snake_case`);
      assert.ok(diagnostic.message.length > 0, name);
    }
  }
  assert.ok(readable >= 10, 'most cases are readable JSON');
});

test('bytes and the same text give the same result (UTF-8 passes through unchanged)', () => {
  const text = '{"prompt": "Café ☕ 日本語 🎬", "model": "kling-2.6-ü"}';
  const fromText = core.validate(text, { json: true });
  const fromBytes = core.validate(new TextEncoder().encode(text), { json: true });
  assert.deepEqual(fromBytes, fromText);
  assert.notEqual(fromText.exitCode, 2);
});

test('memory is freed: 200 calls with a 1 MB input do not grow the module', () => {
  const input = JSON.stringify({ model: 'kling-2.6', prompt: 'y'.repeat(1024 * 1024) });
  const first = core.validate(input, { json: true });
  const memoryAfterFirst = core.memoryBytes();
  for (let i = 0; i < 200; i += 1) core.validate(input, { json: true });  // 200 MB if inputs leaked
  assert.deepEqual(core.validate(input, { json: true }), first);
  assert.ok(core.memoryBytes() < memoryAfterFirst + 32 * 1024 * 1024, `grew to ${core.memoryBytes()} bytes`);
});
