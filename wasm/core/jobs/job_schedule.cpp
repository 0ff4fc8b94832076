// VideoGen core: when to poll next. Backoff with seeded jitter, Retry-After (delta-seconds and
// HTTP-date), and the durations the messages quote.
//
// [SECTIONS]
//   jitter             splitmix64, one draw per backoff
//   backoff            backoffDelayMs, nextWakeAt
//   Retry-After        delta-seconds and the three HTTP-date forms
//   describeDuration
#include "jobs/job.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

namespace vg {
namespace {

// ---- jitter ----------------------------------------------------------------------------------
// splitmix64: tiny, well mixed, and exact on every platform (native and WASM give the same
// schedule), which is all jitter needs.
double nextUnit(uint64_t& state) {
    state += 0x9E3779B97F4A7C15ull;
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return static_cast<double>(z >> 11) * 0x1.0p-53;  // [0, 1)
}

// ---- Retry-After -----------------------------------------------------------------------------
constexpr int64_t kMaxRetryAfterSeconds = 365LL * 24 * 3600;  // longer waits are clamped to a year

std::string_view trim(std::string_view text) {
    const size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const size_t last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

bool allDigits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Digits only, at most 9 of them (so it fits an int); -1 otherwise.
int smallNumber(std::string_view text) {
    if (!allDigits(text) || text.size() > 9) return -1;
    int value = 0;
    for (char c : text) value = value * 10 + (c - '0');
    return value;
}

int monthIndex(std::string_view name) {
    static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (size_t i = 0; i < kMonths.size(); ++i) {
        if (name == kMonths[i]) return static_cast<int>(i) + 1;
    }
    return 0;
}

// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t daysFromCivil(int64_t year, int month, int day) {
    year -= month <= 2;
    const int64_t era = (year >= 0 ? year : year - 399) / 400;
    const int64_t yearOfEra = year - era * 400;
    const int64_t dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

// IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT",
// asctime "Sun Nov  6 08:49:37 1994"; epoch ms, or nullopt.
std::optional<int64_t> parseHttpDate(std::string_view text) {
    std::vector<std::string_view> tokens;
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t end = text.find_first_of(" ,-:", pos);
        const size_t stop = end == std::string_view::npos ? text.size() : end;
        if (stop > pos) tokens.push_back(text.substr(pos, stop - pos));
        pos = stop + 1;
    }
    int day = 0, month = 0, year = 0, hour = 0, minute = 0, second = 0;
    if (tokens.size() == 8 && tokens[7] == "GMT") {  // IMF-fixdate or RFC 850
        day = smallNumber(tokens[1]);
        month = monthIndex(tokens[2]);
        year = smallNumber(tokens[3]);
        if (tokens[3].size() == 2 && year >= 0)
            year += year < 70 ? 2000 : 1900;  // RFC 850's two digits
        else if (tokens[3].size() != 4)
            return std::nullopt;
        hour = smallNumber(tokens[4]);
        minute = smallNumber(tokens[5]);
        second = smallNumber(tokens[6]);
    } else if (tokens.size() == 7 && tokens[6].size() == 4) {  // asctime
        month = monthIndex(tokens[1]);
        day = smallNumber(tokens[2]);
        hour = smallNumber(tokens[3]);
        minute = smallNumber(tokens[4]);
        second = smallNumber(tokens[5]);
        year = smallNumber(tokens[6]);
    } else {
        return std::nullopt;
    }
    if (month == 0 || day < 1 || day > 31 || year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
        second < 0 || second > 60) {
        return std::nullopt;
    }
    const int64_t seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
    return seconds * 1000;
}

}  // namespace

// ---- backoff ---------------------------------------------------------------------------------
int64_t backoffDelayMs(const PollPolicy& policy, int consecutiveErrors, uint64_t& rngState) {
    const double cap = static_cast<double>(std::max<int64_t>(policy.maxIntervalMs, 0));
    const double factor = std::max(policy.backoffFactor, 1.0);
    const double jitter = std::clamp(policy.jitterFraction, 0.0, 1.0);
    const int exponent = std::clamp(consecutiveErrors, 1, 1000) - 1;  // pow saturates at +inf, min() caps it
    const double base = std::min(static_cast<double>(policy.intervalMs) * std::pow(factor, exponent), cap);
    const double spread = base * (1.0 + jitter * (2.0 * nextUnit(rngState) - 1.0));
    return std::max<int64_t>(0, std::llround(std::min(spread, cap)));
}

int64_t nextWakeAt(const Job& job) {
    if (job.state == JobState::Succeeded) return job.expiresAt;
    if (isTerminal(job.state)) return -1;
    const int64_t deadline = job.submittedAt + job.policy.deadlineMs;
    return job.nextPollAt < 0 ? deadline : std::min(job.nextPollAt, deadline);
}

// ---- Retry-After -----------------------------------------------------------------------------
std::optional<int64_t> parseRetryAfterMs(std::string_view value, int64_t now) {
    const std::string_view text = trim(value);
    if (allDigits(text)) {
        int64_t seconds = 0;
        for (char c : text) {
            seconds = std::min(seconds * 10 + (c - '0'), kMaxRetryAfterSeconds);
        }
        return seconds * 1000;
    }
    const std::optional<int64_t> date = parseHttpDate(text);
    if (!date) return std::nullopt;
    return std::max<int64_t>(0, *date - now);
}

// ---- describeDuration ------------------------------------------------------------------------
std::string describeDuration(int64_t ms) {
    auto count = [](int64_t n, const char* unit) { return std::to_string(n) + " " + unit + (n == 1 ? "" : "s"); };
    if (ms >= 3600000 && ms % 3600000 == 0) return count(ms / 3600000, "hour");
    if (ms >= 60000 && ms % 60000 == 0) return count(ms / 60000, "minute");
    if (ms % 1000 == 0) return count(ms / 1000, "second");
    return std::to_string(ms) + " ms";
}

}  // namespace vg
