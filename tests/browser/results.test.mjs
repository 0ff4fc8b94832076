// Issue 14, "A result viewer worth looking at": how a finished video plays in the Jobs panel. A
// result whose request asked for audio plays with its sound on (the person pressed Generate, so the
// browser allows it) and says "with sound" beside its clock; one whose request did not stays muted
// and says nothing. The result's own file is read back with ffprobe: the sound is really there.
// Theater shows the video alone, as large as the page takes; Esc brings the panels back. A finished
// job's row in Jobs, and in History after a reload, shows a frame of its video.
//
//   node tests/browser/results.test.mjs
// Each check opens its own page at the share link of its request (VG_CHECK / VG_ORDER: harness.mjs,
// suite); a console error on that page fails the check. Ends with `results: N passed, M failed`;
// exit 1 on any failure. Site: $VG_SITE_DIR, else $VG_WASM_DIR/site-test, else build/wasm/site-test.
// Screenshots: tests/artifacts/results-portrait.png, results-theater.png, results-poster-jobs.png, results-poster-history.png.
import path from 'node:path';

import {
  ARTIFACTS, VIEWPORT, assert, clickControl, itemIfShown, newestJobEnded, openTab, press, pressCtrlEnter, probeUrl, rectOf, suite,
  waitFor, waitForItem,
} from './harness.mjs';
import { decodePng, pixelStats } from './png.mjs';

const SPOKEN = { model: 'klingai/kling-v2.6-t2v', prompt: 'a street musician plays a violin under a bridge', duration: 5, audio: true };
const SILENT = { ...SPOKEN, audio: false };

// Generates, waits for the job to end and its <video> to play a little; returns what the element says.
async function generateAndPlay(page) {
  await pressCtrlEnter(page);
  const [job] = await newestJobEnded(page);
  assert(job.state === 'succeeded', `the job ended ${job.state}: ${job.error}`);
  await waitFor(page, () => {
    const video = document.querySelector('video');
    return video && video.readyState >= 2 && video.currentTime > 0.2;
  }, undefined, 30000);
  return page.evaluate(() => {
    const video = document.querySelector('video');
    return { muted: video.muted, sound: video.dataset.sound || '', src: video.currentSrc };
  });
}

const results = suite('results');

results.check('a result whose request asked for audio plays with its sound on and says so', { start: SPOKEN }, async ({ page }) => {
  const video = await generateAndPlay(page);
  assert(!video.muted && video.sound === 'on', `the result plays ${video.muted ? 'muted' : 'with sound'} (sound: "${video.sound}")`);
  assert(await itemIfShown(page, '**/###sound-badge'), 'no "with sound" beside the result');
  const link = await page.evaluate(() => document.querySelector('#vg-mirror a').href);
  assert((await probeUrl(link, 'stream=codec_type')).streams.filter((s) => s.codec_type === 'audio').length === 1, 'the rendered file has no sound, though the request asked for it');
});

results.check('a result whose request asked for no audio plays muted and claims no sound', { start: SILENT }, async ({ page }) => {
  const video = await generateAndPlay(page);
  assert(video.muted && video.sound === '', `the result plays ${video.muted ? 'muted' : 'with sound'} (sound: "${video.sound}")`);
  assert(!(await itemIfShown(page, '**/###sound-badge')), '"with sound" beside a silent result');
});

// The result's <video> box in CSS pixels.
const videoBox = (page) => page.evaluate(() => {
  const { width, height } = document.querySelector('video').getBoundingClientRect();
  return { width, height, visible: document.querySelector('video').style.visibility === 'visible' };
});

// Issue 14: "a 9:16 result plays at 114x203 px". The newest result is large in its panel: the jobs
// table above it takes only the rows it has, and the video the rest, at its own shape. At 1400x860 the
// Jobs panel (its tab to the page's foot) is about 470 px tall: a 9:16 result gets well over half of it
// (284 px; it had 188 under a table of fixed size).
results.check('the newest result is large in its panel, at its own shape', { start: { ...SILENT, aspectRatio: '9:16' } }, async ({ page }) => {
  await generateAndPlay(page);
  const box = await videoBox(page);
  const panel = VIEWPORT.height - (await rectOf(page, 'tab:Jobs')).y;
  assert(box.visible && box.height >= 0.55 * panel,
    `a 9:16 result shows at ${box.width.toFixed(0)}x${box.height.toFixed(0)} px in a panel ${panel.toFixed(0)} px tall`);
  assert(Math.abs(box.width / box.height - 9 / 16) < 0.02, `the box is not 9:16: ${box.width.toFixed(0)}x${box.height.toFixed(0)}`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'results-portrait.png') });
});

results.check('Theater shows the result alone and as large as the page takes; Esc brings the panels back', { start: SILENT }, async ({ page }) => {
  await generateAndPlay(page);
  const inPanel = await videoBox(page);
  await clickControl(page, '**/Theater');
  const large = (box, size) => box.visible && (box.width >= 0.9 * size.width || box.height >= 0.85 * size.height);
  await waitFor(page, (size) => {
    const { width, height } = document.querySelector('video').getBoundingClientRect();
    return width >= 0.9 * size.width || height >= 0.85 * size.height;
  }, VIEWPORT);
  const theater = await videoBox(page);
  await page.screenshot({ path: path.join(ARTIFACTS, 'results-theater.png') });
  assert(large(theater, VIEWPORT) && theater.width > 2 * inPanel.width, `in the theater the video is ${JSON.stringify(theater)}, in its panel ${JSON.stringify(inPanel)}`);
  assert(!(await itemIfShown(page, 'generate')), 'the panels are drawn under the theater');
  await page.focus('#canvas');
  await press(page, 'Escape');
  await waitFor(page, (width) => document.querySelector('video').getBoundingClientRect().width <= width + 1, inPanel.width);
  assert(await itemIfShown(page, 'generate'), 'Esc closed the theater but the panels did not come back');
});

results.check('a finished job\'s row shows a frame of its video, in Jobs and, after a reload, in History', { start: SILENT }, async ({ page }) => {
  await pressCtrlEnter(page);
  const [job] = await newestJobEnded(page);
  assert(job.state === 'succeeded', `the job ended ${job.state}: ${job.error}`);
  const poster = `**/###poster:${job.id}`;
  // A frame of the gateway's render (colour bars and a caption), not the row's empty background.
  const picture = async (file) => {
    const stats = pixelStats(decodePng(await page.screenshot({ path: path.join(ARTIFACTS, file), clip: await rectOf(page, poster) })));
    assert(stats.distinctColors > 20 && stats.nonDominantShare > 0.3, `the row's picture is not a video frame: ${JSON.stringify(stats)}`);
  };
  await waitForItem(page, poster, 60000);
  await picture('results-poster-jobs.png');
  await page.reload();
  await waitFor(page, () => window.__vg && window.__vg.ready && window.__vg.historyLoaded, undefined, 30000);
  await openTab(page, 'History', poster);
  await picture('results-poster-history.png');
});

results.run();
