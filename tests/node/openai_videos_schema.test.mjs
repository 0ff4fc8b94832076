// Every answer serve.py gives on the OpenAI Videos routes, success and refusal, against JSON Schemas
// written from the OpenAI OpenAPI description (openai/openai-openapi): tests/node/schemas/openai_videos/.
// The calls go through the official `openai` SDK (and plain fetch for what the SDK never sends), all
// with one fetch that validates each answer for the route it came from, the route found in the core's
// own table (`vgen dialect-facts`); at the end every route of that table must have been seen both
// succeeding and refusing.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import Ajv from 'ajv';
import OpenAI, { toFile } from 'openai';

import { repoRoot, runCli } from './helpers.mjs';
import { retrieveUntilDone, startServer } from './serve_helpers.mjs';

const SCHEMA_DIR = join(repoRoot, 'tests/node/schemas/openai_videos');
// The schema of each route's successful answer, by the role the core's table gives the route.
const SUCCESS_SCHEMA = {
  submit: 'video.json', status: 'video.json', remix: 'video.json', edit: 'video.json', extend: 'video.json',
  list: 'video_list.json', delete: 'deleted_video.json', character_create: 'character.json', character: 'character.json',
};
// GET /videos/{video_id}/content's media types per variant (the description's responses).
const CONTENT_TYPES = { video: 'video/mp4', thumbnail: 'image/webp', spritesheet: 'image/webp' };

const ajv = new Ajv({ allErrors: true });
for (const name of readdirSync(SCHEMA_DIR)) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, name), 'utf8')));

const wire = JSON.parse(runCli(['dialect-facts']).stdout.toString()).dialects.find((row) => row.name === 'openai');
const routes = wire.routes.map((route) => ({
  ...route,
  regex: new RegExp(route.pattern.replace('{id}', `(${wire.idPattern})`)),
}));
const seen = new Map(routes.map((route) => [route.role, { ok: 0, refused: 0 }]));
const problems = [];

function routeOf(method, path) {
  return routes.find((route) => route.method === method && route.regex.test(path));
}

// fetch that checks every answer under /v1/videos against its route's schema.
async function checkedFetch(input, init = {}) {
  const request = new Request(input, init);
  const response = await fetch(request);
  const url = new URL(request.url);
  const route = routeOf(request.method, url.pathname);
  if (!url.pathname.startsWith('/v1/videos')) return response;
  const where = `${request.method} ${url.pathname}${url.search} -> ${response.status}`;
  if (!route) {
    problems.push(`${where}: no route of the core's table`);
    return response;
  }
  const copy = response.clone();
  const type = copy.headers.get('content-type') ?? '';
  if (response.ok && route.role === 'content') {
    const wanted = CONTENT_TYPES[url.searchParams.get('variant') ?? 'video'];
    if (type !== wanted) problems.push(`${where}: content-type ${type}, the description lists ${wanted}`);
  } else {
    const schema = response.ok ? SUCCESS_SCHEMA[route.role] : 'error.json';
    if (!type.startsWith('application/json')) problems.push(`${where}: content-type ${type}, not JSON`);
    const body = await copy.json();
    if (!ajv.validate(schema, body)) problems.push(`${where}: not ${schema}: ${ajv.errorsText()} in ${JSON.stringify(body)}`);
  }
  seen.get(route.role)[response.ok ? 'ok' : 'refused'] += 1;
  return response;
}

let server;
let client;
before(async () => {
  server = await startServer();
  client = new OpenAI({ baseURL: `${server.origin}/v1`, apiKey: 'local', maxRetries: 0, fetch: checkedFetch });
});
after(async () => {
  await server?.stop();
});

async function completed(id) {
  const video = await retrieveUntilDone(client, id);
  assert.equal(video.status, 'completed', `video ${id} failed: ${JSON.stringify(video.error)}`);
  return video;
}

async function refused(promise, status) {
  await assert.rejects(promise, (error) => error instanceof OpenAI.APIError && error.status === status);
}

test('every /v1/videos answer, success and refusal, matches the OpenAPI description\'s schema of its route', async () => {
  const api = (path, init) => checkedFetch(`${server.origin}${path}`, init);

  // Successes, through the SDK.
  const created = await client.videos.create({ prompt: 'A red kite over dunes, slow pan' });
  assert.equal(created.model, 'sora-2', 'no model is the API\'s default');
  const source = await completed(created.id);
  assert.equal(source.size, '720x1280');
  const page = await client.videos.list({ limit: 0 });
  assert.deepEqual(page.data, []);
  await client.videos.list({ limit: 10, order: 'asc' });
  for (const variant of Object.keys(CONTENT_TYPES)) await client.videos.downloadContent(created.id, { variant });
  const remixed = await client.videos.remix(created.id, { prompt: 'The same kite at night' });
  const edited = await client.videos.edit({ video: { id: created.id }, prompt: 'As a pencil drawing' });
  const extended = await client.videos.extend({ video: { id: created.id }, prompt: 'The kite lands', seconds: '4' });
  assert.equal(extended.seconds, '8', 'an extension answers the stitched total');
  for (const video of [remixed, edited, extended]) await completed(video.id);
  const mp4 = Buffer.from(await (await client.videos.downloadContent(created.id)).arrayBuffer());
  const character = await client.videos.createCharacter({ name: 'Kite flyer', video: await toFile(mp4, 'kite.mp4', { type: 'video/mp4' }) });
  assert.deepEqual(await client.videos.getCharacter(character.id), character);
  const form = new FormData();
  form.append('prompt', 'The kite in rain');
  const multipartRemix = await api(`/v1/videos/${created.id}/remix`, { method: 'POST', body: form });
  assert.equal(multipartRemix.status, 200);
  const { id: remixId } = await multipartRemix.json();

  // Refusals: through the SDK where it can send them, else plain requests.
  await refused(client.videos.create({ model: 'sora-2', prompt: 'x', seconds: '7' }), 400);
  await refused(client.videos.create({ prompt: 'x', input_reference: { file_id: 'file-nope' } }), 404);
  await refused(client.videos.retrieve('video_nope'), 404);
  await refused(client.videos.delete('video_nope'), 404);
  await refused(client.videos.downloadContent('video_nope'), 404);
  await refused(client.videos.remix('video_nope', { prompt: 'x' }), 404);
  await refused(client.videos.edit({ video: { id: 'video_nope' }, prompt: 'x' }), 404);
  await refused(client.videos.getCharacter('char_nope'), 404);
  assert.equal((await api('/v1/videos?limit=101')).status, 400);
  assert.equal((await api(`/v1/videos/${created.id}/content?variant=poster`)).status, 400);
  assert.equal((await api('/v1/videos/extensions', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ video: { id: created.id }, prompt: 'x' }),
  })).status, 400);
  assert.equal((await api('/v1/videos/characters', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x' }),
  })).status, 400);

  for (const id of [remixed.id, edited.id, extended.id, remixId, created.id]) await client.videos.delete(id);

  assert.deepEqual(problems, [], 'answers that do not match the description');
  const missing = [...seen].filter(([, count]) => !count.ok || !count.refused).map(([role, count]) => `${role} ${JSON.stringify(count)}`);
  assert.deepEqual(missing, [], 'every route of the core\'s table answered both a success and a refusal');
});
