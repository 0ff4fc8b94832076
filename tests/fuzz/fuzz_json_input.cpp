// libFuzzer target: parseJsonInput, the reader every request, answer and share link goes through.
// Checked besides "no crash, no sanitizer report": an error points inside the text and leaves no
// value; a success under small limits is also a success under the defaults (limits only refuse); a
// text the one-pass scanner reads, nlohmann's strict parser reads too, to the same value.
#include "text/json_input.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    vg::JsonLimits small;  // small enough that the fuzzer reaches every limit's refusal
    small.depth.value = 6;
    small.stringBytes.value = 16;
    small.keyBytes.value = 8;
    small.arrayItems.value = 4;
    small.objectMembers.value = 4;
    small.values.value = 24;
    const vg::JsonInput strict = vg::parseJsonInput(text, small);
    const vg::JsonInput usual = vg::parseJsonInput(text);
    const vg::JsonInput answer = vg::parseJsonInput(text, vg::answerJsonLimits());
    for (const vg::JsonInput* input : {&strict, &usual, &answer}) {
        if (!input->error) continue;
        if (input->error->message.empty() || input->error->byteOffset > size || !input->value.is_null()) std::abort();
    }
    if (!strict.error && (usual.error || usual.value != strict.value)) std::abort();
    if (!usual.error && (answer.error || answer.value != usual.value)) std::abort();
    if (!answer.error) {
        const std::string_view body = text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text;
        try {
            const nlohmann::json reference = nlohmann::json::parse(body);
            if (reference != answer.value || reference.dump() != answer.value.dump()) std::abort();
        } catch (const nlohmann::json::exception&) {
            std::abort();
        }
    }
    return 0;
}
