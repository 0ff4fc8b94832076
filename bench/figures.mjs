// Figures of the playground, measured and printed, never asserted (a measurement, not a test; the
// test run does not run it): what a first visit carries on the wire (harness.mjs firstVisit), time
// from navigation to the first interactive frame, CPU time of an idle tab over 10 s (Chrome DevTools Protocol
// Performance.getMetrics), what a frame costs each Chromium process while the pointer moves (on
// software GL most of it is the GPU process rasterising: SystemInfo.getProcessInfo), and the frame
// time with 50 jobs in the jobs panel.
//
//   bash scripts/build.sh && node bench/figures.mjs
// Measures the release page: $VG_SITE_DIR, else $VG_WASM_DIR/site, else build/wasm/site (not the
// test page, whose ImGui carries the test hooks). Core: $VG_NATIVE_DIR, else build/native.
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import {
  ARTIFACTS, RELEASE_SITE, VIEWPORT, firstVisit, launchBrowser, openPage, startServer, waitFor,
} from '../tests/browser/harness.mjs';

const SITE = process.env.VG_SITE_DIR || RELEASE_SITE;

// 50 unfinished jobs in browser storage (what a reload resumes) whose status polls the route below
// answers "running": the jobs panel then holds 50 live rows.
async function seedFiftyJobs(page) {
  await page.evaluate(async () => {
    const now = Date.now();
    for (let i = 0; i < 50; i++) {
      const localId = `bench-${i}`;
      const request = { model: 'klingai/kling-v2.6', mode: 't2v', prompt: `benchmark job ${i}`, duration: 5 };
      const poll = {
        localId, createdAt: now - i * 1000, request, baseUrl: '', retries: 0, results: [],
        submit: { method: 'POST', path: '/v2/videos/generate', headers: {}, body: {} },
        job: { dialect: 'jobs', state: 'running', id: `bench-${i}`, progress: i * 2, submittedAt: now - i * 1000,
          lastPollAt: now, nextPollAt: now + 2000, pollsMade: 1, consecutiveErrors: 0, rngState: i + 1, intervalMs: 2000 },
      };
      await window.VideoGenStorage.putHistory({ requestJson: JSON.stringify(request), dialect: 'jobs', model: request.model,
        createdAt: poll.createdAt, status: 'running', job: { id: poll.job.id, baseUrl: '', dialect: 'jobs', poll } });
    }
  });
}

// The app's frame function called directly: what one frame costs the main thread.
function averageFrameMs(page) {
  return page.evaluate(() => {
    for (let i = 0; i < 10; i++) window.Module._vg_web_frame();
    const start = performance.now();
    for (let i = 0; i < 100; i++) window.Module._vg_web_frame();
    return (performance.now() - start) / 100;
  });
}

// CPU seconds of each kind of Chromium process so far ({ browser, renderer, GPU, utility, ... }).
async function cpuByProcessType(browserSession) {
  const { processInfo } = await browserSession.send('SystemInfo.getProcessInfo');
  const seconds = {};
  for (const { type, cpuTime } of processInfo) seconds[type] = (seconds[type] || 0) + cpuTime;
  return seconds;
}

// The pointer moved across the catalog 60 times, 50 ms apart (the page draws while input comes):
// CPU milliseconds per drawn frame, by process type.
async function frameCost(browser, page) {
  const session = await browser.newBrowserCDPSession();
  const before = await cpuByProcessType(session);
  const framesBefore = await page.evaluate(() => window.__vg.frames);
  for (let i = 0; i < 60; i++) {
    await page.mouse.move(200 + (i % 20) * 10, 300);
    await page.waitForTimeout(50);  // measured: a person's pointer, not a test waiting
  }
  const after = await cpuByProcessType(session);
  const frames = await page.evaluate(() => window.__vg.frames) - framesBefore;
  await session.detach();
  const perFrame = Object.keys(after).map((type) => `${type} ${(((after[type] - (before[type] || 0)) * 1000) / frames).toFixed(1)}`);
  return `${perFrame.join(', ')} ms of CPU per frame (${frames} frames)`;
}

export async function runFigures(browser) {
  const { url, stop } = await startServer([], { site: SITE });
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const visit = await firstVisit(context, url);
    console.log(`# figure: first visit ${(visit.total / 1024).toFixed(1)} KB on the wire (` +
      visit.files.map((f) => `${f.path} ${(f.bytes / 1024).toFixed(1)}${f.encoding ? ` ${f.encoding}` : ''}`).join(', ') + ')');
    const { page } = await openPage(context, url);
    const readyAt = await page.evaluate(() => window.__vg.readyAt);
    console.log(`# figure: navigation to first interactive frame ${readyAt.toFixed(0)} ms (SwiftShader, no GPU)`);

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.mouse.move(2, VIEWPORT.height - 2);
    await page.waitForTimeout(2000);  // measured idle: the loop stops a quarter second after the last input
    const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const before = await metric();
    const framesBefore = await page.evaluate(() => window.__vg.frames);
    await page.waitForTimeout(10000);  // the 10 s the figure is about
    const after = await metric();
    const framesAfter = await page.evaluate(() => window.__vg.frames);
    const busy = after.TaskDuration - before.TaskDuration;
    console.log(`# figure: idle tab over 10 s: ${(busy * 1000).toFixed(1)} ms of main-thread tasks ` +
      `(${(busy / 10 * 100).toFixed(2)}% of one core), ${framesAfter - framesBefore} frames drawn`);

    console.log(`# figure: pointer moving over the catalog (SwiftShader, ${VIEWPORT.width}x${VIEWPORT.height}): ${await frameCost(browser, page)}`);

    const emptyFrameMs = await averageFrameMs(page);
    await context.route(/\/v2\/jobs\/bench-/, (route) => route.fulfill({
      status: 200, contentType: 'application/json',
      body: JSON.stringify({ jobId: route.request().url().split('/').pop(), status: 'PROCESSING', progress: 50 }),
    }));
    await seedFiftyJobs(page);
    await page.reload();
    await waitFor(page, () => window.__vg && window.__vg.historyLoaded && window.__vg.jobs.length >= 50, undefined, 30000);
    const frameMs = await averageFrameMs(page);
    // Fifty jobs polling keep the page drawing, and a screenshot waits for a quiet moment: on a busy
    // machine that takes tens of seconds (a figure, not a timing check).
    await page.screenshot({ path: path.join(ARTIFACTS, 'fifty-jobs.png'), timeout: 120000 });
    console.log(`# figure: frame time with 50 jobs in the jobs panel ${frameMs.toFixed(2)} ms ` +
      `(no jobs: ${emptyFrameMs.toFixed(2)} ms; CPU side of one frame, averaged over 100)`);
    await context.close();
  } finally {
    stop();
  }
}

const browser = await launchBrowser();
try {
  mkdirSync(ARTIFACTS, { recursive: true });
  await runFigures(browser);
} finally {
  await browser.close();
}
