// The boundary between the page and the playground (platform_web.h guarded), in headless Chromium
// against serve.py: an entry point made to throw by real input (the local gateway's answer to an
// upload, rewritten by a route to carry a number where the URL belongs) shows a note saying what
// failed and what to do, logs it, and leaves the page drawing, the request and the finished job as
// they were; the next upload works. Any other console error fails a check (harness.mjs, suite).
//
//   VG_NATIVE_DIR=/work/main/build/native node tests/browser/boundaries.test.mjs
// Each check opens its own page (a context of its own) at a share link whose image is an upload made
// once for the suite (a fixture), and makes there what it needs: the fault, a finished job (seeded in
// browser storage). VG_CHECK / VG_ORDER: harness.mjs, suite.
// Ends with `boundaries: N passed, M failed`; exit 1 on any failure.
import path from 'node:path';

import {
  ARTIFACTS, assert, centreOf, dragFile, jobRecord, openPageFor, pressCtrlEnter, seedHistory, shareFragment, status, suite, uploadToServer, waitFor, waitForItem,
} from './harness.mjs';

// Two 2x2 PNGs (orange, blue): the images are not what is tested, only that the field shows and takes
// a file; serve.py names an upload by its bytes, so the second upload gets a URL of its own.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR42mM4UaEBRAwQCgAp7gWhZAhhBwAAAABJRU5ErkJggg==', 'base64');
const OTHER_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR42mPQqDgBRAwQCgAk7gWhGYaOqgAAAABJRU5ErkJggg==', 'base64');
const TERMINAL = ['succeeded', 'failed', 'expired', 'cancelled'];

const faultNote = (page) => page.evaluate(() => {
  const note = document.getElementById('vg-fault');
  return note && !note.hidden ? note.firstChild.textContent : '';
});

const boundaries = suite('boundaries');

// The page every check starts from: Wan 2.6 image-to-video whose image is the placeholder upload
// (serve.py's, made once for the suite), its image field shown; `history`: finished jobs (jobRecord)
// the page loads from browser storage.
const placeholder = () => boundaries.fixture('placeholder', ({ url }) => uploadToServer(url, PNG, 'image/png'));
const requestWith = (image) => ({ model: 'alibaba/wan-v2.6', prompt: { image, text: 'a paper boat on a pond' } });
async function openPond(check, { history = [] } = {}) {
  const page = await openPageFor(check, check.url + shareFragment(requestWith(await placeholder())));
  if (history.length) await seedHistory(page, history);
  await waitForItem(page, 'media:/image');
  return page;
}

// What the app logs for the fault (web/platform.js): expected by the checks that make it.
const FAULT_LOGGED = /^VideoGen Playground: .*\/v1\/uploads failed: /;

// An upload whose answer (rewritten by a route: a number where the URL belongs) throws in the app;
// resolves once the app has reported the fault.
async function throwingUpload(page) {
  await page.route('**/v1/uploads', (route) => route.fulfill({ status: 201, contentType: 'application/json', body: '{"url": 42}' }));
  await dragFile(page, 'media:/image', PNG, 'pond.png', 'image/png');
  await waitFor(page, () => (window.__vg.faults || []).length > 0, undefined, 30000);
}

boundaries.check('a job runs to its end first (the state the fault must not touch)', { start: null }, async (check) => {
  const page = await openPond(check);
  await pressCtrlEnter(page);
  await waitFor(page, (t) => (window.__vg.jobs || []).length && t.includes(window.__vg.jobs[0].state), TERMINAL, 120000);
  const job = (await status(page)).jobs[0];
  assert(job.state === 'succeeded', `the job ended ${job.state}: ${job.error}`);
});

boundaries.check('an upload answer that throws in the app shows a note naming it and what to do, and logs it',
  { start: null, allowErrors: [FAULT_LOGGED] }, async (check) => {
    const { errors } = check;
    const page = await openPond(check);
    await throwingUpload(page);
    const note = await faultNote(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'boundaries-note.png') });
    assert(/Something went wrong while handling the answer to POST \S*\/v1\/uploads: /.test(note), `the note: "${note}"`);
    assert(/jobs and history are kept/.test(note) && /reload/.test(note), `the note says neither what is kept nor what to do: "${note}"`);
    assert(errors.some((e) => e.includes('/v1/uploads failed')), `console.error has no word of it: ${errors.join(' | ')}`);
    assert(!errors.some((e) => /Uncaught|exception/i.test(e) && !e.includes('VideoGen Playground:')),
      `an exception escaped into the page: ${errors.join(' | ')}`);
  });

boundaries.check('the page keeps drawing frames and the request and the job are as they were',
  { start: null, allowErrors: [FAULT_LOGGED] }, async (check) => {
    const page = await openPond(check, { history: [jobRecord('j1700000000000-1', 1700000000000, 'succeeded')] });
    const job = (await status(page)).jobs[0];
    assert(job && job.state === 'succeeded', `the finished job did not load: ${JSON.stringify(job)}`);
    await throwingUpload(page);
    const before = (await status(page)).frames;
    const { x, y } = await centreOf(page, 'media:/image');
    await page.mouse.move(x - 40, y);
    await page.mouse.move(x, y);
    await waitFor(page, (n) => window.__vg.frames > n + 2, before);
    const now = await status(page);
    assert(JSON.parse(now.requestText).prompt.image === await placeholder(), `the image changed: ${now.requestText}`);
    const kept = now.jobs.find((j) => j.id === job.id);
    assert(kept && kept.state === job.state && kept.results === job.results, `the job is now ${JSON.stringify(kept)}`);
  });

boundaries.check('the next upload, answered properly, goes into the field', { start: null, allowErrors: [FAULT_LOGGED] }, async (check) => {
  const page = await openPond(check);
  await throwingUpload(page);
  await page.unroute('**/v1/uploads');
  await dragFile(page, 'media:/image', OTHER_PNG, 'lake.png', 'image/png');
  await waitFor(page, (old) => {
    const image = JSON.parse(window.__vg.requestText).prompt.image;
    return image !== old && /\/v1\/uploads\/[0-9a-f]{40}\.png$/.test(image);
  }, await placeholder(), 30000);
});

boundaries.run();
