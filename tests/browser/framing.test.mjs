// The framing editor in headless Chromium, used as a person would: Veo 3.1 image-to-video with a wide
// picture (1280 x 400, left half red, right half blue) opened from a share link; in the Direct tab
// the Reels preset sets aspectRatio 9:16, the square feed preset is refused (Veo offers no 1:1), and
// pad / crop write providerOptions.vertex.resizeMode. After each step the request Generate would send
// (window.__vg.submit) must be byte-for-byte what `vgen build --to jobs --from aisdk` prints for the
// same request written by hand, and the shader preview's pixels must show bars (pad) or none (crop).
// Then Sora 2 Pro, whose frame is set by sizes (/resolution "720x1280"), not ratios.
//
//   VG_NATIVE_DIR=/work/main/build/native node tests/browser/framing.test.mjs
// Each check starts from its own page at a share link (VG_CHECK / VG_ORDER: harness.mjs, suite).
// Ends with `framing: N passed, M failed`; exit 1 on any failure. Screenshots: tests/artifacts/framing-*.png.
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

import {
  ARTIFACTS, alias, assert, clickControl, framesDrawn, inTab, itemIfShown, openTab, rectOf, reveal, status, suite, vgenBuild, waitFor, waitForItem,
} from './harness.mjs';
import { decodePng } from './png.mjs';

// ---- the input image ------------------------------------------------------------------------------
function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

// An 8-bit RGB PNG whose pixel (x, y) is colourAt(x, y) = [r, g, b].
function encodePng(width, height, colourAt) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(colourAt(x, y), y * (width * 3 + 1) + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;  // bit depth
  header[9] = 2;  // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

const IMAGE = 'data:image/png;base64,' +
  encodePng(1280, 400, (x) => (x < 640 ? [255, 0, 0] : [0, 0, 255])).toString('base64');
const PROMPT = 'The red and blue halves slide apart, slow push-in';
// The request the share link opens, in the AI SDK's shape (the canonical request's dialect).
const BASE = { model: 'google/veo-3.1-generate-001', prompt: { text: PROMPT, image: IMAGE } };


async function expectSubmit(page, request, what) {
  const expected = vgenBuild(request);
  try {
    await waitFor(page, (text) => (window.__vg.submit || '').trim() === text, expected, 5000);
  } catch {
    const actual = (await status(page)).submit || '';
    const cut = (text) => text.replace(/"data:image\/png;base64,[^"]*"/g, '"<the image>"');
    assert(false, `${what}: Generate would send\n${cut(actual)}\n  but vgen build gives\n${cut(expected)}`);
  }
}

// ---- driving the panel ----------------------------------------------------------------------------
const DIRECT = inTab('Direct');
alias({
  'framing:reels': `${DIRECT}/Framing/Instagram \\/ Facebook Reels  9:16`,
  'framing:feed': `${DIRECT}/Framing/Feed (square)  1:1`,
  'framing:in-stream': `${DIRECT}/Framing/In-stream \\/ YouTube  16:9`,
  'framing:pad': `${DIRECT}/Framing/Pad (bars)`,
  'framing:crop': `${DIRECT}/Framing/Crop (fill)`,
});
const click = clickControl;

// The preview's pixels at fractions of its width and height, as the screen shows them.
async function previewColours(page, points) {
  const rect = await reveal(page, 'framing:preview');
  const image = decodePng(await page.screenshot({ clip: rect }));
  return points.map(([fx, fy]) => {
    const x = Math.min(image.width - 1, Math.floor(fx * image.width));
    const y = Math.min(image.height - 1, Math.floor(fy * image.height));
    const o = (y * image.width + x) * image.channels;
    return [image.pixels[o], image.pixels[o + 1], image.pixels[o + 2]];
  });
}

const isRed = ([r, g, b]) => r > 200 && g < 60 && b < 60;
const isBlue = ([r, g, b]) => b > 200 && r < 60 && g < 60;
const isBlack = ([r, g, b]) => r < 30 && g < 30 && b < 30;
const show = (colours) => colours.map((c) => `rgb(${c.join(',')})`).join(' ');

// Points away from the Reels safe-area lines (x 0.06 / 0.94, y 0.14 / 0.65) and its label.
// In a 9:16 frame the 1280 x 400 picture padded is a band 17.6% of the height around the middle.
const ABOVE = [[0.25, 0.05], [0.75, 0.30]], MIDDLE = [[0.25, 0.5], [0.75, 0.5]], BELOW = [[0.5, 0.8]];

async function waitForPreview(page, predicate, what) {
  let colours = [];
  for (const deadline = Date.now() + 20000; Date.now() < deadline;) {
    colours = await previewColours(page, [...ABOVE, ...MIDDLE, ...BELOW]);
    if (predicate(colours)) return;
    await framesDrawn(page, 1);  // the next frame's picture
  }
  throw new Error(`${what}; the preview shows ${show(colours)} (above, above, middle left, middle right, below)`);
}

// ---- the checks -----------------------------------------------------------------------------------
// Each check opens its own page at the request it starts from (harness.mjs: suite).
const framing = suite('framing');

// The Direct tab with the framing editor shown.
async function openFraming(page) {
  await openTab(page, 'Direct');
  await waitForItem(page, 'framing:reels');
}

framing.check('the share link opens Veo 3.1 in image-to-video, and Direct shows the framing editor', { start: BASE }, async ({ page }) => {
  await waitFor(page, () => window.__vg.selected === 'google/veo-3.1' && window.__vg.mode === 'i2v');
  await openFraming(page);
  await expectSubmit(page, BASE, 'before any edit');
});

framing.check('the square feed preset is refused: Veo 3.1 offers 16:9 and 9:16 only', { start: BASE }, async ({ page }) => {
  await openFraming(page);
  await click(page, 'framing:feed');  // a disabled button: the frames after the click change nothing
  await expectSubmit(page, BASE, 'after clicking the disabled feed preset');
});

const reels = { ...BASE, aspectRatio: '9:16' };
framing.check('the Reels preset sets aspectRatio 9:16, as vgen builds it', { start: BASE }, async ({ page }) => {
  await openFraming(page);
  await click(page, 'framing:reels');
  await expectSubmit(page, reels, 'after Reels');
});

framing.check('pad (the default) shows the whole picture between black bars (screenshot)', { start: reels }, async ({ page }) => {
  await openFraming(page);
  await waitForPreview(page, (c) => c.slice(0, 2).every(isBlack) && isRed(c[2]) && isBlue(c[3]) && isBlack(c[4]),
    'expected black bars above and below a red | blue band');
  await page.screenshot({ path: path.join(ARTIFACTS, 'framing-pad.png') });
});

const crop = { ...reels, providerOptions: { vertex: { resizeMode: 'crop' } } };
framing.check('crop writes resizeMode crop, as vgen builds it', { start: reels }, async ({ page }) => {
  await openFraming(page);
  await click(page, 'framing:crop');
  await expectSubmit(page, crop, 'after Crop');
});

framing.check('crop fills the frame with the middle of the picture: no bars (screenshot)', { start: crop }, async ({ page }) => {
  await openFraming(page);
  await waitForPreview(page, (c) => isRed(c[0]) && isBlue(c[1]) && isRed(c[2]) && isBlue(c[3]) && !isBlack(c[4]),
    'expected red on the left and blue on the right from top to bottom');
  await page.screenshot({ path: path.join(ARTIFACTS, 'framing-crop.png') });
});

const pad = { ...reels, providerOptions: { vertex: { resizeMode: 'pad' } } };
framing.check('pad again writes resizeMode pad and brings the bars back', { start: crop }, async ({ page }) => {
  await openFraming(page);
  await click(page, 'framing:pad');
  await expectSubmit(page, pad, 'after Pad');
  await waitForPreview(page, (c) => isBlack(c[0]) && isRed(c[2]) && isBlue(c[3]), 'expected the bars back');
});

const youtube = { ...pad, aspectRatio: '16:9' };
framing.check('the in-stream / YouTube preset sets aspectRatio 16:9 and widens the frame', { start: pad }, async ({ page }) => {
  await openFraming(page);
  const tall = await reveal(page, 'framing:preview');
  const asked = Date.now();
  await click(page, 'framing:in-stream');
  await expectSubmit(page, youtube, 'after In-stream / YouTube');
  let wide = await rectOf(page, 'framing:preview');
  while (wide.width <= wide.height && Date.now() - asked < 15000) {
    await framesDrawn(page, 1);
    wide = await rectOf(page, 'framing:preview');
  }
  assert(tall.height > tall.width && wide.width > wide.height,
    `preview ${tall.width}x${tall.height} for 9:16 and ${wide.width}x${wide.height} for 16:9`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'framing-youtube.png') });
});

// A model that takes sizes rather than ratios: the presets write its /resolution, and it has no
// resizeMode, so no pad / crop is offered.
const sora = { model: 'openai/sora-2-pro', prompt: 'A lighthouse at dusk, slow aerial orbit' };
framing.check('Sora 2 Pro: the Reels preset writes the size 720x1280, YouTube 1280x720, as vgen builds them', { start: sora }, async ({ page }) => {
  await waitFor(page, () => window.__vg.selected === 'openai/sora-2-pro');
  await openFraming(page);
  await click(page, 'framing:feed');  // no square size: refused (the frames after the click change nothing)
  await expectSubmit(page, sora, 'after clicking the disabled feed preset');
  await click(page, 'framing:reels');
  await expectSubmit(page, { ...sora, resolution: '720x1280' }, 'after Reels');
  await click(page, 'framing:in-stream');
  await expectSubmit(page, { ...sora, resolution: '1280x720' }, 'after In-stream / YouTube');
  assert(!(await itemIfShown(page, 'framing:pad')) && !(await itemIfShown(page, 'framing:crop')),
    'pad / crop is offered for a model without resizeMode');
  const preview = await reveal(page, 'framing:preview');
  assert(preview.width > preview.height, `the 1280x720 frame is drawn ${preview.width}x${preview.height}`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'framing-sizes.png') });
});

framing.run();
