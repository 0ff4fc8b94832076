// Kling voices and elements editors (seed 001). Voices (providerOptions.klingai.voiceList, items
// {voiceId}) give people in the video a voice: the prompt names each one as <<<voice_N>>>, which a
// click inserts at the prompt's cursor; voices need the audio track on (the catalog's requires
// rule), and a button turns it on. Elements (elementList) are reference elements whose fields the
// seed does not describe, so each is a JSON object the person types. The catalog makes the two
// exclusive: adding one while the other is there asks before removing anything.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace vg::app {

struct AppState;
struct UiLook;

struct VoicesEditor {
    std::string newVoiceId;       // the voice ID typed into the "add" row; "" = nothing typed yet
    std::string newElement;       // the element JSON typed into the "add" row
    std::string elementProblem;   // why newElement cannot be added ("" when it can, or nothing was tried)
    // An addition waiting for the person to confirm that the other, exclusive list goes.
    std::string pendingPath;      // the list it goes to (voiceList or elementList); "" = nothing pending
    nlohmann::json pendingItem;   // the voice or element to add
};

// True when the selected model has voiceList or elementList (and the catalog does not refuse it).
bool voicesEditorApplies(const AppState& state);
void drawVoicesEditor(AppState& state, const UiLook& look);

}  // namespace vg::app
