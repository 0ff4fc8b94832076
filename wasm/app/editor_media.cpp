// Media inputs; see editor_media.h.
#include "editor_media.h"

#include "app_runtime.h"
#include "app_state.h"
#include "gl_preview.h"
#include "input_images.h"
#include "ui_style.h"

#include "imgui.h"
#include "imgui_stdlib.h"

namespace vg::app {

void mediaInput(AppState& state, const UiLook& look, const std::string& canonicalPath, ValueType type) {
    const json* current = requestValue(state, canonicalPath);
    const float fileWidth = ImGui::CalcTextSize("File...").x + ImGui::GetStyle().FramePadding.x * 2;
    const bool inlineData = current && current->is_string() && current->get<std::string>().rfind("data:", 0) == 0;
    ImGui::SetNextItemWidth(ImGui::CalcItemWidth() - fileWidth - ImGui::GetStyle().ItemSpacing.x);
    if (inlineData) {
        // A file read into a data URL: megabytes of text the person never reads, so only its size shows.
        const std::string& text = current->get_ref<const std::string&>();
        const std::string label = text.substr(0, text.find(';')) + ", " + std::to_string(text.size() / 1024) + " KB inline";
        ImGui::TextColored(kColorMuted, "%s", label.c_str());
    } else {
        std::string url = current && current->is_string() ? current->get<std::string>() : "";
        if (ImGui::InputTextWithHint("##value", "https://... (or choose a file)", &url)) {
            if (url.empty()) clearRequestValue(state, canonicalPath); else setRequestValue(state, canonicalPath, url);
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("File...")) chooseFileFor(canonicalPath, type);
    if (type != ValueType::Image) return;
    if (const InputImage* image = inputImage(state, canonicalPath)) {
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
}

}  // namespace vg::app
