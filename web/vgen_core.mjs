// VideoGen headless core for JavaScript: the vgen commands (catalog, limits, dialect-facts, validate,
// parse, build, convert, schema) run in WebAssembly, with the same output as the native CLI.
//
//   import { loadVgenCore } from './web/vgen_core.mjs';
//   const core = await loadVgenCore();
//   const { exitCode, output, notes } = core.validate(text, { json: true });
//
// Each command returns {exitCode, output, notes}: the vgen exit code (0 valid, 1 invalid, 2 unreadable
// input or wrong usage), what vgen prints on stdout, and what it prints on stderr.
// Inputs are strings or, for bytes that are not valid UTF-8, Uint8Arrays (passed through as is).
//
// Options of loadVgenCore:
//   moduleUrl   URL of the Emscripten glue vgen_core.js (default: build/wasm/ of this checkout; the
//               npm package's entry, index.mjs, passes the glue next to it); the .wasm is looked up
//               next to it.
//   wasmBinary  the .wasm bytes (default: read from disk in node, fetched next to moduleUrl in
//               browsers). Node 20 cannot fetch() a file path, hence the disk read.
//   factory     an already loaded createVgenCore (default: the global one in a browser page that
//               included vgen_core.js with a <script>, else loaded from moduleUrl).

const DEFAULT_MODULE_URL = new URL('../build/wasm/vgen_core.js', import.meta.url);
const isNode = typeof process === 'object' && Boolean(process.versions?.node);

// The glue is a CommonJS/UMD script (-sMODULARIZE=1 without EXPORT_ES6), which pages load with a
// <script>. In node it cannot simply be require()d: inside a package marked "type": "module" (the
// npm package) node reads every .js as an ES module, where `module` and `exports` do not exist, so
// the glue would export nothing. It is compiled the way node's CommonJS loader compiles a file,
// which works wherever the file lies.
async function loadFactoryInNode(moduleUrl) {
  const [{ createRequire }, { fileURLToPath }, { readFileSync }, { compileFunction }, { dirname }] =
    await Promise.all([import('node:module'), import('node:url'), import('node:fs'), import('node:vm'),
      import('node:path')]);
  const filename = fileURLToPath(moduleUrl);
  const parameters = ['exports', 'require', 'module', '__filename', '__dirname'];
  const body = compileFunction(readFileSync(filename, 'utf8'), parameters, { filename });
  const module = { exports: {} };
  body(module.exports, createRequire(filename), module, filename, dirname(filename));
  return module.exports;
}

function loadFactoryInBrowser(moduleUrl) {
  if (typeof globalThis.createVgenCore === 'function') return Promise.resolve(globalThis.createVgenCore);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = String(moduleUrl);
    script.onload = () => resolve(globalThis.createVgenCore);
    script.onerror = () => reject(new Error(`cannot load ${moduleUrl}`));
    document.head.appendChild(script);
  });
}

export async function loadVgenCore({ moduleUrl = DEFAULT_MODULE_URL, wasmBinary, factory } = {}) {
  const wasmUrl = new URL('vgen_core.wasm', moduleUrl);
  if (isNode) {
    factory ??= await loadFactoryInNode(moduleUrl);
    if (!wasmBinary) {
      const { readFileSync } = await import('node:fs');
      wasmBinary = readFileSync(wasmUrl);
    }
  } else {
    factory ??= await loadFactoryInBrowser(moduleUrl);
  }
  const module = await factory({
    ...(wasmBinary ? { wasmBinary } : {}),
    locateFile: (name) => new URL(name, moduleUrl).href,
  });
  return wrap(module);
}

function wrap(module) {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  // In node a Buffer over the module's memory decodes an answer in about two thirds of the time
  // TextDecoder takes (measured on answers of a few hundred bytes, the size of a validate report).
  const NodeBuffer = isNode ? globalThis.Buffer : undefined;

  // One buffer in WASM memory holds every call's arguments: the names (dialect, model) first, each
  // NUL-terminated, then the input, NUL-terminated too. It is kept between calls and only grows, so
  // a call whose arguments fit (every validate of a request no larger than the largest so far)
  // mallocs nothing; strings are UTF-8 encoded straight into it (no intermediate array). The names
  // of the last call stay where they are: a run of validates with one dialect writes only its
  // input. Only one call runs at a time (the core is synchronous and never calls back into
  // JavaScript), so one buffer is enough. The answer is not copied out of the core: the C ABI's
  // vg_*_reply functions leave it where the core made it, with its length, until the next call.
  const FIRST_CAPACITY = 64 * 1024;  // bytes; a typical request is far smaller
  let scratch = 0;
  let capacity = 0;
  let nameCount = -1;  // how many names are at the start of the buffer (-1: none written yet),
  let firstName;       // which,
  let secondName;
  let secondAt = 0;    // where the second starts
  let inputAt = 0;     // and where the input starts: after them
  // Views kept between calls (making a subarray costs about as much as encoding a small request):
  // they are made again when the buffer moves or WASM memory grows, which replaces HEAPU8.
  let heap = null;      // module.HEAPU8 when the views below were made
  let words = null;     // the same memory as 32-bit words, to read a reply
  let bytes = null;     // in node, the same memory as a Buffer, to decode answers
  let inputRoom = null; // heap from the input's offset to the end of the buffer

  function refreshViews() {
    heap = module.HEAPU8;
    words = new Uint32Array(heap.buffer);
    bytes = NodeBuffer ? NodeBuffer.from(heap.buffer) : null;
    inputRoom = scratch ? heap.subarray(scratch + inputAt, scratch + capacity) : null;
  }

  // Makes room for `needed` bytes, keeping the first `kept` (arguments already written). A new block
  // rather than realloc: only malloc and free are exported.
  function reserve(needed, kept) {
    if (needed <= capacity) return;
    const grown = Math.max(needed, capacity * 2, FIRST_CAPACITY);
    const pointer = module._malloc(grown);
    if (!pointer) throw new Error('vgen core: out of memory');
    // malloc may have grown the memory, which replaces module.HEAPU8: read it only now.
    if (kept > 0) module.HEAPU8.copyWithin(pointer, scratch, scratch + kept);
    if (scratch) module._free(scratch);
    scratch = pointer;
    capacity = grown;
    refreshViews();
  }

  // Writes a string or byte array at `offset` of the buffer, NUL-terminated; returns its byte length.
  // `room` is the buffer from `offset` on, when the caller keeps that view.
  function put(value, offset, room) {
    if (typeof value !== 'string') {
      reserve(offset + value.length + 1, offset);
      heap.set(value, scratch + offset);
      heap[scratch + offset + value.length] = 0;
      return value.length;
    }
    // Encode into the room there is; when the string does not fit (or leaves no byte for the NUL),
    // grow to its exact UTF-8 length and encode it again. lengthBytesUTF8 reads the string once
    // more, but only when the buffer grows, which the 3-bytes-per-UTF-16-unit bound would do far
    // more often and far larger (a 10 MB ASCII prompt would reserve 30 MB).
    let { read, written } = encoder.encodeInto(value, room ?? heap.subarray(scratch + offset, scratch + capacity));
    if (read < value.length || offset + written >= capacity) {
      reserve(offset + module.lengthBytesUTF8(value) + 1, offset);
      ({ written } = encoder.encodeInto(value, heap.subarray(scratch + offset, scratch + capacity)));
    }
    heap[scratch + offset + written] = 0;
    return written;
  }

  // Writes the names (at most two: a dialect, or from and to, or dialect and model) at the start of
  // the buffer unless they are there already. Strings compare by value, so the check is cheap for
  // the same dialect call after call.
  function placeNames(count, first, second) {
    if (count === nameCount && first === firstName && second === secondName) return;
    const firstLength = count > 0 ? put(first, 0) : -1;
    secondAt = firstLength + 1;
    const secondLength = count > 1 ? put(second, secondAt) : -1;
    nameCount = count;
    firstName = first;
    secondName = second;
    inputAt = secondAt + secondLength + 1;
    inputRoom = heap.subarray(scratch + inputAt, scratch + capacity);
  }

  // Reads a reply of the C ABI (vg_reply: output, output length, notes, notes length, exit code).
  function answer(replyPointer) {
    if (module.HEAPU8 !== heap) refreshViews();  // the call may have grown memory
    const at = replyPointer >>> 2;
    return { exitCode: words[at + 4] | 0, output: text(words[at], words[at + 1]), notes: text(words[at + 2], words[at + 3]) };
  }

  function text(pointer, length) {
    if (length === 0) return '';
    return bytes ? bytes.toString('utf8', pointer, pointer + length) : decoder.decode(heap.subarray(pointer, pointer + length));
  }

  // Writes the arguments and makes sure the views are current; returns the input's byte length.
  function prepare(input, count, first, second) {
    reserve(1, 0);
    if (module.HEAPU8 !== heap) refreshViews();
    placeNames(count, first, second);
    return put(input ?? '', inputAt, inputRoom);
  }

  // The C functions take the input (pointer, length) first, then the names, then numbers. Pointers
  // are taken once every argument is written: writing one may move the buffer.
  const withInput = (fn, input, first, second) => {
    const length = prepare(input, 2, first, second);
    return answer(module[fn](scratch + inputAt, length, scratch, scratch + secondAt));
  };
  const namesOnly = (fn, first, second) => {
    prepare('', 2, first, second);
    return answer(module[fn](scratch, scratch + secondAt));
  };

  return {
    catalog: (asJson = false) => answer(module._vg_catalog_reply(asJson ? 1 : 0)),
    limits: (asJson = false) => answer(module._vg_limits_reply(asJson ? 1 : 0)),
    codes: (asJson = false) => answer(module._vg_codes_reply(asJson ? 1 : 0)),
    dialectFacts: () => answer(module._vg_dialect_facts_reply()),
    // The call the benchmark times: nothing is allocated in WASM memory, nothing freed, the
    // dialect written only when it changes.
    validate: (text, { dialect = '', json = false } = {}) => {
      const length = prepare(text, 1, dialect, undefined);
      return answer(module._vg_validate_reply(scratch + inputAt, length, scratch, json ? 1 : 0));
    },
    parse: (text, { dialect = '' } = {}) => {
      const length = prepare(text, 1, dialect, undefined);
      return answer(module._vg_parse_reply(scratch + inputAt, length, scratch));
    },
    build: (text, { from = '', to }) => withInput('_vg_build_reply', text, from, to ?? ''),
    convert: (text, { from = '', to }) => withInput('_vg_convert_reply', text, from, to ?? ''),
    schema: (dialect, model) => namesOnly('_vg_schema_reply', dialect ?? '', model ?? ''),
    memoryBytes: () => module.HEAPU8.length,  // the module's linear memory (it only grows)
  };
}
