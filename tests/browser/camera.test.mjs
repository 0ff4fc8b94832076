// The Kling camera control editor (Direct tab) in headless Chromium, used as a person would: a
// share link opens Kling 2.6 image-to-video with a picture; dragging the pan slider makes pan the
// only non-zero axis; typing a zoom value (Ctrl+click) moves the one axis to zoom; a preset takes
// no config; the request Generate would send is, byte for byte, what `vgen build --to jobs --from
// aisdk` prints for the same request written by hand. The preview (shaders/camera_move.frag) shows
// the move: its pixels at the clip's end differ from its start, it plays (drawing frames only while
// playing). The catalog's exclusive rule is shown and resolved only by the person's click; the
// editor is not offered in first-and-last-frame mode; text-to-video previews a stand-in scene.
// Each check opens its own page at the share link of the request it starts from (VG_CHECK / VG_ORDER:
// harness.mjs, suite); a console error on that page fails the check.
//
//   node tests/browser/camera.test.mjs
// Ends with `camera: N passed, M failed`; exit 1 on any failure. Site: $VG_SITE_DIR, else
// $VG_WASM_DIR/site-test, else build/wasm/site-test. Core (serve.py and the vgen CLI the request is compared
// with): $VG_NATIVE_DIR, else build/native. Screenshots: tests/artifacts/camera-*.png.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  ARTIFACTS, VIEWPORT, assert, clickControl, drag, framesDrawn, item, itemIfShown, openTab, press, reveal, status, suite, unchangedFor, vgenBuild,
  waitFor, waitForItem, waitForUi,
} from './harness.mjs';
import { decodePng, pixelStats } from './png.mjs';

const CAMERA = ['providerOptions', 'klingai', 'cameraControl'];
const AXES = ['horizontal', 'vertical', 'pan', 'tilt', 'roll', 'zoom'];

// ---- inputs and the CLI -----------------------------------------------------------------------------
// A test picture as raw base64 (Kling's form: no data: prefix), drawn by ffmpeg's test source.
function testPicture(size, source = 'testsrc2') {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'vg-camera-'));
  try {
    const file = path.join(folder, 'picture.png');
    const input = `${source}${source.includes('=') ? ':' : '='}size=${size}:rate=1`;
    const run = spawnSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', input, '-frames:v', '1', file]);
    assert(run.status === 0, `ffmpeg could not draw the test picture: ${run.stderr}`);
    return readFileSync(file).toString('base64');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}


function simple(axis, value) {
  const config = Object.fromEntries(AXES.map((name) => [name, name === axis ? value : 0]));
  return { type: 'simple', config };
}

function withCamera(request, cameraControl) {
  return { ...request, providerOptions: { klingai: { cameraControl } } };
}

// ---- reading the app ----------------------------------------------------------------------------------
// The request's cameraControl, from the JSON editor's text (the share link's dialect: aisdk).
async function cameraControl(page) {
  const { requestText } = await status(page);
  return CAMERA.reduce((value, key) => (value === undefined ? undefined : value[key]), JSON.parse(requestText));
}

async function expectSubmit(page, request, what) {
  const expected = vgenBuild(request);
  await waitFor(page, (text) => window.__vg.submit.trim() === text, expected, 5000).catch(() => {});
  const { submit, formPaths } = await status(page);
  assert(submit.trim() === expected, `${what}: Generate would send\n${submit}\nbut vgen build prints\n${expected}\n(diagnostics at ${JSON.stringify(formPaths)})`);
}

// Drags a slider's grab from its centre to `share` (0 = left end, 1 = right end) of its width.
async function dragSlider(page, name, share) {
  const rect = await reveal(page, name);
  const y = rect.y + rect.height / 2;
  await drag(page, { x: rect.x + rect.width / 2, y }, { x: rect.x + rect.width * share, y });
}

// Ctrl+click on a slider turns it into a text field: the value typed replaces it. The Ctrl+click is
// quicker than a frame (clickControl's modifiers).
async function typeIntoSlider(page, name, text) {
  const rect = await reveal(page, name);
  assert(rect.width > 0, `"${name}" has no width`);
  await clickControl(page, name, { modifiers: ['Control'] });
  const { id } = await item(page, name);
  await waitForUi(page, (ui) => ui.active === id, `"${name}" to become a text field after Ctrl+click`);
  await page.keyboard.type(text);
  await press(page, 'Enter');
}

// A click the app has seen: ImGui 1.86 reads the mouse once a frame, so moving away before the next
// frame would press wherever the mouse went.
async function clickAndSettle(page, name) {
  const frames = (await status(page)).frames;
  await clickControl(page, name);
  await waitFor(page, (count) => window.__vg.frames >= count + 3, frames, 60000);
}

async function chooseType(page, type) {
  await clickControl(page, 'camera:type');
  await waitForItem(page, `camera:type:${type}`);
  await framesDrawn(page);  // the popup settles in its second frame
  await clickControl(page, `camera:type:${type}`);
}

async function previewShot(page, file) {
  const rect = await reveal(page, 'camera:preview');
  await framesDrawn(page);
  const clip = { x: Math.ceil(rect.x) + 1, y: Math.ceil(rect.y) + 1, width: Math.floor(rect.width) - 2, height: Math.floor(rect.height) - 2 };
  return decodePng(await page.screenshot({ path: path.join(ARTIFACTS, file), clip }));
}

// Share of pixels whose colour differs by more than `tolerance` (any channel) between two shots.
function changedShare(a, b, tolerance = 24) {
  assert(a.width === b.width && a.height === b.height, `shots of ${a.width}x${a.height} and ${b.width}x${b.height}`);
  let changed = 0;
  for (let i = 0; i < a.width * a.height; i++) {
    for (let c = 0; c < 3; c++) {
      if (Math.abs(a.pixels[i * a.channels + c] - b.pixels[i * b.channels + c]) > tolerance) {
        changed++;
        break;
      }
    }
  }
  return changed / (a.width * a.height);
}

// The Direct tab opened; `shown` names a rectangle the tab publishes once drawn.
async function openDirect(page, shown = 'section:Camera control') {
  await openTab(page, 'Direct');
  await waitForItem(page, shown);
}


// ---- the checks ---------------------------------------------------------------------------------------
// Each check opens its own page at the request it starts from (harness.mjs: suite).
const picture = testPicture('640x360');
const I2V = { model: 'klingai/kling-v2.6-i2v', prompt: { image: picture, text: 'a lighthouse on a cliff, waves below' } };
const T2V = { model: 'klingai/kling-v2.6-t2v', prompt: 'a paper boat drifts down a rainy street', aspectRatio: '16:9' };
// The move the editor's checks start from once a value is set: a zoom typed in.
const ZOOMED = withCamera(I2V, simple('zoom', -4.5));
const camera = suite('camera');

camera.check('dragging the pan slider makes pan the only non-zero axis', { start: I2V }, async ({ page }) => {
  await openDirect(page, 'camera:pan');
  assert((await cameraControl(page)) === undefined, 'the link had no camera control, yet the request has one');
  await dragSlider(page, 'camera:pan', 0.8);
  await waitFor(page, () => window.__vg.requestText.includes('cameraControl'));
  const control = await cameraControl(page);
  assert(control.type === 'simple', `type ${control.type}`);
  assert(control.config.pan > 0, `pan ${control.config.pan} after a drag to the right`);
  for (const axis of AXES.filter((name) => name !== 'pan')) assert(control.config[axis] === 0, `${axis} is ${control.config[axis]}`);
  await expectSubmit(page, withCamera(I2V, simple('pan', control.config.pan)), 'after the pan drag');
  await page.screenshot({ path: path.join(ARTIFACTS, 'camera-pan.png') });
});

// Starts from a pan (what the drag above makes), so typing zoom has an axis to move from.
camera.check('typing a zoom value moves the one non-zero axis to zoom; the request is vgen build\'s', { start: withCamera(I2V, simple('pan', 6)) }, async ({ page }) => {
  await openDirect(page, 'camera:zoom');
  await typeIntoSlider(page, 'camera:zoom', '-4.5');
  await waitFor(page, () => window.__vg.requestText.includes('-4.5'));
  const control = await cameraControl(page);
  assert(control.config.zoom === -4.5, `zoom ${control.config.zoom}`);
  assert(control.config.pan === 0, `pan stayed ${control.config.pan}`);
  await expectSubmit(page, ZOOMED, 'after typing zoom -4.5');
  const s = await status(page);
  assert(s.canGenerate, `Generate is blocked: ${JSON.stringify(s.formPaths)}`);
});

camera.check('the preview shows the move: the clip\'s end differs from its start (screenshots)', { start: ZOOMED }, async ({ page }) => {
  await openDirect(page, 'camera:preview');
  await dragSlider(page, 'camera:time', 0);
  const start = await previewShot(page, 'camera-preview-start.png');
  const stats = pixelStats(start);
  assert(stats.distinctColors > 200, `the preview at the start has ${stats.distinctColors} colours: the picture is not shown`);
  await dragSlider(page, 'camera:time', 1);
  const end = await previewShot(page, 'camera-preview-end.png');
  const share = changedShare(start, end);
  assert(share > 0.2, `only ${(share * 100).toFixed(1)}% of the preview changed between the start and the end of a zoom`);
  await dragSlider(page, 'camera:time', 0);
  const again = await previewShot(page, 'camera-preview-start-again.png');
  assert(changedShare(start, again) < 0.01, 'the preview at the start is not the same picture twice');
});

camera.check('play runs the move to its end (Loop off), drawing frames only while playing', { start: ZOOMED }, async ({ page }) => {
  await openDirect(page, 'camera:preview');
  // The picture at the clip's end, scrubbed to, for comparing with where playing stops.
  await dragSlider(page, 'camera:time', 1);
  const end = await previewShot(page, 'camera-play-end.png');
  // Without Loop the preview stops at the end by itself. Started 1.5 s before the end of the 5 s
  // clip, it gets there only if frames keep coming past the second any input wakes the page for.
  // (While it plays, a loaded machine's software GL leaves the page little time for the test's
  // calls, so the test waits for the end instead of pausing it.)
  await clickAndSettle(page, 'camera:loop');
  await dragSlider(page, 'camera:time', 0.7);
  const before = await previewShot(page, 'camera-before-play.png');
  await clickAndSettle(page, 'camera:play');
  await page.mouse.move(2, VIEWPORT.height - 2);
  // The page is idle once no frame was drawn for 3 s (one deadline: 4 minutes).
  await page.waitForFunction(() => {
    const v = window.__vg, now = performance.now();
    if (v.idleSeen !== v.frames) { v.idleSeen = v.frames; v.idleSince = now; }
    return now - v.idleSince > 3000;
  }, undefined, { timeout: 240000, polling: 100 })
    .catch(() => assert(false, 'the page kept drawing for 4 minutes: the preview never stopped'));
  const after = await previewShot(page, 'camera-played.png');
  assert(changedShare(before, after) > 0.02, 'the preview did not move while playing');
  assert(changedShare(end, after) < 0.01, 'the preview stopped before the end of the clip');
  // Time passing with nothing drawn is what this checks: a second more without a frame.
  await unchangedFor(page, () => window.__vg.frames, undefined, 1000, 15000)
    .catch(() => assert(false, 'frames drawn after the preview stopped'));
});

camera.check('a preset type takes no config; the request is vgen build\'s', { start: ZOOMED }, async ({ page }) => {
  await openDirect(page, 'camera:type');
  await chooseType(page, 'down_back');
  await waitFor(page, () => window.__vg.requestText.includes('down_back'));
  const control = await cameraControl(page);
  assert(JSON.stringify(control) === '{"type":"down_back"}', `cameraControl ${JSON.stringify(control)}`);
  await expectSubmit(page, withCamera(I2V, { type: 'down_back' }), 'with the down_back preset');
  await page.screenshot({ path: path.join(ARTIFACTS, 'camera-preset.png') });
  // Back to simple: the last simple move returns.
  await chooseType(page, 'simple');
  await waitFor(page, () => window.__vg.requestText.includes('"simple"'));
  await expectSubmit(page, ZOOMED, 'back to simple');
});

camera.check('reset removes the camera control', { start: ZOOMED }, async ({ page }) => {
  await openDirect(page, 'camera:reset');
  await clickControl(page, 'camera:reset');
  await waitFor(page, () => !window.__vg.requestText.includes('cameraControl'));
  await expectSubmit(page, I2V, 'after reset');
});

const mask = testPicture('640x360', 'color=c=white');
const conflicted = { ...I2V, providerOptions: { klingai: { cameraControl: simple('tilt', 3), staticMask: mask } } };
camera.check('a motion brush in the request: the conflict is named and removed only by a click', { start: conflicted }, async ({ page }) => {
  await openDirect(page);
  await waitForItem(page, 'camera:remove-conflicts');
  let s = await status(page);
  assert(s.formPaths.some((p) => p.startsWith('/providerOptions/klingai/')), `no exclusive diagnostic: ${JSON.stringify(s.formPaths)}`);
  assert(s.requestText.includes('staticMask'), 'the static mask was dropped without a click');
  await reveal(page, 'camera:remove-conflicts');
  await page.screenshot({ path: path.join(ARTIFACTS, 'camera-conflict.png') });
  await clickControl(page, 'camera:remove-conflicts');
  await waitFor(page, () => !window.__vg.requestText.includes('staticMask'));
  await expectSubmit(page, withCamera(I2V, simple('tilt', 3)), 'after removing the static mask');
  s = await status(page);
  assert(s.formErrors === 0, `errors left at ${JSON.stringify(s.formPaths)}`);
});

camera.check('text-to-video: the move is previewed on a stand-in scene', { start: withCamera(T2V, simple('roll', 6)) }, async ({ page }) => {
  await openDirect(page);
  await waitForItem(page, 'camera:preview');
  await dragSlider(page, 'camera:time', 0);
  const start = await previewShot(page, 'camera-t2v-start.png');
  assert(pixelStats(start).distinctColors > 20, 'the stand-in scene looks blank');
  await dragSlider(page, 'camera:time', 1);
  const end = await previewShot(page, 'camera-t2v-end.png');
  assert(changedShare(start, end) > 0.1, 'the roll did not turn the stand-in scene');
  await expectSubmit(page, withCamera(T2V, simple('roll', 6)), 'text-to-video with a roll');
});

const flf = { model: 'klingai/kling-v2.6', prompt: { image: picture, text: 'day turns to night' },
  providerOptions: { klingai: { imageTail: picture } } };
camera.check('first-and-last-frame mode does not offer camera control (it needs the last frame)', { start: flf }, async ({ page }) => {
  // The tab is drawn when its list of sections this mode does not offer is.
  await openDirect(page, 'direct:unavailable');
  const s = await status(page);
  assert(s.mode === 'flf', `the link opened mode ${s.mode}`);
  assert(!(await itemIfShown(page, 'section:Camera control')), 'the Camera control section is shown in first-and-last-frame mode');
  assert(!(await itemIfShown(page, 'camera:pan')), 'camera sliders are shown in first-and-last-frame mode');
  await page.screenshot({ path: path.join(ARTIFACTS, 'camera-flf.png') });
});

camera.run();
