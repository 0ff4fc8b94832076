// Result videos over the playground's canvas and their synchronized playback (Compare): the page's
// side of platform_web.h placeVideo, endVideoFrame, videoClock, downloadVideo, saveFile, syncVideos,
// controlVideos and videoTime. Adds to window.VideoGenPlatform (web/platform.js, which documents how
// this file is loaded and how `module` is used); node's tests import it for the pure parts
// (placement, clock text) and drive the sync group with stand-in video elements.
//
// [SECTION] index
//   Placement over the canvas
//   The video layer
//   Synchronized playback (Compare)
'use strict';

(function (root) {
  var P = root.VideoGenPlatform = root.VideoGenPlatform || {};

  // ---- Placement over the canvas -----------------------------------------------------------------

  // Rectangles {x, y, width, height} from four numbers each (x, y, width, height), as the app hands
  // them over (a Float32Array view of its memory).
  P.rectsOf = function (numbers) {
    var rects = [];
    for (var at = 0; at + 3 < numbers.length; at += 4) {
      rects.push({ x: numbers[at], y: numbers[at + 1], width: numbers[at + 2], height: numbers[at + 3] });
    }
    return rects;
  };

  // The part of `a` inside `b` (rectangles {x, y, width, height}), or null when they do not overlap
  // by more than half a pixel either way.
  P.overlap = function (a, b) {
    var x = Math.max(a.x, b.x), y = Math.max(a.y, b.y);
    var width = Math.min(a.x + a.width, b.x + b.width) - x, height = Math.min(a.y + a.height, b.y + b.height) - y;
    return width > 0.5 && height > 0.5 ? { x: x, y: y, width: width, height: height } : null;
  };

  // The style that puts a <video> over `rect` (CSS pixels relative to the canvas; {x, y, width,
  // height}) cut to `visible` (the part of the rect the ImGui window shows) and around `covers` (what
  // ImGui drew over the panels, its tooltips: the canvas shows through there), on a page where the
  // canvas's box is `canvasBox` (getBoundingClientRect) and the page is scrolled by `scroll` ({x, y}).
  // The cut is a clip-path only when something is cut: a clip-path makes a mask layer, which costs
  // compositing for nothing when the video is whole. A video with nothing visible is hidden.
  P.overlayStyle = function (canvasBox, scroll, rect, visible, covers) {
    var cut = [Math.max(0, visible.y - rect.y), Math.max(0, rect.x + rect.width - visible.x - visible.width),
               Math.max(0, rect.y + rect.height - visible.y - visible.height), Math.max(0, visible.x - rect.x)];
    var clipped = cut.some(function (side) { return side > 0.5; });
    var holes = (covers || []).map(function (cover) { return P.overlap(cover, visible); }).filter(Boolean);
    var clipPath = clipped ? 'inset(' + cut.join('px ') + 'px)' : 'none';
    if (holes.length) {
      // The visible part, less each hole (even-odd: a shape inside the outline is left out), in the
      // element's own pixels.
      var outline = function (r) {
        var x0 = r.x - rect.x, y0 = r.y - rect.y;
        return 'M' + x0 + ' ' + y0 + 'H' + (x0 + r.width) + 'V' + (y0 + r.height) + 'H' + x0 + 'Z';
      };
      clipPath = 'path(evenodd, "' + [visible].concat(holes).map(outline).join('') + '")';
    }
    return {
      left: (canvasBox.left + scroll.x + rect.x) + 'px',
      top: (canvasBox.top + scroll.y + rect.y) + 'px',
      width: rect.width + 'px',
      height: rect.height + 'px',
      clipPath: clipPath,
      visibility: visible.width > 1 && visible.height > 1 ? 'visible' : 'hidden',
    };
  };

  // "0:03 / 0:05  320x180" (plus "  stored copy" when it plays the stored copy) of a video element;
  // "" before its metadata loaded.
  P.clockText = function (element) {
    if (!element || !(element.readyState > 0) || !isFinite(element.duration)) return '';
    var clock = function (t) { var s = Math.floor(t); return Math.floor(s / 60) + ':' + ('0' + (s % 60)).slice(-2); };
    return clock(element.currentTime) + ' / ' + clock(element.duration) + '  ' + element.videoWidth + 'x' +
      element.videoHeight + (element.dataset && element.dataset.source === 'storage' ? '  stored copy' : '');
  };

  // ---- The video layer -----------------------------------------------------------------------------

  // One <video> per key in a layer over the canvas, placed every drawn frame from the ImGui item
  // rectangle. A video not placed in a frame (scrolled away, covered by a popup, its tab closed) is
  // hidden. A playing video asks for a burst of frames on each timeupdate, so its clock under the
  // picture follows without a continuous loop; it plays once (muted, so browsers allow autoplay)
  // unless the person ticks Loop, so a page left open with a result goes idle again.
  P.installVideos = function (module) {
    var layer = document.createElement('div');
    layer.id = 'vg-video-layer';
    layer.style.cssText = 'position:absolute;left:0;top:0;width:0;height:0;pointer-events:none;';
    document.body.appendChild(layer);
    var urls = {};
    // The blob: URL of the stored copy of `key` (web/storage.js), or null.
    var storedUrl = function (key, done) {
      var storage = root['VideoGenStorage'];
      if (urls[key]) { done(urls[key]); return; }
      if (!storage) { done(null); return; }
      storage.getResultObjectUrl(key).then(P.guard('opening the stored copy of a video', function (result) {
        if (result.url) urls[key] = result.url;
        done(result.url || null);
      }));
    };
    module.vg = module.vg || {};
    module.vg.videos = { layer: layer, map: {}, frame: 1, storedUrl: storedUrl, sync: null };
    module.vg.videos.sync = P.videoSync(function (key) {
      var entry = module.vg.videos.map[key];
      return entry && entry.element;
    });
  };

  // The element plays the stored copy of `key` when there is one, else `url` (read only when the
  // element is made: a data URL of megabytes is not handed over again). With `sound` (a result whose
  // request asked for audio) it starts with its sound on; a browser that allows no sound before the
  // person has clicked in the page refuses that play, and it plays muted instead (its speaker
  // control unmutes it).
  P.placeVideo = function (module, key, url, rect, visible, loop, sound) {
    var videos = module.vg.videos;
    var entry = videos.map[key];
    if (!entry) {
      var element = document.createElement('video');
      element.controls = true;
      element.muted = !sound;
      element.autoplay = true;
      element.playsInline = true;
      element.preload = 'auto';
      element.dataset.key = key;
      element.style.cssText = 'position:absolute;background:#000;pointer-events:auto;object-fit:contain;';
      entry = videos.map[key] = { element: element, url: url, seen: 0 };
      var burst = function () { P.burst(module); };
      element.addEventListener('timeupdate', burst);
      if (sound) element.addEventListener('canplay', function () { P.playWithSound(element); }, { once: true });
      element.addEventListener('loadedmetadata', burst);
      element.addEventListener('error', function () {
        if (element.dataset.source !== 'remote') return;
        videos.storedUrl(key, function (stored) {
          if (stored) { element.dataset.source = 'storage'; element.src = stored; }
        });
      });
      videos.storedUrl(key, function (stored) {
        element.dataset.source = stored ? 'storage' : 'remote';
        if (stored || entry.url) element.src = stored || entry.url;
      });
      videos.layer.appendChild(element);
    }
    entry.element.loop = !!loop;
    entry.rect = rect;
    entry.visible = visible;
    entry.seen = videos.frame;
  };

  // Plays `element` with its sound, or muted when the browser refuses sound (autoplay policy: no
  // click in the page yet); element.dataset.sound says which ("on" or "blocked").
  P.playWithSound = function (element) {
    element.dataset.sound = 'on';
    var playing = element.play();
    if (!playing || !playing.catch) return;
    playing.catch(function (error) {
      if (!error || error.name !== 'NotAllowedError') return;  // an AbortError: a pause or a new source came first
      element.dataset.sound = 'blocked';
      element.muted = true;
      element.play().catch(function () {});
    });
  };

  // Lays a frame's elements over the canvas: `layer` is {map: key -> {element, seen}, frame}, and
  // `place(entry, key, canvasBox, scroll)` styles each placed this frame (its `seen` is the layer's
  // frame). One not placed is hidden, and hands the keyboard back to the canvas if it had it. Ends the
  // layer's frame.
  P.layOverCanvas = function (module, layer, place) {
    var canvasBox = module['canvas'].getBoundingClientRect();
    var scroll = { x: root.scrollX, y: root.scrollY };
    Object.keys(layer.map).forEach(function (key) {
      var entry = layer.map[key];
      if (entry.seen === layer.frame) { place(entry, key, canvasBox, scroll); return; }
      if (entry.element.style.visibility === 'hidden') return;
      entry.element.style.visibility = 'hidden';
      if (document.activeElement === entry.element) module['canvas'].focus();
    });
    layer.frame++;
  };

  // The frame's videos are all placed: each is laid over its rectangle, cut around `covers` (the
  // frame's tooltips, CSS pixels relative to the canvas); one not placed this frame is hidden.
  P.endVideoFrame = function (module, covers) {
    P.layOverCanvas(module, module.vg.videos, function (entry, key, canvasBox, scroll) {
      Object.assign(entry.element.style, P.overlayStyle(canvasBox, scroll, entry.rect, entry.visible, covers));
    });
  };

  P.videoClock = function (module, key) {
    var entry = module.vg.videos.map[key];
    return P.clockText(entry && entry.element);
  };

  // Saves the video as a file named `name` (the stored copy when there is one).
  P.downloadVideo = function (module, key, url, name) {
    module.vg.videos.storedUrl(key, function (stored) {
      var link = document.createElement('a');
      link.href = stored || url;
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
  };

  // Saves `bytes` (a Uint8Array copy) as a download named `name`: the files a copied snippet reads.
  P.saveFile = function (name, bytes) {
    var url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
    var link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // Revoked once the browser has surely read it (it reads when the download starts; some browsers
    // start late, hence a minute rather than at once).
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  };

  P.syncVideos = function (module, keysJson) { module.vg.videos.sync.join(JSON.parse(keysJson)); };

  P.controlVideos = function (module, keysJson, action, seconds) {
    var sync = module.vg.videos.sync;
    var group = sync.groupOf(JSON.parse(keysJson));
    if (group) sync.control(group, action, seconds);
    P.burst(module);
  };

  // 0: currentTime, 1: duration (-1 before metadata), 2: paused (1 or 0; a member of a group that
  // waits for another member to catch up counts as playing).
  P.videoNumber = function (module, key, what) {
    var entry = module.vg.videos.map[key];
    if (!entry) return what === 2 ? 1 : -1;
    var element = entry.element;
    if (what === 0) return element.currentTime;
    if (what === 1) return element.readyState > 0 && isFinite(element.duration) ? element.duration : -1;
    return element.paused && !(element.vgGroup && element.vgGroup.holding) ? 1 : 0;
  };

  // ---- Synchronized playback (Compare) ---------------------------------------------------------------

  // A group is the list of result keys shown side by side; `elementOf(key)` is the key's <video>, or
  // nothing while it is not placed. Its videos do not autoplay one by one (they load at different
  // speeds): they start together from 0 once every one is placed and can play (a key whose job
  // still runs holds the start). The group keeps what the person asked for (`want`: play or pause)
  // and applies it to every member:
  // - a play or pause on any member, from its own controls or the app's bar, is done to the others;
  //   once every member has played to its end the group is paused (a seek then starts nothing);
  // - a seek that did not come from here (a member's own seek bar, a loop) moves the others there;
  // - while playing, a member that cannot keep up (seeking, out of data, or stopped by a reload of
  //   its source, which puts it at 0, paused, without a pause event) holds the group: the others
  //   pause, and when all can play again they are put at the time of a member that was playing well
  //   when the hold began (else the first member's) and resume, so a member that reloaded rejoins;
  // - the others follow the first member's clock, corrected when more than 0.2 s apart.
  // Events that answer this code's own calls change nothing (a seek to where it is asked to be, a
  // pause event of a video playing again), so nothing echoes. A seek's target is forgotten when it
  // is done: a loop's seek back to 0 later must not pass for the echo of an earlier seek to 0 (the
  // others would be held at the end instead of looping with it). Handlers read the element's
  // current group, so a group that changes (a retried column) keeps working. play() promises are
  // caught: a pause racing a play is not an error.
  P.videoSync = function (elementOf) {
    var groups = {};
    var quiet = function (promise) { if (promise && promise.catch) promise.catch(function () {}); };
    var members = function (group) {
      return group.keys.map(elementOf).filter(function (element) { return !!element; });
    };
    var seekTo = function (element, time, tolerance) {
      var target = Math.min(time, isFinite(element.duration) ? element.duration : time);
      if (Math.abs(element.currentTime - target) <= tolerance) return;
      element.vgSeekTarget = target;
      element.currentTime = target;
    };
    var settle = function (group) {
      var elements = members(group);
      if (group.want !== 'play' || elements.length < group.keys.length) return;
      var waiting = elements.some(function (element) { return element.seeking || (element.readyState < 3 && !element.ended); });
      var astray = elements.some(function (element) { return element.paused && !element.ended && !element.vgHeld; });
      if (!group.holding && (waiting || astray)) {
        group.holding = true;
        group.anchor = elements.filter(function (element) {
          return !element.paused && !element.seeking && element.readyState >= 3;
        })[0] || null;
        elements.forEach(function (element) { if (!element.paused) { element.vgHeld = true; element.pause(); } });
      }
      if (!group.holding || waiting) return;
      var anchor = elements.indexOf(group.anchor) >= 0 ? group.anchor : elements[0];
      var time = anchor.ended ? 0 : anchor.currentTime;
      var moved = false;
      elements.forEach(function (element) {
        if (element.ended || Math.abs(element.currentTime - time) <= 0.05) return;
        seekTo(element, time, 0.05);
        moved = true;
      });
      if (moved) return;  // their seeked events settle again
      group.holding = false;
      group.anchor = null;
      // A member that ended (a shorter video) stays at its end rather than starting over.
      elements.forEach(function (element) { element.vgHeld = false; if (element.paused && !element.ended) quiet(element.play()); });
    };
    var follow = function (source, type) {
      var group = source.vgGroup;
      if (!group) return;
      var elements = members(group);
      var others = elements.filter(function (element) { return element !== source; });
      if (type === 'play' && !source.paused && !group.holding) {
        group.started = true;
        group.want = 'play';
        others.forEach(function (element) {
          seekTo(element, source.currentTime, 0.1);
          if (element.paused) quiet(element.play());
        });
      } else if (type === 'pause' && source.paused && !source.ended && !source.vgHeld) {
        group.want = 'pause';
        group.holding = false;
        group.anchor = null;
        others.forEach(function (element) {
          element.vgHeld = false;  // paused for good now, not held: their own controls act on the group again
          if (!element.paused) element.pause();
          seekTo(element, source.currentTime, 0.1);
        });
      } else if (type === 'ended' && elements.every(function (element) { return element.ended || (element.paused && !element.vgHeld); })) {
        group.want = 'pause';  // played to the end: a seek now moves them without starting them
      } else if (type === 'seeked') {
        source.vgSeekTarget = undefined;  // done: a later seek (a loop back to 0) is not this one's echo
      } else if (type === 'seeking' && !(Math.abs(source.currentTime - source.vgSeekTarget) <= 0.05)) {
        source.vgSeekTarget = source.currentTime;
        others.forEach(function (element) { seekTo(element, source.currentTime, 0.1); });
      } else if (type === 'timeupdate' && source === elements[0] && group.want === 'play' && !group.holding && !source.paused) {
        others.forEach(function (element) { if (!element.paused && !element.ended) seekTo(element, source.currentTime, 0.2); });
      }
      settle(group);
    };
    var start = function (group) {
      var elements = members(group);
      if (group.started || elements.length < group.keys.length) return;
      if (!elements.every(function (element) { return element.readyState >= 3; })) return;
      group.started = true;
      group.want = 'play';
      elements.forEach(function (element) { seekTo(element, 0, 0); quiet(element.play()); });
    };
    var control = function (group, action, seconds) {
      var elements = members(group);
      if (!elements.length) return;
      group.started = true;
      group.holding = false;
      group.anchor = null;
      if (action === 'pause') {
        group.want = 'pause';
        elements.forEach(function (element) { element.vgHeld = false; element.pause(); });
        return;
      }
      var time = action === 'seek' ? seconds : elements[0].ended ? 0 : elements[0].currentTime;
      elements.forEach(function (element) { seekTo(element, time, 0.05); });
      if (action === 'play') {
        group.want = 'play';
        elements.forEach(function (element) { element.vgHeld = false; quiet(element.play()); });
      }
      settle(group);
    };
    var groupOf = function (keys) { return groups[keys.join('\n')]; };
    // Makes `keys` one group (call every frame, after placing them).
    var join = function (keys) {
      var group = groupOf(keys);
      if (!group) {
        // A new group replaces the ones it shares videos with (a column finished, failed or was retried).
        Object.keys(groups).forEach(function (id) {
          if (groups[id].keys.some(function (key) { return keys.indexOf(key) >= 0; })) delete groups[id];
        });
        group = groups[keys.join('\n')] = { keys: keys, started: false, want: '', holding: false };
      }
      keys.forEach(function (key) {
        var element = elementOf(key);
        if (!element || element.vgGroup === group) return;
        if (!element.vgGroup) {
          ['play', 'pause', 'ended', 'seeking', 'seeked', 'timeupdate', 'waiting', 'canplay', 'emptied', 'loadedmetadata'].forEach(function (type) {
            element.addEventListener(type, P.guard('keeping the compared videos in step', function () { follow(element, type); }));
          });
          element.addEventListener('canplay', P.guard('starting the compared videos', function () {
            if (element.vgGroup) start(element.vgGroup);
          }));
        }
        element.vgGroup = group;
        element.autoplay = false;
        if (!group.started && !element.paused) element.pause();
      });
      start(group);
      return group;
    };
    return { groups: groups, groupOf: groupOf, join: join, control: control };
  };
})(typeof window !== 'undefined' ? window : globalThis);
