// The Kling motion brush in headless Chromium, used as a person would: a share link opens Kling 2.6
// image-to-video with a generated 640x360 PNG; in the Direct tab the mouse paints the static mask,
// erases a stripe of it, adds a dynamic mask, paints it, drags its path, and presses Apply. Checks:
// Apply refuses a dynamic mask without a path (the request stays as it was); the masks in
// __vg.submit are 640x360 grey PNGs painted where the mouse went (less what it erased) and nowhere
// else; the trajectory runs where the path was dragged, with its origin at the image's bottom-left
// corner (y flipped); and __vg.submit is exactly what `vgen build --to jobs --from aisdk` prints for
// the equivalent request written by hand. Then, with camera control in the request (Kling does not
// combine it with masks), Apply shows the conflict and the editor's note removes it.
// Each check opens its own page at the share link of the request it starts from (VG_CHECK / VG_ORDER:
// harness.mjs, suite) and paints what it reads; a console error on that page fails the check.
//
//   VG_NATIVE_DIR=/work/main/build/native node tests/browser/motion_brush.test.mjs
// Ends with `motion brush: N passed, M failed`; exit 1 on any failure. Screenshot:
// tests/artifacts/motion-brush.png.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  ARTIFACTS, assert, clickControl, framesDrawn, openTab, reveal, status, suite, vgenBuild, waitFor, waitForItem,
} from './harness.mjs';
import { decodePng, pixelStats } from './png.mjs';

const WIDTH = 640, HEIGHT = 360;
const PROMPT = 'the orange ball rolls up and to the right, the background stays still';

// A 640x360 test card (ffmpeg's testsrc2: colour bars and moving shapes, frame 0) as raw base64,
// the form Kling takes (seed 001: no data: prefix).
function testImage() {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'vg-brush-'));
  try {
    const file = path.join(folder, 'input.png');
    const run = spawnSync('ffmpeg', ['-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${WIDTH}x${HEIGHT}`,
      '-frames:v', '1', file]);
    assert(run.status === 0, `ffmpeg could not make the test image: ${run.stderr}`);
    return readFileSync(file).toString('base64');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}


// ---- driving the canvas ----------------------------------------------------------------------------
// Page coordinates of image pixel (x, y) on the canvas, scrolled into view first.
async function onCanvas(page, x, y) {
  const rect = await reveal(page, 'brush:canvas');
  return { x: rect.x + (x + 0.5) * rect.width / WIDTH, y: rect.y + (y + 0.5) * rect.height / HEIGHT };
}

// A drag between two image pixels, in steps each seen by a drawn frame (ImGui 1.86 reads the mouse
// once a frame). Six steps draw the same straight stroke as many: the editor paints the segment
// between two mouse positions, and a path is resampled along its length.
async function drag(page, from, to) {
  const start = await onCanvas(page, from.x, from.y);
  const end = await onCanvas(page, to.x, to.y);
  await page.mouse.move(start.x, start.y);
  await framesDrawn(page, 1);
  await page.mouse.down();
  await framesDrawn(page, 1);
  const steps = 6;
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(start.x + (end.x - start.x) * i / steps, start.y + (end.y - start.y) * i / steps);
    await framesDrawn(page, 1);
  }
  await page.mouse.up();
  await framesDrawn(page);
}

// clickControl scrolls the control into view and returns once frames after the click are drawn.
const press = clickControl;

// ---- reading the request ---------------------------------------------------------------------------
// The grey mask PNG (raw base64) as { width, height, at(x, y), painted(): count }.
function mask(base64) {
  assert(typeof base64 === 'string' && !base64.startsWith('data:'), `a mask is not raw base64: ${String(base64).slice(0, 40)}`);
  const png = decodePng(Buffer.from(base64, 'base64'));
  assert(png.channels === 1, `a mask has ${png.channels} channels; a grey PNG has 1`);
  const at = (x, y) => png.pixels[y * png.width + x];
  const painted = () => png.pixels.reduce((count, value) => count + (value ? 1 : 0), 0);
  // Every painted pixel lies within `box` ({x0, y0, x1, y1}).
  const within = (box) => {
    for (let y = 0; y < png.height; y++)
      for (let x = 0; x < png.width; x++)
        if (at(x, y) && (x < box.x0 || x > box.x1 || y < box.y0 || y > box.y1)) return `(${x}, ${y})`;
    return '';
  };
  return { width: png.width, height: png.height, at, painted, within };
}

const near = (point, x, y, tolerance = 3) => Math.abs(point.x - x) <= tolerance && Math.abs(point.y - y) <= tolerance;

// ---- the checks -------------------------------------------------------------------------------------
// Each check opens its own page at the request it starts from (harness.mjs: suite). The masks exist
// only in the editor until Apply, so every check that reads them paints them itself.
const image = testImage();
const request = { model: 'klingai/kling-v2.6-i2v', prompt: { image, text: PROMPT } };
const brush = suite('motion brush');

// Where the mouse goes, in image pixels (top-left origin).
const still = { from: { x: 100, y: 80 }, to: { x: 300, y: 80 } };
const erased = { from: { x: 200, y: 30 }, to: { x: 200, y: 130 } };  // erases x 173-227 (radius 640/24)
const moving = { from: { x: 420, y: 250 }, to: { x: 520, y: 250 } };
const path_ = { from: { x: 420, y: 300 }, to: { x: 580, y: 140 } };

// What Generate would send, read alone (the whole of __vg carries every drawn item's rectangle).
const submitted = (page) => page.evaluate(() => window.__vg.submit);
const body = (page) => submitted(page).then((text) => JSON.parse(text).body);

// The Direct tab with the motion brush's canvas shown.
async function openBrush(page) {
  await openTab(page, 'Direct');
  await waitForItem(page, 'section:Motion brush');
  await waitForItem(page, 'brush:canvas');
}

// Paints the static mask along `still`, erases `erased` from it, adds a dynamic mask and paints it
// along `moving`: everything but its path.
async function paintMasks(page) {
  await drag(page, still.from, still.to);             // the static layer and the paint tool are selected first
  await press(page, 'brush:tool-erase');
  await drag(page, erased.from, erased.to);
  await press(page, 'brush:add');
  await drag(page, moving.from, moving.to);
}

// The masks painted, the dynamic mask's path dragged along `path_`, and Apply: the request has them.
async function paintAndApply(page) {
  await openBrush(page);
  await paintMasks(page);
  await press(page, 'brush:tool-path');
  await drag(page, path_.from, path_.to);
  await press(page, 'brush:apply');
  await waitFor(page, () => window.__vg.submit.includes('dynamicMasks'), undefined, 10000);
}

brush.check('the Direct tab shows the motion brush over the input image for Kling 2.6 image-to-video', { start: request }, async ({ page }) => {
  const s = await status(page);
  assert(s.selected === 'klingai/kling-v2.6' && s.mode === 'i2v', `the link opened ${s.selected} in ${s.mode}`);
  await openBrush(page);
  const rect = await reveal(page, 'brush:canvas');
  const aspect = rect.width / rect.height;
  assert(Math.abs(aspect - WIDTH / HEIGHT) < 0.02, `the canvas is ${rect.width}x${rect.height}: not the image's 16:9`);
});

brush.check('Apply refuses a dynamic mask without a path and leaves the request as it was', { start: request }, async ({ page }) => {
  await openBrush(page);
  const before = await submitted(page);
  assert(before && !before.includes('staticMask'), 'the request has masks before any painting');
  await paintMasks(page);
  await press(page, 'brush:apply');
  await framesDrawn(page, 3);  // frames drawn after Apply: had it applied, the request would show it
  assert((await submitted(page)) === before, 'the request changed although dynamic mask 1 has no path');
});

brush.check('a dragged path and Apply put the masks and the trajectory into the request', { start: request }, async ({ page }) => {
  await paintAndApply(page);
  await reveal(page, 'brush:canvas');
  const png = await page.screenshot({ path: path.join(ARTIFACTS, 'motion-brush.png') });
  const stats = pixelStats(decodePng(png));
  assert(stats.distinctColors > 50, `the screenshot has only ${stats.distinctColors} colours`);
});

brush.check('the static mask is a 640x360 grey PNG painted along the first drag, less the erased stripe', { start: request }, async ({ page }) => {
  await paintAndApply(page);
  const parameters = (await body(page)).parameters;
  const m = mask(parameters.staticMask);
  assert(m.width === WIDTH && m.height === HEIGHT, `the static mask is ${m.width}x${m.height}`);
  for (const x of [100, 150, 250, 300]) assert(m.at(x, 80) === 255, `pixel (${x}, 80) under the drag is ${m.at(x, 80)}`);
  for (const x of [190, 200, 210]) assert(m.at(x, 80) === 0, `pixel (${x}, 80) was erased but is ${m.at(x, 80)}`);
  assert(m.at(200, 200) === 0 && m.at(450, 250) === 0, 'the static mask is painted away from its drag');
  const outside = m.within({ x0: 50, y0: 30, x1: 350, y1: 130 });
  assert(!outside, `the static mask is painted at ${outside}, far from the drag`);
});

brush.check('dynamic mask 1 is a 640x360 grey PNG painted along the second drag only', { start: request }, async ({ page }) => {
  await paintAndApply(page);
  const [dynamic, ...more] = (await body(page)).parameters.dynamicMasks;
  assert(more.length === 0, `${more.length + 1} dynamic masks were sent; one was painted`);
  const m = mask(dynamic.mask);
  assert(m.width === WIDTH && m.height === HEIGHT, `dynamic mask 1 is ${m.width}x${m.height}`);
  for (const x of [420, 470, 520]) assert(m.at(x, 250) === 255, `pixel (${x}, 250) under the drag is ${m.at(x, 250)}`);
  assert(m.at(200, 80) === 0, 'dynamic mask 1 is painted where the static mask was');
  const outside = m.within({ x0: 370, y0: 200, x1: 570, y1: 300 });
  assert(!outside, `dynamic mask 1 is painted at ${outside}, far from the drag`);
});

brush.check('the trajectory follows the dragged path with its origin at the bottom-left corner', { start: request }, async ({ page }) => {
  await paintAndApply(page);
  const { trajectories } = (await body(page)).parameters.dynamicMasks[0];
  assert(trajectories.length >= 2 && trajectories.length <= 77, `${trajectories.length} points; Kling takes 2-77 for 5 s`);
  const first = trajectories[0], last = trajectories[trajectories.length - 1];
  // Image rows count down from the top; Kling's y counts up from the bottom: y' = 359 - y.
  assert(near(first, path_.from.x, HEIGHT - 1 - path_.from.y), `starts at ${JSON.stringify(first)}; the drag began at (420, 300) from the top`);
  assert(near(last, path_.to.x, HEIGHT - 1 - path_.to.y), `ends at ${JSON.stringify(last)}; the drag ended at (580, 140) from the top`);
  assert(trajectories.every((p, i) => i === 0 || (p.x >= trajectories[i - 1].x && p.y >= trajectories[i - 1].y)),
    'the path went right and up the image, so x and y (bottom-left origin) must never decrease');
});

brush.check('__vg.submit equals `vgen build --to jobs --from aisdk` of the same request written by hand', { start: request }, async ({ page }) => {
  await paintAndApply(page);
  const { parameters } = await body(page);
  const expected = vgenBuild({
    model: 'klingai/kling-v2.6-i2v',
    prompt: { image, text: PROMPT },
    providerOptions: { klingai: {
      staticMask: parameters.staticMask,
      dynamicMasks: parameters.dynamicMasks.map(({ mask: m, trajectories }) => ({ mask: m, trajectories })),
    } },
  });
  const actual = await submitted(page);
  assert(actual.trim() === expected.trim(), `the app sends\n${actual.slice(0, 400)}\nvgen builds\n${expected.slice(0, 400)}`);
});

const withCamera = { ...request, providerOptions: { klingai: { cameraControl: { type: 'simple', config: { zoom: 5 } } } } };
brush.check('with camera control in the request, Apply shows the conflict and the note\'s Remove resolves it', { start: withCamera }, async ({ page }) => {
  await openTab(page, 'Direct', 'brush:remove-cameraControl');
  await waitForItem(page, 'brush:canvas');
  await drag(page, still.from, still.to);
  await press(page, 'brush:apply');
  await waitFor(page, () => !window.__vg.canGenerate);
  const s = await status(page);
  assert(s.formPaths.includes('/providerOptions/klingai/cameraControl'),
    `the form flags ${JSON.stringify(s.formPaths)}, not the camera control the masks exclude`);
  await press(page, 'brush:remove-cameraControl');
  await waitFor(page, () => window.__vg.canGenerate && window.__vg.submit.includes('staticMask') &&
    !window.__vg.submit.includes('cameraControl'));
});

brush.run();
