// The release page's weight on a first visit, in headless Chromium against serve.py: every byte the
// network carried (headers and compressed bodies) from navigation until the playground drew its first
// interactive frame with its fonts, and each file sent in the build's brotli.
//
//   node tests/browser/page_weight.test.mjs
// Site: $VG_WASM_DIR/site, else build/wasm/site (the page scripts/run.sh serves; the test page's hooks
// would weigh more). Ends with `page_weight: N passed, M failed`; exit status 1 on any failure.
import { RELEASE_SITE, assert, firstVisit, suite } from './harness.mjs';

// The most a first visit may carry: 300 KB, the page's goal (a bare ImGui 1.92 page of this toolchain
// is 134 KB: node bench/first_frame.mjs). The module's first part is what gets it there: the second
// part (web/deferred_wasm.js) comes only when a person acts.
const BUDGET_KB = 300;
// What serve.py compresses (gateway/static_site.py COMPRESSIBLE) and a first visit loads.
const COMPRESSED = /(\/|\.html|\.js|\.css|\.wasm|\.ttf|\.otf)$/;

const weight = suite('page_weight', { site: RELEASE_SITE });

weight.check('a first visit carries at most the budget, every text and binary file in brotli', { start: null }, async ({ context, url }) => {
  const visit = await firstVisit(context, url);
  const kb = (bytes) => (bytes / 1024).toFixed(1);
  console.log(`# first visit: ${kb(visit.total)} KB in ${visit.files.length} responses: ` +
    visit.files.map((f) => `${f.path} ${kb(f.bytes)} KB${f.encoding ? ` ${f.encoding}` : ''}`).join(', '));
  const failed = visit.files.filter((f) => f.failed);
  assert(failed.length === 0, `requests failed: ${failed.map((f) => `${f.path} (${f.failed})`).join(', ')}`);
  for (const needed of ['/', '/playground.wasm', '/fonts/ui-latin.ttf', '/fonts/mono-latin.ttf']) {
    assert(visit.files.some((f) => f.path === needed), `the first visit did not load ${needed}`);
  }
  assert(!visit.files.some((f) => f.path === '/playground.deferred.wasm'),
    'the first visit loaded the module\'s second part: the first screen called a function the build did not see it call');
  const plain = visit.files.filter((f) => COMPRESSED.test(f.path) && f.encoding !== 'br');
  assert(plain.length === 0, `sent without brotli: ${plain.map((f) => `${f.path} (${f.encoding || 'identity'})`).join(', ')}`);
  assert(visit.total <= BUDGET_KB * 1024, `a first visit carries ${kb(visit.total)} KB; the budget is ${BUDGET_KB} KB`);
});

weight.run();
