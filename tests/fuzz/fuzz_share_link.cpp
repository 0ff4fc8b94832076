// libFuzzer target: share links. A `#request=` fragment from the address bar is read (base64url,
// size cap, then JSON with json_input's rules); any text that can be shared comes back unchanged.
#include "api/share_link.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const vg::SharedRequest read = vg::decodeShareFragment(text);
    if (read.present && read.requestJson.empty() == read.error.empty()) std::abort();
    const vg::ShareLink link = vg::encodeShareLink(text);
    if (link.fragment.empty() == link.error.empty()) std::abort();
    if (!link.fragment.empty()) {
        const vg::SharedRequest back = vg::decodeShareFragment(link.fragment);
        if (!back.present) std::abort();
        if (back.error.empty() && back.requestJson != text) std::abort();
    }
    return 0;
}
