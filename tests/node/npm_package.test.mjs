// The npm package of the headless module (issue 15): scripts/npm_package.sh stages and packs it, the
// tarball installs offline into a fresh project, and there it works from node (imported by its
// name), from a page (a bundler-less <script type="module"> in headless Chromium) and from
// TypeScript (tsc --strict against its index.d.ts). Everything happens in a temporary folder: the
// build folder and the checkout are only read.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { launchBrowser } from '../browser/harness.mjs';
import { loadBuiltCore, repoRoot, wasmDir } from './helpers.mjs';

const run = promisify(execFile);
const PACKAGE = 'vgen-core';
const VALID = '{"model": "klingai/kling-v2.6-i2v", "prompt": {"image": "https://example.com/cat.png"}, "duration": 5}';
// duration 7 is not offered: one error at /duration, placed where the 7 is.
const INVALID = '{"model": "klingai/kling-v2.6-i2v", "prompt": {"image": "https://example.com/cat.png"}, "duration": 7}';

let folder;    // the temporary folder of everything below
let tarball;   // the packed package
let project;   // a fresh project the tarball is installed into
let installed; // node_modules/vgen-core in it

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'vg-npm-'));
  const packed = await run('bash', [join(repoRoot, 'scripts/npm_package.sh'), '--stage', join(folder, 'stage'),
    '--pack', join(folder, 'pack')], { env: { ...process.env, VG_WASM_DIR: wasmDir } });
  tarball = packed.stdout.trim().split('\n').at(-1);
  assert.ok(statSync(tarball).isFile(), `npm_package.sh printed ${tarball}`);

  project = join(folder, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // --offline and an empty cache: the install may use nothing but the tarball.
  await run('npm', ['install', tarball, '--offline', '--no-audit', '--no-fund', '--cache', join(folder, 'npm-cache')],
    { cwd: project });
  installed = join(project, 'node_modules', PACKAGE);
}, { timeout: 180_000 });

after(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('the tarball holds the module, the wrapper, the entry, the declarations and nothing else', async () => {
  const { stdout } = await run('tar', ['-tzf', tarball]);
  const files = stdout.trim().split('\n').map((name) => name.replace(/^package\//, '')).sort();
  assert.deepEqual(files, ['README.md', 'index.d.ts', 'index.mjs', 'package.json', 'vgen_core.js', 'vgen_core.mjs',
    'vgen_core.wasm']);
  // One copy of every fact: what the package carries is the checkout's wrapper and the build's module.
  assert.equal(readFileSync(join(installed, 'vgen_core.mjs'), 'utf8'), readFileSync(join(repoRoot, 'web/vgen_core.mjs'), 'utf8'));
  assert.ok(readFileSync(join(installed, 'vgen_core.wasm')).equals(readFileSync(join(wasmDir, 'vgen_core.wasm'))));
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  assert.equal(manifest.name, PACKAGE);
  assert.equal(manifest.dependencies, undefined, 'no dependencies: it installs offline');
  assert.equal(manifest.exports['.'].types, './index.d.ts');
});

test('from node: the package imported by its name validates', { timeout: 120_000 }, async () => {
  // A script of the fresh project, in a node of its own: the bare name resolves as a user's would.
  writeFileSync(join(project, 'check.mjs'), `
    import { loadVgenCore } from '${PACKAGE}';
    const core = await loadVgenCore();
    const [valid, invalid] = process.argv.slice(2);
    console.log(JSON.stringify([core.validate(valid, { json: true }), core.validate(invalid, { json: true })]));
  `);
  const { stdout } = await run(process.execPath, ['check.mjs', VALID, INVALID], { cwd: project });
  const [valid, invalid] = JSON.parse(stdout);
  assertAnswers(valid, invalid);
});

function assertAnswers(valid, invalid) {
  assert.equal(valid.exitCode, 0, valid.output + valid.notes);
  assert.deepEqual(JSON.parse(valid.output).diagnostics, []);
  assert.equal(invalid.exitCode, 1);
  const report = JSON.parse(invalid.output);
  assert.equal(report.valid, false);
  assert.deepEqual(report.diagnostics.map(({ severity, path, code, line, column }) => ({ severity, path, code, line, column })),
    [{ severity: 'error', path: '/duration', code: 'duration_not_offered', line: 1, column: INVALID.lastIndexOf('7') + 1 }]);
}

test('from a page: a <script type="module"> imports the installed package and validates', { timeout: 120_000 }, async () => {
  // The project's folder over HTTP, as a site serving its node_modules would; a request for a
  // file that is not there fails the check (the package must find its module next to itself).
  const MIME = { '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
  const missing = [];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const file = resolve(project, `.${path === '/' ? '/index.html' : path}`);
    if (!file.startsWith(project + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      missing.push(path);
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': MIME[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  writeFileSync(join(project, 'index.html'), `<!doctype html><title>vgen-core</title><link rel="icon" href="data:,">
    <script type="module">
      import { loadVgenCore } from '/node_modules/${PACKAGE}/index.mjs';
      const core = await loadVgenCore();
      window.answers = [core.validate(${JSON.stringify(VALID)}, { json: true }), core.validate(${JSON.stringify(INVALID)}, { json: true })];
    </script>`);
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    // Waits for the module script's answers, or for a failure it reports, whichever comes first.
    await page.waitForFunction(() => window.answers, null, { timeout: 60_000 }).catch((error) => {
      throw new Error(`${error.message}\npage errors: ${errors.join('\n')}`);
    });
    const [valid, invalid] = await page.evaluate(() => window.answers);
    assertAnswers(valid, invalid);
    const inNode = await loadBuiltCore();
    assert.deepEqual(invalid, inNode.validate(INVALID, { json: true }), 'the page answers as node does');
    assert.deepEqual(errors, []);
    assert.deepEqual(missing, []);
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
  }
});

test('from TypeScript: a consumer type-checks with tsc --strict against the installed package', { timeout: 120_000 }, async () => {
  writeFileSync(join(project, 'consumer.ts'), `
    import { loadVgenCore, type DialectName, type ExitCode, type ValidationReport, type VgenResult } from '${PACKAGE}';

    const core = await loadVgenCore({ moduleUrl: new URL('./vgen_core.js', import.meta.url) });
    const result: VgenResult = core.validate('{}', { dialect: 'openai', json: true });
    const code: ExitCode = result.exitCode;
    const report: ValidationReport = JSON.parse(result.output);
    const where: string[] = report.diagnostics.map((d) => d.path + d.code + d.line + d.column + d.severity.length);
    const dialect: DialectName | '' = report.dialect;
    core.build(new Uint8Array(2), { from: '', to: 'creative-hub' });
    core.convert('{}', { to: 'jobs' });
    core.parse('{}');
    core.schema('aisdk', 'kling-2.6');
    const sizes: number = core.memoryBytes() + core.catalog(true).output.length + core.limits().exitCode
      + core.codes(true).notes.length + core.dialectFacts().exitCode;
    // What the declarations must refuse: each line below is an error, or tsc fails on the directive.
    // @ts-expect-error an exit code is 0, 1 or 2
    const wrong: ExitCode = 3;
    // @ts-expect-error not a dialect
    core.validate('{}', { dialect: 'unknown' });
    // @ts-expect-error build needs the dialect to write
    core.build('{}', {});
    // @ts-expect-error inputs are text or bytes
    core.validate(42);
    export { code, where, dialect, sizes, wrong };
  `);
  const tsc = join(repoRoot, 'node_modules/.bin/tsc');
  await run(tsc, ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022',
    '--lib', 'es2022,dom', 'consumer.ts'], { cwd: project }).catch((error) => {
    throw new Error(`tsc found errors:\n${error.stdout}${error.stderr}`);
  });
});

test('the declared dialect names are the core\'s', async () => {
  const declarations = readFileSync(join(installed, 'index.d.ts'), 'utf8');
  const union = declarations.match(/export type DialectName = ([^;]+);/)?.[1];
  assert.ok(union, 'index.d.ts declares DialectName');
  const declared = [...union.matchAll(/'([^']+)'/g)].map((match) => match[1]).sort();
  const core = await loadBuiltCore();
  // The core names every dialect it knows when it refuses one it does not.
  const refusal = core.validate('{}', { dialect: 'no-such-dialect' });
  assert.equal(refusal.exitCode, 2);
  const listed = refusal.notes.match(/use one of (.+)$/m)?.[1].split(', ').sort();
  assert.deepEqual(declared, listed, refusal.notes);
  // ... and the catalog names no other.
  const inCatalog = new Set(JSON.parse(core.catalog(true).output).flatMap((model) => model.aliases.flatMap((alias) => alias.dialects)));
  assert.deepEqual([...inCatalog].filter((name) => !declared.includes(name)), []);
});
