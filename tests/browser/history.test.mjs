// History with a bad stored record, in headless Chromium against serve.py (issue 10): browser storage
// (web/storage.js) holds two good job records and one whose `pollsMade` is the string "3". The
// playground loads the two, skips the bad one with a note naming what is wrong (the History panel
// lists it; window.__vg.historySkipped carries the same words), and no error escapes to the page
// (a console error fails the check: harness.mjs, suite).
//
//   node tests/browser/history.test.mjs
// The check opens its own page in a context of its own (empty storage) and seeds it (VG_CHECK /
// VG_ORDER: harness.mjs, suite). Ends with `history: N passed, M failed` and exits 1 on any failure.
// Site: $VG_SITE_DIR, else $VG_WASM_DIR/site, else build/wasm/site. Core: $VG_NATIVE_DIR, else
// build/native. A screenshot of the History tab goes to tests/artifacts/history_skipped.png.
import path from 'node:path';

import {
  ARTIFACTS, assert, jobRecord, openTab, seedHistory, status, suite,
} from './harness.mjs';

const history = suite('history');

history.check('a bad stored record is skipped with a note; the two good ones load; no error escapes to the page', async ({ page }) => {
  const good = [jobRecord('j1700000000000-1', 1700000000000, 'succeeded'),
    jobRecord('j1700000001000-1', 1700000001000, 'failed')];
  const bad = jobRecord('j1700000002000-1', 1700000002000, 'failed', { pollsMade: '3' });
  await seedHistory(page, [good[0], bad, good[1]]);
  const s = await status(page);
  const ids = s.jobs.map((job) => job.id).sort();
  assert(JSON.stringify(ids) === JSON.stringify(good.map((r) => r.localId).sort()),
    `history lists ${JSON.stringify(ids)}, expected the two good records`);
  assert(Array.isArray(s.historySkipped) && s.historySkipped.length === 1,
    `historySkipped: ${JSON.stringify(s.historySkipped)}`);
  assert(s.historySkipped[0].includes('job.pollsMade is string "3", expected an integer'),
    `the note does not say what is wrong: ${s.historySkipped[0]}`);
  await openTab(page, 'History', () => true);
  await page.screenshot({ path: path.join(ARTIFACTS, 'history_skipped.png') });
});

history.run();
