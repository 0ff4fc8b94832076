// Browser platform layer; see platform_web.h for what lives here and why.
//
// Index
// [SECTION] Page-side JavaScript (EM_JS): input, frame loop, storage, files, videos
// [SECTION] Entry points called from JavaScript
// [SECTION] Platform API
// [SECTION] Synchronized playback (Compare): page-side JavaScript and the API, in one block
#include "platform_web.h"

#include <emscripten.h>
#include <emscripten/fetch.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>

namespace {

vg::web::PlatformHooks gHooks{};

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Page-side JavaScript (EM_JS): input, frame loop, storage, files, videos
//-----------------------------------------------------------------------------

// Input listeners, the frame loop and the status object. The loop runs requestAnimationFrame only
// until one second after the last event (or requestFrames call): ImGui needs a few frames after an
// event to settle hover and layout, and after that an idle tab schedules nothing at all.
// ImGui 1.86 samples key state once a frame (its input queue came in 1.87): keys are queued here and
// handed to the GLFW port before a frame, at most one change per key per frame and in order, so a
// quick press between two slow frames is neither lost nor merged with the next, and Ctrl+End stays
// Ctrl+End. (Backspace and Tab keep the port's preventDefault at once: later would be too late.)
EM_JS(void, vgJsInstall, (), {
    var canvas = Module['canvas'];
    var status = window['__vg'] = window['__vg'] || {};
    status['frames'] = 0;
    var loop = { awakeUntil: 0, raf: 0, burst: 0, timer: 0 };
    var keys = { queue: [] };
    function deliverKeys() {
        var changed = {};
        while (keys.queue.length) {
            var kind = keys.queue[0][0];
            var e = keys.queue[0][1];
            if (kind !== 'press') {
                if (changed[e.keyCode]) break;
                changed[e.keyCode] = true;
            }
            keys.queue.shift();
            if (kind === 'down') GLFW.onKeydown(e); else if (kind === 'up') GLFW.onKeyup(e); else GLFW.onKeyPress(e);
        }
    }
    function tick() {
        loop.raf = 0;
        if (loop.burst > 0) loop.burst--;
        deliverKeys();
        Module['_vg_web_frame']();
        status['frames']++;
        if (keys.queue.length) loop.burst = Math.max(loop.burst, 2);
        if (performance.now() < loop.awakeUntil || loop.burst > 0) loop.raf = requestAnimationFrame(tick);
    }
    function wake() {
        loop.awakeUntil = performance.now() + 1000;
        if (!loop.raf) loop.raf = requestAnimationFrame(tick);
    }
    function burst() {
        loop.burst = Math.max(loop.burst, 3);
        if (!loop.raf) loop.raf = requestAnimationFrame(tick);
    }
    Module['vgWake'] = wake;
    Module['vgBurst'] = burst;
    Module['vgWakeAt'] = function (at) {
        if (loop.timer) clearTimeout(loop.timer);
        loop.timer = 0;
        if (at >= 0) loop.timer = setTimeout(function () { loop.timer = 0; burst(); }, Math.max(0, at - Date.now()));
    };
    Module['vgSend'] = function (event) {
        var text = JSON.stringify(event);
        var size = lengthBytesUTF8(text) + 1;
        var buffer = _malloc(size);
        stringToUTF8(text, buffer, size);
        Module['_vg_web_event'](buffer);
        _free(buffer);
        burst();
    };

    [['keydown', GLFW.onKeydown], ['keypress', GLFW.onKeyPress], ['keyup', GLFW.onKeyup]].forEach(function (p) {
        window.removeEventListener(p[0], p[1], true);
    });
    ['keydown', 'keypress', 'keyup'].forEach(function (type) {
        canvas.addEventListener(type, function (e) {
            if (type === 'keydown' && (e.keyCode === 8 || e.keyCode === 9)) e.preventDefault();
            keys.queue.push([type === 'keydown' ? 'down' : type === 'keyup' ? 'up' : 'press', e]);
        }, true);
    });
    canvas.addEventListener('blur', GLFW.onBlur, true);

    ['mousemove', 'mousedown', 'mouseup', 'mouseleave', 'keydown', 'keyup', 'keypress', 'focus', 'blur',
     'touchstart', 'touchmove', 'touchend'].forEach(function (type) {
        canvas.addEventListener(type, wake, true);
    });
    window.addEventListener('resize', wake);
    if (window.ResizeObserver) new ResizeObserver(wake).observe(canvas);

    canvas.addEventListener('wheel', function (e) {
        var notch = e.deltaMode === 0 ? 1 / 100 : (e.deltaMode === 1 ? 1 / 3 : 80);
        Module['_vg_web_wheel'](-e.deltaX * notch, -e.deltaY * notch);
        e.preventDefault();
        wake();
    }, { passive: false });

    window.addEventListener('paste', function (e) {
        if (document.activeElement !== canvas || !e.clipboardData) return;
        // A copied image file or screenshot (and no text: some programs put a picture of copied text
        // beside it, and text into a field is what the person wants then) is read like a picked file.
        var file = e.clipboardData.files && e.clipboardData.files[0];
        if (file && !e.clipboardData.getData('text/plain')) {
            Module['vgReadFile'](file, { token: 'paste' });
            e.preventDefault();
            wake();
            return;
        }
        Module['vgPasteText'] = e.clipboardData.getData('text/plain');
        Module['_vg_web_paste'](lengthBytesUTF8(Module['vgPasteText']) + 1);
        e.preventDefault();
        wake();
    });

    canvas.focus();
    wake();
});

// Browser storage is web/storage.js (window.VideoGenStorage: history, result videos in IndexedDB).
// One generic call: arguments as a JSON array, the result back as the event
// {"type":"storage","call":name,"tag":tag,"result":{...}} (storage.js resolves failures to {error}).
// A page without storage.js still works, without history: every call answers with that error.
EM_JS(void, vgJsStorageCall, (const char* nameText, const char* argsText, const char* tagText), {
    var name = UTF8ToString(nameText);
    var tag = UTF8ToString(tagText);
    var storage = window['VideoGenStorage'];
    var answer = function (result) { Module['vgSend']({ type: 'storage', call: name, tag: tag, result: result }); };
    if (!storage) { answer({ error: 'storage.js is not loaded: no history in this page' }); return; }
    storage.callJson(name, UTF8ToString(argsText)).then(function (text) { answer(JSON.parse(text)); });
});

EM_JS(char*, vgJsSessionGet, (const char* name), {
    var value = "";
    try { value = sessionStorage.getItem(UTF8ToString(name)) || ""; } catch (e) { console.warn('sessionStorage: ' + e); }
    var size = lengthBytesUTF8(value) + 1;
    var buffer = _malloc(size);
    stringToUTF8(value, buffer, size);
    return buffer;
});

EM_JS(void, vgJsSessionSet, (const char* name, const char* value), {
    try {
        var text = UTF8ToString(value);
        if (text) sessionStorage.setItem(UTF8ToString(name), text); else sessionStorage.removeItem(UTF8ToString(name));
    } catch (e) { console.warn('sessionStorage: ' + e); }
});

EM_JS(char*, vgJsLocation, (int withHash), {
    var value = withHash ? location.hash : location.href.split('#')[0];
    var size = lengthBytesUTF8(value) + 1;
    var buffer = _malloc(size);
    stringToUTF8(value, buffer, size);
    return buffer;
});

EM_JS(char*, vgJsQueryParam, (const char* nameText), {
    var value = new URLSearchParams(location.search).get(UTF8ToString(nameText)) || "";
    var size = lengthBytesUTF8(value) + 1;
    var buffer = _malloc(size);
    stringToUTF8(value, buffer, size);
    return buffer;
});

// Files: one reader for the picker, drops on the canvas and pasted files, answering the "file" event
// (platform_web.h chooseFile). A drop says where it landed (CSS pixels within the canvas), so the app
// puts the file in the field under the pointer; a link dragged from another page (text/uri-list)
// arrives as `url`. Files over 64 MB are refused before reading: a data URL of them would
// cost a third more again in memory, and no model takes inputs that large.
EM_JS(void, vgJsInstallFiles, (), {
    var canvas = Module['canvas'];
    var maxBytes = 64 * 1024 * 1024;
    Module['vgReadFile'] = function (file, event) {
        event.type = 'file';
        event.name = file.name || 'the pasted file';
        if (file.size > maxBytes) {
            event.problem = 'it is ' + (file.size / 1048576).toFixed(1) + ' MB; the playground reads files up to 64 MB: ' +
                'use a smaller file, or host it and paste its URL';
            Module['vgSend'](event);
            return;
        }
        var reader = new FileReader();
        reader.onload = function () { event.dataUrl = reader.result; Module['vgSend'](event); };
        reader.onerror = function () { event.problem = String(reader.error); Module['vgSend'](event); };
        reader.readAsDataURL(file);
    };
    // While something is dragged over the canvas the app is told where ({"type":"drag","x","y"}, at
    // most every 50 ms: the browser fires dragover every few ms), so it can show the field a drop
    // would fill; {"type":"drag","over":false} when it leaves or is dropped.
    var lastDrag = 0;
    canvas.addEventListener('dragover', function (e) {
        e.preventDefault();  // allows the drop (the default refuses it, or opens the file in the tab)
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
        if (performance.now() - lastDrag < 50) return;
        lastDrag = performance.now();
        var box = canvas.getBoundingClientRect();
        Module['vgSend']({ type: 'drag', over: true, x: e.clientX - box.left, y: e.clientY - box.top });
    });
    canvas.addEventListener('dragleave', function () { Module['vgSend']({ type: 'drag', over: false }); });
    canvas.addEventListener('drop', function (e) {
        e.preventDefault();
        Module['vgSend']({ type: 'drag', over: false });
        if (!e.dataTransfer) return;
        var box = canvas.getBoundingClientRect();
        var event = { token: 'drop', x: e.clientX - box.left, y: e.clientY - box.top };
        var file = e.dataTransfer.files && e.dataTransfer.files[0];
        if (file) { Module['vgReadFile'](file, event); return; }
        var links = (e.dataTransfer.getData('text/uri-list') || '').split('\n').map(function (line) {
            return line.trim();
        }).filter(function (line) { return /^https?:/i.test(line); });
        if (!links.length) return;
        event.type = 'file';
        event.name = links[0];
        event.url = links[0];
        Module['vgSend'](event);
    });
});

EM_JS(void, vgJsChooseFile, (const char* tokenText, const char* acceptText), {
    var token = UTF8ToString(tokenText);
    var input = document.createElement('input');
    input.type = 'file';
    input.accept = UTF8ToString(acceptText);
    input.onchange = function () {
        if (input.files && input.files[0]) Module['vgReadFile'](input.files[0], { token: token });
    };
    input.click();
});

// Input images: the browser decodes the image and uploads it straight into a WebGL texture (no
// pixels through the wasm heap); the texture's id is registered with Emscripten's GL object table
// so C++ draws and frees it like its own. Rows stay top-down (no UNPACK_FLIP_Y).
EM_JS(void, vgJsLoadImageTexture, (const char* tokenText, const char* srcText), {
    var token = UTF8ToString(tokenText);
    var src = UTF8ToString(srcText);
    var image = new Image();
    if (!/^data:/.test(src)) image.crossOrigin = 'anonymous';
    image.onload = function () {
        var gl = GLctx;
        var texture = gl.createTexture();
        var id = GL.getNewId(GL.textures);
        texture.name = id;
        GL.textures[id] = texture;
        var previous = gl.getParameter(gl.TEXTURE_BINDING_2D);
        gl.bindTexture(gl.TEXTURE_2D, texture);
        gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
        gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, image);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
        gl.bindTexture(gl.TEXTURE_2D, previous);
        Module['vgSend']({ type: 'image', token: token, texture: id, width: image.naturalWidth, height: image.naturalHeight });
    };
    image.onerror = function () {
        var what = /^data:/.test(src) ? 'the browser cannot decode this image (is it a PNG, JPEG, WebP or GIF?)'
                                      : 'the browser could not load the image from ' + src.slice(0, 200) +
                                        ' (a broken link, or a server that does not allow other sites to read it: CORS)';
        Module['vgSend']({ type: 'image', token: token, problem: what });
    };
    image.src = src;
});

// Result videos: one <video> per key in a layer over the canvas, placed every drawn frame from the
// ImGui item rectangle and cut to the visible part with clip-path (only when cut: a clip-path makes
// a mask layer, which costs compositing for nothing when the video is whole). A video not placed in a frame
// (scrolled away, covered by a popup, its tab closed) is hidden. A playing video asks for a burst of
// frames on each timeupdate, so its clock under the picture follows without a continuous loop; it
// plays once (muted, so browsers allow autoplay) unless the person ticks Loop, so a page left open
// with a result goes idle again.
EM_JS(void, vgJsInstallVideos, (), {
    var layer = document.createElement('div');
    layer.id = 'vg-video-layer';
    layer.style.cssText = 'position:absolute;left:0;top:0;width:0;height:0;pointer-events:none;';
    document.body.appendChild(layer);
    var urls = {};
    var storedUrl = function (key, done) {
        var storage = window['VideoGenStorage'];
        if (urls[key]) { done(urls[key]); return; }
        if (!storage) { done(null); return; }
        storage.getResultObjectUrl(key).then(function (result) {
            if (result.url) urls[key] = result.url;
            done(result.url || null);
        });
    };
    Module['vgVideos'] = { layer: layer, map: {}, frame: 1, storedUrl: storedUrl };
});

EM_JS(void, vgJsPlaceVideo, (const char* keyText, const char* urlText, float x, float y, float w, float h,
                             float vx, float vy, float vw, float vh, int loop), {
    var videos = Module['vgVideos'];
    var key = UTF8ToString(keyText);
    var entry = videos.map[key];
    if (!entry) {
        var element = document.createElement('video');
        element.controls = true;
        element.muted = true;
        element.autoplay = true;
        element.playsInline = true;
        element.preload = 'auto';
        element.dataset.key = key;
        element.style.cssText = 'position:absolute;background:#000;pointer-events:auto;object-fit:contain;';
        entry = videos.map[key] = { element: element, url: UTF8ToString(urlText), seen: 0 };
        element.addEventListener('timeupdate', Module['vgBurst']);
        element.addEventListener('loadedmetadata', Module['vgBurst']);
        element.addEventListener('error', function () {
            if (element.dataset.source !== 'remote') return;
            Module['vgVideos'].storedUrl(key, function (stored) {
                if (stored) { element.dataset.source = 'storage'; element.src = stored; }
            });
        });
        Module['vgVideos'].storedUrl(key, function (stored) {
            element.dataset.source = stored ? 'storage' : 'remote';
            if (stored || entry.url) element.src = stored || entry.url;
        });
        videos.layer.appendChild(element);
    }
    entry.element.loop = !!loop;
    var canvas = Module['canvas'].getBoundingClientRect();
    var style = entry.element.style;
    style.left = (canvas.left + window.scrollX + x) + 'px';
    style.top = (canvas.top + window.scrollY + y) + 'px';
    style.width = w + 'px';
    style.height = h + 'px';
    var cut = [Math.max(0, vy - y), Math.max(0, x + w - vx - vw), Math.max(0, y + h - vy - vh), Math.max(0, vx - x)];
    var clipped = cut.some(function (side) { return side > 0.5; });
    style.clipPath = clipped ? 'inset(' + cut.join('px ') + 'px)' : 'none';
    style.visibility = vw > 1 && vh > 1 ? 'visible' : 'hidden';
    entry.seen = videos.frame;
});

EM_JS(void, vgJsEndVideoFrame, (), {
    var videos = Module['vgVideos'];
    Object.keys(videos.map).forEach(function (key) {
        if (videos.map[key].seen !== videos.frame) videos.map[key].element.style.visibility = 'hidden';
    });
    videos.frame++;
});

EM_JS(char*, vgJsVideoClock, (const char* keyText), {
    var entry = Module['vgVideos'].map[UTF8ToString(keyText)];
    var text = "";
    var clock = function (t) { var s = Math.floor(t); return Math.floor(s / 60) + ':' + ('0' + (s % 60)).slice(-2); };
    if (entry && entry.element.readyState > 0 && isFinite(entry.element.duration)) {
        text = clock(entry.element.currentTime) + ' / ' + clock(entry.element.duration) + '  ' +
            entry.element.videoWidth + 'x' + entry.element.videoHeight + (entry.element.dataset.source === 'storage' ? '  stored copy' : "");
    }
    var size = lengthBytesUTF8(text) + 1;
    var buffer = _malloc(size);
    stringToUTF8(text, buffer, size);
    return buffer;
});

EM_JS(void, vgJsDownload, (const char* keyText, const char* urlText, const char* nameText), {
    var url = UTF8ToString(urlText);
    var name = UTF8ToString(nameText);
    Module['vgVideos'].storedUrl(UTF8ToString(keyText), function (stored) {
        var link = document.createElement('a');
        link.href = stored || url;
        link.download = name;
        document.body.appendChild(link);
        link.click();
        link.remove();
    });
});

EM_JS(void, vgJsTakePaste, (char* buffer, int capacity), {
    stringToUTF8(Module['vgPasteText'] || "", buffer, capacity);
    Module['vgPasteText'] = "";
});

EM_JS(void, vgJsWake, (), { if (Module['vgWake']) Module['vgWake'](); });
EM_JS(void, vgJsBurst, (), { if (Module['vgBurst']) Module['vgBurst'](); });
EM_JS(void, vgJsWakeAt, (double at), { if (Module['vgWakeAt']) Module['vgWakeAt'](at); });
EM_JS(double, vgJsNow, (), { return Date.now(); });

EM_JS(double, vgJsCanvasCssWidth, (), { return Module['canvas'].getBoundingClientRect().width; });
EM_JS(double, vgJsCanvasCssHeight, (), { return Module['canvas'].getBoundingClientRect().height; });
EM_JS(double, vgJsPixelRatio, (), { return window.devicePixelRatio || 1; });

EM_JS(void, vgJsCopy, (const char* text), {
    var value = UTF8ToString(text);
    if (!navigator.clipboard) { console.warn('clipboard: navigator.clipboard is unavailable (needs https or localhost)'); return; }
    navigator.clipboard.writeText(value).catch(function (e) { console.warn('clipboard: ' + e); });
});

EM_JS(void, vgJsPublish, (const char* json), {
    var status = window['__vg'];
    Object.assign(status, JSON.parse(UTF8ToString(json)));
    if (status['ready'] && !status['readyAt']) status['readyAt'] = performance.now();
});

//-----------------------------------------------------------------------------
// [SECTION] Entry points called from JavaScript
//-----------------------------------------------------------------------------

extern "C" {

EMSCRIPTEN_KEEPALIVE void vg_web_frame() { gHooks.frame(); }

EMSCRIPTEN_KEEPALIVE void vg_web_wheel(float notchesX, float notchesY) { gHooks.wheel(notchesX, notchesY); }

EMSCRIPTEN_KEEPALIVE void vg_web_event(const char* jsonObject) { gHooks.event(jsonObject); }

EMSCRIPTEN_KEEPALIVE void vg_web_paste(int bytesWithTerminator) {
    std::string text(static_cast<size_t>(bytesWithTerminator), '\0');
    vgJsTakePaste(text.data(), bytesWithTerminator);
    text.resize(std::strlen(text.c_str()));
    gHooks.paste(text);
}

}  // extern "C"

//-----------------------------------------------------------------------------
// [SECTION] Platform API
//-----------------------------------------------------------------------------

namespace vg::web {

void installPlatform(const PlatformHooks& hooks) { gHooks = hooks; }

void startFrameLoop() {
    vgJsInstallVideos();
    vgJsInstallFiles();
    vgJsInstall();
}

void requestFrames() { vgJsWake(); }

void requestFrameBurst() { vgJsBurst(); }

void wakeAt(int64_t epochMs) { vgJsWakeAt(static_cast<double>(epochMs)); }

int64_t nowMs() { return static_cast<int64_t>(vgJsNow()); }

CanvasMetrics canvasMetrics() {
    CanvasMetrics metrics;
    metrics.pixelRatio = static_cast<float>(vgJsPixelRatio());
    // At least 1x1: a zero-sized GLFW window is refused and a hidden canvas still draws nothing.
    metrics.width = std::max(1, static_cast<int>(vgJsCanvasCssWidth() * metrics.pixelRatio + 0.5));
    metrics.height = std::max(1, static_cast<int>(vgJsCanvasCssHeight() * metrics.pixelRatio + 0.5));
    return metrics;
}

void copyToClipboard(const std::string& text) { vgJsCopy(text.c_str()); }

namespace {

struct FetchRequest {
    void (*done)(std::vector<unsigned char>, void*);
    void* context;
};

// emscripten_fetch_close is only safe in these callbacks (closing earlier does not cancel, and the
// request later writes into freed memory); the bytes are copied out before closing.
void finishFetch(emscripten_fetch_t* fetch, bool ok) {
    auto* request = static_cast<FetchRequest*>(fetch->userData);
    std::vector<unsigned char> bytes;
    if (ok && fetch->status == 200) bytes.assign(fetch->data, fetch->data + fetch->numBytes);
    emscripten_fetch_close(fetch);
    request->done(std::move(bytes), request->context);
    delete request;
}

}  // namespace

void fetchBytes(const char* url, void (*done)(std::vector<unsigned char>, void*), void* context) {
    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strcpy(attr.requestMethod, "GET");
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY | EMSCRIPTEN_FETCH_REPLACE;
    attr.userData = new FetchRequest{done, context};
    attr.onsuccess = [](emscripten_fetch_t* fetch) { finishFetch(fetch, true); };
    attr.onerror = [](emscripten_fetch_t* fetch) { finishFetch(fetch, false); };
    emscripten_fetch(&attr, url);
}

namespace {

// A string the page allocated with _malloc, taken over and freed.
std::string takeJsString(char* text) {
    std::string value(text ? text : "");
    std::free(text);
    return value;
}

// One gateway call on the wire. The body, the header strings and the callback live here until
// emscripten_fetch calls back: the request reads them after emscripten_fetch returns.
struct PendingHttp {
    app::HttpCall call;
    std::vector<std::string> headerText;
    std::vector<const char*> headerPointers;  // name, value, ..., nullptr
    std::function<void(const app::HttpAnswer&)> done;
};

std::string lowercase(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// The two headers the job logic reads: Retry-After and openai-poll-after-ms.
void readHeaders(emscripten_fetch_t* fetch, app::HttpAnswer& answer) {
    const size_t length = emscripten_fetch_get_response_headers_length(fetch);
    if (length == 0) return;
    std::string headers(length + 1, '\0');
    emscripten_fetch_get_response_headers(fetch, headers.data(), headers.size());
    size_t start = 0;
    while (start < headers.size()) {
        size_t end = headers.find('\n', start);
        if (end == std::string::npos) end = headers.size();
        const std::string line = headers.substr(start, end - start);
        start = end + 1;
        const size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        const std::string name = lowercase(line.substr(0, colon));
        std::string value = line.substr(colon + 1);
        while (!value.empty() && (value.back() == '\r' || value.back() == ' ' || value.back() == '\0')) value.pop_back();
        while (!value.empty() && value.front() == ' ') value.erase(value.begin());
        if (name == "retry-after") answer.retryAfter = value;
        if (name == "openai-poll-after-ms") answer.pollAfterMs = value;
    }
}

// emscripten_fetch_close is only safe here (closing earlier does not cancel, and the request later
// writes into freed memory): a cancelled job simply ignores the answer.
void finishHttp(emscripten_fetch_t* fetch) {
    auto* pending = static_cast<PendingHttp*>(fetch->userData);
    app::HttpAnswer answer;
    answer.status = fetch->status;
    if (fetch->data && fetch->numBytes > 0) answer.body.assign(fetch->data, static_cast<size_t>(fetch->numBytes));
    if (answer.status == 0) {
        answer.networkError = fetch->statusText[0] ? fetch->statusText : "the connection failed or was refused";
    } else {
        readHeaders(fetch, answer);
    }
    emscripten_fetch_close(fetch);
    pending->done(answer);
    delete pending;
    requestFrameBurst();
}

}  // namespace

void httpSend(const app::HttpCall& call, std::function<void(const app::HttpAnswer&)> done) {
    auto* pending = new PendingHttp{call, {}, {}, std::move(done)};
    for (const auto& [name, value] : pending->call.headers) {
        pending->headerText.push_back(name);
        pending->headerText.push_back(value);
    }
    for (const std::string& text : pending->headerText) pending->headerPointers.push_back(text.c_str());
    pending->headerPointers.push_back(nullptr);

    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strncpy(attr.requestMethod, pending->call.method.c_str(), sizeof(attr.requestMethod) - 1);
    // REPLACE: never look in (or write to) emscripten's IndexedDB cache; the page has its own storage.
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY | EMSCRIPTEN_FETCH_REPLACE;
    attr.requestHeaders = pending->headerPointers.data();
    if (!pending->call.body.empty()) {
        attr.requestData = pending->call.body.data();
        attr.requestDataSize = pending->call.body.size();
    }
    attr.userData = pending;
    attr.onsuccess = finishHttp;
    attr.onerror = finishHttp;
    emscripten_fetch(&attr, pending->call.url.c_str());
}

void storageCall(const char* name, const std::string& argsJson, const std::string& tag) {
    vgJsStorageCall(name, argsJson.c_str(), tag.c_str());
}

std::string sessionGet(const char* name) { return takeJsString(vgJsSessionGet(name)); }

void sessionSet(const char* name, const std::string& value) { vgJsSessionSet(name, value.c_str()); }

std::string locationHash() { return takeJsString(vgJsLocation(1)); }

std::string pageUrlWithoutHash() { return takeJsString(vgJsLocation(0)); }

std::string queryParam(const char* name) { return takeJsString(vgJsQueryParam(name)); }

void chooseFile(const std::string& token, const char* accept) { vgJsChooseFile(token.c_str(), accept); }

void loadImageTexture(const std::string& token, const std::string& source) {
    vgJsLoadImageTexture(token.c_str(), source.c_str());
}

void placeVideo(const std::string& key, const std::string& url, PageRect rect, PageRect visible, bool loop) {
    vgJsPlaceVideo(key.c_str(), url.c_str(), rect.x, rect.y, rect.width, rect.height, visible.x, visible.y,
                   visible.width, visible.height, loop ? 1 : 0);
}

void endVideoFrame() { vgJsEndVideoFrame(); }

std::string videoClock(const std::string& key) { return takeJsString(vgJsVideoClock(key.c_str())); }

void downloadVideo(const std::string& key, const std::string& url, const std::string& fileName) {
    vgJsDownload(key.c_str(), url.c_str(), fileName.c_str());
}

void publishStatus(const std::string& jsonObject) { vgJsPublish(jsonObject.c_str()); }

}  // namespace vg::web

//-----------------------------------------------------------------------------
// [SECTION] Synchronized playback (Compare): page-side JavaScript and the API, in one block
//-----------------------------------------------------------------------------

// A group is the list of result keys shown side by side. Its videos do not autoplay one by one (they
// load at different speeds): they start together from 0 once every one is placed and can play (a key
// whose job still runs holds the start). The group keeps what the person asked for (`want`: play or
// pause) and applies it to every member:
// - a play or pause on any member, from its own controls or the app's bar, is done to the others;
// - a seek that did not come from here (a member's own seek bar, a loop) moves the others there;
// - while playing, a member that cannot keep up (seeking, out of data, or stopped by a reload of its
//   source, which puts it at 0, paused, without a pause event) holds the group: the others pause,
//   and when all can play again they are put at the time of a member that was playing well when the
//   hold began (else the first member's) and resume, so a member that reloaded rejoins the others;
// - the others follow the first member's clock, corrected when more than 0.2 s apart.
// Events that answer this code's own calls change nothing (a seek to where it is asked to be, a
// pause event of a video playing again), so nothing echoes. A seek's target is forgotten when it is
// done: a loop's seek back to 0 later must not pass for the echo of an earlier seek to 0 (the others
// would be held at the end instead of looping with it). Handlers read the element's current
// group, so a group that changes (a retried column) keeps working. play() promises are caught: a
// pause racing a play is not an error.
EM_JS(void, vgJsSyncVideos, (const char* keysJson), {
    var videos = Module['vgVideos'];
    if (!videos.sync) {
        var quiet = function (promise) { if (promise && promise.catch) promise.catch(function () {}); };
        var members = function (group) {
            return group.keys.map(function (key) { return videos.map[key] && videos.map[key].element; })
                .filter(function (element) { return !!element; });
        };
        var seekTo = function (element, time, tolerance) {
            var target = Math.min(time, isFinite(element.duration) ? element.duration : time);
            if (Math.abs(element.currentTime - target) <= tolerance) return;
            element.vgSeekTarget = target;
            element.currentTime = target;
        };
        // Holds the group while a member cannot play (seeking, out of data, or stopped without a pause
        // event: a member whose source reloaded starts over at 0, paused), then puts every member at
        // the anchor's time and resumes. The anchor is a member that was playing well when the hold
        // began, so a member that started over rejoins the others rather than pulling them back to 0.
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
        videos.sync = { groups: {}, follow: follow, start: start, control: control };
        videos.sync.groupOf = function (keys) { return videos.sync.groups[keys.join('\n')]; };
    }
    var keys = JSON.parse(UTF8ToString(keysJson));
    var group = videos.sync.groupOf(keys);
    if (!group) {
        // A new group replaces the ones it shares videos with (a column finished, failed or was retried).
        Object.keys(videos.sync.groups).forEach(function (id) {
            if (videos.sync.groups[id].keys.some(function (key) { return keys.indexOf(key) >= 0; })) delete videos.sync.groups[id];
        });
        group = videos.sync.groups[keys.join('\n')] = { keys: keys, started: false, want: "", holding: false };
    }
    keys.forEach(function (key) {
        var entry = videos.map[key];
        if (!entry || entry.element.vgGroup === group) return;
        var element = entry.element;
        if (!element.vgGroup) {
            ['play', 'pause', 'seeking', 'seeked', 'timeupdate', 'waiting', 'canplay', 'emptied', 'loadedmetadata'].forEach(function (type) {
                element.addEventListener(type, function () { videos.sync.follow(element, type); });
            });
            element.addEventListener('canplay', function () { if (element.vgGroup) videos.sync.start(element.vgGroup); });
        }
        element.vgGroup = group;
        element.autoplay = false;
        if (!group.started && !element.paused) element.pause();
    });
    videos.sync.start(group);
});

EM_JS(void, vgJsControlVideos, (const char* keysJson, const char* actionText, double seconds), {
    var videos = Module['vgVideos'];
    var group = videos.sync && videos.sync.groupOf(JSON.parse(UTF8ToString(keysJson)));
    if (group) videos.sync.control(group, UTF8ToString(actionText), seconds);
    if (Module['vgBurst']) Module['vgBurst']();
});

// 0: currentTime, 1: duration (-1 before metadata), 2: paused (1 or 0; a member of a group that
// waits for another member to catch up counts as playing).
EM_JS(double, vgJsVideoNumber, (const char* keyText, int what), {
    var entry = Module['vgVideos'].map[UTF8ToString(keyText)];
    if (!entry) return what === 2 ? 1 : -1;
    var element = entry.element;
    if (what === 0) return element.currentTime;
    if (what === 1) return element.readyState > 0 && isFinite(element.duration) ? element.duration : -1;
    return element.paused && !(element.vgGroup && element.vgGroup.holding) ? 1 : 0;
});

namespace vg::web {

void syncVideos(const std::vector<std::string>& keys) { vgJsSyncVideos(json(keys).dump().c_str()); }

void controlVideos(const std::vector<std::string>& keys, const char* action, double seconds) {
    vgJsControlVideos(json(keys).dump().c_str(), action, seconds);
}

VideoTime videoTime(const std::string& key) {
    VideoTime time;
    time.current = vgJsVideoNumber(key.c_str(), 0);
    time.duration = vgJsVideoNumber(key.c_str(), 1);
    time.paused = vgJsVideoNumber(key.c_str(), 2) != 0;
    time.ready = time.duration >= 0;
    if (!time.ready) time.current = time.duration = 0;
    return time;
}

}  // namespace vg::web
