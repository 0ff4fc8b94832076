// The site's fonts are cut into the slices of wasm/app/ui/font_slices.txt (cmake/playground.cmake):
// each file holds every character of its slice's ranges that its source font has (nothing the page
// draws is lost) and nothing outside them (a slice carries no glyph another slice serves), and no
// character is in two slices (the app fetches one slice per character). Character maps are read
// with Debian's fonttools (python3-fonttools), which set-up installs for the cut itself: one Python
// run reads them all.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { repoRoot, wasmDir } from './helpers.mjs';

// [{name, sources: [...], ranges: [[first, last], ...]}], in the table's order.
const SLICES = readFileSync(join(repoRoot, 'wasm/app/ui/font_slices.txt'), 'utf8').split('\n')
  .filter((line) => line.trim() && !line.startsWith('#'))
  .map((line) => {
    const [name, ...fields] = line.trim().split(/\s+/);
    const isRange = (field) => /^[0-9A-F]+(-[0-9A-F]+)?$/.test(field);
    return {
      name,
      sources: fields.filter((f) => !isRange(f)),
      ranges: fields.filter(isRange).map((f) => f.split('-').map((h) => parseInt(h, 16))).map(([a, b]) => [a, b ?? a]),
    };
  });
const inRanges = (ranges, code) => ranges.some(([first, last]) => code >= first && code <= last);
// C0 and C1 controls: never drawn, and pyftsubset drops them.
const isControl = (code) => code < 0x20 || (code >= 0x7F && code <= 0x9F);
const hex = (list) => list.slice(0, 10).map((c) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');

// The build's settings (its CMake cache): each source's font file, and the face of a collection.
const CACHE = readFileSync(join(wasmDir, 'CMakeCache.txt'), 'utf8');
function setting(name) {
  const match = CACHE.match(new RegExp(`^${name}:[A-Z]+=(.*)$`, 'm'));
  assert.ok(match, `${name} is not in ${wasmDir}/CMakeCache.txt`);
  return match[1];
}
const SOURCE_SETTINGS = { ui: 'VG_UI_FONT', mono: 'VG_MONO_FONT', cjk: 'VG_CJK_FONT', emoji: 'VG_EMOJI_FONT' };

// The code points each font maps to glyphs: {path: Set}. A path "file#N" is face N of a collection.
const CMAPS_PY = `
import json, sys
from fontTools.ttLib import TTFont
out = {}
for spec in sys.argv[1:]:
    path, _, face = spec.partition('#')
    font = TTFont(path, fontNumber=int(face) if face else -1, lazy=True)
    out[spec] = sorted(font.getBestCmap() or {})
print(json.dumps(out))
`;
function characterMaps(specs) {
  // Debian's python3 (the fonttools package's), whatever python3 comes first on the PATH.
  const run = spawnSync('/usr/bin/python3', ['-c', CMAPS_PY, ...specs], { encoding: 'utf8', maxBuffer: 1 << 30 });
  assert.equal(run.status, 0, `reading the fonts' character maps: ${run.error || run.stderr}`);
  return new Map(Object.entries(JSON.parse(run.stdout)).map(([spec, codes]) => [spec, new Set(codes)]));
}

const sourceSpec = (source) => {
  const path = setting(SOURCE_SETTINGS[source]);
  return path.endsWith('.ttc') ? `${path}#${setting('VG_CJK_FONT_NUMBER')}` : path;
};
const cutPath = (slice, source) => join(wasmDir, 'site', 'fonts',
  `${source}-${slice.name}.${setting(SOURCE_SETTINGS[source]).match(/\.(ttc|otf)$/) ? 'otf' : 'ttf'}`);
const CUTS = SLICES.flatMap((slice) => slice.sources.map((source) => ({ slice, source, path: cutPath(slice, source) })));
const MAPS = characterMaps([...new Set([...Object.keys(SOURCE_SETTINGS).map(sourceSpec),
  ...CUTS.map((cut) => cut.path).filter(existsSync)])]);

test('font_slices.txt: the Latin slice first, known sources, no character in two slices', () => {
  assert.equal(SLICES[0].name, 'latin');
  assert.ok(inRanges(SLICES[0].ranges, 0xE9) && inRanges(SLICES[0].ranges, 0x2014), 'é and an em dash, which prompts and notes use');
  for (const slice of SLICES) {
    assert.ok(slice.sources.length > 0 && slice.ranges.length > 0, `slice ${slice.name} lacks sources or ranges`);
    for (const source of slice.sources) assert.ok(SOURCE_SETTINGS[source], `slice ${slice.name}: unknown source ${source}`);
  }
  const owner = new Map();
  for (const slice of SLICES) {
    for (const [first, last] of slice.ranges) {
      for (let code = first; code <= last; code++) {
        assert.ok(!owner.has(code), `${hex([code])} is in slices ${owner.get(code)} and ${slice.name}`);
        owner.set(code, slice.name);
      }
    }
  }
});

test('the page preloads exactly the first slice\'s files (web/index.html)', () => {
  const html = readFileSync(join(repoRoot, 'web/index.html'), 'utf8');
  const preloaded = [...html.matchAll(/<link rel="preload" href="(fonts\/[^"]+)"/g)].map((m) => m[1]).sort();
  const first = CUTS.filter((cut) => cut.slice === SLICES[0]).map((cut) => `fonts/${cut.path.split('/').pop()}`).sort();
  assert.deepEqual(preloaded, first);
});

for (const { slice, source, path } of CUTS) {
  test(`site/fonts/${path.split('/').pop()} holds exactly ${source}'s characters of slice ${slice.name}`, () => {
    assert.ok(existsSync(path), `${path} was not built`);
    const cut = MAPS.get(path);
    const lost = [...MAPS.get(sourceSpec(source))].filter((c) => inRanges(slice.ranges, c) && !isControl(c) && !cut.has(c));
    const extra = [...cut].filter((c) => !inRanges(slice.ranges, c));
    assert.deepEqual(lost, [], `the cut lost ${lost.length} characters of the slice: ${hex(lost)}`);
    assert.deepEqual(extra, [], `the cut keeps ${extra.length} characters outside the slice: ${hex(extra)}`);
    assert.ok(cut.size > 0, 'the slice holds no character');
  });
}
