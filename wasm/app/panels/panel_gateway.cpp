// Gateway settings: a header button that says where requests go, and its popup. The local gateway
// (serve.py, same origin) is the default; another one is a base URL and the dialect it speaks.
// The API key stays in memory, or in sessionStorage when the person ticks "remember for this tab";
// it never goes into history, share links or logs.
#include "app_runtime.h"
#include "panels/panels.h"
#include "ui/ui_widgets.h"

#include "imgui.h"
#include "imgui_stdlib.h"

#include <string>

namespace vg::app {

namespace {

// aisdk is call options for the SDK, not something a gateway answers: it is not offered here.
bool gatewayDialectCombo(Dialect& dialect) {
    bool changed = false;
    if (ImGui::BeginCombo("Dialect", dialectName(dialect))) {
        for (Dialect candidate : kAllDialects) {
            if (candidate == Dialect::AiSdk) continue;
            if (ImGui::Selectable(dialectName(candidate), candidate == dialect) && candidate != dialect) {
                dialect = candidate;
                changed = true;
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", dialectDescription(candidate));
        }
        ImGui::EndCombo();
    }
    return changed;
}

void drawSettings(AppState& state, const UiLook& look) {
    GatewaySettings& gateway = state.gateway;
    bool changed = false;
    ImGui::TextColored(kColorAccent, "Gateway");
    if (ImGui::RadioButton("Local (this page's server)", gateway.local)) {
        gateway.local = true;
        changed = true;
    }
    ImGui::SameLine();
    if (ImGui::RadioButton("Another gateway", !gateway.local)) {
        gateway.local = false;
        changed = true;
    }
    ImGui::SetNextItemWidth(dp(look, 320));
    ImGui::BeginDisabled(gateway.local);
    changed |= ImGui::InputTextWithHint("Base URL", "https://gateway.example.com", &gateway.baseUrl);
    ImGui::EndDisabled();
    ImGui::SetNextItemWidth(dp(look, 200));
    changed |= gatewayDialectCombo(gateway.dialect);
    // What the chosen dialect means, in one line from the dialects' table.
    const std::string about = dialectDescription(gateway.dialect);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + dp(look, 420));
    ImGui::PushStyleColor(ImGuiCol_Text, kColorMuted);
    ImGui::TextWrapped("%s", about.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    nameLastItem((about + "###dialect-about").c_str());

    ImGui::Spacing();
    ImGui::SetNextItemWidth(dp(look, 320));
    changed |= ImGui::InputTextWithHint("API key", "none", &gateway.apiKey, ImGuiInputTextFlags_Password);
    changed |= ImGui::Checkbox("Remember the key for this tab (sessionStorage)", &gateway.rememberKey);
    ImGui::TextColored(kColorMuted, "The key is sent as a bearer token; it never goes into history, share links or logs.");
    if (changed) gatewaySettingsChanged(state);
}

}  // namespace

void drawGatewayButton(AppState& state, const UiLook& look) {
    const GatewaySettings& gateway = state.gateway;
    const std::string where = gateway.local ? "local gateway" : gateway.origin().empty() ? "no URL yet" : gateway.origin();
    const std::string label = "Gateway: " + where + " (" + dialectName(gateway.dialect) + ")" +
                              (gateway.apiKey.empty() ? "" : ", key set") + "###gateway";
    if (ImGui::Button(label.c_str())) ImGui::OpenPopup("gateway-settings");
    if (ImGui::BeginPopup("gateway-settings")) {
        drawSettings(state, look);
        ImGui::EndPopup();
    }
}

}  // namespace vg::app
