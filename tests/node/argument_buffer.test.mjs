// web/vgen_core.mjs passes each call's arguments through one kept buffer in WASM memory (issue 15:
// "strings passed once, UTF-8 encoded into a reused buffer"): a validate whose input fits mallocs
// nothing, and the answers stay those of the same bytes however the buffer had to grow (a string
// whose UTF-8 is longer than its UTF-16, an argument written after the buffer moved, memory growth).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

import { loadVgenCore } from '../../web/vgen_core.mjs';
import { loadBuiltCore, wasmDir } from './helpers.mjs';

const FIRST_CAPACITY = 64 * 1024;  // the wrapper's first buffer, in bytes
// The names lead the buffer, NUL-terminated, and the input follows: for a build from aisdk to
// unified the input starts here.
const BUILD_NAME_BYTES = 'aisdk\0unified\0'.length;

// A fresh core (an empty buffer) whose JavaScript-side malloc calls are counted. Only the wrapper
// calls module._malloc from JavaScript; the core's own allocations stay inside the WASM.
async function countingCore() {
  const glue = join(wasmDir, 'vgen_core.js');
  const createVgenCore = createRequire(import.meta.url)(glue);
  const counts = { malloc: 0 };
  const factory = async (options) => {
    const module = await createVgenCore(options);
    const malloc = module._malloc;
    module._malloc = (bytes) => {
      counts.malloc += 1;
      return malloc(bytes);
    };
    return module;
  };
  const core = await loadVgenCore({ moduleUrl: pathToFileURL(glue), factory });
  return { core, counts };
}

// A request whose UTF-8 is exactly `bytes` long: its prompt is `pad` (one character) repeated, then
// ASCII for the bytes left over.
function requestOfBytes(bytes, pad = 'x') {
  const room = bytes - JSON.stringify({ model: 'kling-2.6', prompt: '' }).length;
  const padBytes = new TextEncoder().encode(pad).length;
  const count = Math.floor(room / padBytes);
  const text = JSON.stringify({ model: 'kling-2.6', prompt: pad.repeat(count) + 'x'.repeat(room - count * padBytes) });
  assert.equal(new TextEncoder().encode(text).length, bytes);
  return text;
}

test('a validate whose input fits the kept buffer mallocs nothing', { timeout: 120_000 }, async () => {
  const { core, counts } = await countingCore();
  const inputs = ['{"model": "kling-2.6", "prompt": "waves"}', requestOfBytes(40_000, 'é'), requestOfBytes(1_000)];
  const first = inputs.map((input) => core.validate(input, { json: true }));
  const mallocsToSetUp = counts.malloc;
  assert.ok(mallocsToSetUp >= 1, 'the buffer itself is malloc\'d once');
  for (let round = 0; round < 50; round += 1) {
    inputs.forEach((input, i) => assert.deepEqual(core.validate(input, { json: true }), first[i]));
    core.validate(inputs[0], { dialect: 'aisdk' });
  }
  assert.equal(counts.malloc, mallocsToSetUp, 'no malloc after the first calls');
});

test('the same answers whether the buffer grew during a call or not', { timeout: 120_000 }, async () => {
  const reference = await loadBuiltCore();
  // Warm the reference's buffer past all but the largest input below, so it answers without growing.
  reference.validate(requestOfBytes(4 * 1024 * 1024));
  const cases = [
    // Fits in UTF-16 units (about 30,000) but not in UTF-8 bytes (about 90,000): the first encode
    // stops short and the buffer grows to the exact length.
    ['UTF-8 three times its UTF-16 length', requestOfBytes(90_000, '日')],
    // Surrogate pairs: 4 UTF-8 bytes for 2 UTF-16 units.
    ['astral characters', requestOfBytes(100_000, '🎬')],
    // The input fills the first buffer after the names, leaving no byte for its NUL: the buffer
    // grows and moves, carrying the names written before it.
    ['names carried when the input moves the buffer', requestOfBytes(FIRST_CAPACITY - BUILD_NAME_BYTES)],
    // More than the first 16 MB of memory: the buffer's malloc grows WASM memory, which replaces HEAPU8 under the wrapper.
    ['memory growth while writing', requestOfBytes(18 * 1024 * 1024)],
  ];
  for (const [name, text] of cases) {
    const { core } = await countingCore();
    assert.deepEqual(core.build(text, { from: 'aisdk', to: 'unified' }), reference.build(text, { from: 'aisdk', to: 'unified' }), name);
    assert.deepEqual(core.validate(text, { json: true }), reference.validate(new TextEncoder().encode(text), { json: true }), name);
  }
});

test('byte input grows the buffer as strings do', { timeout: 120_000 }, async () => {
  const reference = await loadBuiltCore();
  const { core } = await countingCore();
  const bytes = new TextEncoder().encode(requestOfBytes(3 * FIRST_CAPACITY, 'ü'));
  assert.deepEqual(core.convert(bytes, { from: 'aisdk', to: 'jobs' }), reference.convert(bytes, { from: 'aisdk', to: 'jobs' }));
});

// The names stay written between calls (a run of validates with one dialect encodes only its
// input): a call with other names, or with fewer, must still be answered with its own.
test('each call is answered with its own dialect and model names', { timeout: 120_000 }, async () => {
  const { core } = await countingCore();
  const text = '{"model": "kling-2.6", "prompt": "waves"}';
  const steps = [
    (c) => c.validate(text, { dialect: 'aisdk', json: true }),
    (c) => c.validate(text, { dialect: 'aisdk', json: true }),
    (c) => c.validate(text, { json: true }),
    (c) => c.validate(text, { dialect: 'unified', json: true }),
    (c) => c.build(text, { from: 'aisdk', to: 'jobs' }),
    (c) => c.build(text, { from: 'aisdk', to: 'unified' }),
    (c) => c.validate(text, { dialect: 'aisdk', json: true }),
    (c) => c.schema('aisdk', 'klingai/kling-v2.6-i2v'),
    (c) => c.schema('unified', 'klingai/kling-v2.6-i2v'),
    (c) => c.parse(text, { dialect: 'aisdk' }),
  ];
  const answers = steps.map((step) => step(core));
  for (const [i, step] of steps.entries()) {
    const { core: alone } = await countingCore();
    assert.deepEqual(answers[i], step(alone), `call ${i} after the others and alone`);
  }
  assert.notDeepEqual(answers[3], answers[2], 'unified and detected answer differently');
  assert.notDeepEqual(answers[7], answers[8], 'two dialects, two schemas');
});
