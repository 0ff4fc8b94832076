// VideoGen core: reading untrusted JSON text (see json_input.h).
// A text is read once by our scanner (json_scan.h) into our own SAX handler, which builds the tree and
// checks depth, duplicate keys and the limits as it goes (an explicit stack, no recursion). A text it
// refuses is read again by nlohmann's parser (iterative too) through the same handler, now knowing
// where it is, and its error message is reworded into plain words with a line and column an editor
// can jump to.
//
// [SECTION] Positions      byte offset -> "line L, column C"; a cursor that follows the lexer
// [SECTION] DomBuilder     the SAX handler: builds the tree, enforces the limits and unique keys
// [SECTION] Syntax errors  nlohmann's parse errors reworded
// [SECTION] parseJsonInput

#include "text/json_input.h"

#include "request/diagnostics.h"
#include "text/json_scan.h"
#include "text/text_position.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <vector>

namespace vg {
namespace {

// ---- [SECTION] Positions ----------------------------------------------------------------------

std::string lineAndColumn(std::string_view text, size_t offset) {
    const TextPosition position = positionAt(text, offset);
    return "line " + std::to_string(position.line) + ", column " + std::to_string(position.column);
}

// Iterator handed to nlohmann that records how far the lexer has read: SAX callbacks get no
// position, yet a duplicate key or a too-deep container should still say where it is.
struct TrackingIterator {
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    const char* at = nullptr;
    const char** readUpTo = nullptr;  // shared with the DomBuilder

    reference operator*() const { return *at; }
    TrackingIterator& operator++() {
        *readUpTo = ++at;
        return *this;
    }
    bool operator==(const TrackingIterator& other) const { return at == other.at; }
    bool operator!=(const TrackingIterator& other) const { return at != other.at; }
};

// A key's closing quote was just read; its opening quote is the nearest '"' before it that is not
// escaped (preceded by an even number of backslashes).
size_t openingQuoteBefore(std::string_view text, size_t closingQuote) {
    for (size_t i = closingQuote; i-- > 0;) {
        if (text[i] != '"') continue;
        size_t backslashes = 0;
        while (i > backslashes && text[i - 1 - backslashes] == '\\') ++backslashes;
        if (backslashes % 2 == 0) return i;
    }
    return 0;
}

// ---- [SECTION] DomBuilder ---------------------------------------------------------------------

// What nlohmann reported when the text is not JSON; reworded later, with the text at hand.
struct SyntaxFailure {
    size_t position = 0;    // characters the lexer had read (one past the end when it hit the end)
    std::string lastToken;  // the token text read so far, control characters shown as <U+XXXX>
    std::string what;       // nlohmann's message
    int id = 0;             // 101 parse error, 406 number overflow
};

// Runs twice on a document that breaks a rule: first on the fast pass, where no read position
// exists (readUpTo is null) and it only stops; then on the tracked pass, which says what and where.
// Every limit is checked as the value arrives, so a refused document costs no more than its prefix.
class DomBuilder {
public:
    DomBuilder(json& root, std::string_view text, const char* const* readUpTo, const JsonLimits& limits)
        : root_(root), text_(text), readUpTo_(readUpTo), limits_(limits) {}

    bool null() { return admit() && place(nullptr); }
    bool boolean(bool value) { return admit() && place(value); }
    bool number_integer(json::number_integer_t value) { return admit() && place(value); }
    bool number_unsigned(json::number_unsigned_t value) { return admit() && place(value); }
    bool number_float(json::number_float_t value, const json::string_t&) { return admit() && place(value); }
    bool string(json::string_t& value) {
        if (value.size() > limits_.stringBytes.value) {
            return refuse([&](size_t lastRead) {
                const size_t at = openingQuoteBefore(text_, lastRead);
                return JsonParseError{"string at " + placeWords(slotPointer()) + " (" + lineAndColumn(text_, at) +
                                          ") is longer than " + limitWords(limits_.stringBytes) +
                                          ": send large media by URL, or upload it and send its URL",
                                      at};
            });
        }
        return admit() && place(std::move(value));
    }
    // Part of nlohmann's SAX contract; JSON text never produces binary values.
    bool binary(json::binary_t& value) { return admit() && place(json::binary(std::move(value))); }

    bool start_object(size_t) { return admit() && open(json::value_t::object); }
    bool start_array(size_t) { return admit() && open(json::value_t::array); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(json::string_t& name) {
        Level& top = levels_.back();
        auto& members = top.container->get_ref<json::object_t&>();
        if (name.size() > limits_.keyBytes.value) {
            return refuse([&](size_t lastRead) {
                const size_t at = openingQuoteBefore(text_, lastRead);
                return JsonParseError{"key in " + objectWords() + " (" + lineAndColumn(text_, at) +
                                          ") is longer than " + limitWords(limits_.keyBytes) +
                                          ": use the field names `vgen schema` lists",
                                      at};
            });
        }
        if (members.size() >= limits_.objectMembers.value) {
            return refuse([&](size_t) {
                const std::string where = containerPointer();
                return JsonParseError{(where.empty() ? "the top-level object" : "the object at " + where) + " (" +
                                          lineAndColumn(text_, top.start) + ") has more than " +
                                          limitWords(limits_.objectMembers) +
                                          ": send only the fields the model takes",
                                      top.start};
            });
        }
        auto [member, inserted] = members.try_emplace(std::move(name));  // name survives a failed insert
        if (!inserted) {
            return refuse([&](size_t lastRead) {
                const size_t at = openingQuoteBefore(text_, lastRead);
                return JsonParseError{"duplicate key " + json(name).dump() + " in " + objectWords() + " (" +
                                          lineAndColumn(text_, at) + "): keep one",
                                      at};
            });
        }
        top.key = &member->first;
        top.member = &member->second;
        return true;
    }

    bool parse_error(size_t position, const std::string& lastToken, const nlohmann::detail::exception& ex) {
        syntax_ = SyntaxFailure{position, lastToken, ex.what(), ex.id};
        return false;
    }

    const std::optional<JsonParseError>& limitError() const { return limitError_; }
    const std::optional<SyntaxFailure>& syntaxFailure() const { return syntax_; }

private:
    struct Level {
        json* container = nullptr;
        size_t start = 0;                  // offset of its '[' or '{' (tracked pass only)
        const std::string* key = nullptr;  // objects: the member being read
        json* member = nullptr;            // objects: where that member's value goes
    };

    bool tracked() const { return readUpTo_ != nullptr; }

    // Stops the parse at a broken rule. Only the tracked pass says what and where: describe gets
    // the offset of the last byte the lexer read (a value, key or bracket was just read, so there is one).
    template <typename Describe>
    bool refuse(Describe describe) {
        if (tracked()) limitError_ = describe(static_cast<size_t>(*readUpTo_ - text_.data()) - 1);
        return false;
    }

    static std::string limitWords(const InputLimit& limit) {
        return std::to_string(limit.value) + " " + std::string(limit.unit) + " (limit " + std::string(limit.name) + ")";
    }

    // A JSON Pointer for a message: the empty one is the document itself.
    static std::string placeWords(const std::string& pointer) { return pointer.empty() ? "the top level" : pointer; }

    // "/providerOptions/klingai", or "the top-level object"; for the object being read.
    std::string objectWords() const {
        const std::string where = containerPointer();
        return where.empty() ? "the top-level object" : where;
    }

    // Before any value is placed: the document's value count and the array's item count.
    bool admit() {
        if (++values_ > limits_.values.value) {
            return refuse([&](size_t lastRead) {
                return JsonParseError{"document has more than " + limitWords(limits_.values) + "; the next is at " +
                                          placeWords(slotPointer()) + " (" + lineAndColumn(text_, lastRead) +
                                          "): send a smaller request",
                                      lastRead};
            });
        }
        if (levels_.empty() || !levels_.back().container->is_array()) return true;
        const Level& top = levels_.back();
        if (top.container->size() < limits_.arrayItems.value) return true;
        return refuse([&](size_t) {
            return JsonParseError{"array at " + placeWords(containerPointer()) + " (" +
                                      lineAndColumn(text_, top.start) + ") has more than " +
                                      limitWords(limits_.arrayItems) + ": send fewer items",
                                  top.start};
        });
    }

    json* place(json&& value) {
        if (levels_.empty()) {
            root_ = std::move(value);
            return &root_;
        }
        Level& top = levels_.back();
        if (top.container->is_array()) {
            auto& elements = top.container->get_ref<json::array_t&>();
            elements.push_back(std::move(value));
            return &elements.back();
        }
        *top.member = std::move(value);
        return top.member;
    }

    bool open(json::value_t type) {
        if (levels_.size() >= limits_.depth.value) {
            return refuse([&](size_t bracket) {
                return JsonParseError{"JSON nested deeper than " + limitWords(limits_.depth) + " at " + slotPointer() +
                                          " (" + lineAndColumn(text_, bracket) + "): flatten the document",
                                      bracket};
            });
        }
        const size_t start = tracked() ? static_cast<size_t>(*readUpTo_ - text_.data()) - 1 : 0;
        levels_.push_back({place(json(type)), start});
        return true;
    }

    bool close() {
        levels_.pop_back();
        return true;
    }

    // JSON Pointer through the first `count` open levels; each level's child is the member being
    // read or the last element, except on the top level when asking for the next slot.
    std::string pointerThrough(size_t count, bool nextSlotOnTop) const {
        std::string pointer;
        for (size_t i = 0; i < count; ++i) {
            const Level& level = levels_[i];
            if (level.container->is_object()) {
                pointer = pointerChild(pointer, *level.key);
            } else {
                const bool isNextSlot = nextSlotOnTop && i + 1 == levels_.size();
                pointer = pointerChild(pointer, level.container->size() - (isNextSlot ? 0 : 1));
            }
        }
        return pointer;
    }
    std::string containerPointer() const { return pointerThrough(levels_.size() - 1, false); }
    std::string slotPointer() const { return pointerThrough(levels_.size(), true); }

    json& root_;
    std::string_view text_;
    const char* const* readUpTo_;  // null on the fast pass
    const JsonLimits& limits_;
    size_t values_ = 0;
    std::vector<Level> levels_;
    std::optional<JsonParseError> limitError_;
    std::optional<SyntaxFailure> syntax_;
};

// ---- [SECTION] Syntax errors ------------------------------------------------------------------

// The text after `from` (everything when `from` is ""), or "" when `from` is missing.
std::string after(const std::string& text, const std::string& from) {
    const size_t start = text.find(from);
    return start == std::string::npos ? "" : text.substr(start + from.size());
}

// The text between `from` and `to` (or the end when `to` is missing).
std::string between(const std::string& text, const std::string& from, const std::string& to) {
    const size_t start = text.find(from);
    if (start == std::string::npos) return "";
    const size_t begin = start + from.size();
    const size_t end = text.find(to, begin);
    return text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}


// The bad byte may be the second or third of a sequence; point at the byte that started it.
size_t utf8SequenceStart(std::string_view text, size_t offset) {
    for (size_t back = 1; back <= 3 && back <= offset; ++back) {
        const auto c = static_cast<unsigned char>(text[offset - back]);
        if (c >= 0xC0) {
            const size_t expectedLength = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            return expectedLength > back ? offset - back : offset;  // else that sequence was complete
        }
        if ((c & 0xC0) != 0x80) break;
    }
    return offset;
}

// Length of the valid UTF-8 character at `offset`, 0 when the bytes there are not UTF-8.
size_t utf8CharLength(std::string_view text, size_t offset) {
    const auto lead = static_cast<unsigned char>(text[offset]);
    const size_t length = lead < 0x80                    ? 1
                          : lead >= 0xC2 && lead <= 0xDF ? 2
                          : lead >= 0xE0 && lead <= 0xEF ? 3
                          : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                         : 0;
    if (length == 0 || offset + length > text.size()) return 0;
    for (size_t i = 1; i < length; ++i) {
        if ((static_cast<unsigned char>(text[offset + i]) & 0xC0) != 0x80) return 0;
    }
    return length;
}

// The word a bad literal starts: "NaN", "-Infinity", "tru"; one character when it is not a word.
std::string wordAt(std::string_view text, size_t offset) {
    size_t end = offset;
    while (end < text.size() && end - offset < 24 &&
           (std::isalnum(static_cast<unsigned char>(text[end])) ||
            std::string_view("+-._").find(text[end]) != std::string_view::npos)) {
        ++end;
    }
    if (end > offset) return std::string(text.substr(offset, end - offset));
    const auto c = static_cast<unsigned char>(text[offset]);
    if (c < 0x20) {
        static const char* digits = "0123456789ABCDEF";
        return std::string("U+00") + digits[c >> 4] + digits[c & 15];
    }
    return std::string(text.substr(offset, std::max<size_t>(utf8CharLength(text, offset), 1)));
}

bool isNonFiniteWord(std::string word) {
    if (!word.empty() && (word[0] == '-' || word[0] == '+')) word.erase(0, 1);
    std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::tolower(c); });
    return word == "nan" || word == "infinity" || word == "inf";
}

std::string plainTokenName(const std::string& name) {
    if (name == "string literal") return "a string";
    if (name == "number literal") return "a number";
    if (name == "true literal") return "true";
    if (name == "false literal") return "false";
    if (name == "null literal") return "null";
    return name;  // "'['", "'}'", "':'", "','" read fine as they are
}

std::string describeLexerError(std::string_view text, const std::string& lexerMessage, size_t tokenStart,
                               size_t badChar, size_t& offset) {
    const auto where = [&](size_t at) {
        offset = at;
        return lineAndColumn(text, at);
    };
    const auto escapeStart = [&] {
        const size_t found = text.substr(0, badChar + 1).rfind("\\u");
        return found == std::string_view::npos || found < tokenStart ? badChar : found;
    };
    if (lexerMessage.find("UTF-8") != std::string::npos) {
        return "invalid UTF-8 in a string at " + where(utf8SequenceStart(text, badChar)) + ": save the file as UTF-8";
    }
    if (lexerMessage.find("BOM") != std::string::npos) {
        return "invalid UTF-8 at " + where(0) + ": save the file as UTF-8";
    }
    if (lexerMessage.find("missing closing quote") != std::string::npos) {
        return "invalid JSON at " + where(tokenStart) + ": the string that starts here has no closing quote";
    }
    if (lexerMessage.find("surrogate U+D800..U+DBFF") != std::string::npos) {
        return "unpaired UTF-16 surrogate in a string at " + where(escapeStart()) +
               ": a \\uD800-\\uDBFF escape must be followed by a \\uDC00-\\uDFFF escape";
    }
    if (lexerMessage.find("surrogate U+DC00..U+DFFF") != std::string::npos) {
        return "unpaired UTF-16 surrogate in a string at " + where(escapeStart()) +
               ": a \\uDC00-\\uDFFF escape must follow a \\uD800-\\uDBFF escape";
    }
    if (lexerMessage.find("must be followed by 4 hex digits") != std::string::npos) {
        return "invalid escape in a string at " + where(escapeStart()) + ": \\u must be followed by 4 hex digits";
    }
    if (lexerMessage.find("forbidden character after backslash") != std::string::npos) {
        return "invalid escape in a string at " + where(badChar > 0 ? badChar - 1 : 0) +
               ": after a backslash use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX";
    }
    if (lexerMessage.find("control character") != std::string::npos) {
        return "unescaped " + between(lexerMessage, "invalid string: ", " must be escaped to ") + " in a string at " +
               where(badChar) + ": write it as " + after(lexerMessage, " must be escaped to ");
    }
    const std::string word = wordAt(text, tokenStart);
    const auto firstByte = static_cast<unsigned char>(text[std::min(tokenStart, text.size() - 1)]);
    if (isNonFiniteWord(word)) {
        return word + " at " + where(tokenStart) + " is not JSON: use a number or null";
    }
    if (firstByte >= 0x80 && utf8CharLength(text, tokenStart) == 0) {
        return "invalid UTF-8 at " + where(tokenStart) + ": save the file as UTF-8";
    }
    if (word == "/") return "comment at " + where(tokenStart) + ": JSON has no comments, remove it";
    if (word == "'") return "single quote at " + where(tokenStart) + ": JSON strings and keys use double quotes \"";
    if (word == "\u201C" || word == "\u201D" || word == "\u2018" || word == "\u2019") {
        return "curly quote " + word + " at " + where(tokenStart) +
               ": JSON strings and keys use straight double quotes \"";
    }
    if (std::string_view(lexerMessage).starts_with("invalid number; ")) {
        return "invalid number at " + where(tokenStart) + ": " + lexerMessage.substr(16);
    }
    return "invalid JSON at " + where(tokenStart) + ": '" + word +
           "' is not a JSON value, use a string in double quotes, a number, true, false, null, an object or an array";
}

// Where the token nlohmann stopped at begins. Its token text is reliable only for strings and
// numbers (the lexer resets it there; literals and whitespace pile up onto the previous token).
size_t tokenStartOf(std::string_view text, const SyntaxFailure& failure, const std::string& body, size_t badChar) {
    const size_t consumed = std::min(failure.position, text.size());
    if (std::string_view(body).starts_with("invalid literal")) {
        size_t start = badChar;  // a misspelt literal ("tru}", "NaN"): back up over its letters
        while (start > 0 && std::isalpha(static_cast<unsigned char>(text[start - 1]))) --start;
        return start;
    }
    const std::string found = between(body, "unexpected ", "; expected ");
    if (std::string_view(body).starts_with("unexpected ") && found != "string literal" && found != "number literal") {
        const size_t length = found == "false literal"                      ? 5
                              : found.find(" literal") != std::string::npos ? 4
                              : found == "end of input"                     ? 0
                                                                            : 1;
        return consumed - std::min(length, consumed);
    }
    size_t length = failure.lastToken.size();
    // a control character is shown as "<U+000A>" (8 characters for 1 byte) in the token text
    if (consumed > 0 && static_cast<unsigned char>(text[consumed - 1]) < 0x20 && length >= 8) length -= 7;
    return consumed - std::min(length, consumed);
}

// nlohmann's "syntax error while parsing object - unexpected string literal; expected '}'" reworded
// as "invalid JSON at line 3, column 14: expected ',' or '}' but found a string".
JsonParseError describeSyntaxError(std::string_view text, const SyntaxFailure& failure) {
    // "syntax error while parsing <context> - <body>"
    const std::string detail = after(failure.what, "syntax error");
    const std::string body = after(detail, "- ");
    const size_t consumed = std::min(failure.position, text.size());
    const size_t badChar = failure.position > text.size() ? text.size() : (consumed > 0 ? consumed - 1 : 0);
    const size_t tokenStart = tokenStartOf(text, failure, body, badChar);

    JsonParseError error{"", tokenStart};
    if (failure.id == 406) {
        error.message = "number " + failure.lastToken + " at " + lineAndColumn(text, tokenStart) +
                        " is out of range: use a finite number (at most about 1.7e308)";
        return error;
    }
    if (!std::string_view(body).starts_with("unexpected ")) {
        error.message =
            describeLexerError(text, between(body, "", "; last read: '"), tokenStart, badChar, error.byteOffset);
        return error;
    }

    const std::string context = between(detail, "while parsing ", " -");
    const std::string found = between(body, "unexpected ", "; expected ");
    const bool atEnd = found == "end of input";
    if (found == "']'" || found == "'}'") {
        size_t previous = tokenStart;
        while (previous > 0 && std::isspace(static_cast<unsigned char>(text[previous - 1]))) --previous;
        if (previous > 0 && text[previous - 1] == ',') {
            error.byteOffset = previous - 1;
            error.message = "invalid JSON at " + lineAndColumn(text, previous - 1) + ": trailing comma before " +
                            found + ", remove the comma";
            return error;
        }
    }
    std::string expected = "a value";
    if (context == "object key")
        expected = "a key in double quotes";
    else if (context == "object separator")
        expected = "':' after the key";
    else if (context == "object")
        expected = "',' or '}'";
    else if (context == "array")
        expected = "',' or ']'";
    else if (after(body, "; expected ") == "end of input")
        expected = "the end of the document";

    error.message = "invalid JSON at " + lineAndColumn(text, tokenStart) + ": expected " + expected +
                    (atEnd ? " but the document ends" : " but found " + plainTokenName(found));
    if (expected == "the end of the document") error.message += " (wrap several values in an array)";
    return error;
}

JsonInput failed(std::string message, size_t byteOffset) {
    JsonInput input;
    input.error = JsonParseError{std::move(message), byteOffset};
    return input;
}

}  // namespace

// ---- [SECTION] parseJsonInput -----------------------------------------------------------------

JsonInput parseJsonInput(std::string_view text, const JsonLimits& limits) {
    if (text.size() > limits.bytes.value) {
        return failed("input is " + std::to_string(text.size()) + " bytes, more than " +
                          std::to_string(limits.bytes.value) + " bytes (limit " + std::string(limits.bytes.name) +
                          "): send a smaller document",
                      0);
    }
    // Editors on Windows write a UTF-8 byte order mark; it carries no meaning, so skip it.
    const size_t bomLength = std::string_view(text).starts_with("\xEF\xBB\xBF") ? 3 : 0;
    const std::string_view body = text.substr(bomLength);
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return failed("empty input: expected a JSON document", bomLength);
    }
    // nlohmann's lexer takes a NUL byte for the end of the text, so "{...}\0junk" would pass as the
    // object alone; JSON text holds no NUL anywhere (inside a string it is written \u0000).
    if (const size_t nul = body.find('\0'); nul != std::string_view::npos) {
        return failed("NUL byte at " + lineAndColumn(body, nul) +
                          ": JSON text holds none (is this a binary file? inside a string write \\u0000)",
                      bomLength + nul);
    }

    JsonInput input;
    try {
        // Fast path: one pass of our own scanner (json_scan.h), which says only yes or no. Positions
        // are needed only to describe a failure, so a failing document is read again, whole and
        // tracked by nlohmann's lexer, for the message.
        {
            DomBuilder fast(input.value, body, nullptr, limits);
            if (scanJson(body, fast)) return input;
            input.value = nullptr;
        }
        const char* readUpTo = body.data();
        DomBuilder builder(input.value, body, &readUpTo, limits);
        const TrackingIterator first{body.data(), &readUpTo};
        const TrackingIterator last{body.data() + body.size(), &readUpTo};
        if (json::sax_parse(first, last, &builder)) return input;

        JsonParseError error =
            builder.limitError() ? *builder.limitError() : describeSyntaxError(body, builder.syntaxFailure().value());
        error.byteOffset += bomLength;
        return failed(std::move(error.message), error.byteOffset);
    } catch (const std::exception& e) {
        // only resource exhaustion (std::bad_alloc) is expected here
        return failed(std::string("could not read the JSON document: ") + e.what(), 0);
    }
}

}  // namespace vg
