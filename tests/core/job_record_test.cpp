// A job's history record (job_record.h): what the playground writes reads back the same, and a bad
// stored record is reported with what is wrong, never thrown.
#include "jobs/job_record.h"

#include <gtest/gtest.h>

namespace vg {
namespace {

JobRecord sampleRecord() {
    JobRecord record;
    record.localId = "j1700000000000-1";
    record.createdAt = 1700000000000;
    record.request = {{"model", "klingai/kling-v2.6"}, {"prompt", "a lighthouse at dusk"}};
    record.baseUrl = "https://gw.example.com";
    record.submit.path = "/v2/videos/generate";
    record.submit.headers = {{"accept", "application/json"}};
    record.submit.body = {{"model", "kling-2.6"}, {"prompt", "a lighthouse at dusk"}};
    record.retries = 2;
    record.group = "c1700000000000-1";
    record.idempotencyKey = "vg-0123456789abcdef0123456789abcdef";
    record.results = {{"https://cdn.example.com/v.mp4", "video/mp4", true, ""},
                      {"data:video/mp4;base64,AAAA", "video/mp4", false, "quota exceeded"}};
    Job& job = record.job;
    job.dialect = Dialect::Jobs;
    job.state = JobState::Running;
    job.policy.intervalMs = 2000;
    job.id = "job_42";
    job.operation = {{"id", "op_1"}};
    job.progress = 40;
    job.submittedAt = 1700000000100;
    job.lastPollAt = 1700000004000;
    job.nextPollAt = 1700000006000;
    job.pollsMade = 3;
    job.consecutiveErrors = 1;
    job.rngState = 0x9e3779b97f4a7c15ull;  // above 2^63: stored as an unsigned number
    job.lastTransientError = "HTTP 503";
    job.expiresAt = 1700003600000;
    job.costCents = 12;
    job.errorCode = "";
    job.finishedAt = -1;
    return record;
}

TEST(JobRecord, RoundTripKeepsEveryMember) {
    const JobRecord record = sampleRecord();
    const json written = jobRecordToJson(record);
    const JobRecordReading reading = readJobRecord(json::parse(written.dump()));
    ASSERT_TRUE(reading.record) << reading.problem;
    EXPECT_EQ(reading.problem, "");
    // Written again, it is the same JSON: every member came back.
    EXPECT_EQ(jobRecordToJson(*reading.record), written);
    EXPECT_EQ(reading.record->job.rngState, record.job.rngState);
    EXPECT_EQ(reading.record->job.dialect, Dialect::Jobs);
    EXPECT_EQ(reading.record->job.state, JobState::Running);
    EXPECT_EQ(reading.record->idempotencyKey, record.idempotencyKey);
}

TEST(JobRecord, InlineVideoBytesAreNotWritten) {
    const json written = jobRecordToJson(sampleRecord());
    EXPECT_EQ(written["results"][1]["url"], "");
    EXPECT_EQ(written["results"][0]["url"], "https://cdn.example.com/v.mp4");
}

TEST(JobRecord, AbsentMembersTakeTheirDefaults) {
    const JobRecordReading reading =
        readJobRecord(json::parse(R"({"localId":"j1","createdAt":5,"job":{"dialect":"openai","state":"queued"}})"));
    ASSERT_TRUE(reading.record) << reading.problem;
    EXPECT_EQ(reading.record->job.progress, -1);
    EXPECT_EQ(reading.record->job.submittedAt, 5);
    EXPECT_EQ(reading.record->job.nextPollAt, -1);
    EXPECT_EQ(reading.record->submit.method, "POST");
    EXPECT_TRUE(reading.record->results.empty());
    EXPECT_EQ(reading.record->idempotencyKey, "");  // an older page's record: sent without a key
}

// Issue 10: `"pollsMade":"3"` threw out of the playground's event handler while history loaded.
TEST(JobRecord, AWrongTypeIsReportedNotThrown) {
    json stored = jobRecordToJson(sampleRecord());
    stored["job"]["pollsMade"] = "3";
    JobRecordReading reading;
    EXPECT_NO_THROW(reading = readJobRecord(stored));
    EXPECT_FALSE(reading.record);
    EXPECT_EQ(reading.problem, "job.pollsMade is string \"3\", expected an integer");
}

TEST(JobRecord, EveryWrongMemberIsNamed) {
    json stored = jobRecordToJson(sampleRecord());
    stored["retries"] = 1.5;
    stored["results"][0]["stored"] = "yes";
    stored["submit"] = "POST /v2";
    stored["job"]["errorHttpStatus"] = 99999999999;
    const JobRecordReading reading = readJobRecord(stored);
    EXPECT_FALSE(reading.record);
    EXPECT_NE(reading.problem.find("retries is number 1.5, expected an integer"), std::string::npos) << reading.problem;
    EXPECT_NE(reading.problem.find("results[0].stored is string \"yes\", expected true or false"), std::string::npos)
        << reading.problem;
    EXPECT_NE(reading.problem.find("submit is string"), std::string::npos) << reading.problem;
    EXPECT_NE(reading.problem.find("job.errorHttpStatus is number 99999999999"), std::string::npos) << reading.problem;
}

TEST(JobRecord, NamesThatNameNothingAreReported) {
    json stored = jobRecordToJson(sampleRecord());
    stored["job"]["dialect"] = "smoke-signals";
    stored["job"]["state"] = "dreaming";
    const JobRecordReading reading = readJobRecord(stored);
    EXPECT_FALSE(reading.record);
    EXPECT_NE(reading.problem.find("job.dialect \"smoke-signals\" names no dialect"), std::string::npos) << reading.problem;
    EXPECT_NE(reading.problem.find("job.state \"dreaming\" names no job state"), std::string::npos) << reading.problem;
}

TEST(JobRecord, ValuesThatAreNoRecordAtAll) {
    EXPECT_EQ(readJobRecord(json()).problem, "the record is null, expected an object");
    EXPECT_EQ(readJobRecord(json::array()).problem, "the record is an array, expected an object");
    EXPECT_EQ(readJobRecord(json::parse(R"({"localId":"j1"})")).problem, "job is missing");
    EXPECT_EQ(readJobRecord(json::parse(R"({"job":{"dialect":"openai","state":"queued"}})")).problem,
              "localId is missing or empty");
    EXPECT_EQ(readJobRecord(json::parse(R"({"localId":"j1","job":[]})")).problem, "job is an array, expected an object");
}

}  // namespace
}  // namespace vg
