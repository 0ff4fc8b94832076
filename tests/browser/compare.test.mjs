// The Compare tab in headless Chromium, against serve.py: a person opens a request by share link,
// ticks three models in the Compare tab (a model that cannot take the request stays unticked, with
// the core's reason), sends, watches the columns run, and plays the three videos side by side. Checks:
// what each ticked model would be sent and what the gateway received are `vgen build --to jobs
// --from aisdk` of the request with that model; one request per model reaches the gateway; the
// videos play in step (currentTime within 0.25 s) after play, pause, a seek on the tab's bar and a
// seek on one video's own controls; the comparison is still there after a reload (history).
//
//   VG_NATIVE_DIR=/work/main/build/native node tests/browser/compare.test.mjs
// Each check opens its own page at the request's share link and fails on any console error there
// (VG_CHECK / VG_ORDER: harness.mjs, suite). The checks of sending tick and send in their page; the
// checks of playback start from a finished comparison put in the page's browser storage (history),
// whose three videos serve.py renders once for the suite. Ends with `compare: N passed, M failed`;
// exit 1 on any failure. Screenshots: tests/artifacts/compare-*.png.
import { createServer } from 'node:http';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import {
  ARTIFACTS, assert, centreOf, item, openTab, suite, unchangedFor, vgenBuild, waitFor,
} from './harness.mjs';

// The request a person opens (written as the AI SDK would), and the models they tick. Veo 3.1 offers
// 4, 6 or 8 s only: it must refuse this 5 s request.
const REQUEST = { model: 'klingai/kling-v2.6-t2v', prompt: 'a lighthouse at dusk, waves rolling in', duration: 5, aspectRatio: '16:9' };
const MODELS = ['klingai/kling-v2.6', 'alibaba/wan-v2.6', 'xai/grok-imagine-video'];
const REFUSING = 'google/veo-3.1';
const IN_STEP = 0.25;  // seconds: the most two videos of a comparison may be apart
const TERMINAL = ['succeeded', 'failed', 'expired', 'cancelled'];
// Each check opens its own page at the request's share link (harness.mjs: suite).
const compareTab = suite('compare');


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

// Ticks the models to compare, each seen ticked.
async function tickModels(page) {
  for (const model of MODELS) {
    await scrollIntoTable(page, `compare:${model}`);
    await pressControl(page, `compare:${model}`);
    await waitFor(page, (m) => window.__vg.compare.chosen.includes(m), model);
  }
}

// Presses Send and follows the columns until every one has ended; returns every column state seen.
// `runningShot`: a screenshot's file name, for the first moment a column runs.
async function sendComparison(page, runningShot) {
  await pressControl(page, 'compare:send');
  await waitFor(page, (n) => window.__vg.compare.columns.length === n, MODELS.length);
  const seen = new Set();
  const deadline = Date.now() + 120000;
  for (;;) {
    const columns = (await compare(page)).columns;
    columns.forEach((column) => seen.add(column.state));
    if (columns.every((column) => TERMINAL.includes(column.state))) return seen;
    if (runningShot && seen.has('running') && !seen.has('shot')) {
      seen.add('shot');
      await page.screenshot({ path: path.join(ARTIFACTS, runningShot) });
    }
    assert(Date.now() < deadline, `columns still ${JSON.stringify(columns)}`);
    // until a column changes state
    await waitFor(page, (was) => JSON.stringify((window.__vg.compare.columns || []).map((c) => c.state)) !== was,
      JSON.stringify(columns.map((c) => c.state)), Math.max(1, deadline - Date.now())).catch(() => {});
  }
}

// ---- a finished comparison, from browser storage -----------------------------------------------------
// The videos of the three models' jobs, rendered by serve.py through the jobs dialect (what Send
// makes the page submit), each waited for through its webhook (the dialect's own way to say a job
// ended), once per suite: [{model, id, video}] in MODELS' order.
async function renderComparison(session) {
  // job id -> {promise of its ending webhook's event, settle}: made by the submit's answer or by the
  // webhook, whichever comes first
  const ended = new Map();
  const endOf = (id) => {
    if (!ended.has(id)) {
      let settle;
      const promise = new Promise((resolve) => { settle = resolve; });
      ended.set(id, { promise, settle });
    }
    return ended.get(id);
  };
  const receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      response.end();
      const event = JSON.parse(body);
      endOf(event.jobId).settle(event);
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${receiver.address().port}/`;
  let deadline;
  try {
    const jobs = await Promise.all(MODELS.map(async (model) => {
      const submit = JSON.parse(vgenBuild({ ...REQUEST, model }));
      const answer = await fetch(new URL(submit.path, session.url), { method: submit.method, headers: submit.headers,
        body: JSON.stringify({ ...submit.body, webhookUrl, webhookEvents: ['completed', 'failed'] }) });
      const text = await answer.text();
      assert(answer.status === 202, `submitting ${model} answered ${answer.status}: ${text}`);
      return { model, id: JSON.parse(text).jobId };
    }));
    const renders = Promise.all(jobs.map(async (job) => {
      const event = await endOf(job.id).promise;
      assert(event.event === 'completed' && event.videos.length === 1, `${job.model}'s render ended ${JSON.stringify(event)}`);
      return { ...job, video: event.videos[0].url };
    }));
    const late = new Promise((resolve, reject) => {
      deadline = setTimeout(() => reject(new Error('the comparison\'s renders did not end in 180 s')), 180000);
    });
    return await Promise.race([renders, late]);
  } finally {
    clearTimeout(deadline);
    receiver.close();
  }
}

// The history entries the page writes for a comparison whose jobs succeeded (web/storage.js around
// wasm/core/jobs/job_record.h's record; app_runtime.cpp historyRecord), one group, sent in order.
function comparisonHistory(renders) {
  const sentAt = Date.now() - 60000;
  const group = `c${sentAt}-0`;
  return renders.map(({ model, id, video }, i) => {
    const createdAt = sentAt + i;  // the columns' order
    const request = { ...REQUEST, model };
    const record = {
      localId: `j${createdAt}-${i + 1}`, createdAt, request, baseUrl: '', submit: JSON.parse(vgenBuild(request)), retries: 0, group,
      results: [{ url: video, mimeType: 'video/mp4', stored: false, storeProblem: '' }],
      job: { dialect: 'jobs', state: 'succeeded', id, operation: null, progress: 100, submittedAt: createdAt,
        lastPollAt: createdAt + 20000, nextPollAt: -1, pollsMade: 5, consecutiveErrors: 0, rngState: 7, intervalMs: 2000,
        lastTransientError: '', expiresAt: -1, costCents: -1, errorCode: '', errorMessage: '', errorHint: '', errorHttpStatus: 0,
        finishedAt: createdAt + 20000 },
    };
    return { requestJson: JSON.stringify(request), dialect: 'jobs', model, createdAt, status: 'succeeded',
      job: { id, baseUrl: '', dialect: 'jobs', poll: record }, resultKeys: [`${record.localId}/0`], error: '' };
  });
}

// The page with a finished comparison in its history, reloaded so it reads it, and the Compare tab
// open on it.
async function openFinishedComparison(page) {
  const renders = await compareTab.fixture('renders', renderComparison);
  for (const entry of comparisonHistory(renders)) {
    const put = await page.evaluate((e) => window.VideoGenStorage.putHistory(e), entry);
    assert(typeof put.id === 'number', `putHistory answered ${JSON.stringify(put)}`);
  }
  await page.reload();
  await waitFor(page, () => window.__vg && window.__vg.ready && window.__vg.historyLoaded, undefined, 30000);
  await openTab(page, 'Compare', () => window.__vg.compare && window.__vg.compare.columns.length > 0);
  await waitFor(page, (n) => window.__vg.compare.columns.length === n, MODELS.length);
}

// Waits until the three videos are shown, playing, past their first half second (they start
// together once every one can play).
const playingTogether = (page) => waitFor(page, () => (window.__vg.compare.columns || []).every((column) => {
  const video = document.querySelector(`video[data-key="${column.key}"]`);
  return video && video.style.visibility === 'visible' && !video.paused && video.currentTime > 0.5;
}), undefined, 30000);

// Loop on: the 5 s videos are still playing whenever a later step looks.
async function loopAll(page) {
  await pressControl(page, 'compare:loop');
  await waitFor(page, () => [...document.querySelectorAll('video')].every((video) => video.loop), undefined, 30000);
}

// ---- the checks -----------------------------------------------------------------------------------

compareTab.check('the Compare tab gives the core\'s verdict per model and refuses a model that cannot take the request', { start: REQUEST }, async ({ page }) => {
  await openTab(page, 'Compare', () => window.__vg.compare && Object.keys(window.__vg.compare.verdicts).length > 0);
  const board = await compare(page);
  for (const model of MODELS) assert(board.verdicts[model] === 'ok', `${model}: ${board.verdicts[model]}`);
  assert(/duration 5 is not offered/.test(board.verdicts[REFUSING]), `${REFUSING}: ${board.verdicts[REFUSING]}`);
  await scrollIntoTable(page, `compare:${REFUSING}`);
  await pressControl(page, `compare:${REFUSING}`);  // each step waited for a frame: the app has seen it
  assert((await compare(page)).chosen.length === 0, `ticking ${REFUSING} chose ${JSON.stringify((await compare(page)).chosen)}`);
});

compareTab.check('three ticked models: each would be sent exactly what `vgen build --to jobs --from aisdk` prints', { start: REQUEST }, async ({ page }) => {
  await openTab(page, 'Compare', () => window.__vg.compare && Object.keys(window.__vg.compare.verdicts).length > 0);
  await tickModels(page);
  const board = await compare(page);
  assert(isDeepStrictEqual(board.chosen, MODELS), `chosen ${JSON.stringify(board.chosen)}`);
  for (const model of MODELS) {
    const expected = vgenBuild({ ...REQUEST, model });
    assert(board.submits[model] === expected, `${model} would be sent\n${board.submits[model]}\nvgen build prints\n${expected}`);
  }
  await page.screenshot({ path: path.join(ARTIFACTS, 'compare-models.png') });
});

compareTab.check('Send makes one job per model; the gateway gets one request per model, the bodies vgen builds', { start: REQUEST }, async ({ page, context }) => {
  const received = [];  // bodies of the submissions that reached the gateway
  await context.route(/\/v2\/videos\/generate$/, (route) => {
    received.push(route.request().postData());
    return route.continue();
  });
  await openTab(page, 'Compare', () => window.__vg.compare && Object.keys(window.__vg.compare.verdicts).length > 0);
  await tickModels(page);
  // Progress per column while running, then every column done.
  const seen = await sendComparison(page, 'compare-running.png');
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

compareTab.check('the three videos start together and play in step', { start: REQUEST }, async ({ page }) => {
  await openFinishedComparison(page);
  await playingTogether(page);
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

compareTab.check('Loop repeats every video; Pause all / Play all drive every video, which stay in step', { start: REQUEST }, async ({ page }) => {
  await openFinishedComparison(page);
  await playingTogether(page);
  await loopAll(page);
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

// The seek checks start as the Loop check leaves the comparison: playing, looped.
compareTab.check('a click on the tab\'s seek bar moves every video to that time', { start: REQUEST }, async ({ page }) => {
  await openFinishedComparison(page);
  await playingTogether(page);
  await loopAll(page);
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

compareTab.check('a seek on one video\'s own controls moves the others', { start: REQUEST }, async ({ page }) => {
  await openFinishedComparison(page);
  await playingTogether(page);
  await loopAll(page);
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

// What the page itself keeps: a comparison sent here, finished, read back after a reload.
compareTab.check('the comparison is kept: after a reload the tab shows the same three finished columns', { start: REQUEST }, async ({ page }) => {
  await openTab(page, 'Compare', () => window.__vg.compare && Object.keys(window.__vg.compare.verdicts).length > 0);
  await tickModels(page);
  await sendComparison(page, null);
  const before = (await compare(page)).columns;
  assert(before.every((column) => column.state === 'succeeded'), `columns ended ${JSON.stringify(before)}`);
  await page.reload();
  await waitFor(page, () => window.__vg && window.__vg.ready && window.__vg.historyLoaded, undefined, 30000);
  await openTab(page, 'Compare', () => window.__vg.compare && window.__vg.compare.columns.length > 0);
  const after = (await compare(page)).columns;
  assert(isDeepStrictEqual(after.map((c) => [c.job, c.model, c.state]), before.map((c) => [c.job, c.model, c.state])),
    `after reload ${JSON.stringify(after)}, before ${JSON.stringify(before)}`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'compare-reloaded.png') });
});

compareTab.run();
