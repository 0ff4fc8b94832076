// Issue 14, "Submission that survives a reload": a reload right after Generate ends with the one
// rendered video and one submission at the gateway, never "failed: the page was reloaded before the
// gateway answered". The job is saved (with its idempotency key) before its submit leaves; after the
// reload the playground looks for the job in the dialect's list where it has one (openai), and
// otherwise sends the submit again with that key, and serve.py answers with the job it already made. Every submit is counted with page.route and forwarded to serve.py by the check
// itself (route.fetch), so the check sees what serve.py answered each of them: one key, one job.
// The moment of the reload is chosen by state, never by time:
//   - once the submit has been seen by page.route and sent on to the server (about "1 s after
//     Generate": the gateway has the job, the page may or may not have its answer);
//   - the worst case: the submit held at page.route until the reload has started, then sent on to
//     the server (whose answer the old page never reads).
//
//   node tests/browser/reload_submit.test.mjs
// Each check opens its own page in a context of its own (VG_CHECK / VG_ORDER: harness.mjs, suite).
// Ends with `reload_submit: N passed, M failed` and exits 1 on any failure. Screenshots go to
// tests/artifacts/.
import path from 'node:path';

import {
  ARTIFACTS, assert, clickControl, evaluateUntil, pressCtrlEnter, shareFragment, status, suite, waitFor, waitForItem,
} from './harness.mjs';

const SORA = { model: 'openai/sora-2', prompt: 'a paper lantern drifting over a night lake', duration: 4 };
const KLING = { model: 'klingai/kling-v2.6-t2v', prompt: 'a kite over a windy beach', duration: 5, aspectRatio: '1:1' };
const SUBMIT_PATHS = { openai: '/v1/videos', jobs: '/v2/videos/generate' };
const ANSWERED_ID = { openai: 'id', jobs: 'jobId' };
const TERMINAL = ['succeeded', 'failed', 'expired', 'cancelled'];

const reloads = suite('reload_submit');

// Counts the page's submits to `dialect`'s submit route and sends each on to serve.py itself, so
// the server gets it even when the page that sent it is gone. `hold` (a promise) keeps the first
// one back until it settles. Returns what was seen: {posts, keys, jobIds, first} (first: a promise
// of the first submit's arrival).
async function countSubmits(context, dialect, hold = null, { loseFirstAnswer = false, answerHold = null, listBroken = false } = {}) {
  const seen = { posts: 0, lists: 0, keys: [], jobIds: [], errors: [] };
  let arrived, forwarded;
  seen.first = new Promise((resolve) => { arrived = resolve; });
  seen.forwarded = new Promise((resolve) => { forwarded = resolve; });
  const submitPath = SUBMIT_PATHS[dialect];
  await context.route((url) => url.pathname === submitPath, async (route) => {
    const request = route.request();
    if (request.method() === 'GET') {
      // The dialect's list (openai: GET /v1/videos, where a reloaded page looks for the job): it
      // goes on once serve.py has answered the first submit, so the job is there to be found.
      seen.lists++;
      await seen.forwarded;
      // `listBroken`: a proxy's error page instead of the list, which the page cannot search.
      if (listBroken) return route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body>502 Bad Gateway</body></html>' });
      return route.continue();
    }
    if (request.method() !== 'POST') return route.continue();
    const number = ++seen.posts;
    seen.keys.push(request.headers()['idempotency-key'] || '');
    arrived();
    if (number === 1 && hold) await hold;
    const response = await route.fetch();
    if (number === 1) forwarded();
    const body = await response.json().catch(() => ({}));
    if (response.status() >= 300) seen.errors.push(`${response.status()}: ${JSON.stringify(body)}`);
    if (body[ANSWERED_ID[dialect]]) seen.jobIds.push(body[ANSWERED_ID[dialect]]);
    // The answer lost on its way back: the gateway made the job, the page hears a network error.
    if (number === 1 && loseFirstAnswer) return route.abort('connectionreset');
    // `answerHold` keeps the first answer back until it settles (the page that sent it is gone by then).
    if (number === 1 && answerHold) await answerHold;
    // The page that sent it may be gone (the reload): then there is no one to answer.
    await route.fulfill({ response, body: JSON.stringify(body) }).catch(() => {});
  });
  return seen;
}

// The page's first job once it exists (Generate makes it before anything is sent).
async function firstJob(page) {
  await waitFor(page, () => window.__vg.jobs && window.__vg.jobs.length > 0);
  return (await status(page)).jobs[0];
}

// After the reload: the job comes back from history and ends; the one video plays in the Jobs tab.
async function endsWithOneVideo(page, localId) {
  await waitFor(page, (id) => window.__vg && window.__vg.historyLoaded && window.__vg.jobs.some((j) => j.id === id),
    localId, 30000);
  await waitFor(page, ({ id, terminal }) => terminal.includes(window.__vg.jobs.find((j) => j.id === id).state),
    { id: localId, terminal: TERMINAL }, 180000);
  const jobs = (await status(page)).jobs;
  const job = jobs.find((j) => j.id === localId);
  assert(job.state === 'succeeded' && job.error === '', `the job ended ${job.state}: ${job.error}`);
  assert(job.results === 1, `the job has ${job.results} videos`);
  assert(jobs.length === 1, `the page lists ${jobs.length} jobs: ${JSON.stringify(jobs.map((j) => [j.id, j.state]))}`);
  await waitFor(page, () => {
    const video = document.querySelector('video');
    return video && video.style.visibility === 'visible' && video.readyState >= 2 && video.currentTime > 0.2;
  }, undefined, 60000);
  return job;
}

// One submission at the gateway: every submit the page sent carried the job's one key, and every
// answer serve.py gave named one job.
function oneSubmission(seen, job) {
  assert(seen.errors.length === 0, `serve.py refused a submit: ${seen.errors.join(' | ')}`);
  assert(new Set(seen.keys).size === 1 && seen.keys[0] === job.idempotencyKey && /^vg-[0-9a-f]{32}$/.test(seen.keys[0]),
    `the submits carried the keys ${JSON.stringify(seen.keys)}, the job's is ${job.idempotencyKey}`);
  assert(seen.jobIds.length === seen.posts && new Set(seen.jobIds).size === 1,
    `serve.py answered ${seen.posts} submits with the jobs ${JSON.stringify(seen.jobIds)}`);
  assert(job.gatewayId === seen.jobIds[0], `the page follows ${job.gatewayId}, serve.py made ${seen.jobIds[0]}`);
  console.log(`    # ${seen.posts} submit request(s), 1 key, 1 job (${seen.jobIds[0]})`);
}

// serve.py's own list of OpenAI videos (the dialect's list route): the one job, nothing else.
async function listedVideos(url) {
  const answer = await fetch(new URL('/v1/videos?limit=100', url));
  assert(answer.status === 200, `GET /v1/videos answered ${answer.status}`);
  return (await answer.json()).data.map((video) => video.id);
}

// The gateway has the job but the page never heard its answer (held until the reloaded page has
// loaded): the reloaded page finds the video in the dialect's list (GET /v1/videos) and follows it
// without sending the submit again.
reloads.check('a reload once the submit has left finds the job in the list: one rendered video, exactly one submit (openai)',
  { start: `/?dialect=openai${shareFragment(SORA)}` }, async ({ page, context, url }) => {
    const before = await listedVideos(url);
    assert((await status(page)).gatewayDialect === 'openai', 'the ?dialect= setting was not applied');
    let answer;
    const answerHold = new Promise((resolve) => { answer = resolve; });
    const seen = await countSubmits(context, 'openai', null, { answerHold });
    await pressCtrlEnter(page);
    await seen.first;
    const job = await firstJob(page);
    assert(job.idempotencyKey, 'the job has no idempotency key');
    await page.reload();
    answer();
    const ended = await endsWithOneVideo(page, job.id);
    oneSubmission(seen, ended);
    assert(seen.posts === 1 && seen.lists === 1, `${seen.posts} submits and ${seen.lists} list requests: the reloaded page sent the job again`);
    const made = (await listedVideos(url)).filter((id) => !before.includes(id));
    assert(made.length === 1 && made[0] === ended.gatewayId, `serve.py lists the new videos ${JSON.stringify(made)}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'reload-after-submit.png') });
  });

// A list the page cannot read (a proxy's 502 page) is no answer: the reloaded page sends the submit
// again with its key, and serve.py answers with the job it made. Nothing fails, nothing is made twice.
reloads.check('a reload whose list lookup is refused sends the submit again with its key: one job, one video (openai)',
  { start: `/?dialect=openai${shareFragment(SORA)}`, allowErrors: [/status of 502/] }, async ({ page, context }) => {
    let answer;
    const answerHold = new Promise((resolve) => { answer = resolve; });
    const seen = await countSubmits(context, 'openai', null, { answerHold, listBroken: true });
    await pressCtrlEnter(page);
    await seen.first;
    const job = await firstJob(page);
    await page.reload();
    answer();
    const ended = await endsWithOneVideo(page, job.id);
    oneSubmission(seen, ended);
    assert(seen.lists === 1 && seen.posts === 2, `${seen.lists} list requests and ${seen.posts} submits: the refused list was not followed by one submit with the key`);
  });

// The usual case of "a reload 1 s after Generate": the gateway has answered and the page has saved
// the job with the gateway's id before the reload (state, not time: the saved record is read back).
// The reloaded page follows that id: no submit goes out again.
reloads.check('a reload once the gateway\'s answer is saved sends no second submit: exactly one submission (jobs)',
  { start: KLING }, async ({ page, context }) => {
    const seen = await countSubmits(context, 'jobs');
    await pressCtrlEnter(page);
    const job = await firstJob(page);
    // The job's record in the browser's storage, read back until it holds the gateway's id.
    await evaluateUntil(page, async () => {
      const listed = await window.VideoGenStorage.listHistory({ limit: 10 });
      return (listed.entries || []).map((entry) => entry.job && entry.job.id).find(Boolean) || '';
    }, undefined, 'the job is saved with the gateway\'s id', 30000);
    // Submits before the reload: one, or more on a machine slow enough that the page sent it again
    // with its key before hearing the first answer (the gateway's job is one either way).
    const beforeReload = seen.posts;
    await page.reload();
    const ended = await endsWithOneVideo(page, job.id);
    oneSubmission(seen, ended);
    assert(seen.posts === beforeReload, `${seen.posts - beforeReload} submit request(s) after the reload: it sent the job again`);
  });

reloads.check('a reload while the submit is held in flight still ends with one video and one job (jobs, the default dialect)',
  { start: KLING }, async ({ page, context }) => {
    let release, answer;
    const hold = new Promise((resolve) => { release = resolve; });
    // Its answer is held until the reloaded page has loaded: the old page never hears it (else, if
    // serve.py answered before the new document took over, the old page would keep the job's id and
    // the reloaded one would follow it without sending again).
    const answerHold = new Promise((resolve) => { answer = resolve; });
    const seen = await countSubmits(context, 'jobs', hold, { answerHold });
    await pressCtrlEnter(page);
    await seen.first;
    const job = await firstJob(page);
    assert(job.state === 'submitting' && job.gatewayId === '', `the job is ${job.state} (${job.gatewayId}) while its submit is held`);
    // The reload has started (its document request is on the wire) before the held submit goes on.
    const navigating = page.waitForRequest((request) => request.isNavigationRequest());
    const reloaded = page.reload();
    await navigating;
    release();
    await reloaded;
    answer();
    const ended = await endsWithOneVideo(page, job.id);
    oneSubmission(seen, ended);
    assert(seen.posts === 2, `${seen.posts} submit requests: the held one and the one after the reload were expected`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'reload-while-submitting.png') });
  });

// ---- Retry never submits twice without asking ---------------------------------------------------------------------
const RETRY_POPUP = 'Submit again?###retry-question';

reloads.check('Retry after a submit whose answer was lost sends the same key: the job the gateway made, no question, no second job',
  { start: KLING, allowErrors: [/ERR_CONNECTION_RESET|Failed to load resource/] }, async ({ page, context }) => {
    const seen = await countSubmits(context, 'jobs', null, { loseFirstAnswer: true });
    await pressCtrlEnter(page);
    const job = await firstJob(page);
    await waitFor(page, () => window.__vg.jobs[0].state === 'failed', undefined, 30000);
    const failed = (await status(page)).jobs[0];
    assert(failed.gatewayId === '' && /connection failed/.test(failed.error), `the job failed with: ${failed.error}`);
    await clickControl(page, '**/Retry');
    await waitFor(page, () => window.__vg.jobs[0].state !== 'failed');
    assert((await status(page)).retryAsked === '', 'Retry asked before sending the same submission again');
    const ended = await endsWithOneVideo(page, job.id);
    oneSubmission(seen, ended);
    assert(seen.posts === 2, `${seen.posts} submit requests: the lost one and the Retry were expected`);
  });

reloads.check('Retry of a job the gateway accepted asks first: Cancel sends nothing, agreeing sends a new job with a new key',
  { start: KLING }, async ({ page, context }) => {
    const seen = await countSubmits(context, 'jobs');
    await pressCtrlEnter(page);
    await waitFor(page, () => window.__vg.jobs.length === 1 && window.__vg.jobs[0].gatewayId !== '', undefined, 30000);
    await clickControl(page, '**/Cancel');  // the row's: the playground stops following it, the gateway renders on
    await waitFor(page, () => window.__vg.jobs[0].state === 'cancelled');
    await clickControl(page, '**/Retry');
    const asked = (await status(page)).jobs[0].id;
    await waitFor(page, (id) => window.__vg.retryAsked === id, asked);
    await waitForItem(page, `${RETRY_POPUP}/Cancel`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'retry-asks.png') });
    await clickControl(page, `${RETRY_POPUP}/Cancel`);
    await waitFor(page, () => window.__vg.retryAsked === '');
    let s = await status(page);
    assert(s.jobs.length === 1 && seen.posts === 1, `after Cancel: ${s.jobs.length} jobs, ${seen.posts} submits`);
    await clickControl(page, '**/Retry');
    await waitFor(page, (id) => window.__vg.retryAsked === id, asked);
    await clickControl(page, `${RETRY_POPUP}/Submit again as a new job`);
    await waitFor(page, () => window.__vg.jobs.length === 2 && window.__vg.jobs[0].gatewayId !== '', undefined, 30000);
    s = await status(page);
    assert(seen.posts === 2 && new Set(seen.keys).size === 2, `a new submission carries a new key: ${JSON.stringify(seen.keys)}`);
    assert(s.jobs[0].idempotencyKey === seen.keys[1] && s.jobs[0].gatewayId !== s.jobs[1].gatewayId,
      `the new job: ${JSON.stringify(s.jobs[0])}`);
  });

reloads.run();
