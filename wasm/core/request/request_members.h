// VideoGen core: the members of the canonical request, one table.
// Validation (types, unknown members, the inputs each mode needs), the catalog loader (a param path
// must start with a member), mode inference and the form all read this table; request.h describes
// the request in words.
#pragma once

#include "catalog/catalog.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vg {

struct RequestMember {
    const char* name;             // "negativePrompt": the canonical JSON member
    ValueType type;               // the JSON type of its canonical form (media are strings: URL, data URL, base64)
    const char* label;            // "Negative prompt": what a person reads in a form
    const char* unit;             // of its numbers, as written after a value: "s" for duration; "" none
    std::vector<Mode> inputOf;    // the modes that cannot do without it, whatever the model; empty = none
    const char* meaning;          // one line for people and schema descriptions
    const char* toAdd;            // for an input: what a person does when it is missing ("add the image to
                                  // animate"), the start of the input_missing message; "" for other members
    std::optional<double> least;  // the smallest value any model takes (n: 1), checked even where the
                                  // model does not list the member; none = only the model's own range
    json everyModelGives;         // what every model does without the member (n: 1 video): giving it asks
                                  // for nothing, so no option_ignored warning; null for none
};

// Every member, in the order a request is usually written.
const std::vector<RequestMember>& requestMembers();
// The member called `name`, or nullptr when `name` is not part of a canonical request.
const RequestMember* requestMember(std::string_view name);
// How a field reads to people: its label, the unit of its numbers and one line on what it does. A
// request member's come from its row above, a provider option's label and unit from its camelCase
// name ("pollIntervalMs": "Poll interval", ms); a spec's own `help` says what it does, else the
// member's meaning. One place, so a new catalog entry reads right in every panel without code.
struct FieldWords {
    std::string label;    // "Negative prompt", "CFG scale"
    std::string unit;     // "s", "ms"; "" when its numbers have none
    std::string meaning;  // "what the video should not show"; "" when nobody wrote one
};
FieldWords fieldWords(const ParamSpec& spec);

// The members `mode` cannot do without (text-to-video: prompt; first-and-last frame: image and
// lastFrame), in table order.
const std::vector<const RequestMember*>& modeInputs(Mode mode);

}  // namespace vg
