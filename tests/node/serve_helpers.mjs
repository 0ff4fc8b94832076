// Shared by the SDK tests (sdk_openai, sdk_aisdk, openai_videos_schema): a serve.py of their own on a
// free port with a temporary --data, polling an OpenAI video to its end, and ffprobe's view of the
// videos it renders.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { nativeDir, repoRoot } from './helpers.mjs';

const STARTUP_MS = 30_000;

// Starts serve.py (--port 0: the OS picks a free port; serve.py prints the URL it bound) and
// resolves to { origin, stop() } once it answers GET /v1/models.
export async function startServer(extraArgs = []) {
  const dataDir = mkdtempSync(join(tmpdir(), 'vg-sdk-'));
  const child = spawn(
    'python3',
    [join(repoRoot, 'serve.py'), '--port', '0', '--quiet', '--data', dataDir, '--native-dir', nativeDir, ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr.on('data', (chunk) => { output += chunk; });
  const origin = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve.py did not start in ${STARTUP_MS} ms: ${output}`)), STARTUP_MS);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const found = /http:\/\/[^/\s]+/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[0]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve.py exited with ${code} before it was ready: ${output}`));
    });
  });
  const ready = await fetch(`${origin}/v1/models`);
  if (!ready.ok) throw new Error(`serve.py is up but GET /v1/models answered ${ready.status}`);
  return {
    origin,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ffprobe's reading of an mp4 (bytes): { duration (s), width, height, hasAudio, videoCodec }.
export function probeMp4(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'vg-probe-'));
  try {
    const file = join(dir, 'video.mp4');
    writeFileSync(file, bytes);
    const run = spawnSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], {
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`ffprobe failed (${run.status}): ${run.stderr}`);
    const info = JSON.parse(run.stdout);
    const video = info.streams.find((stream) => stream.codec_type === 'video');
    if (!video) throw new Error('the file has no video stream');
    return {
      duration: Number(info.format.duration),
      width: video.width,
      height: video.height,
      videoCodec: video.codec_name,
      hasAudio: info.streams.some((stream) => stream.codec_type === 'audio'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Durations are compared to a frame at 24 fps plus the audio track's padding (AAC rounds up to
// whole 1024-sample frames).
export const DURATION_TOLERANCE_S = 0.1;

// The OpenAI client's view of video `id` once it is completed or failed: one generous deadline
// for the render, and `check(video)` on every answer on the way. The pause between answers only
// paces the polling; what is waited for is the status.
export async function retrieveUntilDone(client, id, check = () => {}, deadlineMs = 240_000) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const video = await client.videos.retrieve(id);
    check(video);
    if (video.status === 'completed' || video.status === 'failed') return video;
    if (Date.now() > deadline) throw new Error(`video ${id} still ${video.status} after ${deadlineMs} ms`);
    await sleep(250);
  }
}
