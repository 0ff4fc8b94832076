// The page side of the free-text controls over the canvas (web/text_fields.js) without a browser:
// the cursor as the app counts it (UTF-8 bytes), which keys leave the control and which are its
// own (never a key of an input method's composition), when the wheel scrolls the playground
// instead, and how a control is placed and set like ImGui's text.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../web/platform.js';
import '../../web/videos.js';
import '../../web/text_fields.js';

const P = globalThis.VideoGenPlatform;

test('the cursor is a UTF-8 byte offset: 1 byte for ASCII, 2 for é, 3 for 東, 4 for an emoji (two UTF-16 units)', () => {
  const text = 'aé東🎬b';
  assert.equal(P.utf8Offset(text, 0), 0);
  assert.equal(P.utf8Offset(text, 1), 1);
  assert.equal(P.utf8Offset(text, 2), 3);
  assert.equal(P.utf8Offset(text, 3), 6);
  assert.equal(P.utf8Offset(text, 5), 10);  // after the emoji's two units
  assert.equal(P.utf8Offset(text, 6), 11);
  assert.equal(P.utf8Offset(text, 99), Buffer.byteLength(text));
  assert.equal(P.utf8Offset(text, 4), 10, 'an index inside a surrogate pair counts the whole character');
});

test('Tab, Shift+Tab and Esc hand the keyboard back; Ctrl+Enter and Cmd+Enter generate; the rest is the control\'s', () => {
  const key = (k, extra = {}) => P.textKeyAction({ key: k, keyCode: 0, ...extra });
  assert.equal(key('Tab'), 'next');
  assert.equal(key('Tab', { shiftKey: true }), 'previous');
  assert.equal(key('Escape'), 'leave');
  assert.equal(key('Enter', { ctrlKey: true }), 'generate');
  assert.equal(key('Enter', { metaKey: true }), 'generate');
  assert.equal(key('Enter'), null, 'Enter is a new line');
  assert.equal(key('Tab', { ctrlKey: true }), null, 'Ctrl+Tab is the browser\'s');
  assert.equal(key('a'), null);
  assert.equal(key('z', { ctrlKey: true }), null, 'undo is the control\'s');
});

test('a key inside a composition is the input method\'s, even Enter, Esc or Tab', () => {
  assert.equal(P.textKeyAction({ key: 'Escape', isComposing: true }), null);
  assert.equal(P.textKeyAction({ key: 'Enter', ctrlKey: true, isComposing: true }), null);
  assert.equal(P.textKeyAction({ key: 'Process', keyCode: 229 }), null);
  assert.equal(P.textKeyAction({ key: 'Tab', keyCode: 229 }), null, 'keyCode 229: a key the input method took');
});

test('the wheel scrolls the control while it can, then the playground', () => {
  const box = (scrollTop) => ({ scrollTop, scrollHeight: 300, clientHeight: 100 });
  assert.equal(P.wheelLeavesText(box(0), { deltaY: 50 }), false, 'down, with more below');
  assert.equal(P.wheelLeavesText(box(200), { deltaY: 50 }), true, 'down, at the bottom');
  assert.equal(P.wheelLeavesText(box(0), { deltaY: -50 }), true, 'up, at the top');
  assert.equal(P.wheelLeavesText(box(100), { deltaY: -50 }), false, 'up, with more above');
  assert.equal(P.wheelLeavesText({ scrollTop: 0, scrollHeight: 80, clientHeight: 80 }, { deltaY: 50 }), true, 'nothing to scroll');
});

test('the place and look come from the app\'s eleven numbers and ImGui\'s packed colour', () => {
  const numbers = new Float32Array([10, 20, 300, 80, 10, 30, 300, 70, 15, 4, 3]);
  const place = P.textFieldPlace(numbers, 0xFF80C0E0 | 0);  // IM_COL32(224, 192, 128, 255), as a signed int
  assert.deepEqual(place.rect, { x: 10, y: 20, width: 300, height: 80 });
  assert.deepEqual(place.visible, { x: 10, y: 30, width: 300, height: 70 });
  assert.deepEqual(place.look, { fontSize: 15, padX: 4, padY: 3, color: 'rgba(224,192,128,1)' });
});

test('a control lies where its field is, cut like a video, its text set at ImGui\'s size, padding and colour', () => {
  const look = { fontSize: 15, padX: 4, padY: 3, color: 'rgba(224,192,128,1)' };
  const rect = { x: 100, y: 50, width: 320, height: 80 };
  const menu = { x: 300, y: 60, width: 200, height: 200 };
  const style = P.textFieldStyle({ left: 0, top: 10 }, { x: 0, y: 0 }, rect, rect, [menu], look);
  assert.equal(style.left, '100px');
  assert.equal(style.top, '60px');
  assert.equal(style.fontSize, '15px');
  assert.equal(style.padding, '3px 4px');
  assert.equal(style.color, look.color);
  assert.equal(style.caretColor, look.color);
  assert.equal(style.clipPath, 'path(evenodd, "M0 0H320V80H0ZM200 10H320V80H200Z")', 'an open menu over it cuts it');
});
