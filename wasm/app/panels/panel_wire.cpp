// Wire preview: the HTTP request the core builds from the editor's request for a target dialect,
// with Copy (the envelope) and Copy as JSON, cURL, fetch, AI SDK or Python (the core's snippets),
// through navigator.clipboard in the platform layer.
#include "panels/panels.h"
#include "platform/platform_web.h"
#include "dialects/snippets.h"
#include "ui/ui_widgets.h"

#include "imgui.h"
#include "imgui_stdlib.h"

namespace vg::app {

namespace {

// Read-only but selectable, so people can copy a part of it.
void readOnlyJson(const char* id, std::string& text, float height, const UiLook& look) {
    pushMonoFont(look);
    ImGui::InputTextMultiline(id, &text, ImVec2(-1.0f, height), ImGuiInputTextFlags_ReadOnly);
    ImGui::PopFont();
}

void drawBuilt(WirePreview& wire, const UiLook& look) {
    pushMonoFont(look);
    ImGui::TextColored(kColorAccent, "%s", wire.requestLine.c_str());
    ImGui::PopFont();
    if (!wire.notes.empty()) ImGui::TextColored(kColorWarning, "%s", wire.notes.c_str());
    ImGui::TextColored(kColorMuted, "Headers");
    const float headersHeight = ImGui::GetTextLineHeightWithSpacing() * 4.0f;
    readOnlyJson("##headers", wire.headers, headersHeight, look);
    ImGui::TextColored(kColorMuted, "Body");
    readOnlyJson("##body", wire.body, -1.0f, look);
}

// The same request as code (snippets.h), for the gateway's address; the key is never in it (the
// snippets read $VIDEOGEN_API_KEY). The files a snippet reads (media too large to paste) are saved
// as downloads, to be put next to it.
void copySnippet(AppState& state, SnippetFormat format) {
    const BuildOutcome& built = state.session.built(state.wireTarget);
    if (!built.http) return;
    std::string base = state.gateway.origin();
    if (base.empty()) {
        // Same origin: the page's own scheme, host and port.
        const std::string page = web::pageUrlWithoutHash();
        const size_t pathStart = page.find('/', page.find("//") + 2);
        base = page.substr(0, pathStart);
    }
    const Snippet snippet = renderSnippet(format, state.wireTarget, *built.http, base);
    web::copyToClipboard(snippet.text);
    for (const SnippetFile& file : snippet.files) web::saveFile(file.name, file.bytes);
    state.wire.copied = true;
}

}  // namespace

void drawWirePanel(AppState& state, const UiLook& look) {
    panelTitle("Wire preview", "what the gateway receives (the API key is added by the sender)");
    ImGui::SetNextItemWidth(dp(look, 160));
    if (dialectCombo("##target", state.wireTarget)) wireTargetChanged(state);
    refreshWire(state);
    ImGui::SameLine();
    ImGui::BeginDisabled(!state.wire.built);
    if (ImGui::Button("Copy")) {
        web::copyToClipboard(state.wire.envelope);
        state.wire.copied = true;
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(dp(look, 170));
    if (ImGui::BeginCombo("##copy-as", "Copy as...")) {
        for (SnippetFormat format : kAllSnippetFormats) {
            if (ImGui::Selectable(snippetFormatTitle(format))) copySnippet(state, format);
        }
        ImGui::EndCombo();
    }
    ImGui::EndDisabled();
    if (state.wire.copied) {
        ImGui::SameLine();
        ImGui::TextColored(kColorValid, "copied");
    }

    if (state.wire.built) {
        drawBuilt(state.wire, look);
    } else if (state.validation.exitCode != 0) {
        ImGui::TextColored(kColorMuted, "Not built: the request has errors (see Request).");
    } else {
        ImGui::TextColored(kColorError, "%s cannot express this request:", dialectName(state.wireTarget));
        if (state.wire.refusal.empty()) {
            ImGui::TextWrapped("%s", state.wire.notes.c_str());
        } else {
            diagnosticTable("refusal", state.wire.refusal, look);
        }
    }
}

}  // namespace vg::app
