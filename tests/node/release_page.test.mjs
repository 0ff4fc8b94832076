// The release page (site/, what run.sh serves) carries none of the browser tests' hooks, and the
// test page (site-test/, which scripts/build.sh builds beside it) does: Dear ImGui's test-engine
// hooks publish the item list through one EM_JS function (wasm/app/platform/test_hooks.cpp and
// platform_web.cpp) into window.__vg.ui, which only the test page's JavaScript assigns. (Closure,
// which minifies playground.js, renames the function and writes the member either way.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { wasmDir } from './helpers.mjs';

const MARKER = /__vg(["']\])?(\.ui|\[["']ui["']\])\s*=/;
const read = (site) => readFileSync(join(wasmDir, site, 'playground.js'), 'utf8');

test('the release page has no test hooks', () => {
  assert.ok(!MARKER.test(read('site')), 'site/playground.js assigns window.__vg.ui');
});

test('the test page publishes the item list (so the check above looks for the right names)', () => {
  assert.ok(MARKER.test(read('site-test')), 'site-test/playground.js does not assign window.__vg.ui');
});
