// The one place that lays a <video> over the canvas where the app draws a video: job results, the
// Compare tab's columns and a media field's source preview all call videoBox.
#pragma once

#include "platform/platform_web.h"
#include "ui/ui_style.h"

#include "imgui.h"

#include <nlohmann/json.hpp>

#include <string>

namespace vg::app {

// A black box of `size` at the cursor (one ImGui item) with the <video> of `key` laid over it
// (platform_web.h placeVideo), cut to the part the window shows, repeating while `loop`, its sound on
// when `sound` (a result whose request asked for audio), else muted. It plays the
// stored copy of `key` when there is one (`stored`), else `url`; with neither the box stays black.
// The video steps aside while a popup is open: a <video> draws above the canvas.
void videoBox(const UiLook& look, const std::string& key, const std::string& url, bool stored, bool loop, bool sound, ImVec2 size);

// The request's frame shape (width / height) from its aspectRatio ("9:16") or resolution
// ("1280x720"), for a video box before the video says its own; 16:9 when it states neither.
float requestAspect(const nlohmann::json& request);

}  // namespace vg::app
