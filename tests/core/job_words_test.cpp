// A job as people name it (job_words.h): the prompt's text of any canonical request, and the file
// name a saved result gets: model, prompt's first words, local date and time, index, extension.
#include "jobs/job_words.h"

#include <gtest/gtest.h>

namespace vg {
namespace {

// 2026-12-05 14:12:30 UTC.
constexpr int64_t kMade = 1796479950000;

JobRecord made(json request, size_t results = 1, const std::string& mimeType = "video/mp4") {
    JobRecord record;
    record.createdAt = kMade;
    record.request = std::move(request);
    for (size_t i = 0; i < results; ++i) record.results.push_back({"https://cdn.example.com/" + std::to_string(i), mimeType, false, ""});
    return record;
}

TEST(JobWords, PromptTextFromAStringOrATextWithAnImage) {
    EXPECT_EQ(requestPromptText({{"prompt", "a fox"}}), "a fox");
    EXPECT_EQ(requestPromptText({{"prompt", {{"image", "https://x/y.png"}, {"text", "the fox turns"}}}}), "the fox turns");
    EXPECT_EQ(requestPromptText({{"prompt", {{"image", "https://x/y.png"}}}}), "");
    EXPECT_EQ(requestPromptText({{"model", "openai/sora-2"}}), "");
}

TEST(JobWords, ResultNamedByModelPromptAndLocalTime) {
    const JobRecord record = made({{"model", "klingai/kling-v2.6"}, {"prompt", "A red fox runs through snow, at dawn!"}});
    EXPECT_EQ(resultFileName(record, 0, 0), "kling-v2.6_a-red-fox-runs-through_2026-12-05_1412.mp4");
    // The viewer's clock: an hour east of UTC, and far enough west to be the day before.
    EXPECT_EQ(resultFileName(record, 0, 60), "kling-v2.6_a-red-fox-runs-through_2026-12-05_1512.mp4");
    EXPECT_EQ(resultFileName(record, 0, -15 * 60), "kling-v2.6_a-red-fox-runs-through_2026-12-04_2312.mp4");
}

TEST(JobWords, SeveralResultsAreNumberedAndTheMimeTypeGivesTheExtension) {
    const JobRecord record = made({{"model", "google/veo-3.1"}, {"prompt", "rain on a window"}}, 2, "video/webm");
    EXPECT_EQ(resultFileName(record, 0, 0), "veo-3.1_rain-on-a-window_2026-12-05_1412_1.webm");
    EXPECT_EQ(resultFileName(record, 1, 0), "veo-3.1_rain-on-a-window_2026-12-05_1412_2.webm");
}

TEST(JobWords, OnlyCharactersEveryFileSystemTakes) {
    // A prompt in another script has no ASCII word: its part is left out, nothing else is lost.
    const JobRecord cjk = made({{"model", "openai/sora-2"}, {"prompt", "東京の夜 🎬"}});
    EXPECT_EQ(resultFileName(cjk, 0, 0), "sora-2_2026-12-05_1412.mp4");
    // Path separators, quotes and dots of the prompt never reach the name; a long word is cut.
    const JobRecord odd = made({{"model", "x/../../etc"}, {"prompt", "../../\"quoted\" " + std::string(60, 'w')}});
    const std::string name = resultFileName(odd, 0, 0);
    EXPECT_EQ(name, "etc_quoted-" + std::string(33, 'w') + "_2026-12-05_1412.mp4");
    for (char c : name) EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') << name;
    const JobRecord none = made({{"prompt", 5}});
    EXPECT_EQ(resultFileName(none, 0, 0), "video_2026-12-05_1412.mp4");
}

}  // namespace
}  // namespace vg
