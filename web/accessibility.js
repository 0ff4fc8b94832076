// The accessible mirror (window.VideoGenAccessibility): plain HTML controls beside the canvas for
// the playground's main flow, so a screen reader can make a video from start to end. A screen
// reader sees the canvas as one picture; the mirror holds the same model, fields, Generate, jobs and
// results as real controls with labels, kept out of sight (not out of the accessibility tree). The
// app describes the mirror whenever it changes (wasm/app/accessibility.h mirrorJson):
//   {"models": [{"id", "name"}], "model": id,
//    "fields": [{"path", "label", "kind": "text"|"choice"|"number", "value", "options"?,
//                "allowed" (what it does and takes, a sentence), "problem"}],
//    "generate": {"enabled", "why"},
//    "jobs": [{"id", "title", "state", "error", "videos": [{"url", "file"}]}]}
// and what a person does here goes back as {"type": "mirror", "action": ...} events (mirrorAction):
// the canvas and the mirror show one request.
(function (root) {
  'use strict';

  var A = root['VideoGenAccessibility'] = {};

  // ---- values ------------------------------------------------------------------------------------

  // A value as an option's text: strings as they are, the rest as JSON ("5", "true").
  A.valueText = function (value) {
    return typeof value === 'string' ? value : JSON.stringify(value);
  };

  // What a field's control holds, as the JSON value the request gets; undefined when it holds
  // nothing the field can take yet (a number field with "1e" in it): nothing is sent then. null unsets.
  A.fieldValue = function (field, raw) {
    if (field['kind'] === 'text') return raw;
    if (field['kind'] === 'choice') return raw === '' ? null : field['options'][Number(raw)];
    if (raw === '') return null;
    var number = Number(raw);
    return isFinite(number) ? number : undefined;
  };

  // Which option a choice shows for `value`: its index as text, '' for "not set".
  A.choiceIndex = function (field, value) {
    var text = JSON.stringify(value);
    for (var i = 0; i < field['options'].length; i++) if (JSON.stringify(field['options'][i]) === text) return String(i);
    return '';
  };

  // The fields' shape (paths, kinds, labels, options): the controls are made again only when it changes.
  A.shapeOf = function (fields) {
    return JSON.stringify(fields.map(function (f) { return [f['path'], f['kind'], f['label'], f['options'] || null]; }));
  };

  // The sentence the live region says about the newest job.
  A.jobSentence = function (job) {
    if (!job) return 'No jobs yet.';
    var sentence = job['title'] + ': ' + job['state'] + '.';
    if (job['error']) sentence += ' ' + job['error'];
    if (job['videos'].length) sentence += ' The video is ready.';
    return sentence;
  };

  // ---- the controls ------------------------------------------------------------------------------

  function element(tag, attributes, text) {
    var made = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { made.setAttribute(name, attributes[name]); });
    if (text !== undefined) made.textContent = text;
    return made;
  }

  function send(module, event) {
    event['type'] = 'mirror';
    root['VideoGenPlatform'].send(module, event);
  }

  // Made once, on the first description, after the canvas.
  function install(module) {
    var section = element('section', { 'id': 'vg-mirror', 'class': 'vg-mirror', 'aria-label': 'Make a video' });
    section.appendChild(element('h2', {}, 'Make a video'));
    var modelLabel = element('label', { 'for': 'vg-mirror-model' }, 'Model');
    var model = element('select', { 'id': 'vg-mirror-model' });
    model.addEventListener('change', function () { send(module, { 'action': 'model', 'id': model.value }); });
    var fields = element('div', { 'id': 'vg-mirror-fields' });
    var generate = element('button', { 'id': 'vg-mirror-generate', 'type': 'button', 'aria-describedby': 'vg-mirror-why' }, 'Generate');
    var why = element('p', { 'id': 'vg-mirror-why' });
    generate.addEventListener('click', function () {
      if (generate.getAttribute('aria-disabled') !== 'true') send(module, { 'action': 'generate' });
    });
    var jobsHeading = element('h2', {}, 'Jobs');
    var live = element('p', { 'id': 'vg-mirror-status', 'role': 'status', 'aria-live': 'polite' });
    var jobs = element('ul', { 'id': 'vg-mirror-jobs', 'aria-label': 'Jobs' });
    [modelLabel, model, fields, generate, why, jobsHeading, live, jobs].forEach(function (part) { section.appendChild(part); });
    var canvas = module['canvas'];
    canvas.parentNode.insertBefore(section, canvas.nextSibling);
    return { module: module, section: section, model: model, fields: fields, generate: generate, why: why, live: live, jobs: jobs, shape: '' };
  }

  function makeField(mirror, field, index) {
    var id = 'vg-mirror-field-' + index;
    var row = element('div', { 'class': 'vg-mirror-field' });
    row.appendChild(element('label', { 'for': id }, field['label']));
    var control;
    if (field['kind'] === 'choice') {
      control = element('select', { 'id': id });
      control.appendChild(element('option', { 'value': '' }, 'not set'));
      field['options'].forEach(function (option, n) { control.appendChild(element('option', { 'value': String(n) }, A.valueText(option))); });
    } else if (field['kind'] === 'text') {
      control = element('textarea', { 'id': id });
    } else {
      control = element('input', { 'id': id, 'type': 'number', 'step': 'any' });
    }
    control.setAttribute('aria-describedby', id + '-hint');
    var hint = element('p', { 'id': id + '-hint' });
    var changed = function () {
      var value = A.fieldValue(field, control.value);
      if (value !== undefined) send(mirror.module, { 'action': 'set', 'path': field['path'], 'value': value });
    };
    control.addEventListener(field['kind'] === 'text' ? 'input' : 'change', changed);
    row.appendChild(control);
    row.appendChild(hint);
    mirror.fields.appendChild(row);
    return { control: control, hint: hint };
  }

  // Sets a control's value unless the person is in it: what they type comes back changed by nothing
  // but their own typing, and a caret that jumps would be worse than a value one frame late.
  function showValue(control, text) {
    if (document.activeElement !== control && control.value !== text) control.value = text;
  }

  function renderFields(mirror, fields) {
    var shape = A.shapeOf(fields);
    if (shape !== mirror.shape) {
      mirror.fields.textContent = '';
      mirror.controls = fields.map(function (field, index) { return makeField(mirror, field, index); });
      mirror.shape = shape;
    }
    fields.forEach(function (field, index) {
      var made = mirror.controls[index];
      var value = field['value'];
      if (field['kind'] === 'choice') showValue(made.control, value === null ? '' : A.choiceIndex(field, value));
      else showValue(made.control, value === null ? '' : (field['kind'] === 'text' ? String(value) : A.valueText(value)));
      made.control.setAttribute('aria-invalid', field['problem'] ? 'true' : 'false');
      made.hint.textContent = (field['problem'] ? field['problem'] + ' ' : '') + field['allowed'];
    });
  }

  // Made again only when a job changed (a screen reader on a link keeps its place while the person types).
  function renderJobs(mirror, jobs) {
    var shape = JSON.stringify(jobs);
    if (shape === mirror.jobsShape) return;
    mirror.jobsShape = shape;
    mirror.jobs.textContent = '';
    jobs.forEach(function (job) {
      var item = element('li', {}, job['title'] + ': ' + job['state'] + (job['error'] ? '. ' + job['error'] : ''));
      job['videos'].forEach(function (video, n) {
        item.appendChild(document.createTextNode(' '));
        item.appendChild(element('a', { 'href': video['url'], 'download': video['file'] },
          job['videos'].length > 1 ? 'Video ' + (n + 1) : 'Video'));
      });
      mirror.jobs.appendChild(item);
    });
    var sentence = A.jobSentence(jobs[0]);
    if (mirror.live.textContent !== sentence) mirror.live.textContent = sentence;
  }

  // The app's description of the mirror, as JSON text: the controls follow it.
  A.update = function (module, json) {
    var mirror = module.vgMirror || (module.vgMirror = install(module));
    var description = JSON.parse(json);
    var models = description['models'];
    var modelShape = JSON.stringify(models);
    if (mirror.modelShape !== modelShape) {
      mirror.model.textContent = '';
      models.forEach(function (model) { mirror.model.appendChild(element('option', { 'value': model['id'] }, model['name'] + ' (' + model['id'] + ')')); });
      mirror.modelShape = modelShape;
    }
    showValue(mirror.model, description['model']);
    renderFields(mirror, description['fields']);
    var generate = description['generate'];
    mirror.generate.setAttribute('aria-disabled', generate['enabled'] ? 'false' : 'true');
    mirror.why.textContent = generate['enabled'] ? '' : 'Not yet: ' + generate['why'];
    renderJobs(mirror, description['jobs']);
  };
})(typeof window !== 'undefined' ? window : globalThis);
