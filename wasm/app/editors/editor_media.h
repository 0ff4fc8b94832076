// Media inputs: the form's widget for every image, video and audio field. A value comes from a URL
// typed or pasted, or from a file chosen with the picker, dropped on the field or pasted (Ctrl+V);
// the field shows what it holds (thumbnail, video preview, the probed format and size) and what
// happened to the last file (uploaded, sent inline, or why it could not be used). What a file
// becomes for the chosen model is decided in the core (local_file.h) and done by app_runtime's
// fileChosen; the core's diagnostics under the field say what the model does not accept.
#pragma once

#include "catalog/catalog.h"
#include "media/media.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace vg::app {

struct AppState;
struct UiLook;

// A file on its way to the local gateway (POST /v1/uploads) for a field that takes URLs only.
struct MediaUpload {
    std::string name;           // the file's name, for the field's message
    size_t bytes = 0;
    int id = 0;                 // which upload: an answer for an older one is dropped
};

// What happened to the last file put in a field, shown under it.
struct MediaNote {
    std::string modelId;        // the model it was said for: another model's note is not shown
    std::string text;
    bool problem = false;       // true: the file could not be used (shown until the next file or edit)
};

// A media field drawn in the last frame, for drops.
struct MediaRow {
    std::string path;           // canonical path of the field
    float x = 0, y = 0, width = 0, height = 0;  // the visible part, CSS pixels within the canvas
};

// The header probe of a field's inline value, kept while the value stays the same.
struct MediaProbe {
    uint64_t fingerprint = 0;   // mediaFingerprint of the value probed
    MediaInfo info;
};

struct MediaEditor {
    std::vector<MediaRow> rows;             // the fields drawn in ImGui frame `rowsFrame`
    int rowsFrame = -1;
    std::string hovered;                    // the field the pointer was last over: where a paste goes
    std::map<std::string, MediaNote> notes;       // by canonical path
    std::map<std::string, MediaUpload> uploads;   // by canonical path: uploads in flight
    int nextUpload = 1;
    std::map<std::string, MediaProbe> probes;     // by canonical path
    std::string dropTarget;                 // while a file is dragged over the canvas: the field a drop fills
};

// The form's widget for the media field at `canonicalPath`: a URL or a file, with a preview.
void mediaInput(AppState& state, const UiLook& look, const std::string& canonicalPath, ValueType type);

// The field a file event (platform_web.h's "file" event) is for: the picker's token, else for a drop
// the field under the pointer, else the field last pointed at, else the first empty one shown.
// "" when no media field is on screen.
std::string mediaFieldFor(const AppState& state, const json& fileEvent);

// Something dragged over the canvas moved, left or was dropped (platform_web.h's "drag" event).
void mediaDragged(AppState& state, const json& dragEvent);

// Size and sampled bytes of a value: a cheap identity for values of many megabytes, compared each frame.
uint64_t mediaFingerprint(const std::string& value);

}  // namespace vg::app
