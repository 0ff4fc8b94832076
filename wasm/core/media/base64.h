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

// What decodeBase64Checked would say about `text`, without decoding it: the same problem, or the
// number of bytes it carries.
struct Base64Scan {
    size_t byteSize = 0;
    bool contiguous = false;  // no whitespace: byte i is read from characters 4 * (i / 3) onwards
    std::string problem;      // as decodeBase64Checked's
};
Base64Scan scanBase64(std::string_view text);

// Byte `offset` of the data that `text` carries, read from its own four characters: for text that
// scanBase64 found contiguous and offsets below its byteSize.
uint8_t base64ByteAt(std::string_view text, size_t offset);

}  // namespace vg
