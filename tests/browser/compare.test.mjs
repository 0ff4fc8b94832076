// The Compare tab in headless Chromium, against serve.py: a person opens a request by share link,
// ticks three models in the Compare tab (a model that cannot take the request stays unticked, with
// the core's reason), sends, watches the columns run, and plays the three videos side by side. Checks:
// what each ticked model would be sent and what the gateway received are `vgen build --to jobs
// --from aisdk` of the request with that model; one request per model reaches the gateway; the
// videos play in step (currentTime within 0.25 s) after play, pause, a seek on the tab's bar and a
// seek on one video's own controls; the comparison is still there after a reload (history).
//
//   VG_NATIVE_DIR=/work/main/build/native node tests/browser/compare.test.mjs
// Ends with `compare: N passed, M failed`; exit 1 on any failure. Screenshots: tests/artifacts/compare-*.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import {
  ARTIFACTS, VIEWPORT, assert, centreOf, check, item, launchBrowser, openPage, openTab, results, shareFragment, startServer, track, unchangedFor, vgenBuild, waitFor,
} from './harness.mjs';

// The request a person opens (written as the AI SDK would), and the models they tick. Veo 3.1 offers
// 4, 6 or 8 s only: it must refuse this 5 s request.
const REQUEST = { model: 'klingai/kling-v2.6-t2v', prompt: 'a lighthouse at dusk, waves rolling in', duration: 5, aspectRatio: '16:9' };
const MODELS = ['klingai/kling-v2.6', 'alibaba/wan-v2.6', 'xai/grok-imagine-video'];
const REFUSING = 'google/veo-3.1';
const IN_STEP = 0.25;  // seconds: the most two videos of a comparison may be apart
const TERMINAL = ['succeeded', 'failed', 'expired', 'cancelled'];


const compare = (page) => page.evaluate(() => window.__vg.compare || null);

// Runs in the page: the comparison's <video> elements, in column order: time, state, readiness.
function clocksInPage() {
  return (window.__vg.compare.columns || []).map((column) => {
    const video = document.querySelector(`video[data-key="${column.key}"]`);
    return video ? { key: column.key, time: video.currentTime, paused: video.paused, ready: video.readyState,
      duration: video.duration, visible: video.style.visibility } : { key: column.key, missing: true };
  });
}

function videoClocks(page) {
  return page.evaluate(clocksInPage);
}

function spread(clocks) {
  const times = clocks.map((clock) => clock.time);
  return Math.max(...times) - Math.min(...times);
}

async function assertInStep(page, what) {
  const clocks = await videoClocks(page);
  assert(clocks.length === MODELS.length && clocks.every((clock) => !clock.missing), `${what}: videos ${JSON.stringify(clocks)}`);
  assert(spread(clocks) <= IN_STEP, `${what}: the videos are ${spread(clocks).toFixed(3)} s apart: ${JSON.stringify(clocks)}`);
  return clocks;
}

// Input as a person gives it: ImGui 1.86 samples the mouse once a frame, and a busy machine draws
// slowly, so each step (move, press, release, wheel notch) waits until the app has drawn a frame
// after it (every input wakes the frame loop); two steps landing in one frame would merge.
async function step(page, what, action) {
  const before = await page.evaluate(() => window.__vg.frames);
  await action();
  try {
    await waitFor(page, (n) => window.__vg.frames > n, before, 30000);
  } catch {
    throw new Error(`the app drew no frame in 30 s after ${what}`);
  }
}
async function press(page, point) {
  await step(page, `moving to ${JSON.stringify(point)}`, () => page.mouse.move(point.x, point.y));
  await step(page, 'pressing', () => page.mouse.down());
  await step(page, 'releasing', () => page.mouse.up());
}
const pressControl = async (page, name) => press(page, await centreOf(page, name));

// Presses the bar's Play all / Pause all when it offers what `playing` asks for (as a person reads its label).
async function setPlaying(page, playing) {
  if ((await compare(page)).playing === playing) return;
  await pressControl(page, 'compare:play');
  await waitFor(page, (p) => window.__vg.compare.playing === p, playing, 30000);
}

// Scrolls the models table with the mouse wheel, as a person would, until the row `name` shows
// (models that cannot take the request are listed last). Rows are about a line high; a wheel notch
// scrolls several.
async function scrollIntoTable(page, name) {
  const table = await centreOf(page, 'compare:models');
  await page.mouse.move(table.x, table.y);
  for (let notch = 0; notch < 40; notch++) {
    const [{ rect: row }, { rect: box }] = [await item(page, name), await item(page, 'compare:models')];
    // The row's centre must be below the header (a row high) and above the table's bottom.
    const centre = row[1] + row[3] / 2;
    const above = centre < box[1] + row[3];
    if (!above && centre < box[1] + box[3] - 2) return;
    await step(page, 'a wheel notch', () => page.mouse.wheel(0, above ? -100 : 100));
  }
  throw new Error(`scrolling the models table never showed ${name}`);
}

// A point on the tab's seek bar, `fraction` of the way along it.
async function seekBarPoint(page, fraction) {
  const { rect } = await item(page, 'compare:seek');
  const canvas = await page.evaluate(() => document.getElementById('canvas').getBoundingClientRect().toJSON());
  // ImGui's slider grab is as wide as the bar is high; its centre travels between the ends minus half of it.
  const grab = rect[3];
  return { x: canvas.x + rect[0] + grab / 2 + (rect[2] - grab) * fraction, y: canvas.y + rect[1] + rect[3] / 2 };
}

async function main() {
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await startServer();
  const browser = track(await launchBrowser());
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const received = [];  // bodies of the submissions that reached the gateway
  await context.route(/\/v2\/videos\/generate$/, (route) => {
    received.push(route.request().postData());
    return route.continue();
  });
  const { page, errors } = await openPage(context, server.url + shareFragment(REQUEST));
  try {
    await check('the Compare tab gives the core\'s verdict per model and refuses a model that cannot take the request', async () => {
      await openTab(page, 'Compare', () => window.__vg.compare && Object.keys(window.__vg.compare.verdicts).length > 0);
      const board = await compare(page);
      for (const model of MODELS) assert(board.verdicts[model] === 'ok', `${model}: ${board.verdicts[model]}`);
      assert(/duration 5 is not offered/.test(board.verdicts[REFUSING]), `${REFUSING}: ${board.verdicts[REFUSING]}`);
      await scrollIntoTable(page, `compare:${REFUSING}`);
      await pressControl(page, `compare:${REFUSING}`);  // each step waited for a frame: the app has seen it
      assert((await compare(page)).chosen.length === 0, `ticking ${REFUSING} chose ${JSON.stringify((await compare(page)).chosen)}`);
    });

    await check('three ticked models: each would be sent exactly what `vgen build --to jobs --from aisdk` prints', async () => {
      for (const model of MODELS) {
        await scrollIntoTable(page, `compare:${model}`);
        await pressControl(page, `compare:${model}`);
        await waitFor(page, (m) => window.__vg.compare.chosen.includes(m), model);
      }
      const board = await compare(page);
      assert(isDeepStrictEqual(board.chosen, MODELS), `chosen ${JSON.stringify(board.chosen)}`);
      for (const model of MODELS) {
        const expected = vgenBuild({ ...REQUEST, model });
        assert(board.submits[model] === expected, `${model} would be sent\n${board.submits[model]}\nvgen build prints\n${expected}`);
      }
      await page.screenshot({ path: path.join(ARTIFACTS, 'compare-models.png') });
    });

    await check('Send makes one job per model; the gateway gets one request per model, the bodies vgen builds', async () => {
      await pressControl(page, 'compare:send');
      await waitFor(page, (n) => window.__vg.compare.columns.length === n, MODELS.length);
      // Progress per column while running, then every column done.
      const seen = new Set();
      const deadline = Date.now() + 120000;
      for (;;) {
        const columns = (await compare(page)).columns;
        columns.forEach((column) => seen.add(column.state));
        if (columns.every((column) => TERMINAL.includes(column.state))) break;
        if (seen.has('running') && !seen.has('shot')) {
          seen.add('shot');
          await page.screenshot({ path: path.join(ARTIFACTS, 'compare-running.png') });
        }
        assert(Date.now() < deadline, `columns still ${JSON.stringify(columns)}`);
        // until a column changes state
        await waitFor(page, (was) => JSON.stringify((window.__vg.compare.columns || []).map((c) => c.state)) !== was,
          JSON.stringify(columns.map((c) => c.state)), Math.max(1, deadline - Date.now())).catch(() => {});
      }
      const columns = (await compare(page)).columns;
      assert(columns.every((column) => column.state === 'succeeded'), `columns ended ${JSON.stringify(columns)}`);
      assert(isDeepStrictEqual(columns.map((column) => column.model), MODELS), `columns ${JSON.stringify(columns.map((c) => c.model))}`);
      assert(seen.has('queued') || seen.has('running') || seen.has('submitting'), `no column was seen running: ${[...seen]}`);
      assert(received.length === MODELS.length, `the gateway received ${received.length} requests`);
      const bodies = received.map((text) => JSON.parse(text));
      for (const model of MODELS) {
        const expected = JSON.parse(vgenBuild({ ...REQUEST, model })).body;
        assert(bodies.filter((body) => isDeepStrictEqual(body, expected)).length === 1,
          `no (or more than one) request for ${model} equal to ${JSON.stringify(expected)}; received ${received.join(' | ')}`);
      }
    });

    await check('the three videos start together and play in step', async () => {
      await waitFor(page, () => (window.__vg.compare.columns || []).every((column) => {
        const video = document.querySelector(`video[data-key="${column.key}"]`);
        return video && video.style.visibility === 'visible' && !video.paused && video.currentTime > 0.5;
      }), undefined, 30000);
      // The group holds every video while one of them waits for data (a busy machine decodes slowly)
      // and resumes them together: take a moment when all of them play, and they must be in step then.
      // The clocks are read in the same page task that finds them all playing.
      const playing = await page.waitForFunction(`(() => {
        const clocks = (${clocksInPage})();
        return clocks.length > 0 && clocks.every((clock) => !clock.missing && !clock.paused) && clocks;
      })()`, undefined, { timeout: 30000 });
      const clocks = await playing.jsonValue();
      assert(clocks.length === MODELS.length, `videos ${JSON.stringify(clocks)}`);
      assert(spread(clocks) <= IN_STEP, `while playing: the videos are ${spread(clocks).toFixed(3)} s apart: ${JSON.stringify(clocks)}`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'compare-playing.png') });
    });

    await check('Loop repeats every video; Pause all / Play all drive every video, which stay in step', async () => {
      // Looping, the 5 s videos are still playing whenever the next steps look.
      await pressControl(page, 'compare:loop');
      await waitFor(page, () => [...document.querySelectorAll('video')].every((video) => video.loop), undefined, 30000);
      await setPlaying(page, true);  // they may have ended already
      await waitFor(page, () => [...document.querySelectorAll('video')].every((video) => !video.paused), undefined, 30000);
      await pressControl(page, 'compare:play');
      await waitFor(page, () => [...document.querySelectorAll('video')].every((video) => video.paused), undefined, 30000);
      const paused = await assertInStep(page, 'after pause');
      // Only time passing shows a paused video stays still: their clocks stay put for half a second.
      await unchangedFor(page, () => [...document.querySelectorAll('video')].map((video) => video.currentTime), undefined, 500, 15000)
        .catch(() => {});  // the assertion below says how they moved
      const still = await videoClocks(page);
      assert(still.every((clock, i) => clock.time === paused[i].time), `paused videos moved: ${JSON.stringify(still)}`);
      await pressControl(page, 'compare:play');
      await waitFor(page, () => [...document.querySelectorAll('video')].every((video) => !video.paused), undefined, 30000);
      // playing again: every video 0.3 s past where it paused (or looped round)
      await waitFor(page, (times) => (window.__vg.compare.columns || []).every((column, i) => {
        const video = document.querySelector(`video[data-key="${column.key}"]`);
        return video && (video.currentTime > times[i] + 0.35 || video.currentTime < times[i]);
      }), paused.map((clock) => clock.time), 30000);
      const playing = await assertInStep(page, 'after play');
      assert(playing.every((clock, i) => clock.time > paused[i].time + 0.3 || clock.time < paused[i].time),
        `play did not move every video: ${JSON.stringify(playing)}`);
    });

    await check('a click on the tab\'s seek bar moves every video to that time', async () => {
      await setPlaying(page, false);
      await waitFor(page, () => [...document.querySelectorAll('video')].every((video) => video.paused), undefined, 30000);
      const duration = (await videoClocks(page))[0].duration;
      const point = await seekBarPoint(page, 0.2);
      await press(page, point);
      await waitFor(page, () => [...document.querySelectorAll('video')].every((video) => !video.seeking), undefined, 30000);
      const clocks = await assertInStep(page, 'after a seek on the bar');
      assert(clocks.every((clock) => Math.abs(clock.time - duration * 0.2) < 0.4),
        `a seek to ${(duration * 0.2).toFixed(2)} s left the videos at ${JSON.stringify(clocks.map((c) => c.time))}`);
      await setPlaying(page, true);
      await waitFor(page, (from) => [...document.querySelectorAll('video')].every((video) => !video.paused && video.currentTime > from + 0.3),
        duration * 0.2, 30000);
      await assertInStep(page, 'playing after the seek');
    });

    await check('a seek on one video\'s own controls moves the others', async () => {
      await setPlaying(page, false);  // so the check reads where the seek left them
      await waitFor(page, () => [...document.querySelectorAll('video')].every((video) => video.paused), undefined, 30000);
      const second = (await compare(page)).columns[1].key;
      // What the <video> element's own seek bar does when a person drags it.
      await page.evaluate((key) => { document.querySelector(`video[data-key="${key}"]`).currentTime = 2; }, second);
      await waitFor(page, () => [...document.querySelectorAll('video')].every((video) => !video.seeking && Math.abs(video.currentTime - 2) < 0.15),
        undefined, 30000);
      const clocks = await assertInStep(page, 'after a seek on the second video');
      assert(clocks.every((clock) => clock.paused), `a seek started playback: ${JSON.stringify(clocks)}`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'compare-seeked.png') });
    });

    await check('the comparison is kept: after a reload the tab shows the same three finished columns', async () => {
      const before = (await compare(page)).columns;
      await page.reload();
      await waitFor(page, () => window.__vg && window.__vg.ready && window.__vg.historyLoaded, undefined, 30000);
      await openTab(page, 'Compare', () => window.__vg.compare && window.__vg.compare.columns.length > 0);
      const after = (await compare(page)).columns;
      assert(isDeepStrictEqual(after.map((c) => [c.job, c.model, c.state]), before.map((c) => [c.job, c.model, c.state])),
        `after reload ${JSON.stringify(after)}, before ${JSON.stringify(before)}`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'compare-reloaded.png') });
    });

    await check('no console errors', async () => {
      assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);
    });
  } finally {
    await browser.close();
    server.stop();
  }
  const passed = results.filter(Boolean).length;
  console.log(`compare: ${passed} passed, ${results.length - passed} failed`);
  process.exitCode = passed === results.length ? 0 : 1;
}

await main();
