// The playground's own WebGL2 renderer for Dear ImGui (wasm/app/gfx/imgui_renderer.h), in headless
// Chromium on software GL: frames read no GL state back (each read waits for the GPU process, and
// the OpenGL3 backend it replaced read thirteen a frame), and what it draws is the screen a person
// expects: the page's background between the panels, each panel's own colour inside, text on the
// buttons, and images (the camera preview) drawn from their own textures. A frame that would draw
// what the canvas shows already is not drawn (a shader preview on screen included), and the next
// frame that changes something is drawn and shown.
//
//   node tests/browser/renderer.test.mjs
// Each check opens its own page in a context of its own (VG_CHECK / VG_ORDER: harness.mjs, suite).
// Ends with `renderer: N passed, M failed` and exits 1 on any failure.
import {
  EMPTY_SPOT, assert, framesDrawn, inSection, openPageFor, openTab, rectOf, reveal, shareFragment, suite, typeInto, waitFor, waitForItem,
} from './harness.mjs';
import { decodePng } from './png.mjs';

const renderer = suite('renderer');
// A request whose Direct tab shows the camera preview (a shader drawing into a texture of its own).
const CAMERA = { model: 'klingai/kling-v2.6-t2v', prompt: 'a paper boat drifts down a rainy street', aspectRatio: '16:9' };

// WebGL calls that read state back from the GPU process: each one waits for it to answer.
const STATE_READS = ['getParameter', 'getIndexedParameter', 'isEnabled', 'getError', 'getVertexAttrib',
  'getBufferParameter', 'getTexParameter', 'getRenderbufferParameter', 'getFramebufferAttachmentParameter',
  'getSamplerParameter', 'checkFramebufferStatus', 'readPixels'];

// Counts every call of `names` on every WebGL2 context of the page, in window.__glReads.
function countStateReads(names) {
  window.__glReads = {};
  for (const name of names) {
    const original = WebGL2RenderingContext.prototype[name];
    WebGL2RenderingContext.prototype[name] = function (...args) {
      window.__glReads[name] = (window.__glReads[name] || 0) + 1;
      return original.apply(this, args);
    };
  }
}

renderer.check('frames read no GL state back: hover, typing, a tab and a shader preview', { start: null }, async (check) => {
  await check.context.addInitScript(countStateReads, STATE_READS);
  const page = await openPageFor(check, check.url + shareFragment(CAMERA));
  await framesDrawn(page);
  await page.evaluate(() => { window.__glReads = {}; });
  const before = await page.evaluate(() => window.__vg.frames);
  await typeInto(page, 'search', 'veo');
  await waitFor(page, () => window.__vg.visibleRows > 0 && window.__vg.visibleRows < window.__vg.models);
  await openTab(page, 'Direct', 'camera:preview');
  await reveal(page, 'camera:preview');  // a shader preview draws into its own framebuffer
  await framesDrawn(page, 4);
  const { frames, reads } = await page.evaluate(() => ({ frames: window.__vg.frames, reads: window.__glReads }));
  assert(frames - before >= 10, `only ${frames - before} frames drawn: the check saw too little`);
  assert(Object.keys(reads).length === 0, `${frames - before} frames read GL state back: ${JSON.stringify(reads)}`);
});

// Pixels of a screenshot: `at(x, y)` as [r, g, b].
function pixelsOf(png) {
  const image = decodePng(png);
  return {
    ...image,
    at: (x, y) => {
      const o = (Math.round(y) * image.width + Math.round(x)) * image.channels;
      return [image.pixels[o], image.pixels[o + 1], image.pixels[o + 2]];
    },
  };
}
const near = (a, b, tolerance = 2) => a.every((v, i) => Math.abs(v - b[i]) <= tolerance);
const luminance = ([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

// Counts the clears of the canvas (each drawn frame starts with one) in window.__canvasClears.
function countCanvasClears() {
  window.__canvasClears = 0;
  const original = WebGL2RenderingContext.prototype.clear;
  WebGL2RenderingContext.prototype.clear = function (...args) {
    if (this.getParameter(this.FRAMEBUFFER_BINDING) === null) window.__canvasClears++;
    return original.apply(this, args);
  };
}

renderer.check('a frame that would repeat the canvas is not drawn; a changed one is, and shows', { start: null }, async (check) => {
  await check.context.addInitScript(countCanvasClears);
  const page = await openPageFor(check, check.url + shareFragment(CAMERA));
  const counts = () => page.evaluate(() => ({ frames: window.__vg.frames, clears: window.__canvasClears }));
  // Awake with nothing changing: frames run (ImGui reads input in them), the canvas is left alone;
  // also with a shader preview on the screen (drawn into its texture only when its picture changes).
  const idleFor = async (where) => {
    await framesDrawn(page, 3);
    const before = await counts();
    await framesDrawn(page, 8);
    const after = await counts();
    assert(after.frames - before.frames >= 8, `${where}: only ${after.frames - before.frames} frames ran`);
    assert(after.clears === before.clears,
      `${where}: ${after.clears - before.clears} of ${after.frames - before.frames} unchanged frames drew the canvas again`);
    return after;
  };
  await idleFor('the Form tab');
  await openTab(page, 'Direct', 'camera:preview');
  await reveal(page, 'camera:preview');
  await idleFor('the camera preview');
  await openTab(page, 'Form', 'generate');
  const idled = await idleFor('the Form tab again');
  // A hover changes the button's colour: that frame is drawn, and the screen shows it; leaving
  // brings the first colour back.
  const generate = await rectOf(page, 'generate');
  const spot = { x: generate.x + 3, y: generate.y + generate.height / 2 };
  const colourAt = async () => pixelsOf(await page.screenshot()).at(spot.x, spot.y);
  const plain = await colourAt();
  await page.mouse.move(spot.x, spot.y);
  await framesDrawn(page, 3);
  const hovered = await colourAt();
  const drawn = await counts();
  assert(drawn.clears > idled.clears, 'the hover drew no frame');
  assert(!near(hovered, plain, 4), `Generate under the mouse shows ${hovered}, as it did without: ${plain}`);
  await page.mouse.move(EMPTY_SPOT.x, EMPTY_SPOT.y);
  await framesDrawn(page, 3);
  const left = await colourAt();
  assert(near(left, plain), `Generate after the mouse left shows ${left}, not its colour before (${plain})`);
});

renderer.check('the screen: page background between panels, panels in their own colour, text on the buttons', async ({ page }) => {
  await framesDrawn(page);
  const shot = pixelsOf(await page.screenshot());
  const body = await page.evaluate(() => getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number));
  // The margin left of the panels and the strip between the two columns are the window's background,
  // which is the page's own: no seam where the canvas meets the page.
  for (const [x, y] of [[3, 430], [3, 840]]) {
    assert(near(shot.at(x, y), body), `the background at (${x}, ${y}) is ${shot.at(x, y)}, the page's is ${body}`);
  }
  const [left, right] = await Promise.all([rectOf(page, 'tab:Form'), rectOf(page, 'tab:Jobs')]);
  const strip = [];
  for (let x = left.x + 1; x < right.x; x++) if (near(shot.at(x, 600), body)) strip.push(x);
  assert(strip.length >= 3, `no strip of the page's background between the columns at y 600 (x ${left.x}..${right.x})`);
  // Inside a panel, away from any widget: one colour, not the background's.
  const jobs = await rectOf(page, 'tab:Jobs');
  const inside = shot.at(jobs.x + 500, jobs.y + 300);
  assert(!near(inside, body, 1), `the Jobs panel's inside ${inside} is the page background ${body}`);
  assert(near(shot.at(jobs.x + 520, jobs.y + 320), inside), 'the Jobs panel is not one colour inside');
  // The Generate button: its fill, and light glyphs on it (the one-channel font atlas).
  const generate = await rectOf(page, 'generate');
  const fill = shot.at(generate.x + 3, generate.y + generate.height / 2);
  let glyph = 0, total = 0;
  for (let y = generate.y + 2; y < generate.y + generate.height - 2; y++) {
    for (let x = generate.x + 2; x < generate.x + generate.width - 2; x++, total++) {
      if (luminance(shot.at(x, y)) > luminance(fill) + 80) glyph++;
    }
  }
  assert(glyph / total > 0.03 && glyph / total < 0.5, `${glyph} of ${total} pixels of Generate are text: the label is not drawn as glyphs`);
});

renderer.check('an image drawn from its own texture: the camera preview shows its scene, not the font atlas', { start: CAMERA }, async ({ page }) => {
  await openTab(page, 'Direct', 'camera:preview');
  const box = await reveal(page, 'camera:preview');
  await framesDrawn(page);
  const shot = pixelsOf(await page.screenshot());
  const colours = new Set();
  for (let y = box.y + 4; y < box.y + box.height - 4; y += 3) {
    for (let x = box.x + 4; x < box.x + box.width - 4; x += 3) colours.add(shot.at(x, y).join(','));
  }
  assert(colours.size > 20, `the camera preview shows ${colours.size} colours: its texture is not drawn`);
  await waitForItem(page, `${inSection('Camera control')}/##camera/Reset`);  // and the controls around it
});

renderer.run();
