// The headless WASM module and the native vgen CLI give byte-identical stdout, the same stderr
// text and the same exit code for every command on every case (issue 2, "CLI and headless
// module"; the bad inputs of "Bad input" included).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { caseInputs, dialects, loadBuiltCore, runCli } from './helpers.mjs';

let core;
before(async () => {
  core = await loadBuiltCore();
});

function assertSame(wasm, cli, command) {
  assert.equal(cli.signal, null, `${command}: vgen died of ${cli.signal}`);
  assert.equal(wasm.exitCode, cli.exitCode, `${command}: exit code`);
  const wasmStdout = Buffer.from(wasm.output, 'utf8');
  assert.ok(
    wasmStdout.equals(cli.stdout),
    `${command}: stdout differs\n  wasm:   ${wasmStdout.toString().slice(0, 400)}\n  native: ${cli.stdout.toString().slice(0, 400)}`,
  );
  // stderr is text for people; the module hands it over as a JS string, so compare it decoded.
  assert.equal(wasm.notes, cli.stderr.toString('utf8'), `${command}: stderr differs`);
}

// [command line, the same call on the module]; input-less commands are tested once below.
function inputCommands(generated) {
  const commands = [
    [['validate', '--json', '-'], (input) => core.validate(input, { json: true })],
    [['validate', '-'], (input) => core.validate(input)],
    [['parse', '-'], (input) => core.parse(input)],
  ];
  // Large generated inputs: the two validations and one build prove the point at a fraction of the time.
  if (generated) return [...commands, [['build', '--to', 'jobs', '-'], (input) => core.build(input, { to: 'jobs' })]];
  for (const dialect of dialects) {
    commands.push(
      [['validate', '--json', '--dialect', dialect, '-'], (input) => core.validate(input, { dialect, json: true })],
      [['parse', '--dialect', dialect, '-'], (input) => core.parse(input, { dialect })],
      [['build', '--to', dialect, '-'], (input) => core.build(input, { to: dialect })],
      [['convert', '--to', dialect, '-'], (input) => core.convert(input, { to: dialect })],
    );
  }
  commands.push([['build', '--from', 'aisdk', '--to', 'unified', '-'], (input) => core.build(input, { from: 'aisdk', to: 'unified' })]);
  commands.push([['build', '--to', 'no-such-dialect', '-'], (input) => core.build(input, { to: 'no-such-dialect' })]);
  commands.push([['validate', '--dialect', 'no-such-dialect', '-'], (input) => core.validate(input, { dialect: 'no-such-dialect' })]);
  return commands;
}

for (const { name, input, generated } of caseInputs()) {
  describe(`parity on ${name}`, () => {
    for (const [args, callModule] of inputCommands(generated)) {
      test(`vgen ${args.join(' ')}`, () => {
        assertSame(callModule(input), runCli(args, input), `vgen ${args.join(' ')} < ${name}`);
      });
    }
  });
}

describe('parity without input', () => {
  test('vgen catalog --json and vgen catalog', () => {
    assertSame(core.catalog(true), runCli(['catalog', '--json']), 'vgen catalog --json');
    assertSame(core.catalog(false), runCli(['catalog']), 'vgen catalog');
  });

  test('vgen limits --json and vgen limits', () => {
    assertSame(core.limits(true), runCli(['limits', '--json']), 'vgen limits --json');
    assertSame(core.limits(false), runCli(['limits']), 'vgen limits');
  });

  test('vgen codes --json and vgen codes', () => {
    assertSame(core.codes(true), runCli(['codes', '--json']), 'vgen codes --json');
    assertSame(core.codes(false), runCli(['codes']), 'vgen codes');
  });

  test('vgen dialect-facts', () => {
    assertSame(core.dialectFacts(), runCli(['dialect-facts']), 'vgen dialect-facts');
    const { dialects: table } = JSON.parse(core.dialectFacts().output);
    assert.deepEqual(table.map((d) => d.name), ['gateway', 'unified', 'openai', 'jobs', 'creative-hub'],
      'every dialect with a wire protocol, in the order paths are matched');
  });

  test('vgen schema --dialect D MODEL for every model in the catalog and every dialect', () => {
    const models = JSON.parse(runCli(['catalog', '--json']).stdout);
    assert.ok(models.length > 0, 'the catalog lists models');
    for (const { id } of models) {
      for (const dialect of dialects) {
        assertSame(core.schema(dialect, id), runCli(['schema', '--dialect', dialect, id]), `vgen schema --dialect ${dialect} ${id}`);
      }
    }
  });

  test('vgen schema with an unknown model or dialect', () => {
    assertSame(core.schema('aisdk', 'klingai/kling-v9'), runCli(['schema', '--dialect', 'aisdk', 'klingai/kling-v9']), 'unknown model');
    assertSame(core.schema('nope', 'kling-2.6'), runCli(['schema', '--dialect', 'nope', 'kling-2.6']), 'unknown dialect');
  });
});
