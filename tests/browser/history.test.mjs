// History with a bad stored record, in headless Chromium against serve.py (issue 10): browser storage
// (web/storage.js) holds two good job records and one whose `pollsMade` is the string "3". The
// playground loads the two, skips the bad one with a note naming what is wrong (the History panel
// lists it; window.__vg.historySkipped carries the same words), and no error escapes to the page.
//
//   node tests/browser/history.test.mjs
// Standalone: ends with `history: N passed, M failed` and exits 1 on any failure.
// Site: $VG_SITE_DIR, else $VG_WASM_DIR/site, else build/wasm/site. Core: $VG_NATIVE_DIR, else
// build/native. A screenshot of the History tab goes to tests/artifacts/history_skipped.png.
import path from 'node:path';

import {
  ARTIFACTS, assert, check, finishSuite, openPage, openTab, startSession, status, waitFor,
} from './harness.mjs';

// A job record as the playground writes it (wasm/core/jobs/job_record.h), finished so nothing is polled.
function jobRecord(localId, createdAt, state, overrides = {}) {
  return {
    localId, createdAt, request: { model: 'klingai/kling-v2.6', prompt: `history ${localId}` }, baseUrl: '',
    submit: { method: 'POST', path: '/v2/videos/generate', headers: {}, body: { model: 'kling-2.6', prompt: 'x' } },
    retries: 0, group: '', results: [],
    job: { dialect: 'jobs', state, id: `gw-${localId}`, operation: null, progress: 100, submittedAt: createdAt,
      lastPollAt: createdAt + 1000, nextPollAt: -1, pollsMade: 2, consecutiveErrors: 0, rngState: 7,
      intervalMs: 2000, lastTransientError: '', expiresAt: -1, costCents: -1, errorCode: state === 'failed' ? 'http_400' : '',
      errorMessage: state === 'failed' ? 'refused' : '', errorHint: '', errorHttpStatus: state === 'failed' ? 400 : 0,
      finishedAt: createdAt + 2000, ...overrides },
  };
}

// The history entry storage.js keeps around a record (wasm/app/app_runtime.cpp historyRecord).
function historyEntry(record) {
  return { requestJson: JSON.stringify(record.request), dialect: 'jobs', model: record.request.model,
    createdAt: record.createdAt, status: record.job.state,
    job: { id: record.job.id, baseUrl: '', dialect: 'jobs', poll: record }, resultKeys: [], error: record.job.errorMessage };
}

async function main() {
  const { url, context, close } = await startSession();
  try {
    const { page, errors } = await openPage(context, url);

    const good = [jobRecord('j1700000000000-1', 1700000000000, 'succeeded'),
      jobRecord('j1700000001000-1', 1700000001000, 'failed')];
    const bad = jobRecord('j1700000002000-1', 1700000002000, 'failed', { pollsMade: '3' });
    for (const record of [good[0], bad, good[1]]) {
      const put = await page.evaluate((entry) => window.VideoGenStorage.putHistory(entry), historyEntry(record));
      assert(typeof put.id === 'number', `putHistory answered ${JSON.stringify(put)}`);
    }

    await check('a bad stored record is skipped with a note; the two good ones load', async () => {
      await page.reload();
      await waitFor(page, () => window.__vg && window.__vg.ready && window.__vg.historyLoaded, undefined, 30000);
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

    await check('no error escapes to the page while history loads', async () => {
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    });
  } finally {
    await close();
  }
}

finishSuite('history', main());
