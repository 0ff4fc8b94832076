// The AI SDK (`ai` + `@ai-sdk/gateway`'s createGateway) against serve.py's `gateway` dialect (issue
// 3, "Tests"): experimental_generateVideo over the held-open SSE call, and the /v4 start/status
// operation protocol. ffprobe checks each mp4 against the request.
//
// `ai` 6.0.x's experimental_generateVideo has no `poll` option and @ai-sdk/gateway 3.0.x has no
// doStart/doStatus (both exist only on vercel/ai's main branch), so the start/status pair is
// driven here with plain fetch, in the wire format of vercel/ai's
// packages/gateway/src/gateway-video-model.ts: POST /video-model/start -> {operation}, then
// POST /video-model/status {operation} until {status: "completed", videos}.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

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

function gatewayAt(version) {
  return createGateway({ baseURL: `${server.origin}/${version}/ai`, apiKey: 'local' });
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

test('AI SDK: generateVideo over the held-open /v3/ai/video-model stream', async () => {
  const result = await generateAt('v3', 'A red kite over a windy beach. The narrator says "look at it fly".', true);
  assert.equal(result.videos.length, 1);
  assert.equal(result.videos[0].mediaType, 'video/mp4');
  assertMp4Matches(result.videos[0].uint8Array, { duration: 4, width: 1280, height: 720, audio: true });
  // The SDK always sends n: 1. Veo has no n, but one video is what every model makes: nothing is
  // ignored, so no warning (an n the model cannot honour is: tests/serve/test_vercel.py).
  assert.ok(!result.warnings.some((warning) => warning.feature === 'n'), `warnings: ${JSON.stringify(result.warnings)}`);
});

test('AI SDK: the same call through the /v4/ai base URL', async () => {
  const result = await generateAt('v4', 'Rain on a window at night, city lights behind', false);
  assertMp4Matches(result.videos[0].uint8Array, { duration: 4, width: 1280, height: 720, audio: false });
});

test('AI SDK: an invalid request becomes GatewayInvalidRequestError with the diagnostic', async () => {
  await assert.rejects(
    generateVideo({ model: gatewayAt('v3').video(MODEL), prompt: 'a kite', duration: 5, maxRetries: 0 }),
    (error) => GatewayInvalidRequestError.isInstance(error) && error.statusCode === 400 && /duration/.test(error.message),
  );
});

test('AI SDK: an unknown model becomes GatewayModelNotFoundError', async () => {
  await assert.rejects(
    generateVideo({ model: gatewayAt('v3').video('nobody/no-such-model'), prompt: 'a kite', maxRetries: 0 }),
    (error) => GatewayModelNotFoundError.isInstance(error) && error.statusCode === 404,
  );
});

// The headers and body @ai-sdk/gateway's doStart/doStatus send (vercel/ai main).
async function postGateway(path, body) {
  const response = await fetch(`${server.origin}/v4/ai${path}`, {
    method: 'POST',
    headers: {
      authorization: 'Bearer local',
      'content-type': 'application/json',
      'ai-gateway-protocol-version': '0.0.1',
      'ai-video-model-specification-version': '4',
      'ai-model-id': MODEL,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

test('/v4/ai/video-model/start and /status (plain fetch: this SDK version has no poll)', async () => {
  const started = await postGateway('/video-model/start', {
    prompt: 'A paper boat drifting down a gutter stream',
    n: 1,
    duration: 4,
    resolution: '720p',
    generateAudio: false,
  });
  assert.equal(started.status, 200, JSON.stringify(started.body));
  assert.ok(started.body.operation != null, 'start answers an operation');
  assert.ok(Array.isArray(started.body.warnings));

  const deadline = Date.now() + POLL_DEADLINE_MS;
  let status;
  for (;;) {
    status = await postGateway('/video-model/status', { operation: started.body.operation });
    assert.equal(status.status, 200, JSON.stringify(status.body));
    if (status.body.status !== 'pending') break;
    assert.deepEqual(Object.keys(status.body), ['status']);
    assert.ok(Date.now() < deadline, `still pending after ${POLL_DEADLINE_MS} ms`);
    await sleep(250);
  }
  assert.equal(status.body.status, 'completed', JSON.stringify(status.body));
  assert.equal(status.body.videos.length, 1);
  const [video] = status.body.videos;
  assert.equal(video.type, 'base64');
  assert.equal(video.mediaType, 'video/mp4');
  assertMp4Matches(Buffer.from(video.data, 'base64'), { duration: 4, width: 1280, height: 720, audio: false });

  const unknown = await postGateway('/video-model/status', { operation: { id: 'no-such-operation' } });
  assert.equal(unknown.status, 404);
  assert.equal(typeof unknown.body.error.message, 'string');
});
