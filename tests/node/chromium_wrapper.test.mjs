// tests/browser/chromium.sh: the browser the suites launch gets Playwright's --disable-features and
// --enable-features lists and the harness's as one switch each (Chromium keeps only the last of a
// switch), and every other argument as it was, in order.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { repoRoot } from './helpers.mjs';

const folder = mkdtempSync(join(os.tmpdir(), 'vg-chromium-'));
after(() => rmSync(folder, { recursive: true, force: true }));

// A stand-in browser that prints the arguments it was started with, one per line.
const fake = join(folder, 'browser');
writeFileSync(fake, '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n');
chmodSync(fake, 0o755);

function startedWith(args) {
  const run = spawnSync(join(repoRoot, 'tests/browser/chromium.sh'), args, { env: { ...process.env, VG_CHROMIUM_BINARY: fake } });
  assert.equal(run.status, 0, run.stderr.toString());
  return run.stdout.toString().split('\n').slice(0, -1);
}

test('feature lists given twice reach the browser as one switch each, the first list first', () => {
  assert.deepEqual(startedWith([
    '--disable-features=PaintHolding,MediaRouter', '--remote-debugging-pipe', '--enable-features=CDPScreenshotNewSurface',
    '--user-data-dir=/tmp/a b', '--disable-features=WebUIOmniboxPopup', '--enable-features=Other',
  ]), [
    '--remote-debugging-pipe', '--user-data-dir=/tmp/a b',
    '--disable-features=PaintHolding,MediaRouter,WebUIOmniboxPopup', '--enable-features=CDPScreenshotNewSurface,Other',
  ]);
});

test('empty lists add no switch, and arguments without feature lists pass through unchanged', () => {
  assert.deepEqual(startedWith(['--enable-features=', '--headless', 'about:blank']), ['--headless', 'about:blank']);
  assert.deepEqual(startedWith([]), []);
});
