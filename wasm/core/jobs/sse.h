// VideoGen core: an incremental text/event-stream (SSE) parser.
// The gateway dialect's held-open `POST /v4/ai/video-model` answers with an event stream: `:`
// comment lines as heartbeats while the video renders, then exactly one `data:` event holding
// `{"type":"result",...}` or `{"type":"error",...}`. Network chunks arrive cut anywhere (inside a
// line, between the CR and LF of a CRLF), so the parser keeps what it has not finished yet.
//
// Follows the WHATWG event-stream rules (LF, CRLF or CR end a line; a blank line dispatches the
// event; multi-line `data` joined with "\n"; one space after the colon dropped; an event with no
// data is not dispatched) with one liberal exception: at the end of the stream a pending event is
// dispatched even without its closing blank line, so a gateway that closes the connection right
// after its data line still delivers its result. `id:` and `retry:` are read and ignored: the
// gateway's stream is answered once and never reconnected.
#pragma once

#include "request/input_limits.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vg {

struct SseEvent {
    enum class Kind { Comment, Data };
    Kind kind = Kind::Data;
    std::string type;  // the `event:` field, "message" when absent (Data only)
    std::string data;  // Data: the joined data lines; Comment: the text after ':' (a heartbeat)
};

struct SseParser {
    // Longest line, and largest event data, accepted (answer_bytes: one data line may carry a whole
    // base64 video, so this cannot be small).
    size_t maxLineBytes = kAnswerBytes.value;

    // Set when the stream became unusable (a line over the cap); later input is ignored.
    std::string error;

    // Parser state between chunks; callers never touch these.
    std::string line;               // the current line, not yet terminated
    bool lastWasCR = false;         // the previous chunk ended in CR: a leading LF is its CRLF
    std::string data;               // data lines of the event being read
    bool hasData = false;           // at least one data line seen (data may be "")
    std::string eventType;          // `event:` of the event being read
};

// Feeds the next chunk (any size, cut anywhere) and returns the comments and events it completes,
// in stream order.
std::vector<SseEvent> feedSse(SseParser& parser, std::string_view chunk);

// The stream ended: returns the event still pending (see the liberal rule above), if any.
std::vector<SseEvent> finishSse(SseParser& parser);

}  // namespace vg
