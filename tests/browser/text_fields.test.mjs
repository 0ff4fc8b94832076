// Issue 14, "Native text where text matters": the prompt is written in the browser's own text control
// (web/text_fields.js, wasm/app/ui/text_field.h) laid over the ImGui field. A long prompt wraps; an
// input method's composition reaches the request when it ends; dictation-like insertions and emoji
// arrive whole; undo is the browser's; the keyboard goes in and out of the control as through any
// other one (Tab, Shift+Tab, Esc, Enter) and Ctrl+Enter in it generates once.
//
//   node tests/browser/text_fields.test.mjs
// Each check opens its own page (VG_CHECK / VG_ORDER: harness.mjs, suite); a console error on that
// page fails the check. Ends with `text_fields: N passed, M failed`; exit 1 on any failure.
// Site: $VG_SITE_DIR, else $VG_WASM_DIR/site-test, else build/wasm/site-test. Screenshots:
// tests/artifacts/text-field-*.png.
import path from 'node:path';

import {
  ARTIFACTS, assert, evaluateUntil, focusField, framesDrawn, item, keyboardFocus, newestJobEnded, press, status, suite, waitFor,
  waitForUi,
} from './harness.mjs';

const requestPrompt = async (page) => JSON.parse((await status(page)).requestText).prompt;

// The prompt's control: its value, its box and how its text lies in it.
const promptControl = (page, id) => page.evaluate((wanted) => {
  const element = document.querySelector(`#vg-text-layer textarea[data-id="${wanted}"]`);
  if (!element) return null;
  const style = getComputedStyle(element);
  return { value: element.value, focused: document.activeElement === element, spellcheck: element.spellcheck,
    scrollWidth: element.scrollWidth, clientWidth: element.clientWidth, scrollHeight: element.scrollHeight,
    lineHeight: parseFloat(style.lineHeight), visibility: style.visibility };
}, String(id));

// Waits until the item `name` is `height` px high again (the field shrank back with its text).
async function waitForItemHeight(page, name, height) {
  for (let tries = 0; ; tries++) {
    const { rect: [, , , now] } = await item(page, name);
    if (Math.abs(now - height) < 0.5) return;
    assert(tries < 200, `the field is ${now} px high, not ${height} again`);
    await framesDrawn(page, 1);
  }
}

// Presses `key` until the keyboard is on the item `id` (its navigation, or its text control's typing).
async function pressUntilOn(page, key, id, limit = 40) {
  for (let presses = 1; presses <= limit; presses++) {
    await press(page, key);
    await framesDrawn(page);
    const focus = await keyboardFocus(page);
    if (focus.textField === id || focus.nav === id) return focus;
  }
  throw new Error(`${limit} presses of ${key} never reached ${id} (now at ${JSON.stringify(await keyboardFocus(page))})`);
}

const texts = suite('text_fields');

texts.check('a long prompt wraps in the browser\'s text control, typed or inserted whole, and each input reaches the request', { start: '' }, async ({ page }) => {
  await focusField(page, 'prompt');
  const { id, rect: [, , , shortHeight] } = await item(page, 'prompt');
  await press(page, 'Control+A');
  await page.keyboard.type('A fox ', { delay: 15 });
  // Dictation and the phone keyboard's suggestions insert a whole phrase in one input.
  const phrase = 'runs through fresh snow at dawn, the camera tracking low beside it as powder sprays from each ' +
    'paw, breath steaming in the cold blue light, pine trees passing behind in a soft blur';
  await page.keyboard.insertText(phrase);
  await waitFor(page, (t) => window.__vg.requestText.includes(t), phrase);
  assert(await requestPrompt(page) === `A fox ${phrase}`, `the request's prompt is "${await requestPrompt(page)}"`);
  const control = await promptControl(page, id);
  assert(control.focused && control.spellcheck, `the prompt's control: ${JSON.stringify(control)}`);
  assert(control.scrollWidth <= control.clientWidth, `the prompt runs sideways: ${control.scrollWidth} px in ${control.clientWidth}`);
  assert(control.scrollHeight >= 3 * control.lineHeight, `${control.scrollHeight} px of text: the prompt did not wrap onto lines`);
  // The field grows with its text, so the whole prompt shows without scrolling inside it.
  await evaluateUntil(page, (i) => {
    const element = document.querySelector(`textarea[data-id="${i}"]`);
    return element.scrollHeight <= element.clientHeight + 1;
  }, String(id), 'the prompt field to grow to its text');
  const { rect: [, , , tallHeight] } = await item(page, 'prompt');
  assert(tallHeight > shortHeight, `the field stayed ${tallHeight} px high (it was ${shortHeight})`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'text-field-wrapped.png') });
  await press(page, 'Control+A');
  await page.keyboard.type('A fox', { delay: 15 });
  await waitFor(page, () => JSON.parse(window.__vg.requestText).prompt === 'A fox');
  await waitForItemHeight(page, 'prompt', shortHeight);
});

texts.check('an input method\'s composition reaches the prompt when it is chosen, not while it is composed', { start: '' }, async ({ page }) => {
  await focusField(page, 'prompt');
  const { id } = await item(page, 'prompt');
  await press(page, 'Control+A');
  await page.keyboard.type('snow over ', { delay: 15 });
  await waitFor(page, () => window.__vg.requestText.includes('snow over '));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'とうきょう', selectionStart: 5, selectionEnd: 5 });
  await evaluateUntil(page, (i) => document.querySelector(`textarea[data-id="${i}"]`).value.endsWith('とうきょう'), String(id),
    'the composition in the control');
  await framesDrawn(page);
  assert(!(await status(page)).requestText.includes('とうきょう'), 'a composition still being chosen reached the request');
  await cdp.send('Input.imeSetComposition', { text: '東京', selectionStart: 2, selectionEnd: 2 });
  await cdp.send('Input.insertText', { text: '東京' });  // the person picks the candidate: the composition ends
  await waitFor(page, () => window.__vg.requestText.includes('snow over 東京'));
  await page.keyboard.insertText(' 🎬');  // an emoji from the picker: above U+FFFF, two UTF-16 units
  await waitFor(page, () => window.__vg.requestText.includes('東京 🎬'));
  assert(await requestPrompt(page) === 'snow over 東京 🎬', `the request's prompt is "${await requestPrompt(page)}"`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'text-field-composed.png') });
});

texts.check('undo is the browser\'s: Ctrl+Z takes the typing back, and the request follows each step', { start: '' }, async ({ page }) => {
  await focusField(page, 'prompt');
  const before = await requestPrompt(page);
  await press(page, 'End');
  await page.keyboard.type(' at night', { delay: 15 });
  await waitFor(page, (t) => JSON.parse(window.__vg.requestText).prompt === t, `${before} at night`);
  // The browser undoes typing in steps of its own choosing (headless Chromium: a character each).
  for (let presses = 1; (await requestPrompt(page)) !== before; presses++) {
    assert(presses <= ' at night'.length, `${presses - 1} presses of Ctrl+Z left "${await requestPrompt(page)}"`);
    const length = (await requestPrompt(page)).length;
    await press(page, 'Control+Z');
    await waitFor(page, (n) => JSON.parse(window.__vg.requestText).prompt.length < n, length);
  }
  const shown = await page.evaluate(() => document.activeElement.value);
  assert(shown === before, `the control shows "${shown}" after the undo, the request "${before}"`);
});

texts.check('the keyboard goes into the prompt and out of it as through any control; Ctrl+Enter in it makes one job', { start: '' }, async ({ page }) => {
  const submits = [];
  page.on('request', (request) => { if (request.method() === 'POST' && /\/videos|generate/.test(request.url())) submits.push(request.url()); });
  const { id } = await item(page, 'prompt');
  await page.focus('#canvas');
  await pressUntilOn(page, 'Tab', id);
  await waitForUi(page, (ui) => ui.textField === id, 'Tab to give the prompt\'s control the keyboard');
  await press(page, 'Tab');
  await waitForUi(page, (ui) => ui.textField !== id && (ui.nav !== id || ui.textField !== 0), 'Tab to go on past the prompt');
  await press(page, 'Shift+Tab');
  await waitForUi(page, (ui) => ui.textField === id, 'Shift+Tab to come back into the prompt');
  await press(page, 'Escape');
  const focus = await waitForUi(page, (ui) => ui.textField === 0 && ui.nav === id, 'Esc to leave the control, the canvas on the prompt');
  assert(focus.ring, 'after Esc the canvas is on the prompt, but shows no focus ring');
  await page.screenshot({ path: path.join(ARTIFACTS, 'text-field-left.png') });
  await press(page, 'Enter');
  await waitForUi(page, (ui) => ui.textField === id, 'Enter on the prompt to give its control the keyboard again');
  await press(page, 'End');
  await page.keyboard.type(', by night', { delay: 15 });
  await waitFor(page, () => window.__vg.requestText.includes(', by night'));
  await press(page, 'Control+Enter');
  const jobs = await newestJobEnded(page);
  assert(jobs.length === 1 && jobs[0].state === 'succeeded', `Ctrl+Enter in the prompt: ${JSON.stringify(jobs)}`);
  assert(submits.length === 1, `Ctrl+Enter in the prompt sent ${submits.length} submits: ${submits.join(', ')}`);
  assert(JSON.parse((await status(page)).requestText).prompt.endsWith(', by night'), 'the job was made without the last typing');
});

texts.run();
