// Media inputs; see editor_media.h.
//
// Index
// [SECTION] Values
// [SECTION] The widget
// [SECTION] Where a file goes
#include "editors/editor_media.h"

#include "app_runtime.h"
#include "app_state.h"
#include "gfx/gl_preview.h"
#include "input_images.h"
#include "media/local_file.h"
#include "platform/platform_web.h"
#include "ui/page_overlay.h"
#include "ui/ui_style.h"
#include "ui/ui_widgets.h"
#include "ui/video_box.h"

#include "imgui.h"
#include "imgui_stdlib.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace vg::app {

//-----------------------------------------------------------------------------
// [SECTION] Values
//-----------------------------------------------------------------------------

uint64_t mediaFingerprint(const std::string& value) {
    uint64_t hash = 1469598103934665603ull ^ value.size();  // FNV-1a over the size and 64 sampled bytes
    for (size_t i = 0; i < 64 && !value.empty(); ++i) {
        hash ^= static_cast<unsigned char>(value[value.size() * i / 64]);
        hash *= 1099511628211ull;
    }
    return hash;
}

namespace {

bool startsWithNoCase(const std::string& text, const char* prefix) {
    for (size_t i = 0; prefix[i]; ++i)
        if (i >= text.size() || std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
    return true;
}

// A file's content rather than something a person types: a data URL, or long text with no scheme
// (Kling's raw base64). Short text stays editable, so a typo is fixed where it was typed.
bool isInlineData(const std::string& value) {
    return startsWithNoCase(value, "data:") || (value.size() > 256 && value.find("://") == std::string::npos);
}

const MediaInfo& probeOf(MediaEditor& media, const std::string& path, const std::string& value) {
    MediaProbe& probe = media.probes[path];
    const uint64_t fingerprint = mediaFingerprint(value);
    if (probe.fingerprint != fingerprint) probe = {fingerprint, probeMediaValue(value)};
    return probe.info;
}

std::string sizeText(size_t bytes) {
    char text[32];
    if (bytes >= 1024 * 1024) std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024 * 1024));
    else std::snprintf(text, sizeof text, "%zu KB", (bytes + 1023) / 1024);
    return text;
}

// "png, 640 x 480 px, 412 KB, raw base64": what the request carries inline, as the core reads it.
std::string inlineSummary(const MediaInfo& info) {
    if (!info.problem.empty()) return "inline data that cannot be read: " + info.problem;
    std::string text = info.format.empty() ? "unknown format" : info.format;
    if (info.width > 0) text += ", " + std::to_string(info.width) + " x " + std::to_string(info.height) + " px";
    if (info.durationSeconds > 0) {
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, ", %.1f s", info.durationSeconds);
        text += seconds;
    }
    text += ", " + sizeText(info.byteSize);
    text += info.encoding == MediaEncoding::RawBase64 ? ", raw base64" : ", data URL";
    return text;
}

//-----------------------------------------------------------------------------
// [SECTION] The widget
//-----------------------------------------------------------------------------

// The value line: a URL field, or for inline data its summary (megabytes of text nobody reads);
// then the file picker.
void valueLine(AppState& state, const std::string& path, ValueType type, const std::string* value) {
    MediaEditor& media = state.creative.media;
    const float fileWidth = ImGui::CalcTextSize("File...").x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SetNextItemWidth(ImGui::CalcItemWidth() - fileWidth - ImGui::GetStyle().ItemSpacing.x);
    if (value && isInlineData(*value)) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(kColorMuted, "%s", inlineSummary(probeOf(media, path, *value)).c_str());
    } else {
        // Applied on Enter or on leaving the field, not per key: every half-typed URL would be
        // loaded as a thumbnail or a video and fail.
        std::string url = value ? *value : "";
        // Its ID names the field by path ("##url:/image"), one per request field wherever it is shown.
        const bool entered = ImGui::InputTextWithHint(("##url:" + path).c_str(), "https://...  or drop, paste or choose a file", &url,
                                                      ImGuiInputTextFlags_EnterReturnsTrue);
        if ((entered || ImGui::IsItemDeactivatedAfterEdit()) && url != (value ? *value : "")) {
            media.notes.erase(path);
            media.uploads.erase(path);
            if (url.empty()) clearRequestValue(state, path); else setRequestValue(state, path, url);
        }
    }
    ImGui::SameLine();
    if (ImGui::Button(("File...###file:" + path).c_str())) chooseFileFor(path, type);
}

void imagePreview(AppState& state, const UiLook& look, const std::string& path) {
    const InputImage* image = inputImage(state, path);
    if (!image) return;
    if (image->texture) {
        const float height = dp(look, 72);
        textureImage(image->texture, ImVec2(height * static_cast<float>(image->width) / static_cast<float>(image->height), height));
        ImGui::SameLine();
        ImGui::TextColored(kColorMuted, "%d x %d px", image->width, image->height);
    } else if (image->loading) {
        ImGui::TextColored(kColorMuted, "loading the image...");
    } else {
        ImGui::TextColored(kColorWarning, "%s", image->problem.c_str());
    }
}

// The source video in a <video> laid over a black box, looping (video_box.h), as the job results are.
void videoPreview(const UiLook& look, const std::string& path, const std::string& value) {
    const std::string key = "media" + path + "#" + std::to_string(mediaFingerprint(value));
    const float width = std::min(ImGui::GetContentRegionAvail().x, dp(look, 256));
    videoBox(look, key, value, false, true, false, ImVec2(width, width * 9.0f / 16.0f));
    nameLastItem(("video:" + path).c_str());
    const std::string clock = web::videoClock(key);
    ImGui::TextColored(kColorMuted, "%s", clock.empty() ? "loading the video..." : clock.c_str());
}

// Under the value: an upload in flight, what happened to the last file, or how to put one in.
void statusLines(AppState& state, const std::string& path, const std::string* value) {
    MediaEditor& media = state.creative.media;
    if (auto upload = media.uploads.find(path); upload != media.uploads.end()) {
        ImGui::TextColored(kColorMuted, "uploading %s (%s) to this server...", upload->second.name.c_str(),
                           sizeText(upload->second.bytes).c_str());
        return;
    }
    auto note = media.notes.find(path);
    if (note != media.notes.end() && note->second.modelId == state.selected->id && (note->second.problem || value)) {
        ImGui::PushStyleColor(ImGuiCol_Text, note->second.problem ? kColorError : kColorMuted);
        ImGui::TextWrapped("%s", note->second.text.c_str());
        ImGui::PopStyleColor();
        return;
    }
    if (value) return;
    const AcceptedForms forms = acceptedForms(*state.catalog, *state.selected, dialectName(state.gateway.dialect), path);
    const bool takesFiles = forms.dataUrl || forms.rawBase64;
    ImGui::TextColored(kColorMuted, "%s", takesFiles ? "drop, paste (Ctrl+V) or choose a file, or type a URL"
                                          : state.gateway.local ? "drop, paste (Ctrl+V) or choose a file: it is uploaded to this server"
                                                                : "takes a URL only (this gateway cannot host files)");
}

// Where this field is on screen (drops land by position) and whether the pointer is on it (pastes
// go to the field last pointed at).
void rememberRow(AppState& state, const UiLook& look, const std::string& path) {
    MediaEditor& media = state.creative.media;
    const int frame = ImGui::GetFrameCount();
    if (media.rowsFrame != frame) {
        media.rows.clear();
        media.rowsFrame = frame;
    }
    const web::PageRect visible = pagePlace(look, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()).visible;
    if (visible.width > 0 && visible.height > 0) media.rows.push_back({path, visible.x, visible.y, visible.width, visible.height});
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)) media.hovered = path;
    nameLastItem(("media:" + path).c_str());
}

// The field's value, or nullptr when unset or empty. It points into the request: any change to the
// request (setRequestValue re-parses it) leaves it dangling, so it is read again after one.
const std::string* fieldValue(const AppState& state, const std::string& path) {
    const json* current = requestValue(state, path);
    return current && current->is_string() && !current->get_ref<const std::string&>().empty()
               ? &current->get_ref<const std::string&>()
               : nullptr;
}

}  // namespace

void mediaInput(AppState& state, const UiLook& look, const std::string& canonicalPath, ValueType type) {
    ImGui::BeginGroup();
    valueLine(state, canonicalPath, type, fieldValue(state, canonicalPath));
    const std::string* value = fieldValue(state, canonicalPath);
    if (type == ValueType::Image) imagePreview(state, look, canonicalPath);
    if (type == ValueType::Video && value) videoPreview(look, canonicalPath, *value);
    statusLines(state, canonicalPath, value);
    ImGui::EndGroup();
    if (state.creative.media.dropTarget == canonicalPath) {  // where the file being dragged would go
        const float pad = dp(look, 3);
        const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        ImGui::GetWindowDrawList()->AddRect(ImVec2(min.x - pad, min.y - pad), ImVec2(max.x + pad, max.y + pad),
                                            ImGui::GetColorU32(kColorAccent), dp(look, 4), 0, dp(look, 2));
    }
    rememberRow(state, look, canonicalPath);
}

//-----------------------------------------------------------------------------
// [SECTION] Where a file goes
//-----------------------------------------------------------------------------

void mediaDragged(AppState& state, const json& dragEvent) {
    state.creative.media.dropTarget =
        dragEvent.value("over", false) ? mediaFieldFor(state, {{"token", "drop"}, {"x", dragEvent.value("x", -1.0f)},
                                                                {"y", dragEvent.value("y", -1.0f)}})
                                       : "";
    state.dirty = true;
}

std::string mediaFieldFor(const AppState& state, const json& fileEvent) {
    const std::string token = fileEvent.value("token", "");
    if (!token.empty() && token.front() == '/') return token;  // the picker of that field
    const MediaEditor& media = state.creative.media;
    if (media.rowsFrame != ImGui::GetFrameCount() || media.rows.empty()) return "";  // no field on screen now
    if (token == "drop") {
        const float x = fileEvent.value("x", -1.0f), y = fileEvent.value("y", -1.0f);
        for (const MediaRow& row : media.rows)
            if (x >= row.x && x < row.x + row.width && y >= row.y && y < row.y + row.height) return row.path;
    }
    for (const MediaRow& row : media.rows)
        if (row.path == media.hovered) return row.path;
    for (const MediaRow& row : media.rows)
        if (!requestValue(state, row.path)) return row.path;
    return media.rows.front().path;
}

}  // namespace vg::app
