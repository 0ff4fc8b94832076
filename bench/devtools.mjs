// Where a page's main thread spends its time, from Chrome DevTools Protocol recordings, for the
// playground's benchmarks (first_frame.mjs, interaction.mjs): a CPU profile (Profiler domain) by
// function, WebAssembly functions named from the link's symbol map, and a Chromium trace
// (browser.startTracing) of the page's main thread by event, native work and waits included.
import { existsSync, readFileSync } from 'node:fs';

const ms = (value) => value.toFixed(1);

// WebAssembly function index -> name, from the link's --emit-symbol-map ("index:name" lines; the
// playground's is build/wasm/playground.symbols). Names are escaped as in the name section ("\20"
// a space, "\28" a parenthesis); long ones are cut. The playground's module comes in two parts
// (scripts/split_playground.mjs): the second part's names, from the .deferred.symbols file beside
// `file`, are keyed "deferred:<index>".
export function wasmNames(file) {
  const names = new Map();
  const read = (symbols, prefix) => {
    if (!existsSync(symbols)) return;
    for (const line of readFileSync(symbols, 'utf8').split('\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(colon + 1).replace(/\\([0-9a-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
      names.set(`${prefix}${Number(line.slice(0, colon))}`, name.length > 140 ? `${name.slice(0, 137)}...` : name);
    }
  };
  read(file, '');
  read(file.replace(/\.symbols$/, '.deferred.symbols'), 'deferred:');
  return names;
}

// A profile frame's WebAssembly function by name (`names`: wasmNames()), or null for JavaScript.
function wasmFrameName(frame, names) {
  const wasm = frame.functionName.match(/^\$?func(\d+)$|wasm-function\[(\d+)\]/);
  if (!wasm) return null;
  const part = /\.deferred\.wasm$/.test(frame.url || '') ? 'deferred:' : '';
  return names.get(`${part}${Number(wasm[1] || wasm[2])}`) || frame.functionName;
}

// A sampling profile on `cdp` (a page's CDP session) from now until the returned stop() resolves
// with the profile; 200 µs between samples.
export async function startProfile(cdp) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.send('Profiler.disable');
    return profile;
  };
}

// Prints the functions with the most self time, and with the most inclusive time (the function
// or anything it called: a function on the stack twice counts once), `top` of each; "(idle)" is
// left out, "(program)" is the renderer's native work (outside JS and WebAssembly), "(garbage
// collector)" V8's. `names`: wasmNames().
export function printProfile(profile, what, names, top = 20) {
  const nameOf = (frame) => {
    const wasm = wasmFrameName(frame, names);
    if (wasm) return wasm;
    const where = frame.url ? ` ${frame.url.split('/').pop()}:${frame.lineNumber + 1}` : '';
    return `${frame.functionName || '(anonymous)'}${where}`;
  };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children || []) parent.set(child, node.id);
  const self = new Map();
  const inclusive = new Map();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (node.callFrame.functionName === '(idle)') continue;
    total += dt;
    const name = nameOf(node.callFrame);
    self.set(name, (self.get(name) || 0) + dt);
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const up = nameOf(byId.get(id).callFrame);
      if (seen.has(up) || up === '(root)') continue;
      seen.add(up);
      inclusive.set(up, (inclusive.get(up) || 0) + dt);
    }
  }
  const list = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([name, time]) => `#   ${ms(time).padStart(8)} ms ${((time / total) * 100).toFixed(1).padStart(5)}%  ${name}`).join('\n');
  console.log(`# profile: ${what}: ${ms(total)} ms sampled on the main thread, idle left out; self time:\n${list(self)}`);
  console.log(`# profile: ${what}: inclusive time:\n${list(inclusive)}`);
}

// The categories a trace records: the main thread's tasks and what Blink, the compositor, V8 and
// the GPU command buffer do in them.
export const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'gpu',
  'v8', 'viz', 'benchmark', 'renderer.scheduler'];

// Prints, for the page's main thread in a trace (`buffer`: what browser.stopTracing gives; the
// thread is the CrRendererMain that ran the most animation frames), the total of its top-level
// tasks and every event name's self time (its time minus its children's), wall and CPU (thread
// time), the `top` largest by wall time.
export function printTrace(buffer, what, file, top = 25) {
  const events = JSON.parse(buffer).traceEvents;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`));
  const frames = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (mains.has(key) && e.name === 'FireAnimationFrame') frames.set(key, (frames.get(key) || 0) + 1);
  }
  if (!frames.size) {
    console.log(`# trace: ${what}: no animation frame in the trace`);
    return;
  }
  const main = [...frames].sort((a, b) => b[1] - a[1])[0][0];
  // Complete events of that thread, begin/end pairs made complete, in order of start (outer first).
  const spans = [];
  const open = [];
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== main) continue;
    if (e.ph === 'X' && e.dur !== undefined) spans.push({ name: e.name, ts: e.ts, dur: e.dur, tdur: e.tdur ?? 0 });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E' && open.length) {
      const b = open.pop();
      spans.push({ name: b.name, ts: b.ts, dur: e.ts - b.ts, tdur: (e.tts ?? 0) - (b.tts ?? 0) });
    }
  }
  spans.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const stack = [];
  let tasks = 0;
  let taskCpu = 0;
  const close = (span) => {
    const entry = self.get(span.name) || { wall: 0, cpu: 0, count: 0 };
    entry.wall += span.dur - span.childWall;
    entry.cpu += span.tdur - span.childCpu;
    entry.count++;
    self.set(span.name, entry);
  };
  for (const span of spans) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= span.ts) close(stack.pop());
    span.childWall = 0;
    span.childCpu = 0;
    if (stack.length) {
      stack[stack.length - 1].childWall += span.dur;
      stack[stack.length - 1].childCpu += span.tdur;
    } else {
      tasks += span.dur;
      taskCpu += span.tdur;
    }
    stack.push(span);
  }
  while (stack.length) close(stack.pop());
  console.log(`# trace: ${what}: the page's main thread ran ${ms(tasks / 1000)} ms of top-level tasks, ${ms(taskCpu / 1000)} ms ` +
    `of them on the CPU (${file}); self time by event, wall (CPU), count:`);
  for (const [name, t] of [...self].sort((a, b) => b[1].wall - a[1].wall).slice(0, top)) {
    console.log(`#   ${ms(t.wall / 1000).padStart(8)} ms (${ms(t.cpu / 1000).padStart(7)})  ${String(t.count).padStart(5)}x  ${name}`);
  }
}

// Prints every frame over `overMs` in a profile and what it spent its time in: a frame is a run of
// consecutive samples with `frameFunction` (the app's frame function: the playground's
// vg_web_frame) on the stack; for each slow one, its length and the functions with the most
// inclusive time inside it (the frame function's own callers left out), `top` of them. Samples come
// every 200 µs while the thread runs; one sample that stands for many milliseconds (its "longest")
// is time the thread did not run at all (the system gave the core to another process), charged to
// wherever it stopped, not work of that function.
export function printSlowFrames(profile, names, { frameFunction = 'vg_web_frame', overMs = 16, top = 12 } = {}) {
  const nameOf = (frame) => wasmFrameName(frame, names) || frame.functionName || '(anonymous)';
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children || []) parent.set(child, node.id);
  // The stack of a sample below the frame function (innermost first), or null outside a frame.
  const inFrame = (id) => {
    const stack = [];
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const name = nameOf(byId.get(at).callFrame);
      if (name === frameFunction) return stack;
      stack.push(name);
    }
    return null;
  };
  const frames = [];
  let current = null;
  for (let i = 0; i < profile.samples.length; i++) {
    const stack = inFrame(profile.samples[i]);
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (!stack) {
      current = null;
      continue;
    }
    if (!current) frames.push(current = { ms: 0, samples: 0, gap: 0, inclusive: new Map() });
    current.ms += dt;
    current.samples++;
    current.gap = Math.max(current.gap, dt);
    for (const name of new Set(stack)) current.inclusive.set(name, (current.inclusive.get(name) || 0) + dt);
  }
  const slow = frames.filter((frame) => frame.ms > overMs);
  console.log(`# profile: ${frames.length} frames sampled, ${slow.length} over ${overMs} ms` + (slow.length ? '; inside each:' : ''));
  for (const frame of slow) {
    const parts = [...frame.inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)
      .map(([name, time]) => `#     ${ms(time).padStart(6)} ms  ${name}`);
    console.log(`#   a frame of ${ms(frame.ms)} ms, ${frame.samples} samples, the longest ${ms(frame.gap)} ms:\n${parts.join('\n')}`);
  }
}
