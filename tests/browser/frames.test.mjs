// The Direct tab's first-and-last-frame and references editors in headless Chromium, used as a
// person would (clicks, typing, a paste, the slider), each checked against the request it produces:
// __vg.submit (what Generate sends to the jobs gateway) must be the bytes `vgen build --to jobs`
// prints for the equivalent request written by hand. The transition preview is checked by its pixels.
// Each check opens its own page at the share link of the request it starts from (VG_CHECK / VG_ORDER:
// harness.mjs, suite); a console error on that page fails the check.
// Screenshots: tests/artifacts/frames-*.png, references-*.png.
//
//   node tests/browser/frames.test.mjs
// Ends with `frames: N passed, M failed`; exit 1 on any failure. Site and core as harness.mjs says.
import path from 'node:path';
import { deflateSync } from 'node:zlib';

import {
  ARTIFACTS, HOLD, assert, centreOf, framesDrawn, item, openPage, openTab, pasteText, press, reveal, shareFragment, status, suite, vgenBuild, waitFor, waitForItem,
} from './harness.mjs';
import { decodePng } from './png.mjs';

// ---- test images -----------------------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
// A width x height PNG of one colour (8-bit RGB), as raw base64: the form Kling takes (seed 001).
function solidPng(width, height, [r, g, b]) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]).toString('base64');
}
const RED = solidPng(480, 320, [255, 0, 0]);
const BLUE = solidPng(480, 320, [0, 0, 255]);


async function expectSubmit(page, request, from = 'aisdk') {
  const expected = vgenBuild(request, { from });
  try {
    await waitFor(page, (text) => (window.__vg.submit || '').trim() === text, expected, 20000);
  } catch {
    const s = await status(page);
    throw new Error(`__vg.submit differs from vgen build --from ${from}:\n  got      ${s.submit || '(nothing: ' +
      JSON.stringify(s.formPaths) + ')'}\n  expected ${expected}`);
  }
}

// The colour at the centre of the item `name`, from a screenshot of it.
async function centreColour(page, name) {
  await reveal(page, name);
  const { x, y } = await centreOf(page, name);
  const png = decodePng(await page.screenshot({ clip: { x: Math.round(x) - 2, y: Math.round(y) - 2, width: 5, height: 5 } }));
  const o = (2 * png.width + 2) * png.channels;
  return [png.pixels[o], png.pixels[o + 1], png.pixels[o + 2]];
}

async function waitForColour(page, name, test, what) {
  let colour = [];
  for (const deadline = Date.now() + 20000; Date.now() < deadline;) {
    colour = await centreColour(page, name);
    if (test(colour)) return colour;
    await framesDrawn(page, 1);  // the next frame's picture
  }
  throw new Error(`${name} shows rgb(${colour.join(', ')}), not ${what}`);
}
const isRed = ([r, g, b]) => r > 200 && g < 40 && b < 40;
const isBlue = ([r, g, b]) => b > 200 && r < 40 && g < 40;
const isPurple = ([r, g, b]) => r > 80 && r < 176 && b > 80 && b < 176 && g < 40;

// A click held for a few frames: the page draws slowly under software GL, and ImGui 1.86 reads the
// mouse once a frame, so a press and release inside one frame would be missed.
async function clickItem(page, name) {
  await reveal(page, name);
  const { x, y } = await centreOf(page, name);
  await page.mouse.click(x, y, HOLD);
}

// Lets the app draw a few more frames, so the rectangles it published follow the latest change
// (a list that changed is drawn again on the next frame).
async function settle(page) {
  await framesDrawn(page, 3);
}

// Clicks `fraction` of the way along a published slider (ImGui jumps the value to a click).
async function clickSlider(page, name, fraction) {
  await reveal(page, name);
  const { rect } = await item(page, name);
  const canvas = await page.evaluate(() => document.getElementById('canvas').getBoundingClientRect().toJSON());
  await page.mouse.click(canvas.x + rect[0] + rect[2] * fraction, canvas.y + rect[1] + rect[3] / 2, HOLD);
}

// Clicks the text field on the first line of a published group and types or pastes into it.
async function clickField(page, name) {
  await reveal(page, name);
  const { rect } = await item(page, name);
  const canvas = await page.evaluate(() => document.getElementById('canvas').getBoundingClientRect().toJSON());
  await page.mouse.click(canvas.x + rect[0] + 40, canvas.y + rect[1] + 8, HOLD);
}

// Pastes into the field just clicked; Enter then leaves the field, as a person does: while a text
// field is active, ImGui 1.86 spends the next click elsewhere on leaving it.
async function paste(page, text) {
  await pasteText(page, text);
  await press(page, 'Enter');
}

const canonicalOf = async (page) => JSON.parse((await status(page)).requestText);

// ---- first and last frame --------------------------------------------------------------------------
// Each check opens its own page at the request it starts from (harness.mjs: suite); the clipboard is
// granted for the pastes.
const frames = suite('frames', { clipboard: true });
const PROMPT = 'a desk lamp switches on at dusk';
const flf = (first, last) => ({ model: 'klingai/kling-v2.6-i2v', prompt: { text: PROMPT, image: first }, duration: 5,
  providerOptions: { klingai: { imageTail: last } } });
// Red to blue: what pasting the blue last frame into the red picture's request makes (the first check).
const RED_TO_BLUE = flf(RED, BLUE);

// The Direct tab, once the transition preview shows its first frame (the pictures are decoded after
// the page loads).
async function openTransition(page) {
  await openTab(page, 'Direct', 'frames:preview');
  await waitForColour(page, 'frames:preview', isRed, 'the red first frame');
}

// Waits until the Play / Pause button reads `label`: the app has seen the press and plays or pauses.
async function waitForPlayButton(page, label) {
  for (const deadline = Date.now() + 30000; ;) {
    const shown = (await item(page, 'frames:play')).label;
    if (shown.startsWith(`${label}###`)) return;
    assert(Date.now() < deadline, `the button reads "${shown}", not ${label}`);
    await framesDrawn(page, 1);
  }
}

frames.check('frames: a last frame pasted into the empty slot makes the request first-and-last frame (vgen build\'s bytes)', {
  start: { model: 'klingai/kling-v2.6-i2v', prompt: { text: PROMPT, image: RED }, duration: 5 },
}, async ({ page }) => {
  await openTab(page, 'Direct', 'frames:last');
  assert((await status(page)).mode === 'i2v', `the share link opened in ${(await status(page)).mode}`);
  await clickField(page, 'frames:last');
  await paste(page, BLUE);
  await waitFor(page, () => window.__vg.mode === 'flf');
  await expectSubmit(page, RED_TO_BLUE);
});

frames.check('frames: the transition preview shows the first frame at 0 s, the last at the end, a blend between', { start: RED_TO_BLUE }, async ({ page }) => {
  await openTransition(page);
  await clickSlider(page, 'frames:time', 0.999);
  await waitForColour(page, 'frames:preview', isBlue, 'the blue last frame');
  await clickSlider(page, 'frames:time', 0.5);
  await waitForColour(page, 'frames:preview', isPurple, 'a purple half-way blend');
  await page.screenshot({ path: path.join(ARTIFACTS, 'frames-transition.png') });
});

frames.check('frames: Swap exchanges the first and last frames in the request and the preview', { start: RED_TO_BLUE }, async ({ page }) => {
  await openTransition(page);
  await clickItem(page, 'frames:swap');
  await expectSubmit(page, flf(BLUE, RED));
  await clickSlider(page, 'frames:time', 0.001);
  await waitForColour(page, 'frames:preview', isBlue, 'the blue frame, now first');
  await clickItem(page, 'frames:swap');
  await expectSubmit(page, RED_TO_BLUE);
  await waitForColour(page, 'frames:preview', isRed, 'the red frame, first again');
});

frames.check('frames: Play runs the preview from the first frame towards the last, Pause stops it', { start: RED_TO_BLUE }, async ({ page }) => {
  await openTransition(page);  // the preview starts on the red first frame
  const started = await page.evaluate(() => ({ frames: window.__vg.frames, at: performance.now() }));
  await clickItem(page, 'frames:play');
  await waitForPlayButton(page, 'Pause');
  // Played long enough to have moved a good way from red: 1.2 s and 12 frames drawn since Play (the
  // app advances at most 0.1 s of video a frame, so a slow machine needs the frames, a fast one the
  // time). A page drawing every frame holds screenshots back, so the picture is read once paused.
  await waitFor(page, ({ frames, at }) => window.__vg.frames >= frames + 12 && performance.now() - at >= 1200,
    started, 60000);
  await clickItem(page, 'frames:play');  // Pause
  await waitForPlayButton(page, 'Play');
  await settle(page);
  const paused = await centreColour(page, 'frames:preview');
  assert(paused[2] > 20 && paused[0] < 235, `after playing the preview still shows rgb(${paused.join(', ')})`);
  await framesDrawn(page, 10);  // frames drawn while paused: a preview still playing would move
  const later = await centreColour(page, 'frames:preview');
  assert(later.join() === paused.join(), `paused, the preview still moves: rgb(${paused.join(', ')}) then rgb(${later.join(', ')})`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'frames-played.png') });
});

// ---- references ------------------------------------------------------------------------------------
const MODEL = 'xai/grok-imagine-video';
const CHEF = 'https://example.com/chef.png';
const DOG = 'https://example.com/dog.mp4';
const DOG_CLIP = { data: DOG, mediaType: 'video/mp4' };  // the AI SDK form of a clip
// The requests the references checks make, each the next one's start.
const TWO = { model: MODEL, prompt: 'The chef waves at', inputReferences: [CHEF, DOG_CLIP] };
const INSERTED = { ...TWO, prompt: 'The chef waves at character1' };
const MOVED = { ...INSERTED, inputReferences: [DOG_CLIP, CHEF] };
// The AI SDK has no tags: with one, the editor shows the request in the jobs API's form, which has them.
const TAGGED = { model: 'grok-imagine-video', prompt: 'The chef waves at character1 chef',
  parameters: { references: [{ url: DOG, type: 'video' }, { url: CHEF, type: 'image', tag: 'chef' }] } };

// There is no network here: example.com answers from the test (the picture's thumbnail loads).
function answerExample(target) {
  return target.route('https://example.com/**', (route) => route.fulfill({
    contentType: 'image/png', body: Buffer.from(solidPng(400, 400, [40, 160, 60]), 'base64') }));
}

// A page at the share link of `request`, whose references load as it opens: example.com is answered
// from the start, so these checks open their page themselves (start: null) and check its console
// errors at their end. Returns once the Direct tab shows the chef's picture (reference `chefRow`):
// the thumbnail pushes the rows under it down, as it had in the check that made the request.
async function openReferences(context, url, request, chefRow) {
  await answerExample(context);
  const opened = await openPage(context, url + shareFragment(request));
  await openTab(opened.page, 'Direct', `reference${chefRow}:url`);
  const thumbnail = 72;  // its height (editor_media.cpp): the URL field's group is taller once it shows
  for (const deadline = Date.now() + 20000; ;) {
    const { rect } = await item(opened.page, `reference${chefRow}:url`);
    if (rect[3] > thumbnail) break;
    assert(Date.now() < deadline, `reference ${chefRow}'s picture is not shown (its field's group is ${rect[3]} px high)`);
    await framesDrawn(opened.page, 1);
  }
  await settle(opened.page);
  return opened;
}
const noConsoleErrors = (errors) => assert(errors.length === 0, `console errors: ${errors.join(' | ')}`);

frames.check('references: the first added makes the request reference-to-video; two, one typed as an image URL, one switched to video', {
  start: { model: MODEL, prompt: 'The chef waves at' },
}, async ({ page }) => {
  await answerExample(page);
  // This model offers first-and-last frame too: its section is folded away, as a person would, to
  // see the references'.
  await openTab(page, 'Direct');
  await waitForItem(page, 'section:Frames');
  await clickItem(page, 'section:Frames');
  await settle(page);
  assert((await status(page)).mode === 't2v', `the share link opened in ${(await status(page)).mode}`);
  await clickItem(page, 'references:add');
  await waitFor(page, () => window.__vg.mode === 'r2v');
  await waitForItem(page, 'reference1:url');
  await clickItem(page, 'references:add');
  await waitForItem(page, 'reference2:url');
  // The second first: the first's picture, once loaded, pushes everything under it down.
  await settle(page);
  await clickItem(page, 'reference2:type');
  await waitForItem(page, 'reference2:type:video');
  await clickItem(page, 'reference2:type:video');
  await waitFor(page, () => window.__vg.requestText.includes('"mediaType"'));  // the AI SDK form of a clip
  await settle(page);
  await clickField(page, 'reference2:url');
  await paste(page, DOG);
  await waitFor(page, (url) => window.__vg.requestText.includes(url), DOG);
  await settle(page);
  await clickField(page, 'reference1:url');
  await paste(page, CHEF);
  await expectSubmit(page, TWO);
});

frames.check('references: Insert puts character1 into the prompt', { start: null }, async ({ context, url }) => {
  const { page, errors } = await openReferences(context, url, TWO, 1);
  await clickItem(page, 'reference1:insert');
  await expectSubmit(page, INSERTED);
  noConsoleErrors(errors);
});

frames.check('references: the down arrow moves the first reference after the second', { start: null }, async ({ context, url }) => {
  const { page, errors } = await openReferences(context, url, INSERTED, 1);
  await clickItem(page, 'reference1:down');
  await expectSubmit(page, MOVED);
  await settle(page);
  await page.screenshot({ path: path.join(ARTIFACTS, 'references-two.png') });
  noConsoleErrors(errors);
});

frames.check('references: a tag of its own goes into the request and into the prompt', { start: null }, async ({ context, url }) => {
  const { page, errors } = await openReferences(context, url, MOVED, 2);
  await clickItem(page, 'reference2:tag');
  await page.keyboard.type('chef');
  await press(page, 'Enter');
  await waitFor(page, () => window.__vg.requestText.includes('"tag": "chef"'));
  await clickItem(page, 'reference2:insert');
  await expectSubmit(page, TAGGED, 'jobs');
  noConsoleErrors(errors);
});

frames.check('references: Remove takes a reference out of the request', { start: null }, async ({ context, url }) => {
  const { page, errors } = await openReferences(context, url, TAGGED, 2);
  await clickItem(page, 'reference1:remove');
  await expectSubmit(page, { ...TAGGED, parameters: { references: [{ url: CHEF, type: 'image', tag: 'chef' }] } }, 'jobs');
  const request = await canonicalOf(page);
  assert(JSON.stringify(request).includes(CHEF), 'the editor lost the remaining reference');
  await page.screenshot({ path: path.join(ARTIFACTS, 'references-one.png') });
  noConsoleErrors(errors);
});

frames.run();
