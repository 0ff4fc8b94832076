// libFuzzer target: the event-stream (SSE) parser. The first byte chooses where the stream is cut
// into network chunks; the events must be the same however it is cut (the parser keeps what it
// has not finished), and a line over the parser's cap stops the stream with an error.
#include "jobs/sse.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace {

bool same(const std::vector<vg::SseEvent>& a, const std::vector<vg::SseEvent>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].kind != b[i].kind || a[i].type != b[i].type || a[i].data != b[i].data) return false;
    return true;
}

std::vector<vg::SseEvent> parse(std::string_view stream, size_t chunkSize, size_t maxLine) {
    vg::SseParser parser;
    parser.maxLineBytes = maxLine;
    std::vector<vg::SseEvent> events;
    for (size_t at = 0; at < stream.size(); at += chunkSize) {
        std::vector<vg::SseEvent> more = vg::feedSse(parser, stream.substr(at, chunkSize));
        events.insert(events.end(), more.begin(), more.end());
    }
    std::vector<vg::SseEvent> last = vg::finishSse(parser);
    events.insert(events.end(), last.begin(), last.end());
    return events;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const size_t chunkSize = 1 + data[0] % 16;
    const std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);
    const size_t maxLine = 1 + data[0] % 64;  // small, so the cap is reached
    if (!same(parse(stream, stream.size() + 1, size), parse(stream, chunkSize, size))) std::abort();
    parse(stream, chunkSize, maxLine);
    return 0;
}
