// Free text in real browser controls over the playground's canvas: the page's side of platform_web.h
// placeTextField, focusTextField and endTextFieldFrame. ImGui lays out and draws the field's frame;
// a <textarea> lies over it, so wrapping, input methods (composition), emoji, dictation, spell
// check, the phone's keyboard, undo and the browser's own selection all work as on any web page.
// Adds to window.VideoGenPlatform (web/platform.js, which documents how this file is loaded and how
// `module` is used); node's tests import it for the pure parts (offsets, keys, styles).
//
// What goes back to the app, as events (platform_web.h PlatformHooks::event):
//   {"type": "text", "id", "value", "cursor"}  the text after an input (a composition only once it
//                                              ends), the cursor as a UTF-8 byte offset;
//   {"type": "text", "id", "cursor"}           the cursor alone, when the control lets go of the keyboard;
//   {"type": "text", "id", "height"}           the height its text needs (CSS pixels, padding included),
//                                              when that changed: the app grows the field to it;
//   {"type": "text-key", "id", "key"}          "next" (Tab), "previous" (Shift+Tab), "leave" (Esc),
//                                              "generate" (Ctrl+Enter or Cmd+Enter).
//
// [SECTION] index
//   Offsets and keys
//   Placement
//   The text layer
'use strict';

(function (root) {
  var P = root.VideoGenPlatform = root.VideoGenPlatform || {};

  // ---- Offsets and keys --------------------------------------------------------------------------

  // The UTF-8 byte offset of the UTF-16 index `index` in `text` (the app counts bytes; the DOM
  // counts UTF-16 units). An index inside a surrogate pair counts the whole character.
  P.utf8Offset = function (text, index) {
    var bytes = 0;
    for (var i = 0; i < index && i < text.length; i++) {
      var unit = text.charCodeAt(i);
      if (unit < 0x80) bytes += 1;
      else if (unit < 0x800) bytes += 2;
      else if (unit >= 0xD800 && unit <= 0xDBFF && i + 1 < text.length) { bytes += 4; i++; }
      else bytes += 3;
    }
    return bytes;
  };

  // What a key-down in a text field means to the playground, or null for the control's own keys.
  // A key that is part of a composition (an input method choosing characters) is never ours.
  P.textKeyAction = function (e) {
    if (e.isComposing || e.keyCode === 229) return null;
    if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey) return e.shiftKey ? 'previous' : 'next';
    if (e.key === 'Escape') return 'leave';
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) return 'generate';
    return null;
  };

  // Whether the wheel `e` should scroll the playground rather than the control: the control has
  // nothing more to scroll that way (`box`: its scrollTop, scrollHeight and clientHeight).
  P.wheelLeavesText = function (box, e) {
    if (e.deltaY < 0) return box.scrollTop <= 0;
    if (e.deltaY > 0) return box.scrollTop + box.clientHeight >= box.scrollHeight - 1;
    return true;
  };

  // ---- Placement -----------------------------------------------------------------------------------

  // The style of a field's control over `rect` (CSS pixels relative to the canvas) cut to `visible`
  // and around `covers` (videos.js overlayStyle: the same cut as a result video's), with the text set
  // in `look`: {fontSize, padX, padY, color} in CSS pixels and a CSS colour, as ImGui sets it.
  P.textFieldStyle = function (canvasBox, scroll, rect, visible, covers, look) {
    var style = P.overlayStyle(canvasBox, scroll, rect, visible, covers);
    style.fontSize = look.fontSize + 'px';
    style.lineHeight = Math.round(look.fontSize * 1.25) + 'px';
    style.padding = look.padY + 'px ' + look.padX + 'px';
    style.color = look.color;
    style.caretColor = look.color;
    style.fontFamily = 'system-ui, "DejaVu Sans", sans-serif';
    return style;
  };

  // A field's place and look as the app hands them over: eleven numbers (a Float32Array view of its
  // memory: the rect's x, y, width, height, the visible part's, then font size, padding x and y, all
  // CSS pixels) and the text colour as ImGui packs it (0xAABBGGRR).
  P.textFieldPlace = function (numbers, color) {
    var rects = P.rectsOf(numbers.subarray ? numbers.subarray(0, 8) : numbers.slice(0, 8));
    var alpha = ((color >>> 24) & 255) / 255;
    return {
      rect: rects[0],
      visible: rects[1],
      look: {
        fontSize: numbers[8], padX: numbers[9], padY: numbers[10],
        color: 'rgba(' + (color & 255) + ',' + ((color >>> 8) & 255) + ',' + ((color >>> 16) & 255) + ',' + alpha + ')',
      },
    };
  };

  // ---- The text layer ------------------------------------------------------------------------------

  P.installTextFields = function (module) {
    var layer = document.createElement('div');
    layer.id = 'vg-text-layer';
    layer.style.cssText = 'position:absolute;left:0;top:0;width:0;height:0;';
    document.body.appendChild(layer);
    module.vg = module.vg || {};
    module.vg.texts = { layer: layer, map: {}, frame: 1 };
  };

  function sendText(module, id, element, withValue) {
    var event = { 'type': 'text', 'id': id, 'cursor': P.utf8Offset(element.value, element.selectionEnd) };
    if (withValue) event['value'] = element.value;
    P.send(module, event);
  }

  function makeField(module, id) {
    var element = document.createElement('textarea');
    element.className = 'vg-text-field';
    element.dataset.id = id;
    element.spellcheck = true;
    element.setAttribute('autocomplete', 'off');
    // composing: an input method is choosing characters; measure: the text's height is to be read again.
    var entry = { element: element, composing: false, seen: 0, measure: true, height: 0 };
    element.addEventListener('compositionstart', function () { entry.composing = true; });
    element.addEventListener('compositionend', P.guard('taking typed text', function () {
      entry.composing = false;
      sendText(module, id, element, true);
    }));
    element.addEventListener('input', P.guard('taking typed text', function (e) {
      entry.measure = true;
      if (entry.composing || e.isComposing) { P.wake(module); return; }  // the composition's end sends it
      sendText(module, id, element, true);
    }));
    element.addEventListener('keydown', P.guard('taking a key', function (e) {
      var action = P.textKeyAction(e);
      P.wake(module);
      if (!action) return;
      e.preventDefault();
      if (action !== 'generate') module['canvas'].focus();  // the canvas's keyboard navigation goes on from here
      P.send(module, { 'type': 'text-key', 'id': id, 'key': action });
    }));
    element.addEventListener('blur', P.guard('taking the cursor', function () { sendText(module, id, element, false); }));
    element.addEventListener('focus', function () { P.wake(module); });
    element.addEventListener('wheel', function (e) { if (P.wheelLeavesText(element, e)) P.wheelToApp(module, e); }, { passive: false });
    if (P.scrollThroughText) P.scrollThroughText(module, element);  // web/touch.js: a swipe on it scrolls the playground
    module.vg.texts.layer.appendChild(element);
    return entry;
  }

  // After a frame placed the field: the height its text needs, sent when it changed (a new text or
  // width). Read once the frame is over, so the frame itself forces no layout; a control scrolled out
  // of sight (visibility: hidden) is still laid out at its width, so it is measured too.
  function measureLater(module, id, entry) {
    entry.measure = false;
    queueMicrotask(P.guard('measuring a text field', function () {
      var element = entry.element, shown = element.style.height;
      element.style.height = '0px';  // scrollHeight is never less than the box: measured in none, it is the text's own
      var height = element.scrollHeight;
      element.style.height = shown;
      if (height === entry.height) return;
      entry.height = height;
      P.send(module, { 'type': 'text', 'id': id, 'height': height });
    }));
  }

  // Lays the control `id` where `place` says (textFieldPlace). `value` is the app's text when it changed
  // since the app last handed it over, else null; the control takes it unless an input method is
  // composing there (the app hands it over again next frame). Returns whether it took it.
  P.placeTextField = function (module, id, value, place, label, placeholder) {
    var texts = module.vg.texts;
    var entry = texts.map[id] || (texts.map[id] = makeField(module, id));
    var element = entry.element;
    var took = true;
    if (value !== null && value !== element.value) {
      if (entry.composing) took = false;
      else { element.value = value; entry.measure = true; }
    }
    if (entry.rect && entry.rect.width !== place.rect.width) entry.measure = true;
    if (element.getAttribute('aria-label') !== label) element.setAttribute('aria-label', label);
    if (element.placeholder !== placeholder) element.placeholder = placeholder;
    entry.rect = place.rect;
    entry.visible = place.visible;
    entry.look = place.look;
    entry.seen = texts.frame;
    return took;
  };

  // The keyboard to the control `id` (the canvas's keyboard navigation arrived there), its cursor at the end.
  P.focusTextField = function (module, id) {
    var entry = module.vg.texts.map[id];
    if (!entry || entry.seen + 1 < module.vg.texts.frame) return;
    entry.element.focus({ preventScroll: true });
  };

  // The frame's fields are all placed: each is laid over its rectangle, cut around `covers` (what
  // ImGui drew over the panels); one not placed this frame is hidden, and lets go of the keyboard.
  P.endTextFieldFrame = function (module, covers) {
    P.layOverCanvas(module, module.vg.texts, function (entry, id, canvasBox, scroll) {
      Object.assign(entry.element.style, P.textFieldStyle(canvasBox, scroll, entry.rect, entry.visible, covers, entry.look));
      if (entry.measure) measureLater(module, id, entry);
    });
  };
})(typeof window !== 'undefined' ? window : globalThis);
