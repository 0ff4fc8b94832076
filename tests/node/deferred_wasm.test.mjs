// The module's second part on the page side (web/deferred_wasm.js) without a browser: a real
// WebAssembly module shaped like wasm-split's second part (it imports from "primary"), fetched,
// compiled and joined; the synchronous path for a call that comes first; and what a person reads
// when the server does not answer. The split page itself is checked in Chromium
// (tests/browser/page_weight.test.mjs, tests/browser/deferred.test.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../web/deferred_wasm.js';

const D = globalThis.VideoGenDeferred;

// (module (import "primary" "f" (func (result i32))) (func (export "g") (result i32) call 0))
const PART = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f,
  0x02, 0x0d, 0x01, 0x07, ...Buffer.from('primary'), 0x01, 0x66, 0x00, 0x00,
  0x03, 0x02, 0x01, 0x00,
  0x07, 0x05, 0x01, 0x01, 0x67, 0x00, 0x01,
  0x0a, 0x06, 0x01, 0x04, 0x00, 0x10, 0x00, 0x0b,
]);
const PRIMARY = { primary: { f: () => 42 } };

// fetch as a server that answers `status` with `bytes`, counting the requests.
function server(status, bytes = PART) {
  const asked = [];
  const fetchFile = (url) => {
    asked.push(url);
    return Promise.resolve(new Response(status === 200 ? bytes : 'no', { status, headers: { 'Content-Type': 'application/wasm' } }));
  };
  return { asked, fetchFile };
}

// XMLHttpRequest as a synchronous one answering `status` with `bytes` as x-user-defined text.
function syncRequest(status, bytes = PART) {
  return class {
    open(method, url, async) { Object.assign(this, { method, url, async }); }
    overrideMimeType(type) { this.type = type; }
    send() {
      assert.equal(this.async, false, 'the fallback is synchronous');
      assert.match(this.type, /x-user-defined/);
      this.status = status;
      this.responseText = String.fromCharCode(...bytes.map((b) => (b < 0x80 ? b : 0xf700 + b)));
    }
  };
}

test('a sign of a person downloads and compiles the second part once, and it joins the running module', async () => {
  const state = D.create('playground.deferred.wasm');
  const { asked, fetchFile } = server(200);
  let joined = 0;
  const first = D.prefetch(state, WebAssembly, fetchFile, () => { joined++; });
  assert.equal(D.prefetch(state, WebAssembly, fetchFile, () => { joined++; }), first, 'a second sign starts nothing new');
  await first;
  assert.deepEqual(asked, ['playground.deferred.wasm']);
  assert.equal(joined, 1);
  const instance = D.join(state, WebAssembly, PRIMARY);
  assert.equal(instance.exports.g(), 42, 'the part calls into the primary module');
  assert.equal(D.join(state, WebAssembly, PRIMARY), instance, 'joined once');
  assert.equal(D.prefetch(state, WebAssembly, fetchFile, () => {}), null, 'nothing more to fetch');
  assert.equal(asked.length, 1);
});

test('a server that does not type it application/wasm still gets it compiled', async () => {
  const state = D.create('playground.deferred.wasm');
  const fetchFile = () => Promise.resolve(new Response(PART, { status: 200, headers: { 'Content-Type': 'application/octet-stream' } }));
  const compiled = await D.prefetch(state, WebAssembly, fetchFile, () => {});
  assert.ok(compiled instanceof WebAssembly.Module);
});

test('a call before the download is done loads the part synchronously, and works', () => {
  const state = D.create('playground.deferred.wasm');
  const [instance, module] = D.loadNow(state, WebAssembly, syncRequest(200), PRIMARY);
  assert.ok(module instanceof WebAssembly.Module);
  assert.equal(instance.exports.g(), 42);
});

test('a failed download says which file, why, and what to do; the next call tries again', async () => {
  const state = D.create('playground.deferred.wasm');
  assert.equal(await D.prefetch(state, WebAssembly, server(503).fetchFile, () => assert.fail('nothing to join')), null);
  assert.match(state.error, /playground\.deferred\.wasm.*HTTP 503.*reload the page/);
  assert.throws(() => D.loadNow(state, WebAssembly, syncRequest(404), PRIMARY),
    /could not load the rest of the playground \(playground\.deferred\.wasm\): HTTP 404; check the connection and reload the page/);
  assert.equal(D.loadNow(state, WebAssembly, syncRequest(200), PRIMARY)[0].exports.g(), 42, 'the server answers again');
});

test('an answer that is not WebAssembly (a proxy\'s error page) is named as such', () => {
  const state = D.create('playground.deferred.wasm');
  const page = new Uint8Array(Buffer.from('<html>502 Bad Gateway</html>'));
  assert.throws(() => D.loadNow(state, WebAssembly, syncRequest(200, page), PRIMARY), /playground\.deferred\.wasm\): not a WebAssembly module/);
});

test('the page: the first pointer, key, touch or wheel starts the download, once; the module\'s loader is set', async () => {
  const listeners = new Map();
  const { asked, fetchFile } = server(200);
  const root = {
    WebAssembly, XMLHttpRequest: syncRequest(200), fetch: fetchFile,
    addEventListener: (type, listener) => listeners.set(type, listener),
    removeEventListener: (type, listener) => { if (listeners.get(type) === listener) listeners.delete(type); },
  };
  const module = { asm: PRIMARY.primary };
  const state = D.install(root, module);
  assert.deepEqual([...listeners.keys()].sort(), [...D.INTENT_EVENTS, 'videogen-ready'].sort());
  assert.ok(!listeners.has('focusin'), 'the page focusing its own canvas is no sign of a person');
  assert.deepEqual(asked, [], 'nothing is fetched before a person acts');
  listeners.get('pointermove')();
  assert.deepEqual([...listeners.keys()], ['videogen-ready'], 'one sign is enough');
  await state.compiling;
  assert.deepEqual(asked, ['playground.deferred.wasm']);
  assert.equal(state.instance.exports.g(), 42, 'joined as soon as it compiled, the module running');
  assert.equal(typeof module.loadSplitModule, 'function');
  assert.equal(module.loadSplitModule('site/playground.deferred.wasm', PRIMARY)[0], state.instance);
});

test('a second part from another version of the site (a deploy since the page loaded) says so', () => {
  const state = D.create('playground.deferred.wasm');
  assert.throws(() => D.loadNow(state, WebAssembly, syncRequest(200), { primary: {} }),
    /playground\.deferred\.wasm\): it belongs to another version of the playground .*reload the page/);
});

test('the page: a load that fails throws to the caller and leaves a fault note saying why', () => {
  const later = [];
  const faults = [];
  const root = {
    WebAssembly, XMLHttpRequest: syncRequest(404), fetch: server(404).fetchFile,
    addEventListener: () => {}, removeEventListener: () => {}, setTimeout: (run) => later.push(run),
    VideoGenPlatform: { fault: (what, why) => faults.push(`${what}: ${why}`) },
  };
  const module = { asm: PRIMARY.primary };
  D.install(root, module);
  assert.throws(() => module.loadSplitModule('playground.deferred.wasm', PRIMARY), /HTTP 404/);
  assert.deepEqual(faults, [], 'noted after the C++ boundary has noted the throw');
  later.forEach((run) => run());
  assert.deepEqual(faults, ['loading the rest of the playground: could not load the rest of the playground ' +
    '(playground.deferred.wasm): HTTP 404; check the connection and reload the page']);
});

test('the page: a share link starts the download at once (the first screen alone does not show its request)', async () => {
  const { asked, fetchFile } = server(200);
  const root = {
    WebAssembly, XMLHttpRequest: syncRequest(200), fetch: fetchFile, location: { hash: '#request=eyJ9' },
    addEventListener: () => {}, removeEventListener: () => {},
  };
  const state = D.install(root, {});
  await state.compiling;
  assert.deepEqual(asked, ['playground.deferred.wasm']);
  assert.equal(state.instance, null, 'not joined before the module runs');
  assert.ok(state.compiled instanceof WebAssembly.Module, 'compiled, ready for the first call');
});

test('the page: a visitor coming back (the playground\'s database is there) starts the download once the first frame is drawn; a new one does not', async () => {
  for (const comingBack of [true, false]) {
    const { asked, fetchFile } = server(200);
    const listeners = new Map();
    let answered = null;
    const root = {
      WebAssembly, XMLHttpRequest: syncRequest(200), fetch: fetchFile,
      addEventListener: (type, listener) => listeners.set(type, listener), removeEventListener: () => {},
      VideoGenStorage: { hasDatabase: () => (answered = Promise.resolve(comingBack)) },
    };
    const state = D.install(root, {});
    await answered;  // asked at once, before the module opens (and so makes) the database
    assert.deepEqual(asked, [], 'nothing is fetched before the first frame');
    listeners.get('videogen-ready')();
    await state.compiling;
    assert.deepEqual(asked, comingBack ? ['playground.deferred.wasm'] : [], comingBack ? 'a visitor coming back' : 'a first visit');
  }
});
