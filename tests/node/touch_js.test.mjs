// What a touch on the canvas means (web/touch.js) without a browser: a swipe scrolls and never
// presses, a tap presses and releases where the finger landed, a finger held still presses and then
// drags, a cancelled press lets go without a click, and a flick glides on and slows to a stop.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../web/touch.js';

const P = globalThis.VideoGenPlatform;

// Runs `events` ([type, x, y, time]) through a gesture started at the first one; every action, in order.
function gesture(events) {
  const [[, x0, y0, t0], ...rest] = events;
  const g = P.touchStart(x0, y0, t0);
  const actions = rest.flatMap(([type, x, y, time]) => P.touchStep(g, { type, x, y, time }));
  return { g, actions };
}

test('a swipe scrolls the content with the finger, the whole way from where it landed, and presses nothing', () => {
  const { actions } = gesture([['start', 100, 400, 0], ['move', 101, 396, 16], ['move', 102, 380, 32], ['move', 103, 300, 48], ['end', 103, 300, 64]]);
  assert.deepEqual(actions, [
    { action: 'scroll', x: 102, y: 380, dx: 0, dy: -20 },  // out of the slop: the 20 px so far, on the swipe's axis
    { action: 'scroll', x: 103, y: 300, dx: 0, dy: -80 },
  ]);
});

test('a sideways swipe scrolls sideways only', () => {
  const { actions } = gesture([['start', 200, 100, 0], ['move', 180, 104, 16], ['move', 120, 110, 32]]);
  assert.deepEqual(actions.map((a) => [a.dx, a.dy]), [[-20, 0], [-60, 0]]);
});

test('a tap presses and releases where the finger landed, even if it shifted a little', () => {
  const { actions } = gesture([['start', 50, 60, 0], ['move', 55, 63, 40], ['end', 56, 64, 90]]);
  assert.deepEqual(actions, [{ action: 'press', x: 50, y: 60 }, { action: 'release', x: 50, y: 60 }]);
  assert.ok(Math.hypot(6, 4) <= P.TOUCH_SLOP_PX, 'the shift stays inside the slop');
});

test('a finger held still presses once the hold time went by, then drags and releases where it lifts', () => {
  const { actions } = gesture([['start', 10, 10, 0], ['hold', 10, 10, P.TOUCH_HOLD_MS], ['move', 60, 12, 400], ['end', 80, 12, 450]]);
  assert.deepEqual(actions, [
    { action: 'press', x: 10, y: 10 },
    { action: 'move', x: 60, y: 12 },
    { action: 'release', x: 80, y: 12 },
  ]);
});

test('a still finger whose hold timer came late presses on its first move after the hold time', () => {
  const { actions } = gesture([['start', 10, 10, 0], ['move', 12, 11, P.TOUCH_HOLD_MS + 5]]);
  assert.deepEqual(actions, [{ action: 'press', x: 10, y: 10 }, { action: 'move', x: 12, y: 11 }]);
});

test('a hold that comes after the swipe began changes nothing: the swipe keeps scrolling', () => {
  const { actions } = gesture([['start', 0, 200, 0], ['move', 0, 150, 50], ['hold', 0, 150, P.TOUCH_HOLD_MS], ['move', 0, 100, 350]]);
  assert.deepEqual(actions.map((a) => a.action), ['scroll', 'scroll']);
});

test('a cancelled touch clicks nothing: before a decision it is dropped, a held press is cancelled', () => {
  assert.deepEqual(gesture([['start', 5, 5, 0], ['cancel', 5, 5, 50]]).actions, []);
  assert.deepEqual(gesture([['start', 5, 5, 0], ['hold', 5, 5, 300], ['cancel', 5, 5, 320]]).actions.map((a) => a.action),
    ['press', 'cancel']);
});

test('the finger\'s speed as it lifts is read over its last 100 ms; a finger that stopped first has none', () => {
  const { g } = gesture([['start', 0, 500, 0], ['move', 0, 480, 100], ['move', 0, 400, 150], ['move', 0, 300, 200]]);
  assert.deepEqual(P.touchVelocity(g, 200), { x: 0, y: -180 / 100 });
  assert.deepEqual(P.touchVelocity(g, 400), { x: 0, y: 0 });
  assert.deepEqual(P.touchVelocity(gesture([['start', 0, 0, 0], ['end', 0, 0, 50]]).g, 50), { x: 0, y: 0 }, 'a tap');
});

test('moves that came in a burst glide no faster than the fastest finger', () => {
  const { g } = gesture([['start', 0, 500, 0], ['move', 0, 400, 10], ['move', 0, 100, 11]]);
  assert.deepEqual(P.touchVelocity(g, 11), { x: 0, y: -P.GLIDE_MAX });
});

test('a glide goes as far in slow frames as in fast ones, slows down, and stops', () => {
  const start = { x: 0, y: 2 };
  const oneFrame = P.glideStep(start, 100);
  let velocity = start, covered = 0;
  for (let i = 0; i < 10; i++) {
    const step = P.glideStep(velocity, 10);
    covered += step.dy;
    velocity = step.velocity;
  }
  assert.ok(Math.abs(covered - oneFrame.dy) < 1e-9, `${covered} in ten frames, ${oneFrame.dy} in one`);
  assert.ok(oneFrame.velocity.y < start.y);
  let steps = 0;
  for (let v = start; v; steps++) v = (P.glideStep(v, 16) || {}).velocity;
  assert.ok(steps > 10 && steps < 200, `a flick glides for ${steps} frames`);
  assert.equal(P.glideStep({ x: 0, y: P.GLIDE_STOP / 2 }, 16), null);
});
