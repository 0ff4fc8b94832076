// The official `openai` npm SDK against serve.py's `openai` dialect (issue 3, "Tests"): create a
// video, poll retrieve until it completes, find it in list, download it, and check the mp4 with
// ffprobe against the request. A client no one here wrote, so the wire format is OpenAI's own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import OpenAI from 'openai';
import { VERSION } from 'openai/version';

import { repoRoot } from './helpers.mjs';
import { DURATION_TOLERANCE_S, probeMp4, retrieveUntilDone, startServer } from './serve_helpers.mjs';


let server;
let client;
before(async () => {
  server = await startServer();
  client = new OpenAI({ baseURL: `${server.origin}/v1`, apiKey: 'local', maxRetries: 0 });
});
after(async () => {
  await server?.stop();
});

test('openai SDK: the client under test is the major package.json asks for (npm install after a change)', () => {
  const wanted = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).devDependencies.openai;
  const major = /^\^(\d+)\./.exec(wanted)?.[1];
  assert.ok(major, `package.json asks for openai ${wanted}, not a ^MAJOR range`);
  assert.equal(VERSION.split('.')[0], major, `node_modules holds openai ${VERSION}, package.json asks for ${wanted}`);
  assert.equal(major, '7', 'the tests drive the current major of the openai SDK');
});

test('openai SDK: videos.create, retrieve until completed, list, downloadContent (ffprobe checks the mp4)', async () => {
  // sora-2 has no audio parameter in the catalog, so the request asks for none.
  const request = { model: 'sora-2', prompt: 'A glass sphere floating over a neon city, slow push-in', seconds: '4', size: '1280x720' };
  const created = await client.videos.create(request);
  assert.equal(created.object, 'video');
  assert.match(created.id, /^[A-Za-z0-9_-]+$/);
  assert.ok(['queued', 'in_progress'].includes(created.status), `a new job is queued or in progress, not ${created.status}`);
  assert.equal(created.model, 'sora-2');
  assert.equal(created.seconds, '4');
  assert.equal(created.size, '1280x720');

  const done = await retrieveUntilDone(client, created.id, (video) =>
    assert.ok(video.progress >= 0 && video.progress <= 100, `progress ${video.progress} is a percentage`));
  assert.equal(done.status, 'completed', `the render failed: ${JSON.stringify(done.error)}`);
  assert.equal(done.progress, 100);
  assert.equal(typeof done.completed_at, 'number');
  assert.ok(done.completed_at >= done.created_at, 'timestamps are seconds, completion after creation');
  assert.ok(done.created_at < 1e11, 'created_at is in seconds, not milliseconds');

  const listed = [];
  for await (const video of client.videos.list({ limit: 10, order: 'desc' })) listed.push(video);
  assert.ok(listed.some((video) => video.id === created.id && video.status === 'completed'), 'list shows the video');

  const response = await client.videos.downloadContent(created.id, { variant: 'video' });
  assert.equal(response.headers.get('content-type'), 'video/mp4');
  const mp4 = Buffer.from(await response.arrayBuffer());
  const probe = probeMp4(mp4);
  assert.equal(probe.videoCodec, 'h264');
  assert.ok(Math.abs(probe.duration - 4) <= DURATION_TOLERANCE_S, `duration ${probe.duration}s, asked 4s`);
  assert.equal(`${probe.width}x${probe.height}`, '1280x720');
  assert.equal(probe.hasAudio, false, 'no audio was asked for, so there is no audio stream');
});

test('openai SDK: an invalid request is a 400 the SDK raises as BadRequestError', async () => {
  await assert.rejects(
    client.videos.create({ model: 'sora-2', prompt: 'too long a clip', seconds: '7' }),
    (error) => error instanceof OpenAI.BadRequestError && error.status === 400 && /seconds|duration/i.test(error.message),
  );
});
