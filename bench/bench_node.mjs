// Benchmark, node side: times the headless WASM module and Ajv on the corpus, joins the native
// figures from bench_native, prints the table and writes results.json.
//   node bench/bench_node.mjs BENCH_DIR WASM_DIR [MIN_SECONDS=1] [REPETITIONS=5]
// BENCH_DIR holds corpus.jsonl, schemas/ (vg_bench_corpus) and native.json (vg_bench_native);
// WASM_DIR holds vgen_core.{js,wasm}. Every runtime gets the same payload strings and the same
// timing loop as bench_native.cpp: whole passes over the corpus until MIN_SECONDS have passed,
// REPETITIONS times, median payloads/s.
//
//   wasm  core.validate(payload, {dialect, json: true}) through web/vgen_core.mjs: the same call as
//         native vg::apiValidate(payload, dialect, true), UTF-8 copy in and JSON report out included
//   ajv   JSON.parse(payload), then the Ajv 2020-12 validator compiled once per schema (the body's
//         schema: for the gateway that is the envelope's body). "ajv" uses Ajv's defaults (stops at
//         the first error); "ajv allErrors" collects every error, as the core does.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { loadVgenCore } from '../web/vgen_core.mjs';

const [benchDir, wasmDir, minSecondsArg = '1', repetitionsArg = '5'] = process.argv.slice(2);
if (!benchDir || !wasmDir) {
  console.error('usage: node bench/bench_node.mjs BENCH_DIR WASM_DIR [MIN_SECONDS=1] [REPETITIONS=5]');
  process.exit(2);
}
const minSeconds = Number(minSecondsArg);
const repetitions = Number(repetitionsArg);
const shownDisagreements = 5;

const corpus = readFileSync(join(benchDir, 'corpus.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));
const native = JSON.parse(readFileSync(join(benchDir, 'native.json'), 'utf8'));
if (native.payloads !== corpus.length) {
  throw new Error(`native.json has ${native.payloads} payloads, corpus.jsonl ${corpus.length}: rerun bench/run.sh`);
}

// Same loop as bench_native.cpp: passes over the corpus until minSeconds, median of the repetitions.
function measure(runtime, pass) {
  pass();  // warm-up: JIT, lazy catalog load, Ajv's first calls
  const runs = [];
  for (let repetition = 0; repetition < repetitions; ++repetition) {
    const start = performance.now();
    let passes = 0;
    let seconds;
    do {
      pass();
      ++passes;
      seconds = (performance.now() - start) / 1000;
    } while (seconds < minSeconds);
    runs.push({ passes, seconds, payloadsPerSecond: (passes * corpus.length) / seconds });
  }
  const rates = runs.map((run) => run.payloadsPerSecond).sort((a, b) => a - b);
  return { runtime, repetitions: runs, medianPayloadsPerSecond: rates[Math.floor(rates.length / 2)] };
}

// ---- WASM -----------------------------------------------------------------------------------
const core = await loadVgenCore({ moduleUrl: pathToFileURL(join(resolve(wasmDir), 'vgen_core.js')) });
const validateInWasm = (entry) => core.validate(entry.payload, { dialect: entry.dialect, json: true });
const wasmVerdicts = corpus.map(validateInWasm);
const wasm = measure('wasm (node)', () => {
  for (const entry of corpus) validateInWasm(entry);
});

// ---- Ajv ------------------------------------------------------------------------------------
function ajvValidators(options) {
  const ajv = addFormats(new Ajv2020(options));
  const bySchema = new Map();
  return corpus.map((entry) => {
    if (!bySchema.has(entry.schema)) {
      bySchema.set(entry.schema, ajv.compile(JSON.parse(readFileSync(join(benchDir, entry.schema), 'utf8'))));
    }
    return bySchema.get(entry.schema);
  });
}
// The schemas describe the body; a gateway payload is the {method, path, headers, body} envelope.
const bodyOf = (entry, parsed) => (entry.dialect === 'gateway' ? parsed.body : parsed);
function ajvRun(validators) {
  return () => {
    for (let i = 0; i < corpus.length; ++i) validators[i](bodyOf(corpus[i], JSON.parse(corpus[i].payload)));
  };
}
const firstErrorValidators = ajvValidators({});
const allErrorsValidators = ajvValidators({ allErrors: true });
const ajvVerdicts = corpus.map((entry, i) => {
  const validate = firstErrorValidators[i];
  const valid = validate(bodyOf(entry, JSON.parse(entry.payload)));
  return { valid, error: valid ? null : validate.errors[0] };
});
const ajv = measure('ajv', ajvRun(firstErrorValidators));
const ajvAllErrors = measure('ajv allErrors', ajvRun(allErrorsValidators));

// ---- Agreement --------------------------------------------------------------------------------
// The core's verdict is its exit code (0 valid, 1 invalid); native and wasm must match exactly.
// Ajv can differ where a rule is not expressible in a schema (listed in each schema's description).
const firstErrorCode = (verdict) => {
  const report = JSON.parse(verdict.output);
  return report.diagnostics?.find((d) => d.severity === 'error') ?? null;
};
const nativeWasmDiffer = corpus.filter((_, i) => native.exitCodes[i] !== wasmVerdicts[i].exitCode).length;
const coreAjvDiffer = [];
corpus.forEach((entry, i) => {
  const coreValid = native.exitCodes[i] === 0;
  if (coreValid === ajvVerdicts[i].valid) return;
  const diagnostic = firstErrorCode(wasmVerdicts[i]);
  const ajvError = ajvVerdicts[i].error;
  coreAjvDiffer.push({
    line: i + 1,
    dialect: entry.dialect,
    model: entry.model,
    mutated: entry.mutated,
    core: coreValid ? 'valid' : `invalid (${diagnostic?.code} at ${diagnostic?.path})`,
    ajv: ajvVerdicts[i].valid ? 'valid' : `invalid (${ajvError.instancePath || '/'} ${ajvError.message})`,
  });
});
const mutated = corpus.filter((entry) => entry.mutated);
const rejected = (isValid) => corpus.filter((entry, i) => entry.mutated && !isValid(i)).length;

// ---- Report -----------------------------------------------------------------------------------
const rows = [{ ...native, runtime: 'native' }, wasm, ajv, ajvAllErrors];
const baseline = ajv.medianPayloadsPerSecond;
const table = rows.map((row) => ({
  runtime: row.runtime,
  medianPayloadsPerSecond: Math.round(row.medianPayloadsPerSecond),
  ratioVsAjv: Number((row.medianPayloadsPerSecond / baseline).toFixed(2)),
}));

const dialects = [...new Set(corpus.map((entry) => entry.dialect))];
const models = new Set(corpus.map((entry) => entry.model));
console.log(`corpus: ${corpus.length} payloads (${mutated.length} deliberately invalid), ` +
            `${models.size} models, ${dialects.length} dialects (${dialects.join(', ')}), ` +
            `${new Set(corpus.map((entry) => entry.schema)).size} schemas`);
const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', node: process.version };
console.log(`machine: ${machine.cpus} cores (${machine.cpuModel}), node ${machine.node}`);
console.log(`timing: passes over the corpus for >= ${minSeconds} s, median of ${repetitions} repetitions\n`);
console.log(`${'runtime'.padEnd(16)}${'payloads/s'.padStart(12)}${'vs ajv'.padStart(10)}`);
for (const row of table) {
  console.log(`${row.runtime.padEnd(16)}${String(row.medianPayloadsPerSecond).padStart(12)}` +
              `${(row.ratioVsAjv.toFixed(2) + 'x').padStart(10)}`);
}
console.log(`\nnative vs wasm verdicts differ: ${nativeWasmDiffer} of ${corpus.length}`);
console.log(`core vs ajv validity differs: ${coreAjvDiffer.length} of ${corpus.length}`);
for (const difference of coreAjvDiffer.slice(0, shownDisagreements)) {
  console.log(`  line ${difference.line} ${difference.dialect} ${difference.model}` +
              `${difference.mutated ? ` (mutated ${difference.mutated})` : ''}: core ${difference.core}, ajv ${difference.ajv}`);
}
console.log(`deliberately invalid rejected: core ${rejected((i) => native.exitCodes[i] === 0)} of ${mutated.length}, ` +
            `ajv ${rejected((i) => ajvVerdicts[i].valid)} of ${mutated.length}`);

const results = {
  machine,
  corpus: { payloads: corpus.length, deliberatelyInvalid: mutated.length, models: models.size, dialects },
  minSeconds,
  repetitions,
  table,
  runs: rows.map(({ runtime, repetitions: runs }) => ({ runtime, repetitions: runs })),
  agreement: { nativeWasmDiffer, coreAjvDiffer: coreAjvDiffer.length, coreAjvDifferences: coreAjvDiffer },
};
writeFileSync(join(benchDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`\nwritten: ${join(benchDir, 'results.json')}`);
