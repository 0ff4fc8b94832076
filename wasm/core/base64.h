// VideoGen core: base64 decoding that says why a text is not base64 (media.h has the plain API).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vg {

struct Base64Decoded {
    std::vector<uint8_t> bytes;
    std::string problem;  // non-empty: why the text is not base64 ("character '%' at offset 12 is not base64")
};

// Standard (+/) or URL-safe (-_) alphabet, '=' padding optional, ASCII whitespace ignored (line
// breaks from `base64` and PEM-style wrapping).
Base64Decoded decodeBase64Checked(std::string_view text);

}  // namespace vg
