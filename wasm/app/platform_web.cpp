// Browser platform layer; see platform_web.h for what lives here and why.
//
// Index
// [SECTION] Page-side JavaScript (EM_JS)
// [SECTION] Entry points called from JavaScript
// [SECTION] Platform API
#include "platform_web.h"

#include <emscripten.h>
#include <emscripten/fetch.h>

#include <algorithm>
#include <cstring>

namespace {

vg::web::PlatformHooks gHooks{};

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Page-side JavaScript (EM_JS)
//-----------------------------------------------------------------------------

// Input listeners, the frame loop and the status object. The loop runs requestAnimationFrame only
// until one second after the last event (or requestFrames call): ImGui needs a few frames after an
// event to settle hover and layout, and after that an idle tab schedules nothing at all.
EM_JS(void, vgJsInstall, (), {
    var canvas = Module['canvas'];
    var status = window['__vg'] = window['__vg'] || {};
    status['frames'] = 0;
    var loop = { awakeUntil: 0, raf: 0 };
    function tick() {
        loop.raf = 0;
        Module['_vg_web_frame']();
        status['frames']++;
        if (performance.now() < loop.awakeUntil) loop.raf = requestAnimationFrame(tick);
    }
    function wake() {
        loop.awakeUntil = performance.now() + 1000;
        if (!loop.raf) loop.raf = requestAnimationFrame(tick);
    }
    Module['vgWake'] = wake;

    [['keydown', GLFW.onKeydown], ['keypress', GLFW.onKeyPress], ['keyup', GLFW.onKeyup]].forEach(function (p) {
        window.removeEventListener(p[0], p[1], true);
        canvas.addEventListener(p[0], p[1], true);
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
        Module['vgPasteText'] = e.clipboardData.getData('text/plain');
        Module['_vg_web_paste'](lengthBytesUTF8(Module['vgPasteText']) + 1);
        e.preventDefault();
        wake();
    });

    canvas.focus();
    wake();
});

EM_JS(void, vgJsTakePaste, (char* buffer, int capacity), {
    stringToUTF8(Module['vgPasteText'] || "", buffer, capacity);
    Module['vgPasteText'] = "";
});

EM_JS(void, vgJsWake, (), { if (Module['vgWake']) Module['vgWake'](); });

EM_JS(double, vgJsCanvasCssWidth, (), { return Module['canvas'].getBoundingClientRect().width; });
EM_JS(double, vgJsCanvasCssHeight, (), { return Module['canvas'].getBoundingClientRect().height; });
EM_JS(double, vgJsPixelRatio, (), { return window.devicePixelRatio || 1; });

EM_JS(void, vgJsCopy, (const char* text), {
    var value = UTF8ToString(text);
    if (!navigator.clipboard) { console.warn('clipboard: navigator.clipboard is unavailable (needs https or localhost)'); return; }
    navigator.clipboard.writeText(value).catch(function (e) { console.warn('clipboard: ' + e); });
});

EM_JS(void, vgJsPublish, (const char* json), { Object.assign(window['__vg'], JSON.parse(UTF8ToString(json))); });

//-----------------------------------------------------------------------------
// [SECTION] Entry points called from JavaScript
//-----------------------------------------------------------------------------

extern "C" {

EMSCRIPTEN_KEEPALIVE void vg_web_frame() { gHooks.frame(); }

EMSCRIPTEN_KEEPALIVE void vg_web_wheel(float notchesX, float notchesY) { gHooks.wheel(notchesX, notchesY); }

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

void startFrameLoop() { vgJsInstall(); }

void requestFrames() { vgJsWake(); }

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

void publishStatus(const std::string& jsonObject) { vgJsPublish(jsonObject.c_str()); }

}  // namespace vg::web
