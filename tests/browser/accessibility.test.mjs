// Issue 14, "Keyboard and assistive tech": what a screen reader finds. The canvas is one picture to
// it; the accessible mirror (web/accessibility.js, wasm/app/accessibility.h) holds the main flow as
// HTML controls with roles and names: the model, the form's fields, Generate, the jobs' states (a
// live region) and the result videos. The checks read the page's accessibility tree (Playwright's
// ARIA snapshot) and use the controls by role and name, as a screen reader's user does, and check
// that the canvas shows the same request.
//
//   node tests/browser/accessibility.test.mjs
// Each check opens its own page (VG_CHECK / VG_ORDER: harness.mjs, suite); a console error on that
// page fails the check. Ends with `accessibility: N passed, M failed`; exit 1 on any failure.
// Site: $VG_SITE_DIR, else $VG_WASM_DIR/site-test, else build/wasm/site-test.
import { assert, newestJobEnded, probeUrl, status, suite, typeInto, waitFor } from './harness.mjs';

// The mirror's part of the accessibility tree, once the app has described it.
async function mirrorSnapshot(page) {
  await waitFor(page, () => document.getElementById('vg-mirror') !== null);
  return page.getByRole('region', { name: 'Make a video' }).ariaSnapshot();
}

// The mirror's own prompt: the prompt over the canvas (web/text_fields.js) is a textbox named
// "Prompt" too.
const mirrorPrompt = (page) => page.getByRole('region', { name: 'Make a video' }).getByRole('textbox', { name: 'Prompt', exact: true });

const accessibility = suite('accessibility');

accessibility.check('the accessibility tree names the model, the prompt, every simple field and Generate', { start: '' }, async ({ page }) => {
  const snapshot = await mirrorSnapshot(page);
  const { selected } = await status(page);
  for (const expected of ['combobox "Model"', 'textbox "Prompt"', 'combobox "Duration"', 'button "Generate"', 'status']) {
    assert(snapshot.includes(expected), `the accessibility tree has no ${expected}:\n${snapshot}`);
  }
  const model = page.getByRole('combobox', { name: 'Model' });
  assert(await model.inputValue() === selected, `the mirror's model is ${await model.inputValue()}, the canvas's ${selected}`);
  const prompt = await mirrorPrompt(page).inputValue();
  assert(prompt.length > 0 && JSON.parse((await status(page)).requestText).prompt.includes(prompt.slice(0, 20)),
    `the mirror's prompt "${prompt}" is not the request's`);
  const shown = await page.locator('#vg-text-layer').getByRole('textbox', { name: 'Prompt', exact: true }).inputValue();
  assert(shown === prompt, `the prompt over the canvas holds "${shown}", the mirror's "${prompt}"`);
});

accessibility.check('a screen reader\'s user makes a video through the mirror alone; the canvas shows the same request', { start: '' }, async ({ page }) => {
  await mirrorSnapshot(page);
  await page.getByRole('combobox', { name: 'Model' }).selectOption('openai/sora-2');
  await waitFor(page, () => window.__vg.selected === 'openai/sora-2');
  const prompt = 'a lighthouse beam sweeps over fog';
  await mirrorPrompt(page).fill(prompt);
  await waitFor(page, (text) => window.__vg.requestText.includes(text), prompt);
  await page.getByRole('combobox', { name: 'Duration' }).selectOption({ label: '8' });
  await waitFor(page, () => /"(duration|seconds)": "?8"?/.test(window.__vg.requestText));
  await page.getByRole('button', { name: 'Generate' }).press('Enter');
  await newestJobEnded(page);
  const live = page.getByRole('status').filter({ hasText: 'sora' });
  await waitFor(page, () => /The video is ready/.test(document.getElementById('vg-mirror-status').textContent), undefined, 30000);
  const said = await live.textContent();
  assert(said.includes('Sora 2: a lighthouse beam sweeps over fog: succeeded'), `the live region says "${said}"`);
  const link = page.getByRole('listitem').filter({ hasText: prompt }).getByRole('link', { name: 'Video' });
  const href = await link.getAttribute('href');
  const file = await link.getAttribute('download');
  assert(/^sora-2_a-lighthouse-beam-sweeps-over_\d{4}-\d\d-\d\d_\d{4}\.mp4$/.test(file), `the link saves the video as ${file}`);
  const probed = await probeUrl(new URL(href, page.url()).href);
  const video = probed.streams.find((s) => s.codec_type === 'video');
  assert(video && Math.abs(Number(probed.format.duration) - 8) < 0.5, `the result is ${JSON.stringify(probed)}; 8 s of video were asked`);
});

accessibility.check('what the canvas changes, the mirror shows; a field\'s problem is announced with it', { start: '' }, async ({ page }) => {
  await mirrorSnapshot(page);
  const text = 'a heron lifts off a misty pond';
  await typeInto(page, 'prompt', text);
  const mirrored = mirrorPrompt(page);
  await waitFor(page, (t) => document.getElementById('vg-mirror').querySelector('textarea').value === t, text);
  await mirrored.fill('a long take. '.repeat(400));  // 5,200 characters: more than any gateway takes
  await waitFor(page, () => !window.__vg.canGenerate);
  await waitFor(page, () => document.getElementById('vg-mirror').querySelector('textarea').getAttribute('aria-invalid') === 'true');
  const description = await page.evaluate(() => {
    const field = document.getElementById('vg-mirror').querySelector('textarea');
    return document.getElementById(field.getAttribute('aria-describedby')).textContent;
  });
  const { formPaths } = await status(page);
  assert(formPaths.includes('/prompt') && description.length > 10, `the prompt's problem is not described: "${description}"`);
  assert(await page.getByRole('button', { name: 'Generate' }).getAttribute('aria-disabled') === 'true',
    'Generate is not marked disabled while the request cannot be sent');
});

accessibility.run();
