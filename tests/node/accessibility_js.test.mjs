// The accessible mirror's page side (web/accessibility.js) without a browser: what a control's text
// becomes in the request, which option shows a value, and what the live region says of a job. The
// controls themselves are checked in Chromium (tests/browser/accessibility.test.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../web/accessibility.js';

const A = globalThis.VideoGenAccessibility;

test('a control\'s text becomes the JSON value the field takes; empty unsets; half a number sends nothing', () => {
  const duration = { kind: 'choice', options: [5, 10] };
  assert.equal(A.fieldValue(duration, '1'), 10);
  assert.equal(A.fieldValue(duration, ''), null);
  assert.equal(A.fieldValue({ kind: 'choice', options: [true, false] }, '1'), false);
  assert.equal(A.fieldValue({ kind: 'text' }, ''), '', 'an emptied prompt is an empty prompt, not an unset one');
  assert.equal(A.fieldValue({ kind: 'number' }, '0.5'), 0.5);
  assert.equal(A.fieldValue({ kind: 'number' }, ''), null);
  assert.equal(A.fieldValue({ kind: 'number' }, '1e'), undefined);
});

test('a choice shows the option equal to the value as JSON ("5" the string is not 5 the number); else "not set"', () => {
  const field = { kind: 'choice', options: ['5', 5, '16:9'] };
  assert.equal(A.choiceIndex(field, 5), '1');
  assert.equal(A.choiceIndex(field, '5'), '0');
  assert.equal(A.choiceIndex(field, '4:3'), '');
  assert.equal(A.valueText('16:9'), '16:9');
  assert.equal(A.valueText(true), 'true');
});

test('the controls are made again only when the fields\' shape changes, not their values', () => {
  const fields = [{ path: '/prompt', kind: 'text', label: 'Prompt', value: 'a', allowed: '' }];
  const typed = [{ ...fields[0], value: 'ab', problem: 'too short' }];
  assert.equal(A.shapeOf(fields), A.shapeOf(typed));
  assert.notEqual(A.shapeOf(fields), A.shapeOf([{ ...fields[0], label: 'Negative prompt' }]));
});

test('the live region names the newest job, its state, its error and a ready video', () => {
  assert.equal(A.jobSentence(undefined), 'No jobs yet.');
  assert.equal(A.jobSentence({ title: 'Sora 2: a fox', state: 'running', error: '', videos: [] }), 'Sora 2: a fox: running.');
  assert.equal(A.jobSentence({ title: 'Sora 2: a fox', state: 'succeeded', error: '', videos: [{ url: '/v/1.mp4', file: 'sora-2_a-fox_2026-12-05_1412.mp4' }] }),
    'Sora 2: a fox: succeeded. The video is ready.');
  assert.equal(A.jobSentence({ title: 'Veo 3: rain', state: 'failed', error: 'the gateway refused the key', videos: [] }),
    'Veo 3: rain: failed. the gateway refused the key');
});
