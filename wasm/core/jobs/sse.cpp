// VideoGen core: the incremental event-stream parser (see sse.h for the rules it follows).
#include "jobs/sse.h"

namespace vg {
namespace {

void failOversize(SseParser& parser, const char* what) {
    parser.error = std::string("the event stream sent ") + what + " longer than " +
                   std::to_string(parser.maxLineBytes) + " bytes (the limit), so it was abandoned";
    parser.line.clear();
    parser.data.clear();
    parser.hasData = false;
}

std::string_view afterOneSpace(std::string_view value) {
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    return value;
}

void dispatchPending(SseParser& parser, std::vector<SseEvent>& out) {
    if (parser.hasData) {
        out.push_back(
            {SseEvent::Kind::Data, parser.eventType.empty() ? "message" : parser.eventType, std::move(parser.data)});
    }
    parser.data.clear();
    parser.hasData = false;
    parser.eventType.clear();
}

void processLine(SseParser& parser, std::string_view line, std::vector<SseEvent>& out) {
    if (line.empty()) {
        dispatchPending(parser, out);
        return;
    }
    if (line.front() == ':') {
        out.push_back({SseEvent::Kind::Comment, "", std::string(afterOneSpace(line.substr(1)))});
        return;
    }
    const size_t colon = line.find(':');
    const std::string_view field = line.substr(0, colon);
    const std::string_view value =
        colon == std::string_view::npos ? std::string_view() : afterOneSpace(line.substr(colon + 1));
    if (field == "data") {
        if (parser.hasData) parser.data += '\n';
        parser.data += value;
        parser.hasData = true;
        if (parser.data.size() > parser.maxLineBytes) failOversize(parser, "an event's data");
    } else if (field == "event") {
        parser.eventType = std::string(value);
    }
}

}  // namespace

std::vector<SseEvent> feedSse(SseParser& parser, std::string_view chunk) {
    std::vector<SseEvent> out;
    if (!parser.error.empty()) return out;
    size_t pos = 0;
    if (parser.lastWasCR && !chunk.empty()) {
        parser.lastWasCR = false;
        if (chunk.front() == '\n') pos = 1;  // the LF of a CRLF split across chunks
    }
    while (pos < chunk.size() && parser.error.empty()) {
        const size_t end = chunk.find_first_of("\r\n", pos);
        const size_t stop = end == std::string_view::npos ? chunk.size() : end;
        if (parser.line.size() + (stop - pos) > parser.maxLineBytes) {
            failOversize(parser, "a line");
            break;
        }
        parser.line.append(chunk.substr(pos, stop - pos));
        if (end == std::string_view::npos) break;
        processLine(parser, parser.line, out);
        parser.line.clear();
        pos = end + 1;
        if (chunk[end] == '\r') {
            if (pos == chunk.size())
                parser.lastWasCR = true;
            else if (chunk[pos] == '\n')
                ++pos;
        }
    }
    return out;
}

std::vector<SseEvent> finishSse(SseParser& parser) {
    std::vector<SseEvent> out;
    parser.lastWasCR = false;
    if (!parser.error.empty()) return out;
    if (!parser.line.empty()) processLine(parser, parser.line, out);
    parser.line.clear();
    if (parser.error.empty()) dispatchPending(parser, out);
    return out;
}

}  // namespace vg
