// The site's fonts are cut to wasm/app/ui/font_ranges.txt (cmake/playground.cmake): every character
// of those ranges that the source font has is still in the cut font (the atlas the app bakes loses
// nothing), and nothing outside them is (the file carries no glyph the app never draws). Character
// maps are read with Debian's fonttools (`ttx`), which set-up installs for the cut itself.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { repoRoot, wasmDir } from './helpers.mjs';

const RANGES = readFileSync(join(repoRoot, 'wasm/app/ui/font_ranges.txt'), 'utf8').split('\n')
  .map((line) => line.match(/^([0-9A-Fa-f]+)-([0-9A-Fa-f]+)/)).filter(Boolean)
  .map((m) => [parseInt(m[1], 16), parseInt(m[2], 16)]);
const inRanges = (code) => RANGES.some(([first, last]) => code >= first && code <= last);
// C0 and C1 controls (U+0080-009F sit in the Latin-1 range): never drawn, and pyftsubset drops them.
const isControl = (code) => code < 0x20 || (code >= 0x7F && code <= 0x9F);

// The code points a TrueType font maps to glyphs.
function characters(font) {
  const run = spawnSync('ttx', ['-q', '-t', 'cmap', '-o', '-', font], { encoding: 'utf8', maxBuffer: 256 << 20 });
  assert.equal(run.status, 0, `ttx ${font}: ${run.error || run.stderr}`);
  return new Set([...run.stdout.matchAll(/<map code="0x([0-9a-f]+)"/g)].map((m) => parseInt(m[1], 16)));
}

// The source fonts are the build's settings (VG_UI_FONT, VG_MONO_FONT in its CMake cache).
function sourceFont(name) {
  const cache = readFileSync(join(wasmDir, 'CMakeCache.txt'), 'utf8');
  const match = cache.match(new RegExp(`^${name}:FILEPATH=(.*)$`, 'm'));
  assert.ok(match, `${name} is not in ${wasmDir}/CMakeCache.txt`);
  return match[1];
}

for (const [file, setting] of [['ui.ttf', 'VG_UI_FONT'], ['mono.ttf', 'VG_MONO_FONT']]) {
  test(`site/fonts/${file} holds exactly the source font's characters in font_ranges.txt`, () => {
    assert.ok(RANGES.length > 0, 'font_ranges.txt lists no range');
    const source = characters(sourceFont(setting));
    const cut = characters(join(wasmDir, 'site', 'fonts', file));
    const lost = [...source].filter((c) => inRanges(c) && !isControl(c) && !cut.has(c));
    const extra = [...cut].filter((c) => !inRanges(c));
    const hex = (list) => list.slice(0, 10).map((c) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
    assert.deepEqual(lost, [], `the cut lost ${lost.length} characters the app draws: ${hex(lost)}`);
    assert.deepEqual(extra, [], `the cut keeps ${extra.length} characters outside the ranges: ${hex(extra)}`);
    assert.ok(cut.has(0x2014) && cut.has(0x2192), 'an em dash and an arrow, which catalog notes use');
  });
}
