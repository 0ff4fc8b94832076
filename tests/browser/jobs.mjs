// The playground talking to serve.py's local gateway: a share link opened and generated with
// Ctrl+Enter plays a <video> of the requested duration and orientation; an invalid request shows its
// diagnostics and sends nothing; a reload mid-job resumes polling; history survives reloads; a
// result whose link expired plays from browser storage; injected 429/5xx faults are retried.
// jobChecks adds these checks to run.mjs's suite: each has its own browser context (its own
// IndexedDB) and page, at a share link on the suite's server or, where serve.py's flags differ
// (--link-ttl, --faults), on a server of its own that the check starts and stops.
import path from 'node:path';

import {
  ARTIFACTS, VIEWPORT, assert, clickControl, framesDrawn, openPageFor, openTab, pressCtrlEnter, startServer, status, waitFor,
} from './harness.mjs';

const LONG = { model: 'klingai/kling-v2.6-t2v', prompt: 'a lighthouse at dusk, waves rolling in', duration: 10 };
const PORTRAIT = { model: 'klingai/kling-v2.6-t2v', prompt: 'a paper boat drifts down a rainy street', duration: 5, aspectRatio: '9:16' };
const TERMINAL = ['succeeded', 'failed', 'expired', 'cancelled'];
// Chrome logs every non-2xx answer as a console error; the fault test expects those.
const HTTP_STATUS_LOG = /Failed to load resource: the server responded with a status of (429|5\d\d)/;

const firstJob = (page) => page.evaluate(() => (window.__vg.jobs || [])[0] || null);

async function waitForJob(page, predicate, arg, timeout) {
  await waitFor(page, predicate, arg, timeout);
  return firstJob(page);
}

// The first <video> once it has played a little: what the person sees.
async function playingVideo(page, timeout = 30000) {
  await waitFor(page, () => {
    const video = document.querySelector('video');
    return video && video.style.visibility === 'visible' && video.readyState >= 2 && video.currentTime > 0.2;
  }, undefined, timeout);
  return page.evaluate(() => {
    const video = document.querySelector('video');
    return { width: video.videoWidth, height: video.videoHeight, duration: video.duration, source: video.dataset.source, src: video.currentSrc };
  });
}

// The page's local date, "2026-12-05".
const localDate = (page) => page.evaluate(() => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
});

// serve.py with `flags` for one check, stopped when `use(server)` is done.
async function withServer(flags, use) {
  const server = await startServer(flags);
  try {
    return await use(server);
  } finally {
    server.stop();
  }
}

// When the gateway link `src` (a unified content route, /v1/videos/{id}/content) stops working: the
// expires_at (whole Unix seconds, rounded down) of the task's status, in milliseconds.
async function linkExpiry(src) {
  const answer = await fetch(src.replace(/\/content(\?.*)?$/, ''));
  assert(answer.status === 200, `GET the task of ${src} answered ${answer.status}`);
  const { expires_at: expiresAt } = await answer.json();
  assert(Number.isInteger(expiresAt), `the task's expires_at is ${expiresAt}`);
  return (expiresAt + 1) * 1000;
}

// The checks, added to `playground` (run.mjs's suite).
export function jobChecks(playground) {
  playground.check('share link + Ctrl+Enter: a <video> plays with the requested duration and orientation', { start: PORTRAIT }, async ({ page }) => {
    const s = await status(page);
    assert(s.selected === 'klingai/kling-v2.6', `the link opened ${s.selected}`);
    assert(s.canGenerate, `Generate is blocked: ${JSON.stringify(s.formPaths)}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'share-link-form.png') });
    const madeOn = await localDate(page);
    await pressCtrlEnter(page);
    const job = await waitForJob(page, (t) => window.__vg.jobs.length && t.includes(window.__vg.jobs[0].state), TERMINAL, 120000);
    assert(job.state === 'succeeded', `the job ended ${job.state}: ${job.error}`);
    const video = await playingVideo(page);
    assert(Math.abs(video.duration - 5) < 0.35, `the video lasts ${video.duration} s, 5 were asked`);
    assert(video.height > video.width, `a 9:16 request played as ${video.width}x${video.height}`);
    await waitFor(page, () => window.__vg.jobs[0].stored === 1, undefined, 20000);
    await page.screenshot({ path: path.join(ARTIFACTS, 'video-result.png') });
    // Download saves it under what it shows, not an internal id (core: jobs/job_words.h): the model,
    // the prompt's first words and the local date and time on the page's clock.
    const [download] = await Promise.all([page.waitForEvent('download'), clickControl(page, '**/Download')]);
    const days = [madeOn, await localDate(page)].join('|');  // the job was made between the two
    const saved = download.suggestedFilename();
    assert(new RegExp(`^kling-v2\\.6-t2v_a-paper-boat-drifts-down_(${days})_\\d{4}\\.mp4$`).test(saved), `Download saves the video as ${saved}`);
    // A <video> draws above the canvas: while a popup is open it steps aside.
    await clickControl(page, 'gateway');
    await waitFor(page, () => document.querySelector('video').style.visibility === 'hidden');
    await page.screenshot({ path: path.join(ARTIFACTS, 'gateway-settings.png') });
    await page.mouse.click(VIEWPORT.width - 20, 20);  // a click outside closes it
    await waitFor(page, () => document.querySelector('video').style.visibility === 'visible');
  });

  playground.check('an invalid request shows its diagnostics at the field and sends no request', { start: { ...PORTRAIT, duration: 7 } }, async ({ page, context }) => {
    let gatewayCalls = 0;
    await context.route(/\/(v1\/video|v2\/|v3\/ai|v4\/ai|api\/v1\/creative-hub)/, (route) => {
      gatewayCalls++;
      return route.continue();
    });
    const s = await status(page);
    assert(!s.canGenerate, 'Generate is allowed for duration 7');
    assert(s.formPaths.includes('/duration'), `diagnostics at ${JSON.stringify(s.formPaths)}`);
    await pressCtrlEnter(page);
    await clickControl(page, 'generate');
    // Generate creates its job before sending anything: frames drawn after the click with no job
    // mean nothing was sent (the routes above count what was).
    await framesDrawn(page, 4);
    assert(gatewayCalls === 0, `${gatewayCalls} gateway requests were sent`);
    assert((await status(page)).jobs.length === 0, 'a job was created');
    await page.screenshot({ path: path.join(ARTIFACTS, 'invalid-request.png') });
  });

  // A ten-second clip keeps the renderer busy long enough to reload in the middle.
  playground.check('a reload mid-job resumes polling, and history survives reloads', { start: LONG }, async ({ page }) => {
    await pressCtrlEnter(page);
    const started = await waitForJob(page, () => window.__vg.jobs.length && window.__vg.jobs[0].gatewayId, undefined, 30000);
    assert(!TERMINAL.includes(started.state), `the job finished before the reload (${started.state})`);
    await page.reload();
    await waitFor(page, (id) => window.__vg && window.__vg.historyLoaded && window.__vg.jobs.some((j) => j.id === id), started.id, 30000);
    const resumed = (await status(page)).jobs.find((j) => j.id === started.id);
    assert(resumed.resumed, `the job was not resumed: ${JSON.stringify(resumed)}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'job-resumed.png') });
    await waitFor(page, (id) => window.__vg.jobs.find((j) => j.id === id).state === 'succeeded', started.id, 120000);
    await waitFor(page, (id) => window.__vg.jobs.find((j) => j.id === id).stored === 1, started.id, 20000);

    await page.reload();
    await waitFor(page, () => window.__vg && window.__vg.historyLoaded, undefined, 30000);
    const kept = (await status(page)).jobs.find((j) => j.id === started.id);
    assert(kept && kept.state === 'succeeded' && kept.results === 1, `history after reload: ${JSON.stringify(kept)}`);
    await openTab(page, 'History', () => document.querySelector('video'));
    await playingVideo(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'history.png') });
  });

  playground.check('a result whose link expired (unified, --link-ttl 2) still plays from browser storage', { start: null }, (check) =>
    withServer(['--link-ttl', '2'], async (expiring) => {
      const page = await openPageFor(check, `${expiring.url}?dialect=unified`);
      assert((await status(page)).gatewayDialect === 'unified', 'the ?dialect= setting was not applied');
      await pressCtrlEnter(page);
      const job = await waitForJob(page, (t) => window.__vg.jobs.length && t.includes(window.__vg.jobs[0].state), TERMINAL, 120000);
      assert(job.state === 'succeeded', `the job ended ${job.state}: ${job.error}`);
      await waitFor(page, () => window.__vg.jobs[0].stored === 1, undefined, 20000);
      const { src } = await playingVideo(page);
      // The link lives 2 s (--link-ttl 2): once the time the gateway gives for its end has passed,
      // it must answer 410.
      await waitFor(page, (end) => Date.now() > end, await linkExpiry(src), 20000);
      const expired = await fetch(src);
      assert(expired.status === 410, `the gateway link still answers ${expired.status} after its TTL`);
      await page.reload();
      await waitFor(page, () => window.__vg && window.__vg.historyLoaded, undefined, 30000);
      await openTab(page, 'History', () => document.querySelector('video'));
      const replay = await playingVideo(page);
      assert(replay.source === 'storage' && replay.src.startsWith('blob:'), `played from ${replay.source}: ${replay.src}`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'expired-link-plays.png') });
    }));

  playground.check('with 429 and 500 injected (--faults 429:0.3,500:0.2) the job still finishes, retries counted',
    { start: null, allowErrors: [HTTP_STATUS_LOG] }, (check) =>
      withServer(['--faults', '429:0.3,500:0.2', '--fault-seed', '1'], async (faulty) => {
        const page = await openPageFor(check, faulty.url);
        await pressCtrlEnter(page);
        const job = await waitForJob(page, (t) => window.__vg.jobs.length && t.includes(window.__vg.jobs[0].state), TERMINAL, 240000);
        assert(job.state === 'succeeded', `the job ended ${job.state}: ${job.error}`);
        assert(job.retries > 0, `no retries counted (${job.polls} polls): the faults never hit`);
        await page.screenshot({ path: path.join(ARTIFACTS, 'faults-retried.png') });
        console.log(`    # under faults: ${job.polls} polls, ${job.retries} retries`);
      }));
}
