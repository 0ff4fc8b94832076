// libFuzzer target: base64 decoding (standard and URL-safe alphabets, optional padding, whitespace)
// and encoding. Checked: what decodes re-encodes to text that decodes to the same bytes, and any
// bytes but none survive an encode-decode round trip.
#include "media/base64.h"
#include "media/media.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const vg::Base64Decoded decoded = vg::decodeBase64Checked(text);
    const auto plain = vg::decodeBase64(text);
    if (decoded.problem.empty() != plain.has_value()) std::abort();
    if (plain && *plain != decoded.bytes) std::abort();
    if (decoded.problem.empty()) {
        const auto again = vg::decodeBase64(vg::encodeBase64(decoded.bytes.data(), decoded.bytes.size()));
        if (!again || *again != decoded.bytes) std::abort();
    }
    if (size == 0) return 0;  // "" is not base64 here: a media value needs data
    const auto roundTrip = vg::decodeBase64(vg::encodeBase64(data, size));
    if (!roundTrip || roundTrip->size() != size || !std::equal(roundTrip->begin(), roundTrip->end(), data))
        std::abort();
    return 0;
}
