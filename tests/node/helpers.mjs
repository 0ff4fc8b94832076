// Shared by the node tests: where the builds are, the headless module, the native CLI, the cases.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { loadVgenCore } from '../../web/vgen_core.mjs';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
// scripts/test.sh exports these; the defaults are the README's build folders.
export const nativeDir = process.env.VG_NATIVE_DIR ?? join(repoRoot, 'build/native');
export const wasmDir = process.env.VG_WASM_DIR ?? join(repoRoot, 'build/wasm');
export const vgenPath = join(nativeDir, 'vgen');
export const dialects = ['aisdk', 'gateway', 'openai', 'unified', 'jobs', 'creative-hub'];

export async function loadBuiltCore() {
  const glue = join(wasmDir, 'vgen_core.js');
  if (!existsSync(glue)) throw new Error(`${glue} is missing: build it with bash scripts/build.sh wasm`);
  return loadVgenCore({ moduleUrl: pathToFileURL(glue) });
}

// Runs build/native/vgen with `input` (string or bytes) on stdin.
export function runCli(args, input = '') {
  if (!existsSync(vgenPath)) throw new Error(`${vgenPath} is missing: build it with bash scripts/build.sh native`);
  const run = spawnSync(vgenPath, args, { input, maxBuffer: 256 * 1024 * 1024, timeout: 60_000 });
  // A command that refuses its arguments (an unknown dialect) ends before it reads its input, as a
  // command line tool does: writing the rest then fails with EPIPE, which is no failure of vgen's.
  if (run.error && !(run.error.code === 'EPIPE' && run.status !== null)) throw run.error;
  return { exitCode: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

// tests/cases/*.json (the raw bytes: some are deliberately not UTF-8 or not JSON) plus the inputs
// too large to keep as files, generated here.
export function caseInputs() {
  const folder = join(repoRoot, 'tests/cases');
  const cases = readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ name, input: readFileSync(join(folder, name)), generated: false }));
  cases.push({ name: 'generated: 100,000 nested [', input: '['.repeat(100_000), generated: true });
  cases.push({ name: 'generated: 100,000 nested {"a":', input: '{"a":'.repeat(100_000), generated: true });
  cases.push({
    name: 'generated: 10 MB prompt string',
    input: JSON.stringify({ model: 'kling-2.6', prompt: 'x'.repeat(10 * 1024 * 1024) }),
    generated: true,
  });
  return cases;
}
