// Navigation to the first interactive frame: the playground against a bare Dear ImGui page built
// with the same toolchain (bench/hello/, a benchmark fixture), measured and printed, never asserted.
// Both pages are served by serve.py the same way (one server each, precompressed files, ETag and
// no-cache: a load revalidates every file and gets 304s), loaded in fresh pages of one browser
// context, interleaved (playground, hello, playground, hello, ...): one warm-up load of each (the
// disk and HTTP caches warm), then RUNS timed loads of each; the medians, their ratio and every
// sample are printed, with what a first visit of each carries on the wire (harness.mjs firstVisit).
// Chromium as the browser tests launch it: headless, software WebGL2 (SwiftShader).
//
//   bash scripts/build.sh wasm && node bench/first_frame.mjs [RUNS=5]
//   VG_PROFILE=1 node bench/first_frame.mjs     # then one more load of each under the CPU profiler
//   VG_PROFILE=1 VG_PROFILE_TOP=60 node ...     # the 60 functions with the most time instead of 20
// Pages: $VG_WASM_DIR/site (the release playground, no test hooks) and $VG_WASM_DIR/hello-site
// ($VG_WASM_DIR: build/wasm unless set). Core for serve.py: $VG_NATIVE_DIR, else build/native.
//
// "First interactive frame": the end of the first frame the page's code draws. The playground's
// window.__vg.readyAt (web/platform.js publishStatus: its first status, sent at the end of the first
// frame drawn with its fonts), the hello page's window.__hello.readyAt (bench/hello/hello_glue.js,
// called at the end of its first frame); both performance.now(), milliseconds from navigation start.
// With VG_PROFILE=1, after the timed loads, one load of each runs under the CDP sampling profiler
// from navigation to that first frame, and the functions with the most self and inclusive time are
// printed (bench/devtools.mjs; WebAssembly names from build/wasm/{playground,hello}.symbols).
import path from 'node:path';

import { REPO, RELEASE_SITE, VIEWPORT, firstVisit, launchBrowser, startServer, waitFor } from '../tests/browser/harness.mjs';
import { printProfile, startProfile, wasmNames } from './devtools.mjs';

const WASM_DIR = process.env.VG_WASM_DIR || path.join(REPO, 'build/wasm');
const RUNS = Number(process.argv[2] || 5);

const PAGES = [
  { name: 'playground', site: RELEASE_SITE, ready: () => window.__vg && window.__vg.readyAt,
    readyAt: () => window.__vg.readyAt, wasm: 'playground.wasm', symbols: 'playground.symbols' },
  { name: 'hello', site: path.join(WASM_DIR, 'hello-site'), ready: () => window.__hello && window.__hello.readyAt,
    readyAt: () => window.__hello.readyAt, wasm: 'hello.wasm', symbols: 'hello.symbols' },
];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// One load of `page` in a fresh tab: navigation to its first frame, and where the time went before
// it (Navigation and Resource Timing, same clock): the HTML's response, the .wasm's, the last response.
// With `profile`, under the CPU profiler from before navigation to that frame (printed).
async function load(context, { name, url, ready, readyAt, wasm, symbols }, profile = false) {
  const tab = await context.newPage();
  try {
    const stopProfile = profile ? await startProfile(await context.newCDPSession(tab)) : null;
    await tab.goto(url);
    await waitFor(tab, ready, undefined, 60000);
    const at = await tab.evaluate(readyAt);
    if (stopProfile) printProfile(await stopProfile(), `${name}, navigation to first frame`, wasmNames(path.join(WASM_DIR, symbols)), Number(process.env.VG_PROFILE_TOP || 20));
    const timing = await tab.evaluate((wasmName) => {
      const entries = performance.getEntriesByType('resource');
      const wasmEntry = entries.find((e) => e.name.endsWith(`/${wasmName}`));
      return {
        html: performance.getEntriesByType('navigation')[0].responseEnd,
        wasm: wasmEntry ? wasmEntry.responseEnd : NaN,
        lastResponse: Math.max(...entries.map((e) => e.responseEnd)),
      };
    }, wasm);
    return { readyAt: at, ...timing };
  } finally {
    await tab.close();
  }
}

const browser = await launchBrowser();
const servers = [];
try {
  for (const page of PAGES) {
    const server = await startServer([], { site: page.site });
    servers.push(server);
    page.url = server.url;
  }
  const visits = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  for (const page of PAGES) {
    const visit = await firstVisit(visits, page.url, page.ready);
    console.log(`# figure: first visit of ${page.name}: ${(visit.total / 1024).toFixed(1)} KB on the wire (` +
      visit.files.map((f) => `${f.path} ${(f.bytes / 1024).toFixed(1)}${f.encoding ? ` ${f.encoding}` : ''}`).join(', ') + ')');
  }
  await visits.close();

  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const samples = Object.fromEntries(PAGES.map((p) => [p.name, []]));
  for (let run = 0; run <= RUNS; run++) {
    for (const page of PAGES) {
      const result = await load(context, page);
      if (run > 0) samples[page.name].push(result);  // run 0 warms the caches
    }
  }
  if (process.env.VG_PROFILE) for (const page of PAGES) await load(context, page, true);
  await context.close();

  const show = (values) => values.map((v) => v.toFixed(0)).join(', ');
  const medians = {};
  for (const page of PAGES) {
    const runs = samples[page.name];
    medians[page.name] = median(runs.map((r) => r.readyAt));
    console.log(`# figure: ${page.name}: navigation to first interactive frame, median of ${runs.length}: ` +
      `${medians[page.name].toFixed(0)} ms (runs: ${show(runs.map((r) => r.readyAt))}); medians of: HTML received ` +
      `${median(runs.map((r) => r.html)).toFixed(0)} ms, ${page.wasm} received ${median(runs.map((r) => r.wasm)).toFixed(0)} ms, ` +
      `last response ${median(runs.map((r) => r.lastResponse)).toFixed(0)} ms`);
  }
  console.log(`# figure: first interactive frame, playground / hello: ${(medians.playground / medians.hello).toFixed(2)}x ` +
    `(${medians.playground.toFixed(0)} / ${medians.hello.toFixed(0)} ms; SwiftShader, ${VIEWPORT.width}x${VIEWPORT.height}, ` +
    `interleaved loads after one warm-up each)`);
} finally {
  for (const server of servers) server.stop();
  await browser.close();
}
