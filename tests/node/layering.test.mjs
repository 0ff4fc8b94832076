// The layers stay apart: wasm/core (and wasm/creative, built on it) is portable C++ with no UI, no
// Emscripten and no I/O, so the CLI, the headless module, serve.py and the playground share it unchanged; the
// playground (wasm/app) and the CLI use the core only through its public headers.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

import { repoRoot } from './helpers.mjs';

function sourceFiles(folder) {
  const root = join(repoRoot, folder);
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true })
    .filter((name) => /\.(h|hpp|cpp|cc)$/.test(name))
    .map((name) => join(root, name));
}

// Comments may mention what the code must not do; only code counts.
function codeOf(file) {
  return readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
}

function includesOf(file) {
  return [...codeOf(file).matchAll(/^\s*#\s*include\s*[<"]([^>"]+)[>"]/gm)].map((match) => match[1]);
}

// <cstdio> stays allowed for snprintf (formatting, not I/O); the calls below catch its I/O.
const forbiddenCoreIncludes = /^(imgui|emscripten|GLFW|GLES|fstream|iostream|istream|ostream|filesystem)/i;
const forbiddenCoreCalls =
  /\b(std::cout|std::cerr|std::cin|ifstream|ofstream|fopen|fread|fwrite|fprintf|fputs|printf|puts|getenv|EM_ASM\w*|emscripten_\w+)\b/;

test('wasm/core and wasm/creative include no ImGui, Emscripten, GLFW or I/O headers', () => {
  const files = [...sourceFiles('wasm/core'), ...sourceFiles('wasm/creative')];
  assert.ok(files.length > 0, 'wasm/core has sources');
  for (const file of files) {
    for (const header of includesOf(file)) {
      assert.doesNotMatch(header, forbiddenCoreIncludes, `${relative(repoRoot, file)} includes <${header}>`);
    }
  }
});

test('wasm/core and wasm/creative do no I/O and call no Emscripten API', () => {
  for (const file of [...sourceFiles('wasm/core'), ...sourceFiles('wasm/creative')]) {
    const found = codeOf(file).match(forbiddenCoreCalls);
    assert.equal(found, null, `${relative(repoRoot, file)} uses ${found?.[0]}`);
  }
});

test('wasm/core does not reach into the layers above it', () => {
  const creativeHeaders = new Set(readdirSync(join(repoRoot, 'wasm/creative')).filter((name) => name.endsWith('.h')));
  for (const file of sourceFiles('wasm/core')) {
    for (const header of includesOf(file)) {
      assert.doesNotMatch(header, /(^|\/)(app|cli|c_abi|creative)\//, `${relative(repoRoot, file)} includes ${header}`);
      assert.ok(!creativeHeaders.has(header), `${relative(repoRoot, file)} includes ${header}, a creative helper`);
    }
  }
});

test('wasm/app and wasm/cli use only the core\'s public headers', (t) => {
  const coreHeaders = new Set(readdirSync(join(repoRoot, 'wasm/core'), { recursive: true }).filter((name) => name.endsWith('.h')));
  const files = [...sourceFiles('wasm/app'), ...sourceFiles('wasm/cli')];
  if (files.length === 0) {
    t.skip('wasm/app and wasm/cli have no sources yet');
    return;
  }
  for (const file of files) {
    for (const header of includesOf(file)) {
      const intoCore = header.match(/(?:^|\/)core\/(.+)$/);
      const name = intoCore ? intoCore[1] : header;
      if (!intoCore && !coreHeaders.has(name)) continue;  // not a core file
      assert.ok(coreHeaders.has(name), `${relative(repoRoot, file)} includes ${header}, which is not a core header`);
    }
  }
});
