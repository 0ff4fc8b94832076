// Media inputs in headless Chromium, against serve.py, used as a person would: a file chosen with the
// field's File... button, a file dropped on the field, an image pasted (Ctrl+V) into the canvas, and
// a video URL typed into the field. Checks that Kling gets the image as raw base64 (what Generate
// would send equals `vgen build --to jobs --from aisdk` of the same request written by hand), that a
// too small image is refused with the core's message saying what to change, that Wan (URLs only)
// gets a URL of serve.py's upload that serves the same bytes, and that a source video shows a
// playing preview. Screenshots: tests/artifacts/media-*.png.
//
//   VG_NATIVE_DIR=/work/main/build/native node tests/browser/media.test.mjs
// Each check opens its own page at a share link (an uploaded start image or video, or the image an
// earlier step of the story left), and fails on any console error there (VG_CHECK / VG_ORDER:
// harness.mjs, suite). Ends with `media: N passed, M failed`; exit 1 on any failure.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { decodePng } from './png.mjs';
import {
  ARTIFACTS, assert, centreOf, dragFile, framesDrawn, item, press, rectOf, status, suite, typeInto, uploadToServer, vgenBuild, waitFor,
  waitForItem,
} from './harness.mjs';
import { runCli } from '../node/helpers.mjs';

// ---- inputs -----------------------------------------------------------------------------------------
function ffmpeg(args) {
  const run = spawnSync('ffmpeg', ['-v', 'error', ...args, '-'], { maxBuffer: 64 << 20 });
  assert(run.status === 0 && run.stdout.length > 0, `ffmpeg ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}
const png = (width, height, source = 'testsrc2') =>
  ffmpeg(['-f', 'lavfi', '-i', `${source}=s=${width}x${height}`, '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png']);
const jpeg = (width, height) =>
  ffmpeg(['-f', 'lavfi', '-i', `testsrc=s=${width}x${height}`, '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'mjpeg']);
const mp4 = (source) => ffmpeg(['-f', 'lavfi', '-i', `${source}=s=320x180:d=2:r=12`, '-pix_fmt', 'yuv420p', '-c:v', 'libx264',
  '-movflags', 'frag_keyframe+empty_moov', '-f', 'mp4']);

function vgenValidate(request) {
  return JSON.parse(runCli(['validate', '--json', '--dialect', 'aisdk'], JSON.stringify(request)).stdout.toString());
}

// ---- a person's gestures ------------------------------------------------------------------------------
const dropFile = (page, control, bytes, name, type) => dragFile(page, control, bytes, name, type, true);

// Pixels of the accent colour (ui_style.h kColorAccent, the drop target's frame) around a control.
async function accentPixelsAround(page, control) {
  const [x, y, width, height] = (await item(page, control)).rect;
  const canvas = await page.evaluate(() => document.getElementById('canvas').getBoundingClientRect().toJSON());
  const shot = decodePng(await page.screenshot({
    clip: { x: canvas.x + x - 6, y: canvas.y + y - 6, width: width + 12, height: height + 12 } }));
  let count = 0;
  for (let i = 0; i < shot.width * shot.height; i++) {
    const o = i * shot.channels;
    if (Math.abs(shot.pixels[o] - 107) < 12 && Math.abs(shot.pixels[o + 1] - 184) < 12 && shot.pixels[o + 2] > 240) count++;
  }
  return count;
}

// A file pasted into the focused canvas while the pointer is over `control` (a paste event with a
// file in clipboardData, as the browser fires for Ctrl+V of a copied image file).
async function pasteFile(page, control, bytes, name, type) {
  const { x, y } = await centreOf(page, control);
  await page.mouse.move(x, y);
  await framesDrawn(page);  // frames drawn with the pointer there: the field knows it is pointed at
  await page.focus('#canvas');
  await page.evaluate(({ b64, n, t }) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([data], n, { type: t }));
    document.getElementById('canvas').dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, { b64: bytes.toString('base64'), n: name, t: type });
}

// The request as the editor holds it (aisdk), parsed.
async function requestNow(page) {
  return JSON.parse((await status(page)).requestText);
}

const submitOf = async (page) => (await status(page)).submit.trim();

// ---- the checks ---------------------------------------------------------------------------------------
// Each check opens its own page at the request it starts from (harness.mjs: suite). A file a start
// request links to is uploaded to serve.py once (a fixture), when a check first needs it.
const media = suite('media');
const uploaded = (key, bytes, type) => () => media.fixture(key, (session) => uploadToServer(session.url, bytes, type));

const klingPrompt = 'the tide rolls in at dusk';
const kling = (image) => ({ model: 'klingai/kling-v2.6', prompt: { image, text: klingPrompt } });
const klingStart = uploaded('kling start', png(640, 400), 'image/png');
const chosen = jpeg(720, 480);
const small = png(200, 200);

media.check('Kling: a file chosen with File... goes in as raw base64, and Generate sends what vgen builds',
  { start: async () => kling(await klingStart()) }, async ({ page }) => {
    await waitForItem(page, 'file:/image');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.mouse.click(...Object.values(await centreOf(page, 'file:/image')))]);
    await chooser.setFiles({ name: 'beach.jpg', mimeType: 'image/jpeg', buffer: chosen });
    const base64 = chosen.toString('base64');
    await waitFor(page, (b) => window.__vg.requestText.includes(b.slice(0, 64)), base64);
    const request = await requestNow(page);
    assert(request.prompt.image === base64, `the image is not the file's raw base64: ${String(request.prompt.image).slice(0, 60)}...`);
    const expected = vgenBuild(kling(base64));
    assert((await submitOf(page)) === expected, `__vg.submit differs from vgen build:\n${(await submitOf(page)).slice(0, 400)}\n---\n${expected.slice(0, 400)}`);
    await waitFor(page, () => window.__vg.canGenerate);
  });

// Starts where the File... check leaves the request: the chosen JPEG, as raw base64.
media.check('Kling: a 200 x 200 image dropped on the field is refused with the message saying what to change',
  { start: kling(chosen.toString('base64')) }, async ({ page }) => {
    await waitForItem(page, 'media:/image');
    await dropFile(page, 'media:/image', small, 'tiny.png', 'image/png');
    const base64 = small.toString('base64');
    await waitFor(page, (b) => window.__vg.requestText.includes(b.slice(0, 64)) && !window.__vg.canGenerate, base64);
    const s = await status(page);
    assert(s.formPaths.includes('/image'), `no diagnostic at /image: ${JSON.stringify(s.formPaths)}`);
    const report = vgenValidate(kling(base64));
    const diagnostic = report.diagnostics.find((d) => d.code === 'media_too_small');
    assert(diagnostic && /at least 300 px/.test(diagnostic.message) && /use a larger image/.test(diagnostic.message),
      `the core's message: ${JSON.stringify(report.diagnostics)}`);
    await framesDrawn(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'media-kling-too-small.png') });
  });

// Starts where the drop leaves the request: the too small image, refused, which the paste must mend.
media.check('Kling: an image pasted (Ctrl+V) over the field replaces it, sent as vgen builds it',
  { start: kling(small.toString('base64')) }, async ({ page }) => {
    await waitForItem(page, 'media:/image');
    await waitFor(page, () => !window.__vg.canGenerate);
    const pasted = png(600, 600, 'mandelbrot');
    await pasteFile(page, 'media:/image', pasted, 'image.png', 'image/png');
    const base64 = pasted.toString('base64');
    await waitFor(page, (b) => window.__vg.requestText.includes(b.slice(0, 64)) && window.__vg.canGenerate, base64);
    const expected = vgenBuild(kling(base64));
    assert((await submitOf(page)) === expected, 'the pasted image was not sent as vgen builds it');
    await framesDrawn(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'media-kling.png') });
  });

const wanPrompt = 'lanterns drift over the lake';
const wan = (image) => ({ model: 'alibaba/wan-v2.6', prompt: { image, text: wanPrompt } });
const wanPlaceholder = uploaded('wan placeholder', png(640, 360, 'smptebars'), 'image/png');
const wanStart = async () => wan(await wanPlaceholder());
const lake = png(800, 450, 'rgbtestsrc');

media.check('Wan: a file dragged over the field frames it as the drop target', { start: wanStart }, async ({ page }) => {
  await waitForItem(page, 'media:/image');
  const before = await accentPixelsAround(page, 'media:/image');
  await dragFile(page, 'media:/image', lake, 'lake.png', 'image/png', false);
  await framesDrawn(page);  // frames drawn since the drag went over the field
  const during = await accentPixelsAround(page, 'media:/image');
  await page.screenshot({ path: path.join(ARTIFACTS, 'media-drop-target.png') });
  assert(during > before + 200, `no frame around the field while dragging: ${before} accent pixels before, ${during} during`);
});

media.check('Wan: a dropped file is uploaded to serve.py, whose URL serves the same bytes and is sent as vgen builds it',
  { start: wanStart }, async ({ page, url }) => {
    await waitForItem(page, 'media:/image');
    await dropFile(page, 'media:/image', lake, 'lake.png', 'image/png');
    await waitFor(page, (old) => {
      const text = window.__vg.requestText;
      return /\/v1\/uploads\/[0-9a-f]{40}\.png/.test(text) && !text.includes(old);
    }, await wanPlaceholder());
    const request = await requestNow(page);
    const upload = request.prompt.image;
    assert(upload.startsWith(new URL('/v1/uploads/', url).href), `not an upload URL of this server: ${upload}`);
    const served = Buffer.from(await (await fetch(upload)).arrayBuffer());
    assert(served.equals(lake), `the upload URL serves ${served.length} bytes, not the ${lake.length} of the file`);
    const expected = vgenBuild(wan(upload));
    assert((await submitOf(page)) === expected, `__vg.submit differs from vgen build:\n${await submitOf(page)}\n---\n${expected}`);
    await framesDrawn(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'media-wan.png') });
  });

// The AI SDK has no video input, so these requests are written in the jobs dialect (seed 004), whose
// `parameters.video` carries it, and compared with `vgen build --to jobs --from jobs`.
const veoPrompt = 'make it snow';
const veo = (video) => ({ model: 'veo-3.1', prompt: veoPrompt, parameters: { video } });
const firstVideo = uploaded('first video', mp4('testsrc2'), 'video/mp4');
const veoStart = async () => veo(await firstVideo());
const playing = (page, source) => waitFor(page, (s) => [...document.querySelectorAll('#vg-video-layer video')].some((v) =>
  v.src === s && v.style.visibility === 'visible' && v.readyState >= 2 && v.videoWidth === 320), source, 20000);

media.check('Veo: the source video shows a preview that plays', { start: veoStart }, async ({ page }) => {
  await waitForItem(page, 'video:/video');
  await playing(page, await firstVideo());
});

// A <video> draws above the canvas, and ImGui's tooltips are on the canvas: the video is cut where a
// tooltip lies (ui/page_overlay.h canvasCovers, web/videos.js overlayStyle), so the tooltip reads whole.
media.check('Veo: the Video field\'s tooltip over the playing preview is not hidden under it', { start: veoStart }, async ({ page }) => {
  await waitForItem(page, 'video:/video');
  await playing(page, await firstVideo());
  const clipOf = () => page.evaluate(() => document.querySelector('#vg-video-layer video').style.clipPath);
  const whole = await clipOf();  // the window's own cut (a preview partly scrolled out), or none
  assert(!whole.startsWith('path'), `the preview is cut around something before any tooltip: ${whole}`);
  const { x, y } = await centreOf(page, '**/###label:\\/video');
  await page.mouse.move(x, y);
  await waitForItem(page, '**/###field-tooltip');
  await waitFor(page, () => /^path\(evenodd/.test(document.querySelector('#vg-video-layer video').style.clipPath));
  // Where the tooltip's text lies over the video, the page's topmost element is the canvas (the
  // tooltip), not the video: the person sees the tooltip there, and points at it.
  const [tip, video] = await Promise.all([rectOf(page, '**/###field-tooltip'),
    page.evaluate(() => document.querySelector('#vg-video-layer video').getBoundingClientRect().toJSON())]);
  const left = Math.max(tip.x, video.x), right = Math.min(tip.x + tip.width, video.x + video.width);
  const top = Math.max(tip.y, video.y), bottom = Math.min(tip.y + tip.height, video.y + video.height);
  assert(right - left > 4 && bottom - top > 4, `the tooltip ${JSON.stringify(tip)} is not over the video ${JSON.stringify(video)}`);
  const atTip = await page.evaluate(([px, py]) => document.elementFromPoint(px, py).tagName, [(left + right) / 2, (top + bottom) / 2]);
  assert(atTip === 'CANVAS', `under the tooltip the page shows a ${atTip}`);
  // At the same height near the video's right edge, past the tooltip's words, the video is still there.
  const besideTip = await page.evaluate(([px, py]) => document.elementFromPoint(px, py).tagName,
    [video.x + video.width - 6, (top + bottom) / 2]);
  assert(besideTip === 'VIDEO', `past the tooltip the page shows a ${besideTip}, not the video (${await clipOf()})`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'tooltip-over-video.png') });
  // The pointer away: the tooltip goes, and the video is whole again.
  await page.mouse.move(1, 1);
  await waitFor(page, (cut) => document.querySelector('#vg-video-layer video').style.clipPath === cut, whole);
});

media.check('Veo: a video URL typed into the field replaces the source, previewed and sent as vgen builds it',
  { start: veoStart }, async ({ page, url }) => {
    const second = await uploadToServer(url, mp4('testsrc'), 'video/mp4');
    await waitForItem(page, 'url:/video');
    // Typed as a person types (a key at a time, frames drawn after the last), then Enter: typed all
    // at once on a page still loading its preview, the last key was seen lost (the field kept ".mp").
    await typeInto(page, 'url:/video', second);
    await press(page, 'Enter');
    await waitFor(page, (u) => window.__vg.requestText.includes(u), second);
    const expected = vgenBuild(veo(second), { from: 'jobs' });
    assert((await submitOf(page)) === expected, `__vg.submit differs from vgen build:\n${await submitOf(page)}\n---\n${expected}`);
    await playing(page, second);
    await framesDrawn(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'media-video.png') });
  });

media.run();
