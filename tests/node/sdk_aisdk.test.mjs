// The AI SDK (`ai` 7 + `@ai-sdk/gateway` 4's createGateway) against serve.py's `gateway` dialect
// (issues 3 and 12): experimental_generateVideo over the held-open SSE call, over the start/status
// operation protocol (`poll`), with a completion webhook (`webhook`: the gateway's callbackUrl),
// getAvailableModels() (GET /config), and the SDK's own forms of resolution ("WIDTHxHEIGHT") and
// aspect ratio ("adaptive"). ffprobe checks each mp4 against the request. The SDK's default base
// URL ends in /v4/ai; /v3/ai is what older clients were given and still works.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';

import { createGateway, GatewayInvalidRequestError, GatewayModelNotFoundError } from '@ai-sdk/gateway';
import { experimental_generateVideo as generateVideo } from 'ai';

import { DURATION_TOLERANCE_S, probeMp4, startServer } from './serve_helpers.mjs';

// The tests assert on result.warnings themselves; the SDK's console copy would only be noise.
globalThis.AI_SDK_LOG_WARNINGS = false;

const MODEL = 'google/veo-3.1-fast-generate-001';
const POLL_DEADLINE_MS = 180_000;

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

// A gateway at base URL /VERSION/ai; `calls`, when given, collects "METHOD /path" of each request
// the SDK sends (which protocol it used).
function gatewayAt(version, calls) {
  const recording = calls && ((url, init) => {
    calls.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
    return fetch(url, init);
  });
  return createGateway({ baseURL: `${server.origin}/${version}/ai`, apiKey: 'local', ...(recording && { fetch: recording }) });
}

function assertMp4Matches(bytes, { duration, width, height, audio }) {
  const probe = probeMp4(bytes);
  assert.equal(probe.videoCodec, 'h264');
  assert.ok(Math.abs(probe.duration - duration) <= DURATION_TOLERANCE_S, `duration ${probe.duration}s, asked ${duration}s`);
  assert.equal(`${probe.width}x${probe.height}`, `${width}x${height}`);
  assert.equal(probe.hasAudio, audio, audio ? 'audio was asked for' : 'no audio was asked for');
}

// A 4 s 720p video of MODEL through the gateway at base URL /VERSION/ai.
function generateAt(version, prompt, generateAudio) {
  return generateVideo({
    model: gatewayAt(version).video(MODEL), prompt, duration: 4, resolution: '720p', generateAudio, maxRetries: 0,
  });
}

test('AI SDK: generateVideo over the held-open /v4/ai/video-model stream', async () => {
  const result = await generateAt('v4', 'A red kite over a windy beach. The narrator says "look at it fly".', true);
  assert.equal(result.videos.length, 1);
  assert.equal(result.videos[0].mediaType, 'video/mp4');
  assertMp4Matches(result.videos[0].uint8Array, { duration: 4, width: 1280, height: 720, audio: true });
  // The SDK always sends n: 1. Veo has no n, but one video is what every model makes: nothing is
  // ignored, so no warning (an n the model cannot honour is: tests/serve/test_vercel.py).
  assert.ok(!result.warnings.some((warning) => warning.feature === 'n'), `warnings: ${JSON.stringify(result.warnings)}`);
});

test('AI SDK: the same call through an older client\'s /v3/ai base URL', async () => {
  const result = await generateAt('v3', 'Rain on a window at night, city lights behind', false);
  assertMp4Matches(result.videos[0].uint8Array, { duration: 4, width: 1280, height: 720, audio: false });
});

test('AI SDK: an invalid request becomes GatewayInvalidRequestError with the diagnostic', async () => {
  await assert.rejects(
    generateVideo({ model: gatewayAt('v4').video(MODEL), prompt: 'a kite', duration: 5, maxRetries: 0 }),
    (error) => GatewayInvalidRequestError.isInstance(error) && error.statusCode === 400 && /duration/.test(error.message),
  );
});

test('AI SDK: an unknown model becomes GatewayModelNotFoundError', async () => {
  await assert.rejects(
    generateVideo({ model: gatewayAt('v4').video('nobody/no-such-model'), prompt: 'a kite', maxRetries: 0 }),
    (error) => GatewayModelNotFoundError.isInstance(error) && error.statusCode === 404,
  );
});

// A PNG of WIDTHxHEIGHT (ffmpeg draws it), as the bytes a caller would pass.
function pngBytes(width, height) {
  const run = spawnSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `color=c=orange:s=${width}x${height}`, '-frames:v', '1',
    '-f', 'image2pipe', '-vcodec', 'png', '-'], { maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`ffmpeg could not draw a PNG: ${run.stderr}`);
  return new Uint8Array(run.stdout);
}

test('AI SDK: poll drives /video-model/start and /status, and n: 1 gets no warning there either', async () => {
  const calls = [];
  const result = await generateVideo({
    model: gatewayAt('v4', calls).video(MODEL),
    prompt: 'A paper boat drifting down a gutter stream',
    duration: 4,
    generateAudio: false,
    poll: { intervalMs: 250, timeoutMs: POLL_DEADLINE_MS },
    maxRetries: 0,
  });
  assert.equal(calls[0], 'POST /v4/ai/video-model/start', calls.join(', '));
  assert.ok(calls.slice(1).every((call) => call === 'POST /v4/ai/video-model/status'), calls.join(', '));
  assertMp4Matches(result.videos[0].uint8Array, { duration: 4, width: 1280, height: 720, audio: false });
  assert.deepEqual(result.warnings, []);
});

// A receiver on loopback for the gateway's completion webhook: `url`, and `received`, which
// resolves to the first POST's {headers, body} (the SDK's VideoModelV4OperationWebhook).
async function webhookReceiver() {
  let deliver;
  const received = new Promise((resolve) => { deliver = resolve; });
  const receiver = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      response.writeHead(204).end();
      deliver({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${receiver.address().port}/hook`, received, close: () => receiver.close() };
}

test('AI SDK: webhook: the gateway posts to callbackUrl when the video is done, then one /status fetches it', async () => {
  const receiver = await webhookReceiver();
  const calls = [];
  try {
    const result = await generateVideo({
      model: gatewayAt('v4', calls).video(MODEL),
      prompt: 'Fireflies over a meadow at dusk',
      duration: 4,
      webhook: async () => ({ url: receiver.url, received: receiver.received }),
      poll: { timeoutMs: POLL_DEADLINE_MS },
      maxRetries: 0,
    });
    assertMp4Matches(result.videos[0].uint8Array, { duration: 4, width: 1280, height: 720, audio: false });
    // The SDK waits for the webhook and then asks once: no polling.
    assert.deepEqual(calls, ['POST /v4/ai/video-model/start', 'POST /v4/ai/video-model/status']);
    const { body, headers } = await receiver.received;
    assert.equal(headers['content-type'], 'application/json');
    assert.equal(body.status, 'completed');
    assert.equal(typeof body.operation.id, 'string');
    assert.deepEqual(result.warnings, []);
  } finally {
    receiver.close();
  }
});

test('AI SDK: resolution "720x1280" (the only form ai 7 types) is Veo\'s 720p in portrait', async () => {
  const result = await generateVideo({
    model: gatewayAt('v4').video(MODEL), prompt: 'A waterfall in a rain forest', duration: 4, resolution: '720x1280',
    generateAudio: false, maxRetries: 0,
  });
  assertMp4Matches(result.videos[0].uint8Array, { duration: 4, width: 720, height: 1280, audio: false });
  assert.deepEqual(result.warnings, []);
});

test('AI SDK: a first-frame image with aspectRatio "adaptive" follows the image, without warnings', async () => {
  // The SDK sends the first frame twice (image and frameImages) and n: 1: neither changes anything.
  const result = await generateVideo({
    model: gatewayAt('v4').video(MODEL),
    prompt: { text: 'The orange wall slowly fades to dusk' },
    frameImages: [{ image: pngBytes(360, 640), frameType: 'first_frame' }],
    aspectRatio: 'adaptive',
    duration: 4,
    generateAudio: false,
    maxRetries: 0,
  });
  assertMp4Matches(result.videos[0].uint8Array, { duration: 4, width: 720, height: 1280, audio: false });
  assert.deepEqual(result.warnings, []);
});

test('AI SDK: getAvailableModels() reads GET /config: the catalog\'s gateway ids as video models', async () => {
  const { models } = await gatewayAt('v4').getAvailableModels();
  const veo = models.find((model) => model.id === MODEL);
  assert.ok(veo, `${MODEL} is listed`);
  assert.equal(veo.modelType, 'video');
  assert.equal(veo.specification.modelId, MODEL);
  assert.equal(typeof veo.name, 'string');
  assert.ok(!models.some((model) => model.id === 'veo-3.1'), 'ids of other dialects are not gateway ids');
  // An older client's /v3/ai/config: the same list in the specification version it parses.
  const older = await (await fetch(`${server.origin}/v3/ai/config`, { headers: { authorization: 'Bearer local' } })).json();
  assert.equal(older.models.find((model) => model.id === MODEL).specification.specificationVersion, 'v3');
});
