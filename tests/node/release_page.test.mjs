// The release page (site/, what run.sh serves) carries none of the browser tests' hooks, and the
// test page (site-test/, which scripts/build.sh builds beside it) does: Dear ImGui's test-engine
// hooks publish the item list through one EM_JS function (wasm/app/platform/test_hooks.cpp and
// platform_web.cpp), whose name and window.__vg.ui only the test page's JavaScript holds.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { wasmDir } from './helpers.mjs';

const MARKERS = ['vgJsPublishTestItems', '["ui"]'];
const read = (site) => readFileSync(join(wasmDir, site, 'playground.js'), 'utf8');

test('the release page has no test hooks', () => {
  const release = read('site');
  for (const marker of MARKERS) assert.ok(!release.includes(marker), `site/playground.js holds ${marker}`);
});

test('the test page publishes the item list (so the check above looks for the right names)', () => {
  const testPage = read('site-test');
  for (const marker of MARKERS) assert.ok(testPage.includes(marker), `site-test/playground.js lacks ${marker}`);
});
