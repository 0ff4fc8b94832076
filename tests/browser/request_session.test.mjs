// Changing mode or model never loses what the person made (issue 10), in headless Chromium, driven
// as a person drives the form: on a fresh page (Kling 2.6, text-to-video example) Mode ->
// image-to-video shows the empty image field with its diagnostic and keeps the negative prompt;
// back to text-to-video, Generate sends what it sent before; "x" on the image of a Kling
// image-to-video request keeps its camera control; a prompt typed before switching the model to
// Veo 3.1 and back is still there. Each time, what Generate sends (__vg.submit) is compared with
// what `vgen build --to jobs` prints for the request the person made, written by hand. A console
// error fails a check (harness.mjs, suite).
//
//   VG_NATIVE_DIR=/work/main/build/native node tests/browser/request_session.test.mjs
// Each check opens its own page (a context of its own): the fresh page, or the Kling image-to-video
// share link, and makes there every edit it checks (VG_CHECK / VG_ORDER: harness.mjs, suite).
// Ends with `request session: N passed, M failed`; exit 1 on any failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  ARTIFACTS, assert, clickControl, press, status, suite, vgenBuild, waitFor, waitForItem,
} from './harness.mjs';

// A grey 640x360 PNG as raw base64, the form Kling takes inline (seed 001: no data: prefix).
function greyImage() {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'vg-session-'));
  try {
    const file = path.join(folder, 'grey.png');
    const run = spawnSync('ffmpeg', ['-loglevel', 'error', '-f', 'lavfi', '-i', 'color=c=gray:s=640x360', '-frames:v', '1', file]);
    assert(run.status === 0, `ffmpeg could not make the test image: ${run.stderr}`);
    return readFileSync(file).toString('base64');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function sameRequest(actual, expected) {
  assert(actual.trim() === expected.trim(), `the app sends\n${actual.slice(0, 600)}\nvgen builds\n${expected.slice(0, 600)}`);
}

// Picks `mode` ("i2v") in the form's Mode combo and waits until the request is in it.
async function chooseMode(page, mode) {
  await clickControl(page, 'mode');
  await waitForItem(page, `mode:${mode}`);
  await clickControl(page, `mode:${mode}`);
  await waitFor(page, (name) => window.__vg.mode === name, mode);
}

// Types `search` into the catalog's search box, picks the first row, and empties the box again.
async function chooseModel(page, search, id) {
  await clickControl(page, 'search');
  await press(page, 'Control+A');
  await page.keyboard.type(search);
  await waitFor(page, () => window.__vg.visibleRows > 0 && window.__vg.visibleRows < window.__vg.models);
  await clickControl(page, 'first-row');
  await waitFor(page, (wanted) => window.__vg.selected === wanted, id);
  await clickControl(page, 'search');
  await press(page, 'Control+A');
  await press(page, 'Backspace');
  await waitFor(page, () => window.__vg.visibleRows === window.__vg.models);
}

// The fresh page's status once its example request is ready to send.
async function freshStatus(page) {
  await waitFor(page, () => window.__vg.canGenerate && window.__vg.submit);
  return status(page);
}
// The fresh page's request, as the AI SDK writes it (the editor's dialect).
const exampleOf = (fresh) => JSON.parse(fresh.requestText);

const requestSession = suite('request session');

requestSession.check('a fresh page is Kling 2.6 text-to-video with a negative prompt, sent as vgen builds it', async ({ page }) => {
  const fresh = await freshStatus(page);
  assert(fresh.selected === 'klingai/kling-v2.6' && fresh.mode === 't2v', `the page opened ${fresh.selected} in ${fresh.mode}`);
  assert(fresh.requestText.includes('negativePrompt'), `the example has no negative prompt:\n${fresh.requestText}`);
  sameRequest(fresh.submit, vgenBuild(exampleOf(fresh)));
});

requestSession.check('Mode -> image-to-video shows the empty image field with its diagnostic and keeps the negative prompt', async ({ page }) => {
  await freshStatus(page);
  await chooseMode(page, 'i2v');
  await waitFor(page, () => window.__vg.formPaths.includes('/image'));
  await waitForItem(page, 'url:/image');
  const s = await status(page);
  assert(!s.canGenerate, 'Generate is allowed without the image to animate');
  assert(s.requestText.includes('negativePrompt'), `the negative prompt is gone:\n${s.requestText}`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'request-session-i2v.png') });
});

requestSession.check('back to text-to-video, Generate sends what it sent before', async ({ page }) => {
  const example = exampleOf(await freshStatus(page));
  await chooseMode(page, 'i2v');
  await chooseMode(page, 't2v');
  await waitFor(page, () => window.__vg.canGenerate);
  sameRequest((await status(page)).submit, vgenBuild(example));
});

requestSession.check('a prompt typed before switching the model to Veo 3.1 and back is sent', async ({ page }) => {
  const example = exampleOf(await freshStatus(page));
  await clickControl(page, 'prompt');
  await press(page, 'Control+End');
  await page.keyboard.type(' at night');
  await waitFor(page, () => window.__vg.requestText.includes('at night'));
  await chooseModel(page, 'veo-3.1', 'google/veo-3.1');
  const onVeo = await status(page);
  assert(onVeo.requestText.includes('at night'), `the prompt is gone on Veo:\n${onVeo.requestText}`);
  await chooseModel(page, 'kling-v2.6', 'klingai/kling-v2.6');
  await waitFor(page, () => window.__vg.canGenerate);
  const back = await status(page);
  assert(back.keptAside.length === 0, `members still kept aside: ${back.keptAside}`);
  sameRequest(back.submit, vgenBuild({ ...example, prompt: `${example.prompt} at night` }));
});

const cameraControl = { type: 'simple', config: { zoom: 5 } };
const text = 'the camera pushes in on a lighthouse';
const withCamera = { model: 'klingai/kling-v2.6', prompt: { image: greyImage(), text },
  providerOptions: { klingai: { cameraControl } } };
// The page tries to show the entered URL's image; this machine cannot resolve example.com.
requestSession.check('"x" on the image keeps camera control; an image URL entered then sends both',
  { start: withCamera, allowErrors: [/ERR_NAME_NOT_RESOLVED/] }, async ({ page }) => {
    await waitFor(page, () => window.__vg.canGenerate);
    await waitForItem(page, 'clear:/image');
    sameRequest((await status(page)).submit, vgenBuild(withCamera));
    await clickControl(page, 'clear:/image');
    await waitFor(page, () => window.__vg.formPaths.includes('/image') && !window.__vg.canGenerate);
    const cleared = await status(page);
    assert(cleared.mode === 'i2v', `clearing the image moved the request to ${cleared.mode}`);
    assert(cleared.requestText.includes('cameraControl'), `camera control is gone:\n${cleared.requestText}`);
    const imageUrl = 'https://example.com/first-frame.png';
    await waitForItem(page, 'url:/image');
    await clickControl(page, 'url:/image');
    await page.keyboard.type(imageUrl);
    await press(page, 'Enter');
    await waitFor(page, () => window.__vg.canGenerate);
    sameRequest((await status(page)).submit, vgenBuild({ ...withCamera, prompt: { image: imageUrl, text } }));
  });

requestSession.run();
