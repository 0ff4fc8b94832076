// The incremental event-stream parser: the gateway's held-open /v4/ai/video-model answer
// (heartbeat comments, then one data event), cut at every possible place.
#include "jobs/sse.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vg {
namespace {

// A stream the way the gateway writes it, mixing LF, CRLF and a lone CR, with a multi-line data
// event and an event type, so every line-ending rule is crossed by the split tests.
const std::string kSample =
    ": heartbeat\n\n"
    ":keep-alive\r\n\r\n"
    "event: progress\rdata: first line\r\ndata: second line\n\n"
    "data: {\"type\":\"result\",\"videos\":[{\"type\":\"url\",\"url\":\"https://cdn.example/v.mp4\","
    "\"mediaType\":\"video/mp4\"}]}\r\n\r\n";

struct Seen {
    SseEvent::Kind kind;
    std::string type;
    std::string data;
    bool operator==(const Seen&) const = default;
};

const std::vector<Seen> kSampleEvents = {
    {SseEvent::Kind::Comment, "", "heartbeat"},
    {SseEvent::Kind::Comment, "", "keep-alive"},
    {SseEvent::Kind::Data, "progress", "first line\nsecond line"},
    {SseEvent::Kind::Data, "message",
     "{\"type\":\"result\",\"videos\":[{\"type\":\"url\",\"url\":\"https://cdn.example/v.mp4\","
     "\"mediaType\":\"video/mp4\"}]}"},
};

void collect(const std::vector<SseEvent>& events, std::vector<Seen>& out) {
    for (const SseEvent& e : events) out.push_back({e.kind, e.type, e.data});
}

std::vector<Seen> parseInPieces(const std::string& stream, const std::vector<size_t>& cuts) {
    SseParser parser;
    std::vector<Seen> seen;
    size_t from = 0;
    for (size_t cut : cuts) {
        collect(feedSse(parser, std::string_view(stream).substr(from, cut - from)), seen);
        from = cut;
    }
    collect(feedSse(parser, std::string_view(stream).substr(from)), seen);
    collect(finishSse(parser), seen);
    EXPECT_EQ(parser.error, "");
    return seen;
}

TEST(SseGateway, HeartbeatsThenOneResultInOneChunk) { EXPECT_EQ(parseInPieces(kSample, {}), kSampleEvents); }

TEST(SseGateway, SplitAtEveryBytePosition) {
    for (size_t cut = 0; cut <= kSample.size(); ++cut) {
        EXPECT_EQ(parseInPieces(kSample, {cut}), kSampleEvents) << "split at byte " << cut;
    }
}

TEST(SseGateway, SplitAtEveryPairOfBytePositions) {
    for (size_t first = 0; first <= kSample.size(); ++first) {
        for (size_t second = first; second <= kSample.size(); ++second) {
            ASSERT_EQ(parseInPieces(kSample, {first, second}), kSampleEvents) << "split at " << first << ", " << second;
        }
    }
}

TEST(SseGateway, OneByteAtATime) {
    std::vector<size_t> cuts;
    for (size_t i = 1; i < kSample.size(); ++i) cuts.push_back(i);
    EXPECT_EQ(parseInPieces(kSample, cuts), kSampleEvents);
}

TEST(SseGateway, CrLfSplitBetweenCrAndLfIsOneLineEnd) {
    // "data: a\r" | "\n\r\n": the LF completes the CRLF; it must not count as a blank line of its own.
    SseParser parser;
    EXPECT_TRUE(feedSse(parser, "data: a\r").empty());
    const std::vector<SseEvent> events = feedSse(parser, "\ndata: b\r\n\r\n");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].data, "a\nb");
}

// Feeds `text` and expects it to complete exactly one event, which it returns (an empty event when not).
SseEvent onlyEvent(SseParser& parser, std::string_view text) {
    const std::vector<SseEvent> events = feedSse(parser, text);
    EXPECT_EQ(events.size(), 1u) << text;
    return events.size() == 1 ? events[0] : SseEvent{};
}

TEST(SseGateway, OneSpaceAfterColonDroppedAndOnlyOne) {
    SseParser parser;
    EXPECT_EQ(onlyEvent(parser, "data:x\ndata:  y\n\n").data, "x\n y");
}

TEST(SseGateway, IdRetryAndUnknownFieldsIgnored) {
    SseParser parser;
    const SseEvent event = onlyEvent(parser, "id: 7\nretry: 100\nfoo\nbar: baz\ndata: ok\n\n");
    EXPECT_EQ(event.type, "message");
    EXPECT_EQ(event.data, "ok");
}

TEST(SseGateway, EventWithoutDataIsNotDispatched) {
    SseParser parser;
    EXPECT_TRUE(feedSse(parser, "event: result\n\n").empty());
    EXPECT_EQ(onlyEvent(parser, "data: later\n\n").type, "message");  // the earlier event type does not leak into this one
}

TEST(SseGateway, EmptyDataLineIsStillAnEvent) {
    SseParser parser;
    EXPECT_EQ(onlyEvent(parser, "data\n\n").data, "");
}

TEST(SseGateway, EndOfStreamDeliversAnUnterminatedLastEvent) {
    SseParser parser;
    EXPECT_EQ(feedSse(parser, ": hb\ndata: {\"type\":\"result\"").size(), 1u);  // the comment only
    const std::vector<SseEvent> tail = finishSse(parser);
    ASSERT_EQ(tail.size(), 1u);
    EXPECT_EQ(tail[0].data, "{\"type\":\"result\"");
    EXPECT_TRUE(finishSse(parser).empty());  // nothing is delivered twice
}

TEST(SseGateway, EndOfStreamWithOnlyHeartbeatsDeliversNothing) {
    SseParser parser;
    EXPECT_EQ(feedSse(parser, ": hb\n\n: hb\n\n").size(), 2u);
    EXPECT_TRUE(finishSse(parser).empty());
}

TEST(SseGateway, LineAtTheCapIsAccepted) {
    SseParser parser;
    parser.maxLineBytes = 16;
    const std::vector<SseEvent> events = feedSse(parser, "data: 0123456789\n\n");  // 16 bytes
    EXPECT_EQ(parser.error, "");
    ASSERT_EQ(events.size(), 1u);
}

TEST(SseGateway, LineOverTheCapIsAClearError) {
    SseParser parser;
    parser.maxLineBytes = 16;
    EXPECT_TRUE(feedSse(parser, "data: 0123").empty());
    EXPECT_TRUE(feedSse(parser, "4567890").empty());  // 17 bytes without a line end
    EXPECT_EQ(parser.error, "the event stream sent a line longer than 16 bytes (the limit), so it was abandoned");
    EXPECT_TRUE(feedSse(parser, "\n\ndata: x\n\n").empty());  // nothing after the error
    EXPECT_TRUE(finishSse(parser).empty());
}

TEST(SseGateway, EventDataOverTheCapIsAClearError) {
    SseParser parser;
    parser.maxLineBytes = 16;
    EXPECT_TRUE(feedSse(parser, "data: 0123456789\ndata: 0123456789\n").empty());
    EXPECT_EQ(parser.error,
              "the event stream sent an event's data longer than 16 bytes (the limit), so it was abandoned");
}

}  // namespace
}  // namespace vg
