// VideoGen core: base64 (see base64.h and media.h).
// One table-driven pass, four characters at a time where it can; a 10 MB image takes milliseconds.

#include "base64.h"

#include "media.h"

#include <array>
#include <optional>

namespace vg {
namespace {

constexpr uint8_t kInvalid = 0xFF;
constexpr uint8_t kWhitespace = 0xFE;
constexpr uint8_t kPadding = 0xFD;

constexpr std::array<uint8_t, 256> makeDecodeTable() {
    std::array<uint8_t, 256> table{};
    for (auto& entry : table) entry = kInvalid;
    for (int i = 0; i < 26; ++i) {
        table['A' + i] = static_cast<uint8_t>(i);
        table['a' + i] = static_cast<uint8_t>(26 + i);
    }
    for (int i = 0; i < 10; ++i) table['0' + i] = static_cast<uint8_t>(52 + i);
    table['+'] = table['-'] = 62;  // standard and URL-safe spellings of the same digits
    table['/'] = table['_'] = 63;
    table[' '] = table['\t'] = table['\r'] = table['\n'] = kWhitespace;
    table['='] = kPadding;
    return table;
}
constexpr std::array<uint8_t, 256> kDecode = makeDecodeTable();

std::string describeCharacter(unsigned char c) {
    if (c >= 0x21 && c < 0x7F) return std::string("character '") + static_cast<char>(c) + "'";
    static const char* digits = "0123456789ABCDEF";
    return std::string("byte 0x") + digits[c >> 4] + digits[c & 15];
}

Base64Decoded failure(std::string problem) { return {{}, std::move(problem)}; }

}  // namespace

Base64Decoded decodeBase64Checked(std::string_view text) {
    Base64Decoded decoded;
    decoded.bytes.resize(text.size() / 4 * 3 + 3);  // never less than the output: 4 characters -> 3 bytes
    uint8_t* out = decoded.bytes.data();
    size_t written = 0;
    uint32_t accumulator = 0;
    int pendingBits = 0;
    size_t digits = 0, padding = 0;
    for (size_t i = 0; i < text.size();) {
        // fast path: a whole group of four digits on a group boundary
        if (pendingBits == 0 && padding == 0 && text.size() - i >= 4) {
            const uint32_t a = kDecode[static_cast<unsigned char>(text[i])];
            const uint32_t b = kDecode[static_cast<unsigned char>(text[i + 1])];
            const uint32_t c = kDecode[static_cast<unsigned char>(text[i + 2])];
            const uint32_t d = kDecode[static_cast<unsigned char>(text[i + 3])];
            if ((a | b | c | d) < 64) {
                const uint32_t group = a << 18 | b << 12 | c << 6 | d;
                out[written] = static_cast<uint8_t>(group >> 16);
                out[written + 1] = static_cast<uint8_t>(group >> 8);
                out[written + 2] = static_cast<uint8_t>(group);
                written += 3;
                digits += 4;
                i += 4;
                continue;
            }
        }
        // one character at a time: whitespace, padding, errors and partial groups
        const auto character = static_cast<unsigned char>(text[i]);
        const uint8_t value = kDecode[character];
        if (value < 64) {
            if (padding > 0) return failure("data after '=' padding at offset " + std::to_string(i));
            accumulator = (accumulator << 6) | value;
            pendingBits += 6;
            if (pendingBits >= 8) {
                pendingBits -= 8;
                out[written++] = static_cast<uint8_t>(accumulator >> pendingBits);
            }
            ++digits;
        } else if (value == kPadding) {
            if (++padding > 2) return failure("too much '=' padding at offset " + std::to_string(i));
        } else if (value == kInvalid) {
            return failure(describeCharacter(character) + " at offset " + std::to_string(i) + " is not base64");
        }
        ++i;
    }
    if (digits == 0) return failure("no base64 data");
    // 4 characters carry 3 bytes; a group of 1 cannot carry even one byte
    if (digits % 4 == 1)
        return failure(std::to_string(digits) +
                       " base64 characters cannot encode whole bytes: the data looks cut short");
    if (padding > 0 && (digits + padding) % 4 != 0) return failure("'=' padding does not match the length of the data");
    decoded.bytes.resize(written);
    return decoded;
}

std::optional<std::vector<uint8_t>> decodeBase64(std::string_view text) {
    Base64Decoded decoded = decodeBase64Checked(text);
    if (!decoded.problem.empty()) return std::nullopt;
    return std::move(decoded.bytes);
}

std::string encodeBase64(const uint8_t* data, size_t size) {
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((size + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 3 <= size; i += 3) {
        const uint32_t group = uint32_t(data[i]) << 16 | uint32_t(data[i + 1]) << 8 | data[i + 2];
        out += alphabet[group >> 18];
        out += alphabet[(group >> 12) & 63];
        out += alphabet[(group >> 6) & 63];
        out += alphabet[group & 63];
    }
    if (i < size) {
        const bool two = i + 1 < size;
        const uint32_t group = uint32_t(data[i]) << 16 | (two ? uint32_t(data[i + 1]) << 8 : 0);
        out += alphabet[group >> 18];
        out += alphabet[(group >> 12) & 63];
        out += two ? alphabet[(group >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

}  // namespace vg
