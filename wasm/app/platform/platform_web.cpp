// Browser platform layer; see platform_web.h for what lives here and why. The page-side JavaScript
// is in web/platform.js, web/videos.js and web/text_fields.js (window.VideoGenPlatform, under node --test); each EM_JS
// here is a one-line call into it.
//
// Index
// [SECTION] Calls into the page (EM_JS, one line each)
// [SECTION] The boundary: every entry point from the page
// [SECTION] Entry points called from JavaScript
// [SECTION] Platform API
#include "platform/platform_web.h"

#include <emscripten.h>
#include <emscripten/fetch.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <unordered_set>

namespace {

vg::web::PlatformHooks gHooks{};

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Calls into the page (EM_JS, one line each)
//-----------------------------------------------------------------------------

// Strings come back as heap copies (allocateUTF8) that takeJsString frees. The playground's JS is
// minified by Closure, which renames every property it does not know from outside: the calls name
// the page objects' methods (window.VideoGen*) as they are (the build lists them as externs), and
// objects handed to the page carry the members it reads under quoted names (GLFW's and GL's own are
// renamed).
EM_JS(void, vgJsInstall, (), {
    VideoGenPlatform.install(Module, {'onKeydown': GLFW.onKeydown, 'onKeyPress': GLFW.onKeyPress, 'onKeyup': GLFW.onKeyup, 'onBlur': GLFW.onBlur});
});
EM_JS(void, vgJsInstallTouch, (), {
    VideoGenPlatform.installTouch(Module, {'onMousemove': GLFW.onMousemove, 'onMouseButtonDown': GLFW.onMouseButtonDown, 'onMouseButtonUp': GLFW.onMouseButtonUp});
});
EM_JS(void, vgJsInstallFiles, (), { VideoGenPlatform.installFiles(Module); });
EM_JS(void, vgJsInstallVideos, (), { VideoGenPlatform.installVideos(Module); });
EM_JS(void, vgJsInstallTextFields, (), { VideoGenPlatform.installTextFields(Module); });
EM_JS(void, vgJsFault, (const char* what, const char* detail), { VideoGenPlatform.fault(UTF8ToString(what), UTF8ToString(detail)); });

EM_JS(void, vgJsStorageCall, (const char* name, const char* args, const char* tag), {
    VideoGenPlatform.storageCall(Module, UTF8ToString(name), UTF8ToString(args), UTF8ToString(tag));
});
EM_JS(char*, vgJsSessionGet, (const char* name), { return allocateUTF8(VideoGenPlatform.sessionGet(UTF8ToString(name))); });
EM_JS(void, vgJsSessionSet, (const char* name, const char* value), { VideoGenPlatform.sessionSet(UTF8ToString(name), UTF8ToString(value)); });
EM_JS(char*, vgJsLocation, (int withHash), { return allocateUTF8(VideoGenPlatform.location(withHash)); });
EM_JS(char*, vgJsRandomKey, (), { return allocateUTF8(VideoGenPlatform.randomKey()); });
EM_JS(char*, vgJsQueryParam, (const char* name), { return allocateUTF8(VideoGenPlatform.queryParam(UTF8ToString(name))); });

EM_JS(void, vgJsChooseFile, (const char* token, const char* accept), {
    VideoGenPlatform.chooseFile(Module, UTF8ToString(token), UTF8ToString(accept));
});
EM_JS(void, vgJsLoadImageTexture, (const char* token, const char* src), {
    VideoGenPlatform.loadImageTexture(Module, {'getNewId': GL.getNewId, 'textures': GL.textures}, GLctx, UTF8ToString(token), UTF8ToString(src));
});
EM_JS(void, vgJsLoadVideoPoster, (const char* token, const char* key, const char* src), {
    VideoGenPlatform.loadVideoPoster(Module, {'getNewId': GL.getNewId, 'textures': GL.textures}, GLctx, UTF8ToString(token),
                                     UTF8ToString(key), UTF8ToString(src));
});

EM_JS(void, vgJsPlaceVideo, (const char* key, const char* url, float x, float y, float w, float h,
                             float vx, float vy, float vw, float vh, int loop, int sound), {
    VideoGenPlatform.placeVideo(Module, UTF8ToString(key), UTF8ToString(url), {'x': x, 'y': y, 'width': w, 'height': h}, {'x': vx, 'y': vy, 'width': vw, 'height': vh}, loop, sound);
});
// `covers`: `count` rectangles as x, y, width, height, four floats each.
EM_JS(void, vgJsEndVideoFrame, (const float* covers, int count), {
    VideoGenPlatform.endVideoFrame(Module, VideoGenPlatform.rectsOf(HEAPF32.subarray(covers >> 2, (covers >> 2) + count * 4)));
});
EM_JS(int, vgJsPlaceTextField, (const char* id, const char* text, const float* numbers, int color, const char* label, const char* placeholder), {
    return VideoGenPlatform.placeTextField(Module, UTF8ToString(id), text ? UTF8ToString(text) : null, VideoGenPlatform.textFieldPlace(HEAPF32.subarray(numbers >> 2, (numbers >> 2) + 11), color), UTF8ToString(label), UTF8ToString(placeholder)) ? 1 : 0;
});
EM_JS(void, vgJsFocusTextField, (const char* id), { VideoGenPlatform.focusTextField(Module, UTF8ToString(id)); });
EM_JS(void, vgJsEndTextFieldFrame, (const float* covers, int count), {
    VideoGenPlatform.endTextFieldFrame(Module, VideoGenPlatform.rectsOf(HEAPF32.subarray(covers >> 2, (covers >> 2) + count * 4)));
});
EM_JS(char*, vgJsVideoClock, (const char* key), { return allocateUTF8(VideoGenPlatform.videoClock(Module, UTF8ToString(key))); });
EM_JS(void, vgJsDownload, (const char* key, const char* url, const char* name), {
    VideoGenPlatform.downloadVideo(Module, UTF8ToString(key), UTF8ToString(url), UTF8ToString(name));
});
EM_JS(void, vgJsSaveFile, (const char* name, const char* bytes, size_t size), {
    VideoGenPlatform.saveFile(UTF8ToString(name), HEAPU8.slice(bytes, bytes + size));
});
EM_JS(void, vgJsSyncVideos, (const char* keysJson), { VideoGenPlatform.syncVideos(Module, UTF8ToString(keysJson)); });
EM_JS(void, vgJsControlVideos, (const char* keysJson, const char* action, double seconds), {
    VideoGenPlatform.controlVideos(Module, UTF8ToString(keysJson), UTF8ToString(action), seconds);
});
EM_JS(double, vgJsVideoNumber, (const char* key, int what), { return VideoGenPlatform.videoNumber(Module, UTF8ToString(key), what); });

EM_JS(int, vgJsPreloadedLength, (const char* href), { return VideoGenPlatform.preloadedLength(UTF8ToString(href)); });
EM_JS(void, vgJsTakePreloaded, (const char* href, unsigned char* out), {
    VideoGenPlatform.takePreloaded(UTF8ToString(href), HEAPU8, out);
});

EM_JS(void, vgJsWake, (), { VideoGenPlatform.wake(Module); });
EM_JS(void, vgJsBurst, (), { VideoGenPlatform.burst(Module); });
EM_JS(void, vgJsWakeAt, (double at), { VideoGenPlatform.wakeAt(Module, at); });
EM_JS(double, vgJsNow, (), { return Date.now(); });
EM_JS(int, vgJsLocalOffsetMinutes, (), { return -new Date().getTimezoneOffset(); });

EM_JS(double, vgJsCanvasCssWidth, (), { return Module['canvas'].getBoundingClientRect().width; });
EM_JS(double, vgJsCanvasCssHeight, (), { return Module['canvas'].getBoundingClientRect().height; });
EM_JS(double, vgJsPixelRatio, (), { return window.devicePixelRatio || 1; });
EM_JS(int, vgJsCoarsePointer, (), { return VideoGenPlatform.coarsePointer() ? 1 : 0; });
EM_JS(double, vgJsTextScale, (), { return VideoGenPlatform.textScale(); });

EM_JS(void, vgJsCopy, (const char* text), { VideoGenPlatform.copyText(UTF8ToString(text)); });
EM_JS(void, vgJsPublish, (const char* json), { VideoGenPlatform.publishStatus(UTF8ToString(json)); });
EM_JS(void, vgJsPublishMirror, (const char* json), { VideoGenAccessibility.update(Module, UTF8ToString(json)); });

//-----------------------------------------------------------------------------
// [SECTION] The boundary: every entry point from the page
//-----------------------------------------------------------------------------

namespace vg::web {

void guarded(const std::string& what, const std::function<void()>& body) noexcept {
    try {
        body();
        return;
    } catch (const std::exception& error) {
        fault(what, error.what());
    } catch (...) {
        fault(what, "an exception that is not a std::exception");
    }
}

void fault(const std::string& what, const std::string& why) noexcept {
    vgJsFault(what.c_str(), why.c_str());
    requestFrames();  // the note's page keeps drawing, and the app shows the state as it is now
}

}  // namespace vg::web

#ifdef VG_TEST_HOOKS
// The test build's item list (wasm/app/test_hooks.cpp), kept as text: the page parses it only when a
// test asks (tests/browser/harness.mjs). `frame` is the value __vg.frames takes once this frame ends.
EM_JS(void, vgJsPublishTestItems, (const char* text), {
    window['__vg']['ui'] = { 'frame': window['__vg']['frames'] + 1, 'text': UTF8ToString(text) };
});
#endif

//-----------------------------------------------------------------------------
// [SECTION] Entry points called from JavaScript
//-----------------------------------------------------------------------------

namespace {

// The start of a page event ({"type":"storage","call":...}) names it in a fault note; the rest may
// be a file of megabytes.
std::string eventHead(const char* jsonObject) {
    std::string head(jsonObject, strnlen(jsonObject, 120));
    return head.size() < 120 ? head : head + "...";
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void vg_web_frame() { vg::web::guarded("drawing a frame", gHooks.frame); }

EMSCRIPTEN_KEEPALIVE void vg_web_wheel(float notchesX, float notchesY) {
    vg::web::guarded("scrolling", [&] { gHooks.wheel(notchesX, notchesY); });
}

EMSCRIPTEN_KEEPALIVE void vg_web_touch(int action, float x, float y, float moveX, float moveY) {
    vg::web::guarded("taking a touch", [&] {
        gHooks.touch(vg::web::TouchInput{static_cast<vg::web::TouchAction>(action), x, y, moveX, moveY});
    });
}

EMSCRIPTEN_KEEPALIVE void vg_web_event(const char* jsonObject) {
    vg::web::guarded("handling the page event " + eventHead(jsonObject), [&] { gHooks.event(jsonObject); });
}

EMSCRIPTEN_KEEPALIVE void vg_web_paste(const char* text) {
    vg::web::guarded("pasting", [&] { gHooks.paste(text); });
}

}  // extern "C"

//-----------------------------------------------------------------------------
// [SECTION] Platform API
//-----------------------------------------------------------------------------

namespace vg::web {

void installPlatform(const PlatformHooks& hooks) { gHooks = hooks; }

void startFrameLoop() {
    vgJsInstallVideos();
    vgJsInstallTextFields();
    vgJsInstallFiles();
    vgJsInstall();
    vgJsInstallTouch();
}

void requestFrames() { vgJsWake(); }

void requestFrameBurst() { vgJsBurst(); }

void wakeAt(int64_t epochMs) { vgJsWakeAt(static_cast<double>(epochMs)); }

int64_t nowMs() { return static_cast<int64_t>(vgJsNow()); }

int localOffsetMinutes() { return vgJsLocalOffsetMinutes(); }

CanvasMetrics canvasMetrics() {
    CanvasMetrics metrics;
    metrics.pixelRatio = static_cast<float>(vgJsPixelRatio());
    metrics.coarsePointer = vgJsCoarsePointer() != 0;
    metrics.textScale = static_cast<float>(vgJsTextScale());
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
    const std::string url = fetch->url ? fetch->url : "";
    emscripten_fetch_close(fetch);
    guarded("handling the download of " + url, [&] { request->done(std::move(bytes), request->context); });
    delete request;
}

}  // namespace

std::optional<std::vector<unsigned char>> takePreloaded(const char* url) {
    const int length = vgJsPreloadedLength(url);
    if (length < 0) return std::nullopt;
    std::vector<unsigned char> bytes(static_cast<size_t>(length));
    vgJsTakePreloaded(url, bytes.data());
    return bytes;
}

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
    guarded("handling the answer to " + pending->call.method + " " + pending->call.url, [&] { pending->done(answer); });
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

std::string randomKey() { return takeJsString(vgJsRandomKey()); }

void chooseFile(const std::string& token, const char* accept) { vgJsChooseFile(token.c_str(), accept); }

void loadImageTexture(const std::string& token, const std::string& source) {
    vgJsLoadImageTexture(token.c_str(), source.c_str());
}

void loadVideoPoster(const std::string& token, const std::string& key, const std::string& url) {
    vgJsLoadVideoPoster(token.c_str(), key.c_str(), url.c_str());
}

void placeVideo(const std::string& key, const std::string& url, PageRect rect, PageRect visible, bool loop, bool sound) {
    // The element reads its source once, when made: a data URL of megabytes is not copied every frame.
    static std::unordered_set<std::string> made;
    const bool known = !made.insert(key).second;
    vgJsPlaceVideo(key.c_str(), known ? "" : url.c_str(), rect.x, rect.y, rect.width, rect.height, visible.x, visible.y,
                   visible.width, visible.height, loop ? 1 : 0, sound ? 1 : 0);
}

void endVideoFrame(const std::vector<PageRect>& covers) {
    static_assert(sizeof(PageRect) == 4 * sizeof(float), "PageRect is handed over as four floats");
    vgJsEndVideoFrame(covers.empty() ? nullptr : &covers[0].x, static_cast<int>(covers.size()));
}

bool placeTextField(const std::string& id, const std::string* text, PageRect rect, PageRect visible, const TextFieldLook& look,
                    const std::string& label, const std::string& placeholder) {
    const float numbers[] = {rect.x,   rect.y,         rect.width, rect.height, visible.x, visible.y,
                             visible.width, visible.height, look.fontSize, look.padX, look.padY};
    return vgJsPlaceTextField(id.c_str(), text ? text->c_str() : nullptr, numbers, static_cast<int>(look.color),
                              label.c_str(), placeholder.c_str()) != 0;
}

void focusTextField(const std::string& id) { vgJsFocusTextField(id.c_str()); }

void endTextFieldFrame(const std::vector<PageRect>& covers) {
    vgJsEndTextFieldFrame(covers.empty() ? nullptr : &covers[0].x, static_cast<int>(covers.size()));
}

std::string videoClock(const std::string& key) { return takeJsString(vgJsVideoClock(key.c_str())); }

void downloadVideo(const std::string& key, const std::string& url, const std::string& fileName) {
    vgJsDownload(key.c_str(), url.c_str(), fileName.c_str());
}

void saveFile(const std::string& fileName, const std::string& bytes) {
    vgJsSaveFile(fileName.c_str(), bytes.data(), bytes.size());
}

void publishStatus(const std::string& jsonObject) { vgJsPublish(jsonObject.c_str()); }

void publishMirror(const std::string& jsonObject) { vgJsPublishMirror(jsonObject.c_str()); }

#ifdef VG_TEST_HOOKS
void publishTestItems(const std::string& text) { vgJsPublishTestItems(text.c_str()); }
#endif

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
