// Splits the linked playground module in two: what the first screen runs, and the rest.
//
//   node scripts/split_playground.mjs LINKED_DIR SITE_DIR FONTS_DIR SYMBOLS
//
// LINKED_DIR holds what emcc linked with -sSPLIT_MODULE=1 (cmake/playground.cmake): playground.js,
// playground.wasm (instrumented by Binaryen's wasm-split to record which functions run),
// playground.wasm.orig (the module itself) and playground.js.symbols (its function names,
// --emit-symbol-map). This script
//   1. stages the page in a temporary folder (web/, the cut fonts of FONTS_DIR, the linked glue and
//      the instrumented module) and serves it on loopback;
//   2. loads it in headless Chromium as the browser tests do (tests/browser/harness.mjs), twice (the
//      fonts there before the module starts, and late), waits for the first interactive frame, then
//      for the page to settle (history read, settings read, no frame asked for), passes the pointer
//      over it, reads the profile the module recorded (its __write_profile export), and merges both;
//   3. splits playground.wasm.orig with wasm-split --profile into SITE_DIR/playground.wasm (every
//      function that ran) and SITE_DIR/playground.deferred.wasm (the others; web/deferred_wasm.js
//      loads it when a person acts), copies playground.js beside them, and writes the function names
//      of each part as SYMBOLS.symbols and SYMBOLS.deferred.symbols (bench/wasm_sizes.py,
//      bench/devtools.mjs read them).
// The profile is taken on every link, so it always matches the module. Prints both parts' sizes.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { REPO, VIEWPORT, framesDrawn, gotoWithFontsLate, launchBrowser, waitFor } from '../tests/browser/harness.mjs';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
  '.ttf': 'font/ttf', '.otf': 'font/otf' };
// The WebAssembly features the module uses (exceptions: -fwasm-exceptions, and SIMD128: -msimd128,
// wasm_targets.cmake), and mutable globals, which the parts share (the stack pointer). No others:
// Binaryen would write what a feature allows (bulk memory's data count section) into parts of a
// module that has none.
const FEATURES = ['--enable-exception-handling', '--enable-simd', '--enable-mutable-globals'];

function serve(root) {
  const server = http.createServer((request, response) => {
    const file = path.join(root, decodeURIComponent(new URL(request.url, 'http://x').pathname));
    if (!file.startsWith(root)) return response.writeHead(403).end();
    const name = file.endsWith(path.sep) ? path.join(file, 'index.html') : file;
    try {
      const body = readFileSync(name);
      response.writeHead(200, { 'Content-Type': TYPES[path.extname(name)] || 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// One visit of the staged page in a fresh tab: the first screen, settled, with a pointer passed
// over it. `fontsLate`: the fonts' first slice is held back until the page has drawn a frame without
// it (a slow connection: the module starts before the fonts have come, and asks for them itself).
// Returns the profile the instrumented module recorded.
async function profileVisit(browser, url, { fontsLate = false } = {}) {
  const page = await browser.newPage({ viewport: VIEWPORT });
  try {
    const errors = [];
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    page.on('pageerror', (error) => errors.push(String(error)));
    if (fontsLate) await gotoWithFontsLate(page, url); else await page.goto(url);
    await waitFor(page, () => {
      const status = window.__vg;
      const loop = window.Module && window.Module.vg && window.Module.vg.loop;
      return status && status.readyAt && status.historyLoaded && status.firstSteps !== 'unknown' &&
        loop && !loop.raf && loop.burst === 0 && performance.now() > loop.awakeUntil;
    }, undefined, 120000);
    // A pointer passing over the page (hover highlights, the cursor's shape): what a person does
    // first, so those frames run while the rest downloads (web/deferred_wasm.js starts it then).
    for (let y = 20; y < VIEWPORT.height; y += 60) {
      for (let x = 20; x < VIEWPORT.width; x += 90) await page.mouse.move(x, y);
      await framesDrawn(page, 1);
    }
    if (errors.length) throw new Error(`the page failed while it was profiled: ${errors.join(' | ')}`);
    return Buffer.from(await page.evaluate(() => {
      const exports = window.Module.asm;
      const memory = Object.values(exports).find((value) => value instanceof WebAssembly.Memory);
      const size = 1 << 20;
      const at = window.Module._malloc(size);
      const length = exports.__write_profile(at, size);
      return Array.from(new Uint8Array(memory.buffer, at, length));
    }));
  } finally {
    await page.close();
  }
}

// Which functions the first screen runs, on a fast connection and on a slow one: wasm-split's
// profiles of both visits, merged into `file`.
async function firstScreenProfile(stage, file) {
  const server = await serve(stage);
  const browser = await launchBrowser();
  try {
    const url = `http://127.0.0.1:${server.address().port}/`;
    const visits = [];
    for (const fontsLate of [false, true]) {
      const visit = path.join(stage, `visit-${visits.length}.prof`);
      writeFileSync(visit, await profileVisit(browser, url, { fontsLate }));
      visits.push(visit);
    }
    run('wasm-split', ['--merge-profiles', ...visits, '-o', file]);
  } finally {
    await browser.close();
    server.close();
  }
}

// wasm-split names each function by its index among the module's own (no name section): the
// original names come from emcc's map, whose indices count the imported functions first.
function namedSymbols(splitMap, originalMap, importedCount) {
  const original = new Map(readFileSync(originalMap, 'utf8').split('\n').filter(Boolean).map((line) => {
    const at = line.indexOf(':');
    return [Number(line.slice(0, at)), line.slice(at + 1)];
  }));
  return readFileSync(splitMap, 'utf8').split('\n').filter(Boolean).map((line) => {
    const at = line.indexOf(':');
    const name = line.slice(at + 1);
    const known = /^\d+$/.test(name) ? original.get(Number(name) + importedCount) : undefined;
    return `${line.slice(0, at)}:${known ?? name}`;
  }).join('\n') + '\n';
}

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.error}`);
}

async function main([linked, site, fonts, symbols]) {
  if (!symbols) {
    console.error('usage: node scripts/split_playground.mjs LINKED_DIR SITE_DIR FONTS_DIR SYMBOLS');
    return 2;
  }
  const stage = mkdtempSync(path.join(os.tmpdir(), 'vg-split-'));
  try {
    cpSync(path.join(REPO, 'web'), stage, { recursive: true });
    // The module here is whole (instrumented): nothing to fetch when the pointer comes.
    writeFileSync(path.join(stage, 'deferred_wasm.js'), '// the module is not split yet\n');
    cpSync(fonts, path.join(stage, 'fonts'), { recursive: true });
    for (const file of ['playground.js', 'playground.wasm']) copyFileSync(path.join(linked, file), path.join(stage, file));
    const profile = path.join(stage, 'first-screen.prof');
    await firstScreenProfile(stage, profile);

    const primary = path.join(site, 'playground.wasm');
    const deferred = path.join(site, 'playground.deferred.wasm');
    run('wasm-split', [...FEATURES, `--profile=${profile}`, '--symbolmap', path.join(linked, 'playground.wasm.orig'),
      '-o1', primary, '-o2', deferred]);
    copyFileSync(path.join(linked, 'playground.js'), path.join(site, 'playground.js'));
    const originalMap = path.join(linked, 'playground.js.symbols');
    const importedCount = readFileSync(`${primary}.symbols`, 'utf8').split('\n').filter((line) => line.includes(':fimport$')).length;
    writeFileSync(`${symbols}.symbols`, namedSymbols(`${primary}.symbols`, originalMap, importedCount));
    writeFileSync(`${symbols}.deferred.symbols`, namedSymbols(`${deferred}.symbols`, originalMap, importedCount));
    rmSync(`${primary}.symbols`);
    rmSync(`${deferred}.symbols`);
    const kb = (file) => `${(readFileSync(file).length / 1024).toFixed(1)} KB`;
    console.log(`split_playground: first screen ${kb(primary)}, the rest ${kb(deferred)} (before compression)`);
    return 0;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

process.exitCode = await main(process.argv.slice(2)).catch((error) => {
  console.error(`split_playground: ${error.message}`);
  return 1;
});
