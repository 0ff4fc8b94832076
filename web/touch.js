// Touch on the canvas as a good mobile page takes it, beside web/platform.js (the same
// window.VideoGenPlatform): a finger that moves scrolls what lies under it, following the finger
// and gliding on after a flick; only a deliberate press reaches ImGui as a press: a tap (down and up
// without moving), or a finger held still for P.TOUCH_HOLD_MS, which then drags (a slider). So a
// swipe over the form scrolls it instead of dragging a slider or selecting text.
// Emscripten's GLFW port would turn every touch into a mouse press at the mouse's last place (its
// touch handling reads a `touch` member only SDL's events have); its touch listeners are replaced.
// The app hears each decision through Module._vg_web_touch (platform_web.h TouchInput).
//
// [SECTION] index
//   What a gesture means (pure: tests/node/touch_js.test.mjs)
//   The glide after a flick (pure)
//   Listeners: the canvas's touches into the app, and moving fingers on a text control
'use strict';

(function (root) {
  var P = root.VideoGenPlatform = root.VideoGenPlatform || {};

  // ---- What a gesture means ------------------------------------------------------------------------

  // A finger may wander this far (CSS px) and still tap or hold: fingertips shift as they press
  // (Android's touch slop is 8 dp).
  P.TOUCH_SLOP_PX = 10;
  // Held still this long, a finger presses what it is on and drags it (a slider). Long enough that a
  // swipe has moved out of the slop by then, short enough not to feel like waiting.
  P.TOUCH_HOLD_MS = 300;
  // The actions the app takes, by number (platform_web.h TouchAction).
  P.TOUCH_ACTIONS = { press: 0, move: 1, release: 2, cancel: 3, scroll: 4 };

  // A finger down at (x, y) CSS px within the canvas, at `time` ms. Nothing is sent yet: a finger
  // that lands means nothing until it moves, lifts or stays.
  P.touchStart = function (x, y, time) {
    return { phase: 'pending', startX: x, startY: y, x: x, y: y, axis: '', samples: [{ x: x, y: y, time: time }] };
  };

  // One step of `gesture`: `event` is {type: 'move' | 'hold' | 'end' | 'cancel', x, y, time}
  // ('hold': P.TOUCH_HOLD_MS went by since the start). Returns the actions for the app, in order:
  // {action: 'press' | 'move' | 'release' | 'cancel', x, y} and {action: 'scroll', x, y, dx, dy} (how
  // far the content follows the finger: +dy moves it down).
  P.touchStep = function (gesture, event) {
    var at = function (action) { return { action: action, x: event.x, y: event.y }; };
    var actions = [];
    if (gesture.phase === 'pending') {
      var far = Math.hypot(event.x - gesture.startX, event.y - gesture.startY) > P.TOUCH_SLOP_PX;
      if (event.type === 'hold' || (event.type === 'move' && !far && event.time - gesture.samples[0].time >= P.TOUCH_HOLD_MS)) {
        gesture.phase = 'press';
        actions.push({ action: 'press', x: gesture.startX, y: gesture.startY });
        if (event.type === 'move') actions.push(at('move'));
      } else if (event.type === 'move' && far) {
        // The content catches up with the finger: the whole way from where it landed, along the
        // axis it mostly moved on (a list scrolls straight even when the thumb arcs).
        gesture.phase = 'scroll';
        gesture.axis = Math.abs(event.x - gesture.startX) > Math.abs(event.y - gesture.startY) ? 'x' : 'y';
        actions.push(P.scrollAction(gesture, event.x, event.y, event.x - gesture.startX, event.y - gesture.startY));
      } else if (event.type === 'end') {
        actions.push({ action: 'press', x: gesture.startX, y: gesture.startY });
        actions.push({ action: 'release', x: gesture.startX, y: gesture.startY });
        gesture.phase = 'done';
      } else if (event.type === 'cancel') {
        gesture.phase = 'done';
      }
    } else if (gesture.phase === 'scroll') {
      if (event.type === 'move') actions.push(P.scrollAction(gesture, event.x, event.y, event.x - gesture.x, event.y - gesture.y));
      if (event.type === 'end' || event.type === 'cancel') gesture.phase = 'done';
    } else if (gesture.phase === 'press') {
      if (event.type === 'move') actions.push(at('move'));
      if (event.type === 'end') actions.push(at('release'));
      if (event.type === 'cancel') actions.push(at('cancel'));
      if (event.type === 'end' || event.type === 'cancel') gesture.phase = 'done';
    }
    if (event.type === 'move') {
      gesture.x = event.x;
      gesture.y = event.y;
      gesture.samples.push({ x: event.x, y: event.y, time: event.time });
      if (gesture.samples.length > 8) gesture.samples.shift();
    }
    return actions;
  };

  P.scrollAction = function (gesture, x, y, dx, dy) {
    return { action: 'scroll', x: x, y: y, dx: gesture.axis === 'y' ? 0 : dx, dy: gesture.axis === 'x' ? 0 : dy };
  };

  // ---- The glide after a flick ---------------------------------------------------------------------

  // A flick faster than this (CSS px per ms) glides on; the glide slows by e every P.GLIDE_MS and
  // stops below P.GLIDE_STOP (iOS's scroll views decelerate so: about 325 ms). It starts at most at
  // P.GLIDE_MAX (Android's fastest fling, 8000 dp/s): moves that came in a burst (a busy page reads
  // several at once) measure far faster than any finger.
  P.GLIDE_START = 0.3;
  P.GLIDE_STOP = 0.02;
  P.GLIDE_MS = 325;
  P.GLIDE_MAX = 8;
  // How fast the finger moved as it lifted at `time`: over its moves of the last 100 ms (px per ms,
  // on the gesture's axis). {x: 0, y: 0} when it had stopped first, or when the gesture was no scroll.
  P.touchVelocity = function (gesture, time) {
    var recent = gesture.samples.filter(function (s) { return time - s.time <= 100; });
    if (gesture.axis === '' || recent.length < 2) return { x: 0, y: 0 };
    var first = recent[0], last = recent[recent.length - 1];
    var span = Math.max(1, last.time - first.time);
    var along = (gesture.axis === 'x' ? last.x - first.x : last.y - first.y) / span;
    along = Math.max(-P.GLIDE_MAX, Math.min(P.GLIDE_MAX, along));
    return { x: gesture.axis === 'x' ? along : 0, y: gesture.axis === 'y' ? along : 0 };
  };
  // `ms` of a glide at `velocity`: how far it goes (the decay's integral, so slow frames glide as far
  // as fast ones) and the velocity after; null once it is too slow to go on.
  P.glideStep = function (velocity, ms) {
    var speed = Math.hypot(velocity.x, velocity.y);
    if (speed < P.GLIDE_STOP) return null;
    var left = Math.exp(-ms / P.GLIDE_MS);
    var reach = P.GLIDE_MS * (1 - left);
    return { dx: velocity.x * reach, dy: velocity.y * reach, velocity: { x: velocity.x * left, y: velocity.y * left } };
  };

  // ---- Listeners: the canvas's touches into the app ------------------------------------------------

  // The primary pointer is a finger (a phone, a tablet): the app sizes its controls for one.
  var coarse = null;
  P.coarsePointer = function () {
    if (coarse === null) coarse = typeof root.matchMedia === 'function' ? root.matchMedia('(pointer: coarse)') : false;
    return !!(coarse && coarse.matches);
  };

  // Where `touch` lies on the canvas, in CSS px, and the scale to the canvas's physical pixels.
  function touchPlace(canvas, touch) {
    var box = canvas.getBoundingClientRect();
    return { x: touch.clientX - box.left, y: touch.clientY - box.top, scale: box.width > 0 ? canvas.width / box.width : 1 };
  }

  // The touch of `finger` (an identifier) among those the event `e` changed, or null.
  function changedTouchOf(e, finger) {
    for (var i = 0; i < e.changedTouches.length; i++) if (e.changedTouches[i].identifier === finger) return e.changedTouches[i];
    return null;
  }

  // The actions to the app, which works in the canvas's physical pixels.
  function sendTouch(module, actions, scale) {
    actions.forEach(function (a) {
      module['_vg_web_touch'](P.TOUCH_ACTIONS[a.action], a.x * scale, a.y * scale, (a.dx || 0) * scale, (a.dy || 0) * scale);
    });
    if (actions.length) P.wake(module);
  }

  // A free-text control over the canvas (web/text_fields.js) keeps its taps and held presses (the
  // caret, the phone's keyboard, selection), but a finger that moves on it scrolls the playground
  // under it, as on the canvas: the field grows with its text, so the control has nothing of its own
  // to scroll. Its CSS (app.css) has touch-action: none, so the browser pans nothing meanwhile.
  P.scrollThroughText = function (module, element) {
    var gesture = null, finger = null;
    var own = function (e) { return changedTouchOf(e, finger); };
    element.addEventListener('touchstart', P.guard('taking a touch', function (e) {
      if (gesture) return;
      var touch = e.changedTouches[0];
      var at = touchPlace(module['canvas'], touch);
      finger = touch.identifier;
      gesture = P.touchStart(at.x, at.y, e.timeStamp);
    }), { passive: true });
    element.addEventListener('touchmove', P.guard('taking a touch', function (e) {
      var touch = gesture && own(e);
      if (!touch) return;
      var at = touchPlace(module['canvas'], touch);
      // Only scrolling goes to the app: a finger held still is the control's (its selection).
      var actions = P.touchStep(gesture, { type: 'move', x: at.x, y: at.y, time: e.timeStamp });
      if (gesture.phase !== 'scroll') return;
      e.preventDefault();
      sendTouch(module, actions.filter(function (a) { return a.action === 'scroll'; }), at.scale);
    }), { passive: false });
    var finish = function (e) {
      if (gesture && own(e)) { gesture = null; finger = null; }
    };
    element.addEventListener('touchend', finish);
    element.addEventListener('touchcancel', finish);
  };

  // Replaces the GLFW port's touch listeners on the canvas (`glfw` holds the port's onMousemove,
  // onMouseButtonDown and onMouseButtonUp) with the gesture above. One finger counts: others that
  // join it are ignored. Every touch event's default is prevented, so the browser neither scrolls or
  // zooms the page nor makes mouse events of it.
  P.installTouch = function (module, glfw) {
    var canvas = module['canvas'];
    [['touchstart', glfw.onMouseButtonDown], ['touchmove', glfw.onMousemove], ['touchend', glfw.onMouseButtonUp],
      ['touchcancel', glfw.onMouseButtonUp]].forEach(function (p) { canvas.removeEventListener(p[0], p[1], true); });
    var gesture = null, finger = null, holdTimer = 0, glideFrame = 0;
    var place = function (touch) { return touchPlace(canvas, touch); };
    var send = function (actions, scale) { sendTouch(module, actions, scale); };
    // window.__vg.gliding: a flick's glide is on its way (tests wait for it to end).
    var status = root['__vg'] = root['__vg'] || {};
    var stopGlide = function () {
      if (glideFrame) cancelAnimationFrame(glideFrame);
      glideFrame = 0;
      status['gliding'] = false;
    };
    var glide = function (velocity, at) {
      var last = performance.now();
      var tick = P.guard('scrolling after a flick', function (now) {
        var step = P.glideStep(velocity, Math.max(0, now - last));
        last = now;
        if (!step) { stopGlide(); return; }
        velocity = step.velocity;
        send([{ action: 'scroll', x: at.x, y: at.y, dx: step.dx, dy: step.dy }], at.scale);
        glideFrame = requestAnimationFrame(tick);
      });
      status['gliding'] = true;
      glideFrame = requestAnimationFrame(tick);
    };
    var ownTouch = function (e) { return changedTouchOf(e, finger); };
    var step = function (type, e, touch) {
      var at = place(touch);
      send(P.touchStep(gesture, { type: type, x: at.x, y: at.y, time: e.timeStamp }), at.scale);
      return at;
    };
    var listen = function (type, handler) {
      canvas.addEventListener(type, P.guard('taking a touch', function (e) {
        e.preventDefault();
        handler(e);
      }), { capture: true, passive: false });
    };
    listen('touchstart', function (e) {
      stopGlide();  // a finger on a gliding list stops it, as on any phone
      if (gesture) return;
      var touch = e.changedTouches[0];
      var at = place(touch);
      finger = touch.identifier;
      gesture = P.touchStart(at.x, at.y, e.timeStamp);
      canvas.focus();  // keys (a hardware keyboard) reach the canvas, as after a click
      holdTimer = setTimeout(P.guard('taking a touch', function () {
        holdTimer = 0;
        send(P.touchStep(gesture, { type: 'hold', x: gesture.x, y: gesture.y, time: performance.now() }), place(touch).scale);
      }), P.TOUCH_HOLD_MS);
    });
    listen('touchmove', function (e) {
      var touch = gesture && ownTouch(e);
      if (!touch) return;
      step('move', e, touch);
      if (gesture.phase !== 'pending' && holdTimer) {
        clearTimeout(holdTimer);
        holdTimer = 0;
      }
    });
    var finish = function (type) {
      return function (e) {
        var touch = gesture && ownTouch(e);
        if (!touch) return;
        if (holdTimer) clearTimeout(holdTimer);
        holdTimer = 0;
        var scrolled = gesture.phase === 'scroll';
        var at = step(type, e, touch);
        var velocity = P.touchVelocity(gesture, e.timeStamp);
        if (scrolled && type === 'end' && Math.hypot(velocity.x, velocity.y) > P.GLIDE_START) glide(velocity, at);
        gesture = null;
        finger = null;
      };
    };
    listen('touchend', finish('end'));
    listen('touchcancel', finish('cancel'));
  };
})(typeof window !== 'undefined' ? window : globalThis);
