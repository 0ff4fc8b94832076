// VideoGen core: where a place in a text is, as an editor shows it (line and column), and where
// the value a JSON Pointer names is written in a JSON text. Diagnostics name places by JSON
// Pointer; a person, an editor and a CI annotation want a line and a column.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vg {

struct TextPosition {
    size_t line = 1;    // from 1
    size_t column = 1;  // from 1, in characters (UTF-8 code points), so it matches what an editor shows
};

// The line and column of byte `offset` of `text` (offsets past the end are the end).
TextPosition positionAt(std::string_view text, size_t offset);
// positionAt of each of `offsets` (in any order), counting through the text once.
std::vector<TextPosition> positionsAt(std::string_view text, const std::vector<size_t>& offsets);

// The byte offset where the value at `pointer` (RFC 6901) starts in the JSON `text`. A member or
// item the text does not hold (a diagnostic about a missing member) is placed at the nearest
// ancestor it does hold: the object it belongs in. "" is the document's first value. Reads only as
// far as the value, skipping other values without parsing them; text that is not JSON ends the
// search where it stops making sense (this places diagnostics, it does not validate). Of a key
// written twice (which parseJsonInput refuses), the first.
size_t pointerOffset(std::string_view text, std::string_view pointer);
// pointerOffset of each of `pointers`, from one reading of the text: every value is read at most
// once, so a report's hundred diagnostics beside a 20 MB inline image cost one pass over it.
std::vector<size_t> pointerOffsets(std::string_view text, const std::vector<std::string_view>& pointers);

}  // namespace vg
