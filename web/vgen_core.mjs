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

  // One buffer in WASM memory holds every call's arguments: the exit code and notes pointer the C
  // ABI writes (8 bytes at its start), then each string or byte array, NUL-terminated so C strings
  // (dialect and model names) can use it too. It is kept between calls and only grows, so a call
  // whose arguments fit (every validate of a request no larger than the largest so far) mallocs
  // nothing; strings are UTF-8 encoded straight into it (no intermediate array). Only one call runs
  // at a time (the core is synchronous and never calls back into JavaScript), so one buffer is enough.
  const OUT_PARAMETER_BYTES = 8;  // int exit code, then char* notes
  const FIRST_CAPACITY = 64 * 1024;  // bytes; a typical request is far smaller
  let scratch = 0;
  let capacity = 0;

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
  }

  // Writes a string or byte array at `offset` of the buffer, NUL-terminated; returns its byte length.
  function put(value, offset) {
    if (typeof value !== 'string') {
      reserve(offset + value.length + 1, offset);
      module.HEAPU8.set(value, scratch + offset);
      module.HEAPU8[scratch + offset + value.length] = 0;
      return value.length;
    }
    // Encode into the room there is; when the string does not fit (or leaves no byte for the NUL),
    // grow to its exact UTF-8 length and encode it again. lengthBytesUTF8 reads the string once
    // more, but only when the buffer grows, which the 3-bytes-per-UTF-16-unit bound would do far
    // more often and far larger (a 10 MB ASCII prompt would reserve 30 MB).
    let { read, written } = encoder.encodeInto(value, module.HEAPU8.subarray(scratch + offset, scratch + capacity));
    if (read < value.length || offset + written >= capacity) {
      reserve(offset + module.lengthBytesUTF8(value) + 1, offset);
      ({ written } = encoder.encodeInto(value, module.HEAPU8.subarray(scratch + offset, scratch + capacity)));
    }
    module.HEAPU8[scratch + offset + written] = 0;
    return written;
  }

  // Runs one C ABI function: `args` are strings/bytes (passed as pointer, or pointer + length when
  // marked withLength), numbers are passed unchanged. Pointers are taken once every argument is
  // written: writing one may move the buffer.
  function call(name, args) {
    reserve(OUT_PARAMETER_BYTES, 0);
    const placed = [];  // [offset, byte length, withLength] of each string or byte argument
    let offset = OUT_PARAMETER_BYTES;
    for (const arg of args) {
      if (typeof arg === 'number') continue;
      const length = put(arg?.withLength ?? arg ?? '', offset);
      placed.push([offset, length, arg?.withLength !== undefined]);
      offset += length + 1;
    }
    const cArgs = [];
    let next = 0;
    for (const arg of args) {
      if (typeof arg === 'number') {
        cArgs.push(arg);
        continue;
      }
      const [argOffset, length, withLength] = placed[next++];
      cArgs.push(scratch + argOffset);
      if (withLength) cArgs.push(length);
    }
    const exitCodePointer = scratch;
    const outputPointer = module[`_${name}`](...cArgs, exitCodePointer, exitCodePointer + 4);
    const notesPointer = module.getValue(exitCodePointer + 4, 'i32') >>> 0;
    const exitCode = module.getValue(exitCodePointer, 'i32');
    const output = take(outputPointer);
    const notes = take(notesPointer);
    if (outputPointer === 0) return { exitCode: 2, output: '', notes: 'vgen core: out of memory\n' };
    return { exitCode, output, notes };
  }

  // A NUL-terminated UTF-8 string the core returned, freed after reading. The NUL is found by the
  // typed array's own indexOf and the bytes decoded in one call (UTF8ToString walks to the NUL
  // byte by byte in JavaScript, a fifth of a small validate).
  function take(pointer) {
    if (!pointer) return '';
    const heap = module.HEAPU8;
    const end = heap.indexOf(0, pointer);
    const text = decoder.decode(heap.subarray(pointer, end < 0 ? heap.length : end));
    module._vg_free(pointer);
    return text;
  }

  const input = (text) => ({ withLength: text });
  return {
    catalog: (asJson = false) => call('vg_catalog', [asJson ? 1 : 0]),
    limits: (asJson = false) => call('vg_limits', [asJson ? 1 : 0]),
    codes: (asJson = false) => call('vg_codes', [asJson ? 1 : 0]),
    dialectFacts: () => call('vg_dialect_facts', []),
    validate: (text, { dialect = '', json = false } = {}) =>
      call('vg_validate', [input(text), dialect, json ? 1 : 0]),
    parse: (text, { dialect = '' } = {}) => call('vg_parse', [input(text), dialect]),
    build: (text, { from = '', to }) => call('vg_build', [input(text), from, to]),
    convert: (text, { from = '', to }) => call('vg_convert', [input(text), from, to]),
    schema: (dialect, model) => call('vg_schema', [dialect, model]),
    memoryBytes: () => module.HEAPU8.length,  // the module's linear memory (it only grows)
  };
}
