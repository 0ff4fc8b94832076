// VideoGen core: one pass over JSON text, with no tree of its own.
// scanJson walks the bytes once and calls a handler for every value as it reads it, in nlohmann's
// SAX shape (null, boolean, number_integer, number_unsigned, number_float, string, key,
// start_object, end_object, start_array, end_array), so parseJsonInput's tree builder takes its
// values from here, and a reader that fills something else can take them too.
//
// Why our own and not nlohmann's lexer: that one appends a string one character at a time through
// an input adapter (about 15 ns a byte, a third of a whole validation); here the printable ASCII of a
// string is found eight bytes at a time and appended in one go.
//
// It only answers "yes" or "no": any text it does not accept (a syntax error, invalid UTF-8, a
// number out of range) and any handler that says stop end the scan with false and no reason, and
// parseJsonInput then reads the text again with nlohmann's lexer to say what is wrong and where.
// It accepts exactly what nlohmann's strict parser accepts, with the same values: a non-negative
// integer that fits is unsigned, a negative one signed, one that does not fit 64 bits (or has a
// fraction or exponent) a double from strtod, and a double that is not finite is refused. Strings:
// no control characters, UTF-8 as RFC 3629 has it (no overlong forms, no surrogates, nothing past
// U+10FFFF), escapes \" \\ \/ \b \f \n \r \t \uXXXX with surrogates in pairs. Iterative: the depth
// is the handler's to limit.
#pragma once

#include <cerrno>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace vg {

// The high bit of each of the eight bytes of `word` that cannot be copied from inside a JSON string
// as it is: a control character, a quote, a backslash or non-ASCII (the classic "has a byte less
// than" bit tricks). Exact for the lowest such byte (a borrow only carries upwards), which is what a
// scan wants: on a little-endian machine (x86-64, WebAssembly) its index is the trailing zeros / 8.
inline uint64_t nonPlainBytes(uint64_t word) {
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHighBits = 0x8080808080808080ull;
    const auto zeroBytes = [](uint64_t w) { return (w - kOnes) & ~w & kHighBits; };
    const uint64_t control = (word - kOnes * 0x20) & ~word & kHighBits;
    return control | (word & kHighBits) | zeroBytes(word ^ (kOnes * '"')) | zeroBytes(word ^ (kOnes * '\\'));
}

inline bool isPlainStringByte(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

#if defined(__SSE2__) || defined(__wasm_simd128__)
// nonPlainBytes for sixteen bytes with the machine's vector instructions (SSE2 on x86-64, always
// there; WebAssembly's SIMD128 where the module is built with it): bit i set when byte i is not
// plain. One signed "less than 0x20" takes both the control characters and every byte of 0x80 and
// up, which are negative as signed bytes.
inline unsigned nonPlainBytes16(const char* at) {
#if defined(__SSE2__)
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
    const __m128i marks = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')),
                                                    _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'))),
                                       _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20)));
    return static_cast<unsigned>(_mm_movemask_epi8(marks));
#else
    const v128_t bytes = wasm_v128_load(at);
    const v128_t marks = wasm_v128_or(wasm_v128_or(wasm_i8x16_eq(bytes, wasm_i8x16_splat('"')),
                                                   wasm_i8x16_eq(bytes, wasm_i8x16_splat('\\'))),
                                      wasm_i8x16_lt(bytes, wasm_i8x16_splat(0x20)));
    return static_cast<unsigned>(wasm_i8x16_bitmask(marks));
#endif
}
#endif

// The first byte from `at` on that cannot be copied from inside a JSON string as it is, or `end`:
// sixteen bytes at a time where the machine has vectors, then eight, then straight to the byte
// that stopped the block. A request's strings are mostly plain ASCII: its prompt is most of its bytes.
inline const char* plainRunEnd(const char* at, const char* end) {
#if defined(__SSE2__) || defined(__wasm_simd128__)
    for (; end - at >= 16; at += 16)
        if (const unsigned marks = nonPlainBytes16(at)) return at + __builtin_ctz(marks);
#endif
    for (uint64_t word; end - at >= 8; at += 8) {
        std::memcpy(&word, at, 8);
        if (const uint64_t marks = nonPlainBytes(word)) return at + __builtin_ctzll(marks) / 8;
    }
    while (at != end && isPlainStringByte(static_cast<unsigned char>(*at))) ++at;
    return at;
}

// The length of the well-formed UTF-8 sequence at `at` (RFC 3629, Unicode table 3-7), 0 when the
// bytes there are not one.
inline size_t wellFormedUtf8Length(const char* at, const char* end) {
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(at[i]); };
    const auto continuation = [&](size_t i, unsigned char low, unsigned char high) {
        return at + i < end && byte(i) >= low && byte(i) <= high;
    };
    const unsigned char lead = byte(0);
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return continuation(1, 0x80, 0xBF) ? 2 : 0;
    if (lead >= 0xE0 && lead <= 0xEF) {
        const unsigned char low = lead == 0xE0 ? 0xA0 : 0x80, high = lead == 0xED ? 0x9F : 0xBF;
        return continuation(1, low, high) && continuation(2, 0x80, 0xBF) ? 3 : 0;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        const unsigned char low = lead == 0xF0 ? 0x90 : 0x80, high = lead == 0xF4 ? 0x8F : 0xBF;
        return continuation(1, low, high) && continuation(2, 0x80, 0xBF) && continuation(3, 0x80, 0xBF) ? 4 : 0;
    }
    return 0;
}

// A handler that takes its strings as views (bool stringView(std::string_view) and
// bool keyView(std::string_view)) gets each string as a view: into the text itself when the string
// holds no escape (nothing copied), else into the scanner's buffer, valid until the next string.
template <typename Handler>
concept TakesStringViews = requires(Handler& handler, std::string_view text) {
    handler.stringView(text);
    handler.keyView(text);
};

// A handler with void valueAt(size_t) is told where each value (not key) starts, as a byte
// offset into the text, just before the value's own call: a diagnostic about that value is then
// placed without reading the text again (text_position.h pointerOffsets finds the same offset).
template <typename Handler>
concept TakesValueOffsets = requires(Handler& handler, size_t offset) { handler.valueAt(offset); };

template <typename Handler>
class JsonScanner {
public:
    JsonScanner(std::string_view text, Handler& handler)
        : begin_(text.data()), at_(text.data()), end_(text.data() + text.size()), handler_(handler) {}

    // The whole text is one JSON value, with only whitespace around it, and the handler took all of it.
    bool scan() {
        enum class Next { Value, Key, AfterValue };
        Next next = Next::Value;
        for (;;) {
            skipWhitespace();
            if (next == Next::Key) {
                if (!readString()) return false;
                if constexpr (TakesStringViews<Handler>) {
                    if (!handler_.keyView(string_)) return false;
                } else if (!handler_.key(buffer_)) {
                    return false;
                }
                skipWhitespace();
                if (at_ == end_ || *at_ != ':') return false;
                ++at_;
                next = Next::Value;
                continue;
            }
            if (next == Next::AfterValue) {
                if (open_.empty()) return at_ == end_;
                if (at_ == end_) return false;
                const bool inObject = open_.back() == Container::Object;
                if (*at_ == ',') {
                    ++at_;
                    next = inObject ? Next::Key : Next::Value;
                    continue;
                }
                if (*at_ != (inObject ? '}' : ']')) return false;
                ++at_;
                open_.pop_back();
                if (!(inObject ? handler_.end_object() : handler_.end_array())) return false;
                continue;
            }
            if (at_ == end_) return false;
            if constexpr (TakesValueOffsets<Handler>) handler_.valueAt(static_cast<size_t>(at_ - begin_));
            switch (*at_) {
                case '{':
                case '[': {
                    const bool object = *at_ == '{';
                    ++at_;
                    if (!(object ? handler_.start_object(static_cast<size_t>(-1))
                                 : handler_.start_array(static_cast<size_t>(-1))))
                        return false;
                    skipWhitespace();
                    if (at_ != end_ && *at_ == (object ? '}' : ']')) {  // empty
                        ++at_;
                        if (!(object ? handler_.end_object() : handler_.end_array())) return false;
                        next = Next::AfterValue;
                        continue;
                    }
                    open_.push_back(object ? Container::Object : Container::Array);
                    next = object ? Next::Key : Next::Value;
                    continue;
                }
                case '"':
                    if (!readString()) return false;
                    if constexpr (TakesStringViews<Handler>) {
                        if (!handler_.stringView(string_)) return false;
                    } else if (!handler_.string(buffer_)) {
                        return false;
                    }
                    break;
                case 't':
                    if (!literal("true") || !handler_.boolean(true)) return false;
                    break;
                case 'f':
                    if (!literal("false") || !handler_.boolean(false)) return false;
                    break;
                case 'n':
                    if (!literal("null") || !handler_.null()) return false;
                    break;
                default:
                    if (!readNumber()) return false;
            }
            next = Next::AfterValue;
        }
    }

private:
    enum class Container : unsigned char { Object, Array };

    void skipWhitespace() {
        while (at_ != end_ && (*at_ == ' ' || *at_ == '\n' || *at_ == '\r' || *at_ == '\t')) ++at_;
    }

    bool literal(std::string_view word) {
        if (static_cast<size_t>(end_ - at_) < word.size() || std::memcmp(at_, word.data(), word.size()) != 0)
            return false;
        at_ += word.size();
        return true;
    }

    // At the opening quote; stops after the closing quote. The characters are in buffer_ for a
    // handler that takes strings; for one that takes views, string_ views them, in the text until an
    // escape makes them differ from it (then in buffer_).
    bool readString() {
        if (at_ == end_ || *at_ != '"') return false;
        ++at_;
        buffer_.clear();
        const char* const start = at_;
        bool copying = !TakesStringViews<Handler>;  // into buffer_ (a view handler: from the first escape)
        for (;;) {
            const char* run = at_;
            at_ = plainRunEnd(at_, end_);
            if (copying) buffer_.append(run, static_cast<size_t>(at_ - run));
            if (at_ == end_) return false;
            const auto c = static_cast<unsigned char>(*at_);
            if (c == '"') {
                string_ = copying ? std::string_view(buffer_) : std::string_view(start, static_cast<size_t>(at_ - start));
                ++at_;
                return true;
            }
            if (c == '\\') {
                if (!copying) buffer_.assign(start, static_cast<size_t>(at_ - start));
                copying = true;
                if (!readEscape()) return false;
                continue;
            }
            const size_t length = c < 0x20 ? 0 : wellFormedUtf8Length(at_, end_);
            if (length == 0) return false;
            if (copying) buffer_.append(at_, length);
            at_ += length;
        }
    }

    bool readHex4(uint32_t& value) {
        if (end_ - at_ < 4) return false;
        value = 0;
        for (int i = 0; i < 4; ++i, ++at_) {
            const char c = *at_;
            const int digit = c >= '0' && c <= '9'   ? c - '0'
                              : c >= 'a' && c <= 'f' ? c - 'a' + 10
                              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                     : -1;
            if (digit < 0) return false;
            value = value * 16 + static_cast<uint32_t>(digit);
        }
        return true;
    }

    // At the backslash.
    bool readEscape() {
        if (end_ - at_ < 2) return false;
        const char kind = at_[1];
        at_ += 2;
        switch (kind) {
            case '"': buffer_ += '"'; return true;
            case '\\': buffer_ += '\\'; return true;
            case '/': buffer_ += '/'; return true;
            case 'b': buffer_ += '\b'; return true;
            case 'f': buffer_ += '\f'; return true;
            case 'n': buffer_ += '\n'; return true;
            case 'r': buffer_ += '\r'; return true;
            case 't': buffer_ += '\t'; return true;
            case 'u': break;
            default: return false;
        }
        uint32_t code = 0;
        if (!readHex4(code)) return false;
        if (code >= 0xDC00 && code <= 0xDFFF) return false;  // a low surrogate with no high one before it
        if (code >= 0xD800 && code <= 0xDBFF) {
            uint32_t low = 0;
            if (end_ - at_ < 2 || at_[0] != '\\' || at_[1] != 'u') return false;
            at_ += 2;
            if (!readHex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        }
        appendUtf8(code);
        return true;
    }

    void appendUtf8(uint32_t code) {
        if (code < 0x80) {
            buffer_ += static_cast<char>(code);
        } else if (code < 0x800) {
            buffer_ += static_cast<char>(0xC0 | (code >> 6));
            buffer_ += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            buffer_ += static_cast<char>(0xE0 | (code >> 12));
            buffer_ += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            buffer_ += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            buffer_ += static_cast<char>(0xF0 | (code >> 18));
            buffer_ += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
            buffer_ += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            buffer_ += static_cast<char>(0x80 | (code & 0x3F));
        }
    }

    static bool isDigit(char c) { return c >= '0' && c <= '9'; }

    // JSON's number grammar, then the value nlohmann gives it (see the top of this file).
    bool readNumber() {
        const char* start = at_;
        const bool negative = *at_ == '-';
        if (negative) ++at_;
        if (at_ == end_ || !isDigit(*at_)) return false;
        if (*at_ == '0') {
            ++at_;
        } else {
            while (at_ != end_ && isDigit(*at_)) ++at_;
        }
        bool integral = true;
        if (at_ != end_ && *at_ == '.') {
            ++at_;
            if (at_ == end_ || !isDigit(*at_)) return false;
            while (at_ != end_ && isDigit(*at_)) ++at_;
            integral = false;
        }
        if (at_ != end_ && (*at_ == 'e' || *at_ == 'E')) {
            ++at_;
            if (at_ != end_ && (*at_ == '+' || *at_ == '-')) ++at_;
            if (at_ == end_ || !isDigit(*at_)) return false;
            while (at_ != end_ && isDigit(*at_)) ++at_;
            integral = false;
        }
        const size_t length = static_cast<size_t>(at_ - start);
        const size_t digits = length - (negative ? 1 : 0);
        if (integral && digits <= 18) {  // fits 63 bits: no conversion that could overflow
            int64_t magnitude = 0;
            for (const char* digit = start + (negative ? 1 : 0); digit != at_; ++digit) magnitude = magnitude * 10 + (*digit - '0');
            return negative ? handler_.number_integer(-magnitude) : handler_.number_unsigned(static_cast<uint64_t>(magnitude));
        }
        buffer_.assign(start, length);  // strtoull, strtoll and strtod read up to a NUL
        char* stop = nullptr;
        if (integral) {
            errno = 0;
            if (negative) {
                const long long value = std::strtoll(buffer_.c_str(), &stop, 10);
                if (errno == 0) return handler_.number_integer(static_cast<int64_t>(value));
            } else {
                const unsigned long long value = std::strtoull(buffer_.c_str(), &stop, 10);
                if (errno == 0) return handler_.number_unsigned(static_cast<uint64_t>(value));
            }
        }
        const double value = std::strtod(buffer_.c_str(), &stop);
        return std::isfinite(value) && handler_.number_float(value, buffer_);
    }

    const char* begin_;
    const char* at_;
    const char* end_;
    Handler& handler_;
    std::string buffer_;           // the string, key or number token being read, reused
    std::string_view string_;      // the string just read, for a handler that takes views
    // The containers the text is in, innermost last: the first few in place (a request is a few
    // levels deep, and a scan is short enough that a heap block per scan shows), deeper ones on the heap.
    class OpenContainers {
    public:
        bool empty() const { return size_ == 0; }
        Container back() const { return size_ <= kInPlace ? inPlace_[size_ - 1] : deeper_.back(); }
        void push_back(Container container) {
            if (size_ < kInPlace) inPlace_[size_] = container;
            else deeper_.push_back(container);
            ++size_;
        }
        void pop_back() {
            if (size_ > kInPlace) deeper_.pop_back();
            --size_;
        }

    private:
        static constexpr size_t kInPlace = 16;
        Container inPlace_[kInPlace] = {};
        std::vector<Container> deeper_;
        size_t size_ = 0;
    };
    OpenContainers open_;
};

// Reads `text` into `handler` (see the top of this file); false when the text is not accepted.
template <typename Handler>
bool scanJson(std::string_view text, Handler& handler) {
    return JsonScanner<Handler>(text, handler).scan();
}

}  // namespace vg
