// Words for people (issue 14): the form's field names and tooltips (a label, what the field does,
// what it takes with its unit, never a source key), Kling's aspect ratio as a picker that refuses
// "banana", the model reference naming its sources by their titles, what "limits unknown" means,
// a line on each gateway dialect, and the first-visit hint that lasts until a job is made or it is
// dismissed, across reloads.
//
//   node tests/browser/words.test.mjs        (VG_CHECK='<title substring>' for some checks)
import {
  alias, assert, centreOf, clickControl, framesDrawn, item, openPage, openTab, reveal, shareFragment, status, suite, waitFor, waitForGone,
  waitForItem,
} from './harness.mjs';

const escape = (path) => path.replace(/\//g, '\\/');
alias({
  'tooltip': '**/###field-tooltip',
  'limits-unknown': '**/###limits-unknown',
  'model-notes': '**/###model-notes',
  'dialect-about': '**/###dialect-about',
  'first-steps': '**/first-steps',
  'first-steps:dismiss': '**/###first-steps-dismiss',
  'option:9:16': '**/9:16',
  'option:3:4': '**/3:4',
});
const label = (path) => `**/###label:${escape(path)}`;
const valueOf = (path) => `**/${escape(path)}/##value`;
const source = (what) => `**/###source:${escape(what)}`;
// What an item shows: its label up to the "###" that names it.
const shown = async (page, name) => (await item(page, name)).label.replace(/###.*$/, '');

// Hovers the name of the form's field at `path` and returns its tooltip's text.
async function tooltipOf(page, path) {
  await reveal(page, label(path));
  const { x, y } = await centreOf(page, label(path));
  await page.mouse.move(x, y);
  await framesDrawn(page, 1);
  const tip = await waitForItem(page, 'tooltip');
  await page.mouse.move(1, 1);  // away, so the next hover opens its own tooltip
  await waitForGone(page, 'tooltip');
  return tip.label.replace(/###.*$/, '');
}

const kling26 = { model: 'klingai/kling-v2.6-t2v', prompt: 'A red fox in the snow' };
const kling30 = { model: 'klingai/kling-v3.0-t2v', prompt: 'A red fox in the snow' };
const noSourceKey = (text, where) => assert(!/seeds? \d/i.test(text), `${where} names a source key: ${text}`);

// Waits until browser storage holds `value` for the setting `name` (what a reload will read).
async function waitForSetting(page, name, value, timeout = 15000) {
  for (const deadline = Date.now() + timeout; ;) {
    const stored = await page.evaluate((n) => window.VideoGenStorage.getSetting(n).then((r) => r.value), name);
    if (stored === value) return;
    assert(Date.now() < deadline, `the setting ${name} is ${JSON.stringify(stored)}, not ${JSON.stringify(value)}, after ${timeout} ms`);
    await framesDrawn(page, 1);
  }
}

const words = suite('words');

words.check('form: a field reads as people say it, its tooltip says what it does and takes, with units and no source key',
  { start: kling30 }, async ({ page }) => {
    await waitFor(page, () => window.__vg.selected === 'klingai/kling-v3.0');
    const duration = await tooltipOf(page, '/duration');
    assert(duration.startsWith('How long the video lasts.'), `the duration's tooltip leads with ${duration}`);
    assert(duration.includes('Allowed: 3 - 15 s'), `the duration's range has no unit: ${duration}`);
    assert(duration.includes('Default: 5 s'), `the duration's default has no unit: ${duration}`);
    noSourceKey(duration, 'the duration tooltip');
    const ratio = await tooltipOf(page, '/aspectRatio');
    assert(ratio.includes('Allowed: 16:9 | 9:16 | 1:1'), `the aspect ratio's values: ${ratio}`);
    noSourceKey(ratio, 'the aspect ratio tooltip');

    await clickControl(page, `**/Provider options: klingai (${await providerCount(page)})`);
    const cfg = '/providerOptions/klingai/cfgScale';
    await waitForItem(page, label(cfg));
    assert(await shown(page, label(cfg)) === 'CFG scale', `cfgScale reads "${await shown(page, label(cfg))}"`);
    assert(await shown(page, label('/providerOptions/klingai/cameraControl')) === 'Camera control', 'cameraControl is not in words');
    const cfgTip = await tooltipOf(page, cfg);
    assert(cfgTip.startsWith('How closely the video follows the prompt'), `cfgScale's tooltip leads with ${cfgTip}`);
    const poll = await tooltipOf(page, '/providerOptions/klingai/pollIntervalMs');
    assert(poll.includes('Default: 5000 ms'), `the poll interval's default has no unit: ${poll}`);
    noSourceKey(cfgTip + poll, 'a provider option tooltip');
  });

// The provider options' header counts its options: read it from the drawn frame.
async function providerCount(page) {
  const ui = await page.evaluate(() => window.__vg.ui.text);
  const match = ui.match(/Provider options: klingai \((\d+)\)/);
  assert(match, 'no provider options header for klingai');
  return match[1];
}

words.check('Kling aspect ratio: a picker of the API\'s ratios; "banana" is refused with the list', { start: { ...kling26, aspectRatio: 'banana' } },
  async ({ page }) => {
    await waitFor(page, () => window.__vg.formPaths.includes('/aspectRatio') && !window.__vg.canGenerate);
    await clickControl(page, valueOf('/aspectRatio'));
    await clickControl(page, 'option:9:16');
    await waitFor(page, () => JSON.parse(window.__vg.requestText).aspectRatio === '9:16' && !window.__vg.formPaths.includes('/aspectRatio'));
    const s = await status(page);
    assert(s.formErrors === 0, `${s.formErrors} form errors after picking 9:16`);
  });

// Where only the gateway's route lists the values (Grok through the unified route), the form offers
// those as a picker, not free text (catalog.h narrowedByRoute).
words.check('Grok through the unified route: its aspect ratio is a picker of the route\'s ratios',
  { start: `/?dialect=unified${shareFragment({ model: 'xai/grok-imagine-video', prompt: 'a lantern festival at night' })}` },
  async ({ page }) => {
    await waitFor(page, () => window.__vg.selected === 'xai/grok-imagine-video' && window.__vg.gatewayDialect === 'unified');
    await clickControl(page, valueOf('/aspectRatio'));
    await clickControl(page, 'option:3:4');
    await waitFor(page, () => JSON.parse(window.__vg.requestText).aspectRatio === '3:4');
    const s = await status(page);
    assert(s.formErrors === 0 && s.canGenerate, `after picking 3:4: ${s.formErrors} form errors, canGenerate ${s.canGenerate}`);
  });

words.check('model reference: sources by their titles, notes without source keys', { start: kling26 }, async ({ page }) => {
  await openTab(page, 'Model reference', 'model-notes');
  const notes = await shown(page, 'model-notes');
  noSourceKey(notes, 'the model notes');
  assert(notes.includes('"Vercel AI Gateway docs: Image-to-Video Generation'), `the notes name no document by its title: ${notes}`);
  const ratio = await shown(page, source('/aspectRatio'));
  assert(ratio.startsWith('Kling AI API reference'), `the aspect ratio's source reads "${ratio}"`);
  const duration = await shown(page, source('/duration'));
  assert(duration.startsWith('Vercel AI Gateway docs'), `the duration's source reads "${duration}"`);
});

words.check('limits unknown is explained where it is shown', { start: { model: 'veo-2', prompt: 'A red fox in the snow' } }, async ({ page }) => {
  await waitFor(page, () => window.__vg.selected === 'google/veo-2');
  const text = await shown(page, 'limits-unknown');
  assert(text.startsWith('Limits unknown: ') && text.includes('only the request\'s shape'), `the form says "${text}"`);
});

words.check('gateway dialog: one line on what the chosen dialect is', async ({ page }) => {
  await clickControl(page, 'gateway');
  await waitForItem(page, 'dialect-about');
  const about = await shown(page, 'dialect-about');
  assert(await status(page).then((s) => s.gatewayDialect) === 'jobs', 'the default gateway dialect is not jobs');
  assert(about.startsWith('an asynchronous jobs API'), `the jobs dialect reads "${about}"`);
});

words.check('first visit: the hint shows until it is dismissed, and stays dismissed after a reload', async ({ page, context, url }) => {
  await waitFor(page, () => window.__vg.firstSteps === 'open');
  await waitForItem(page, 'first-steps');
  await clickControl(page, 'first-steps:dismiss');
  await waitFor(page, () => window.__vg.firstSteps === 'done');
  await waitForGone(page, 'first-steps');
  await waitForSetting(page, 'firstSteps', 'done');
  const again = (await openPage(context, url)).page;
  await waitFor(again, () => window.__vg.firstSteps === 'done');
  await page.close();
});

words.check('first visit: making the first job ends the hint', async ({ page, context, url }) => {
  await waitFor(page, () => window.__vg.firstSteps === 'open' && window.__vg.canGenerate);
  await clickControl(page, 'generate');
  await waitFor(page, () => window.__vg.jobs.length === 1 && window.__vg.firstSteps === 'done');
  await waitForSetting(page, 'firstSteps', 'done');
  const again = (await openPage(context, url)).page;
  await waitFor(again, () => window.__vg.firstSteps === 'done');
});

words.run();
