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
//   moduleUrl   URL of the Emscripten glue vgen_core.js (default: build/wasm/ of this checkout);
//               the .wasm is looked up next to it.
//   wasmBinary  the .wasm bytes (default: read from disk in node, fetched next to moduleUrl in
//               browsers). Node 20 cannot fetch() a file path, hence the disk read.
//   factory     an already loaded createVgenCore (default: the global one in a browser page that
//               included vgen_core.js with a <script>, else loaded from moduleUrl).

const DEFAULT_MODULE_URL = new URL('../build/wasm/vgen_core.js', import.meta.url);
const isNode = typeof process === 'object' && Boolean(process.versions?.node);

async function loadFactoryInNode(moduleUrl) {
  const { createRequire } = await import('node:module');
  const { fileURLToPath } = await import('node:url');
  // The glue is a CommonJS/UMD script (-sMODULARIZE=1 without EXPORT_ES6): require it.
  return createRequire(import.meta.url)(fileURLToPath(moduleUrl));
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

  // Copies a string or byte array into WASM memory; returns [pointer, byte length]. The buffer is
  // NUL-terminated so C strings (dialect and model names) can use it too.
  function put(value) {
    const bytes = typeof value === 'string' ? encoder.encode(value) : value;
    const pointer = module._malloc(bytes.length + 1);
    if (!pointer) throw new Error('vgen core: out of memory');
    module.HEAPU8.set(bytes, pointer);
    module.HEAPU8[pointer + bytes.length] = 0;
    return [pointer, bytes.length];
  }

  // Runs one C ABI function: `args` are strings/bytes (passed as pointer, or pointer + length when
  // marked withLength), numbers are passed unchanged; frees everything it allocated.
  function call(name, args) {
    const allocated = [];
    const exitCodePointer = module._malloc(8);  // int exit code, then char* notes
    allocated.push(exitCodePointer);
    try {
      const cArgs = [];
      for (const arg of args) {
        if (typeof arg === 'number') {
          cArgs.push(arg);
          continue;
        }
        const [pointer, length] = put(arg?.withLength ?? arg ?? '');
        allocated.push(pointer);
        cArgs.push(pointer);
        if (arg?.withLength !== undefined) cArgs.push(length);
      }
      const outputPointer = module[`_${name}`](...cArgs, exitCodePointer, exitCodePointer + 4);
      const notesPointer = module.getValue(exitCodePointer + 4, 'i32') >>> 0;
      const exitCode = module.getValue(exitCodePointer, 'i32');
      const output = take(outputPointer);
      const notes = take(notesPointer);
      if (outputPointer === 0) return { exitCode: 2, output: '', notes: 'vgen core: out of memory\n' };
      return { exitCode, output, notes };
    } finally {
      for (const pointer of allocated) module._free(pointer);
    }
  }

  function take(pointer) {
    if (!pointer) return '';
    const text = module.UTF8ToString(pointer);
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
