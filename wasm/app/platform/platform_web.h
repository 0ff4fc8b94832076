// Browser platform layer: the one place that talks to the page (EM_JS, emscripten_*, the DOM; the
// page-side JavaScript is web/platform.js and web/videos.js). Everything else in wasm/app is plain
// C++ and ImGui. What lives here and why:
// - one boundary (guarded) around every call from the page into the app: an exception becomes a
//   note over the page and a console error, never a stopped frame loop or a silent half-done change;
// - the frame loop: requestAnimationFrame only while awake (three frames and a quarter second after
//   input, a short burst after a fetch answer or a video's time update, or a timer the job driver
//   set), so an idle tab costs no CPU;
// - canvas size in physical pixels (CSS size x devicePixelRatio), which the GLFW port lacks;
// - keyboard scoping: the GLFW port listens on `window` and swallows Backspace/Tab for the whole page;
//   its listeners move to the canvas, so only a focused canvas takes keys;
// - the mouse wheel in notches (the port passes raw, inverted pixel deltas);
// - touch as a mobile page takes it (web/touch.js): a moving finger scrolls, a tap or a finger held
//   still presses (the port would make every touch a press at the mouse's last place);
// - the clipboard through navigator.clipboard and the DOM paste event (the port's is empty);
// - HTTP through emscripten_fetch (gateway calls) and small asset fetches (fonts);
// - browser storage: web/storage.js (IndexedDB) for history and result videos, sessionStorage for a
//   remembered key;
// - <video> elements laid over the canvas where the app draws a result, and groups of them that play
//   in step (Compare); <textarea> elements over the fields that take free text (web/text_fields.js);
// - the URL fragment (share links), files (picker, drops on the canvas, pasted files), downloads;
// - a JS-readable status object, window.__vg, for tests.
// Asynchronous answers from the page (history loaded, a result stored, a file read) come back as
// one JSON event through PlatformHooks::event.
#pragma once

#include "jobs.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace vg::web {

// What a touch means, as web/touch.js decided (its P.TOUCH_ACTIONS numbers them the same).
enum class TouchAction {
    Press = 0,    // a tap's press, or a finger held still
    Move = 1,     // the pressed finger moved
    Release = 2,  // ... and lifted
    Cancel = 3,   // ... and the browser took the touch away: let go without a click
    Scroll = 4,   // a finger moving over the page: what lies under it follows by (moveX, moveY)
};

// One touch decision, in the canvas's physical pixels (ImGui's).
struct TouchInput {
    TouchAction action = TouchAction::Press;
    float x = 0, y = 0;          // where the finger is
    float moveX = 0, moveY = 0;  // Scroll only: how far the content follows the finger (+y: down)
};

// The app's entry points, called from browser events (each through guarded). All must be set.
struct PlatformHooks {
    void (*frame)();                                 // draw one frame
    void (*wheel)(float notchesX, float notchesY);   // ImGui's sign: +y scrolls up, +x scrolls left
    void (*touch)(const TouchInput& input);
    void (*paste)(const std::string& text);          // a paste into the focused canvas
    void (*event)(const std::string& jsonObject);    // {"type": "storage" | "file", ...}
};

struct CanvasMetrics {
    int width = 1;            // backing store in physical pixels: CSS width x pixelRatio
    int height = 1;
    float pixelRatio = 1.0f;  // window.devicePixelRatio
    bool coarsePointer = false;  // the primary pointer is a finger (CSS pointer: coarse): a phone, a tablet
    float textScale = 1.0f;   // the browser's text size against its default (root font size / 16 px)
};

// A rectangle in CSS pixels relative to the canvas.
struct PageRect {
    float x = 0, y = 0, width = 0, height = 0;
};

// Runs `body`, one call from the page into the app: a frame, an input event, a page answer (storage,
// a file, an image), a fetch answer, the start. An exception escaping it would leave through
// JavaScript: a frame loop would stop, and the person would see nothing. It is caught here and
// reported: console.error and a note over the page (web/platform.js fault) saying that `what` ("drawing
// a frame", "handling the answer to POST ...") failed, why, that nothing was lost and what to do.
// The state stays as the handler left it (jobs, history and the request are kept); the page keeps running.
void guarded(const std::string& what, const std::function<void()>& body) noexcept;

// What guarded() does with an exception, for a failure found without one: console.error and the
// note over the page, saying that `what` failed and `why`.
void fault(const std::string& what, const std::string& why) noexcept;

// Call once, after glfwCreateWindow (the GLFW port installs its listeners there).
void installPlatform(const PlatformHooks& hooks);
// Draws frames while awake; returns at once (the browser drives the loop).
void startFrameLoop();
// Keeps drawing for about a second more: for changes that did not come from input.
void requestFrames();
// Draws a few frames (ImGui settles a changed layout in two): for job updates and playing videos,
// which must not keep the page drawing for a whole second each time.
void requestFrameBurst();
// One burst at `epochMs` (replaces the previous timer); -1 cancels it.
void wakeAt(int64_t epochMs);
// Wall-clock time, epoch milliseconds (the job logic's clock).
int64_t nowMs();
// The viewer's time zone now: minutes east of UTC (UTC+1 is 60), for times shown or put in names.
int localOffsetMinutes();

CanvasMetrics canvasMetrics();

void copyToClipboard(const std::string& text);

// The bytes of `url` if the page has already read them (a file index.html preloads: web/platform.js
// P.preload), taken over; nullopt if it has not (not preloaded, still on its way, or failed).
std::optional<std::vector<unsigned char>> takePreloaded(const char* url);

// GET `url` (relative to the page). `done` runs later with the bytes, or with an empty vector on
// any failure; `context` is passed back untouched.
void fetchBytes(const char* url, void (*done)(std::vector<unsigned char> bytes, void* context), void* context);

// Sends `call` with emscripten_fetch; `done` runs once with the answer (status 0: no answer).
void httpSend(const app::HttpCall& call, std::function<void(const app::HttpAnswer&)> done);

// Merges a JSON object into window.__vg (read by tests and by people in the console); the first
// object with "ready" also sets __vg.readyAt (performance.now() of the first interactive frame).
void publishStatus(const std::string& jsonObject);
// Hands the accessible mirror its description (web/accessibility.js, app/accessibility.h).
void publishMirror(const std::string& jsonObject);
#ifdef VG_TEST_HOOKS
// The test build only: one frame's item list as window.__vg.ui (see wasm/app/test_hooks.h).
void publishTestItems(const std::string& text);
#endif

// ---- browser storage (web/storage.js, window.VideoGenStorage) ------------------------------------
// Calls VideoGenStorage[name](...args) with `argsJson` (a JSON array) and answers with the event
// {"type":"storage","call":name,"tag":tag,"result":<what it resolved to, {"error":...} on failure>}.
void storageCall(const char* name, const std::string& argsJson, const std::string& tag);

// sessionStorage (this tab only); an empty value removes the item.
std::string sessionGet(const char* name);
void sessionSet(const char* name, const std::string& value);

// ---- page URL ------------------------------------------------------------------------------------
std::string locationHash();          // "#request=..." or ""
std::string pageUrlWithoutHash();    // "http://127.0.0.1:8000/"
std::string queryParam(const char* name);  // ?name=value of the page URL (embed.js passes settings so); "" when absent

// A fresh submit idempotency key, "vg-" and 32 random hex digits (crypto.getRandomValues); "" when
// the page has no cryptographic generator.
std::string randomKey();

// ---- files -------------------------------------------------------------------------------------
// Opens the file picker; answers {"type":"file","token":...,"name":...,"dataUrl":...} or with
// "problem" when the file could not be read (or is over 64 MB). Nothing comes when the person cancels.
// Files dropped on the canvas and pasted into it answer the same event without being asked, with
// token "drop" (plus "x","y": where, in CSS pixels within the canvas) or "paste"; a link dropped from
// another page comes as "url" instead of "dataUrl". While something is dragged over the canvas,
// {"type":"drag","over":true,"x":...,"y":...} says where, and {"type":"drag","over":false} ends it.
void chooseFile(const std::string& token, const char* accept);

// ---- images ------------------------------------------------------------------------------------
// Decodes the image at `source` (URL or data URL) into a GL texture; answers
// {"type":"image","token":...,"texture":id,"width":w,"height":h} or {...,"problem":"..."}.
void loadImageTexture(const std::string& token, const std::string& source);
// One frame of the result video `key` (its stored copy when there is one, else `url`), small, into a
// GL texture; answers {"type":"poster","token":...,"texture":id,"width":w,"height":h} or {...,"problem":"..."}.
void loadVideoPoster(const std::string& token, const std::string& key, const std::string& url);

// ---- <video> elements over the canvas ----------------------------------------------------------------
// Shows the video `key` inside `rect`, cut to `visible` (the part of the rect the ImGui window
// shows). The element plays the stored copy of `key` when there is one, else `url` (read on the
// first call for `key`, when the element is made), and repeats while `loop`. It starts with its sound
// on when `sound` (read when the element is made; the browser may still ask for a click first), else
// muted. Call for every shown video each frame (video_box.h does), then endVideoFrame(), which hides
// the ones not placed this frame and cuts each placed one where one of `covers` lies: what ImGui drew
// over the panels this frame (its tooltips; ui/page_overlay.h canvasCovers), which a <video> above the
// canvas would otherwise hide.
void placeVideo(const std::string& key, const std::string& url, PageRect rect, PageRect visible, bool loop, bool sound);
void endVideoFrame(const std::vector<PageRect>& covers);
// "0:03 / 0:05" of a placed video; "" before its metadata loaded.
std::string videoClock(const std::string& key);
// Saves the video as a file (the stored copy when there is one).
void downloadVideo(const std::string& key, const std::string& url, const std::string& fileName);
// Saves `bytes` as a download named `fileName` (a file a copied snippet reads).
void saveFile(const std::string& fileName, const std::string& bytes);

// ---- free text over the canvas (web/text_fields.js) --------------------------------------------
// How a field's text is set, in CSS pixels: ImGui's font size and frame padding, its text colour.
struct TextFieldLook {
    float fontSize = 15, padX = 4, padY = 3;
    uint32_t color = 0xFFFFFFFF;  // ImGui's IM_COL32 order: 0xAABBGGRR
};
// Lays the browser text control `id` (a <textarea>) over `rect`, cut to `visible`. `text` is the
// app's text when it changed since the last call for `id` that returned true (nullptr otherwise):
// the control takes it unless an input method is composing in it, and then the call returns false
// (hand it over again next frame). `label` is its accessible name, `placeholder` what it shows empty.
// What the person does in it comes back as events (web/text_fields.js): {"type":"text",...} and
// {"type":"text-key",...}. Call for every shown field each frame, then endTextFieldFrame(), which
// hides the ones not placed this frame and cuts the others around `covers` (ui/page_overlay.h canvasCovers).
bool placeTextField(const std::string& id, const std::string* text, PageRect rect, PageRect visible, const TextFieldLook& look,
                    const std::string& label, const std::string& placeholder);
// Gives the control `id` the keyboard (the canvas's keyboard navigation arrived at its field).
void focusTextField(const std::string& id);
void endTextFieldFrame(const std::vector<PageRect>& covers);

// ---- synchronized playback (the Compare tab) ---------------------------------------------------
// Makes the videos `keys` one group: they start together (from 0, once all are placed and can play), a
// play, pause or seek on any of them (its own controls or controlVideos) is done to the others, and
// while they play the group waits for a member that falls behind. Call every frame, after placing them.
void syncVideos(const std::vector<std::string>& keys);
// "play", "pause" or "seek" (to `seconds`) for the group syncVideos(keys) made.
void controlVideos(const std::vector<std::string>& keys, const char* action, double seconds = 0);
// A placed video's clock; ready is false before its metadata loaded.
struct VideoTime {
    double current = 0, duration = 0;  // seconds
    bool paused = true;                // stopped (a group member waiting for another one counts as playing)
    bool ready = false;
};
VideoTime videoTime(const std::string& key);

}  // namespace vg::web
