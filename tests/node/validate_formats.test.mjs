// `vgen validate` in the forms CI systems read, checked against their specifications:
// --format sarif is a SARIF 2.1.0 log the OASIS schema accepts (the schema as @microsoft/jest-sarif
// ships it, read by Ajv's draft-04 validator), each result at the line and column of the value it is
// about; --format github prints workflow commands in the grammar GitHub documents
// (::error file=F,line=L,col=C,title=T::MESSAGE, with %, line breaks and in properties : and , escaped).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

import { repoRoot, runCli } from './helpers.mjs';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(join(require.resolve('@microsoft/jest-sarif/package.json'), '..', 'lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
// unicodeRegExp off: the schema's language pattern ("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$") is no valid
// regular expression in unicode mode, and JSON Schema draft 4 patterns are ECMA 262 without it.
const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validSarif = ajv.compile(schema);

const folder = mkdtempSync(join(os.tmpdir(), 'vg-formats-'));
after(() => rmSync(folder, { recursive: true, force: true }));

// Kling 2.6 with a duration it does not offer, on line 4 (the value at column 15).
const BAD_DURATION = '{\n  "model": "klingai/kling-v2.6-i2v",\n  "prompt": {"image": "https://example.com/cat.png", "text": "a cat"},\n' +
  '  "duration": 7\n}\n';

function sarifOf(args) {
  const run = runCli(['validate', '--format', 'sarif', ...args]);
  const log = JSON.parse(run.stdout.toString('utf8'));
  assert.ok(validSarif(log), `the SARIF log breaks the schema: ${ajv.errorsText(validSarif.errors, { separator: '\n' })}`);
  return { run, log };
}

test('every case file as one SARIF 2.1.0 log the schema accepts, its rules and results agreeing with --format json', () => {
  const cases = join(repoRoot, 'tests/cases');
  const { run, log } = sarifOf([cases]);
  assert.equal(run.exitCode, 2, 'some case files are not JSON: exit 2');
  const [sarifRun] = log.runs;
  const reports = runCli(['validate', '--format', 'json', cases]).stdout.toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
  const expected = reports.flatMap((r) => r.diagnostics.map((d) => `${r.file}|${d.code}|${d.severity}|${d.line}:${d.column}|${d.message}`));
  const got = sarifRun.results.map((r) => {
    const { artifactLocation, region } = r.locations[0].physicalLocation;
    assert.equal(sarifRun.tool.driver.rules[r.ruleIndex].id, r.ruleId, 'ruleIndex points at another rule');
    return `${decodeURIComponent(artifactLocation.uri)}|${r.ruleId}|${r.level}|${region.startLine}:${region.startColumn}|${r.message.text}`;
  });
  assert.deepEqual(got, expected);
  assert.ok(got.length > 20, `only ${got.length} results for ${reports.length} files`);
  assert.equal(new Set(sarifRun.tool.driver.rules.map((r) => r.id)).size, sarifRun.tool.driver.rules.length, 'a rule listed twice');
  assert.equal(sarifRun.columnKind, 'unicodeCodePoints');
});

test('a SARIF result points at the value it is about; an unreadable file is a notification, and the run says it failed', () => {
  const file = join(folder, 'bad duration.json');
  writeFileSync(file, BAD_DURATION);
  const { run, log } = sarifOf([file, join(folder, 'missing.json')]);
  assert.equal(run.exitCode, 2);
  const [sarifRun] = log.runs;
  const result = sarifRun.results.find((r) => r.ruleId === 'duration_not_offered');
  assert.ok(result, JSON.stringify(sarifRun.results));
  assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 4, startColumn: 15 });
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, file.replace(' ', '%20'));
  assert.equal(result.properties.jsonPointer, '/duration');
  assert.equal(sarifRun.invocations[0].executionSuccessful, false);
  assert.match(sarifRun.invocations[0].toolExecutionNotifications[0].message.text, /cannot read .*missing\.json/);
});

test('GitHub annotations: one workflow command a diagnostic, escaped as GitHub documents, then the tally', () => {
  const file = join(folder, 'a,b:c.json');
  writeFileSync(file, BAD_DURATION);
  const run = runCli(['validate', '--format', 'github', file, join(repoRoot, 'tests/cases/bad_malformed.json')]);
  assert.equal(run.exitCode, 2);
  const lines = run.stdout.toString('utf8').trimEnd().split('\n');
  const command = /^::(error|warning) file=([^,:\r\n]+),line=(\d+),col=(\d+),title=([^,:\r\n]+)::([^\r\n]+)$/;
  for (const line of lines.slice(0, -1)) assert.match(line, command);
  assert.match(lines.at(-1), /^vgen: 2 requests checked: 0 valid, 1 invalid, 1 unreadable \(\d+ errors?, \d+ warnings?\)$/);
  const duration = lines.map((l) => l.match(command)).find((m) => m && m[5] === 'vgen duration_not_offered');
  assert.ok(duration, lines.join('\n'));
  assert.equal(decodeURIComponent(duration[2].replaceAll('%2C', ',').replaceAll('%3A', ':')), file);
  assert.deepEqual([duration[1], duration[3], duration[4]], ['error', '4', '15']);
  assert.match(duration[6], /\(at \/duration\)$/);
  assert.ok(lines.some((l) => /^::error file=[^,]*bad_malformed\.json,line=\d+,col=\d+,title=vgen invalid_json::/.test(l)), lines.join('\n'));
});

test('a usage error ends vgen before it reads its input, and the caller still gets the answer', () => {
  // (8 MB on standard input: vgen exits long before the pipe takes it all, as it did under load)
  const run = runCli(['validate', '--dialect', 'no-such-dialect', '-'], Buffer.alloc(8 << 20, 0x20));
  assert.equal(run.exitCode, 2);
  assert.equal(run.stdout.length, 0);
  assert.match(run.stderr.toString('utf8'), /^vgen: unknown dialect "no-such-dialect": use one of aisdk, gateway/);
});
