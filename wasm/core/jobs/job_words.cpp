#include "jobs/job_words.h"

#include <cstdio>

namespace vg {

namespace {

constexpr size_t kPromptWords = 5;
constexpr size_t kPromptChars = 40;  // the prompt's part at most, so names stay readable in a file list

bool isAsciiAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// "Kling v2.6 (Pro)" -> "kling-v2.6-pro": letters, digits and '.', anything else one '-'.
std::string slug(std::string_view text, size_t maxWords, size_t maxChars, bool keepDots) {
    std::string out;
    size_t words = 0;
    bool inWord = false;
    for (char c : text) {
        const bool part = isAsciiAlnum(c) || (keepDots && c == '.');
        if (part) {
            if (!inWord) {
                if (words == maxWords) break;
                if (!out.empty()) out += '-';
                ++words;
                inWord = true;
            }
            if (out.size() == maxChars) break;
            out += lower(c);
        } else {
            inWord = false;
        }
    }
    while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
    return out;
}

// Days since 1970-01-01 -> year, month, day (proleptic Gregorian; H. Hinnant's civil_from_days).
void civilDate(int64_t days, int& year, int& month, int& day) {
    days += 719468;
    const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const int64_t dayOfEra = days - era * 146097;
    const int64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const int64_t monthIndex = (5 * dayOfYear + 2) / 153;
    day = static_cast<int>(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
    month = static_cast<int>(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
    year = static_cast<int>(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
}

std::string extensionOf(const std::string& mimeType) {
    if (mimeType == "video/webm") return ".webm";
    if (mimeType == "video/quicktime") return ".mov";
    return ".mp4";
}

}  // namespace

std::string requestPromptText(const json& request) {
    const auto prompt = request.find("prompt");
    if (prompt == request.end()) return "";
    if (prompt->is_string()) return prompt->get<std::string>();
    if (prompt->is_object()) {
        const auto text = prompt->find("text");
        if (text != prompt->end() && text->is_string()) return text->get<std::string>();
    }
    return "";
}

std::string resultFileName(const JobRecord& record, size_t index, int localOffsetMinutes) {
    std::string name;
    const auto model = record.request.find("model");
    if (model != record.request.end() && model->is_string()) {
        const std::string id = model->get<std::string>();
        name = slug(std::string_view(id).substr(id.rfind('/') + 1), 8, 40, true);
    }
    if (name.empty()) name = "video";
    const std::string prompt = slug(requestPromptText(record.request), kPromptWords, kPromptChars, false);
    if (!prompt.empty()) name += "_" + prompt;

    const int64_t localMs = record.createdAt + int64_t(localOffsetMinutes) * 60000;
    const int64_t minutes = (localMs >= 0 ? localMs : localMs - 59999) / 60000;
    const int64_t days = (minutes >= 0 ? minutes : minutes - 1439) / 1440;
    const int64_t minuteOfDay = minutes - days * 1440;
    int year = 0, month = 0, day = 0;
    civilDate(days, year, month, day);
    char when[32];
    std::snprintf(when, sizeof when, "_%04d-%02d-%02d_%02d%02d", year, month, day, static_cast<int>(minuteOfDay / 60),
                  static_cast<int>(minuteOfDay % 60));
    name += when;
    if (record.results.size() > 1) name += "_" + std::to_string(index + 1);
    return name + extensionOf(index < record.results.size() ? record.results[index].mimeType : "");
}

}  // namespace vg
