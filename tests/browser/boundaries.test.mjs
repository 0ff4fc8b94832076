// The boundary between the page and the playground (platform_web.h guarded), in headless Chromium
// against serve.py: an entry point made to throw by real input (the local gateway's answer to an
// upload, rewritten by a route to carry a number where the URL belongs) shows a note saying what
// failed and what to do, logs it, and leaves the page drawing, the request and the finished job as
// they were; the next upload works.
//
//   VG_NATIVE_DIR=/work/main/build/native node tests/browser/boundaries.test.mjs
// Ends with `boundaries: N passed, M failed`; exit 1 on any failure.
import path from 'node:path';

import {
  ARTIFACTS, assert, centreOf, check, dragFile, finishSuite, openPage, pressCtrlEnter, shareFragment, startSession, status, uploadToServer, waitFor, waitForItem,
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

async function main() {
  const { url, context, close } = await startSession();
  try {
    const placeholder = await uploadToServer(url, PNG, 'image/png');
    const request = { model: 'alibaba/wan-v2.6', prompt: { image: placeholder, text: 'a paper boat on a pond' } };
    const { page, errors } = await openPage(context, url + shareFragment(request));
    await waitForItem(page, 'media:/image');

    let job = null;
    await check('a job runs to its end first (the state the fault must not touch)', async () => {
      await pressCtrlEnter(page);
      await waitFor(page, (t) => (window.__vg.jobs || []).length && t.includes(window.__vg.jobs[0].state), TERMINAL, 120000);
      job = (await status(page)).jobs[0];
      assert(job.state === 'succeeded', `the job ended ${job.state}: ${job.error}`);
    });

    await check('an upload answer that throws in the app shows a note naming it and what to do, and logs it', async () => {
      await page.route('**/v1/uploads', (route) => route.fulfill({ status: 201, contentType: 'application/json', body: '{"url": 42}' }));
      await dragFile(page, 'media:/image', PNG, 'pond.png', 'image/png');
      await waitFor(page, () => (window.__vg.faults || []).length > 0, undefined, 30000);
      const note = await faultNote(page);
      await page.screenshot({ path: path.join(ARTIFACTS, 'boundaries-note.png') });
      assert(/Something went wrong while handling the answer to POST \S*\/v1\/uploads: /.test(note), `the note: "${note}"`);
      assert(/jobs and history are kept/.test(note) && /reload/.test(note), `the note says neither what is kept nor what to do: "${note}"`);
      assert(errors.some((e) => e.includes('/v1/uploads failed')), `console.error has no word of it: ${errors.join(' | ')}`);
      assert(!errors.some((e) => /Uncaught|exception/i.test(e) && !e.includes('VideoGen Playground:')),
        `an exception escaped into the page: ${errors.join(' | ')}`);
    });

    await check('the page keeps drawing frames and the request and the job are as they were', async () => {
      const before = (await status(page)).frames;
      const { x, y } = await centreOf(page, 'media:/image');
      await page.mouse.move(x - 40, y);
      await page.mouse.move(x, y);
      await waitFor(page, (n) => window.__vg.frames > n + 2, before);
      const now = await status(page);
      assert(JSON.parse(now.requestText).prompt.image === placeholder, `the image changed: ${now.requestText}`);
      const kept = now.jobs.find((j) => j.id === job.id);
      assert(kept && kept.state === job.state && kept.results === job.results, `the job is now ${JSON.stringify(kept)}`);
    });

    await check('the next upload, answered properly, goes into the field', async () => {
      await page.unroute('**/v1/uploads');
      await dragFile(page, 'media:/image', OTHER_PNG, 'lake.png', 'image/png');
      await waitFor(page, (old) => {
        const image = JSON.parse(window.__vg.requestText).prompt.image;
        return image !== old && /\/v1\/uploads\/[0-9a-f]{40}\.png$/.test(image);
      }, placeholder, 30000);
    });
    await page.close();
  } finally {
    await close();
  }
}

finishSuite('boundaries', main());
