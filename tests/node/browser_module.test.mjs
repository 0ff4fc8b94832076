// web/vgen_core.mjs works in a browser as well as in node: headless Chromium loads the wrapper and
// the WASM module over HTTP and gets the same answers as node does (issue 2: "The headless WASM
// module offers the same functions to node and browsers").
import assert from 'node:assert/strict';
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';

import { launchBrowser } from '../browser/harness.mjs';
import { loadBuiltCore, repoRoot, wasmDir } from './helpers.mjs';

const MIME = { '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };

let server;
let browser;
let baseUrl;
before(async () => {
  // Serves an empty page at / and the checkout's files (the wrapper in web/, the module in the
  // wasm build folder) read-only.
  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>vgen core</title>');
      return;
    }
    const file = join(repoRoot, path);
    if (!file.startsWith(repoRoot) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': MIME[file.slice(file.lastIndexOf('.'))] ?? 'text/plain' });
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.closeAllConnections();
  server?.close();
});

test('the wrapper in Chromium answers like the wrapper in node', { timeout: 120_000 }, async () => {
  const input = '{"model": "klingai/kling-v2.6-i2v", "prompt": {"image": "https://example.com/cat.png", "text": "Café ☕"}, "duration": 7}';
  const page = await browser.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(`${baseUrl}/`);
  const inBrowser = await page.evaluate(
    async ({ wrapperUrl, moduleUrl, text }) => {
      const { loadVgenCore } = await import(wrapperUrl);
      const core = await loadVgenCore({ moduleUrl });
      return {
        validate: core.validate(text, { json: true }),
        build: core.build(text, { to: 'unified' }),
        catalog: core.catalog(true),
      };
    },
    {
      wrapperUrl: `${baseUrl}/web/vgen_core.mjs`,
      moduleUrl: `${baseUrl}/${relative(repoRoot, join(wasmDir, 'vgen_core.js'))}`,
      text: input,
    },
  );
  const core = await loadBuiltCore();
  assert.deepEqual(inBrowser.validate, core.validate(input, { json: true }));
  assert.equal(inBrowser.validate.exitCode, 1, 'duration 7 is refused');
  assert.deepEqual(inBrowser.build, core.build(input, { to: 'unified' }));
  assert.deepEqual(inBrowser.catalog, core.catalog(true));
});
