// VideoGen core: classifying a media value (see media.h): URL, data URL or raw base64.
// Inline values are decoded (base64.cpp) and probed (media_probe.cpp) here.

#include "media/media.h"

#include "media/base64.h"
#include "text/text_format.h"

#include <algorithm>
#include <cctype>

namespace vg {
namespace {

std::string lowerCase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), asciiLower);
    return out;
}

// JSON's whitespace, which a media value may carry around it (and a URL may not carry inside).
bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && equalsIgnoringCase(text.substr(0, prefix.size()), prefix);
}

// "https://host/a/b.PNG?x=1#f" -> "png"; "" when the last path segment has no extension.
std::string urlExtension(std::string_view url) {
    const size_t hostStart = url.find("://") + 3;
    const size_t pathStart = url.find('/', hostStart);
    if (pathStart == std::string_view::npos) return "";
    std::string_view path = url.substr(pathStart);
    // Plain loops here and below: find_first_of and find_first_not_of look each character up in
    // their set with a library call.
    const auto query = std::find_if(path.begin(), path.end(), [](char c) { return c == '?' || c == '#'; });
    path = path.substr(0, static_cast<size_t>(query - path.begin()));
    const std::string_view segment = path.substr(path.rfind('/') + 1);
    const size_t dot = segment.rfind('.');
    return dot == std::string_view::npos ? "" : lowerCase(segment.substr(dot + 1));
}

MediaInfo probeUrl(std::string_view value) {
    MediaInfo info;
    info.encoding = MediaEncoding::Url;
    const size_t hostStart = value.find("://") + 3;
    const auto hostStop = std::find_if(value.begin() + static_cast<std::ptrdiff_t>(hostStart), value.end(),
                                       [](char c) { return c == '/' || c == '?' || c == '#'; });
    const size_t hostEnd = static_cast<size_t>(hostStop - value.begin());
    if (hostEnd == hostStart)
        info.problem = "URL has no host: " + quotedExcerpt(value);
    else if (std::any_of(value.begin(), value.end(), isSpace))
        info.problem = "URL contains spaces: encode them as %20";
    info.urlExtension = urlExtension(value);
    return info;
}

// Probes base64 that scanBase64 found valid; `what` names the value in a problem ("data URL payload").
// Only text with line breaks is decoded first: elsewhere the probe reads the few bytes it needs.
MediaInfo probeInline(std::string_view base64, const Base64Scan& scan, MediaEncoding encoding, const char* what) {
    MediaInfo info;
    if (!scan.problem.empty()) {
        info.problem = std::string(what) + " is not valid base64: " + scan.problem;
    } else if (scan.contiguous) {
        info = probeMediaBase64(base64, scan.byteSize);
    } else {
        const Base64Decoded decoded = decodeBase64Checked(base64);
        info = probeMediaBytes(decoded.bytes.data(), decoded.bytes.size());
    }
    info.encoding = encoding;
    return info;
}

// data:[<mime>][;param=value]*;base64,<payload>
MediaInfo probeDataUrl(std::string_view value) {
    const size_t comma = value.find(',');
    if (comma == std::string_view::npos) {
        MediaInfo info;
        info.encoding = MediaEncoding::DataUrl;
        info.problem = "data URL has no ',' before its data";
        return info;
    }
    const std::string header = lowerCase(value.substr(5, comma - 5));
    const std::string mime = header.substr(0, header.find(';'));
    const bool isBase64 = header.size() >= 7 && header.compare(header.size() - 7, 7, ";base64") == 0;
    MediaInfo info;
    if (isBase64) {
        const std::string_view payload = value.substr(comma + 1);
        info = probeInline(payload, scanBase64(payload), MediaEncoding::DataUrl, "data URL payload");
    } else {
        info.encoding = MediaEncoding::DataUrl;
        info.problem = "data URL is not base64 (data:" + mime +
                       ",...): use data:" + (mime.empty() ? std::string("image/png") : mime) + ";base64,<base64 data>";
    }
    info.declaredMime = mime;
    return info;
}

// Whether every character is one base64 uses (digits of either alphabet, padding, whitespace), even
// when they do not make valid base64: then the value was meant as base64 and is only broken.
bool isBase64Text(std::string_view value) {
    return std::all_of(value.begin(), value.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '+' || c == '/' || c == '-' || c == '_' || c == '=' || c == ' ' || c == '\t' ||
               c == '\r' || c == '\n';
    });
}

// "gs://", "ftp:", "file:": a scheme we do not fetch, as opposed to text that is nothing at all.
bool hasOtherScheme(std::string_view value) {
    const size_t colon = value.find(':');
    if (colon == std::string_view::npos || colon == 0 || !std::isalpha(static_cast<unsigned char>(value[0])))
        return false;
    return std::all_of(value.begin(), value.begin() + colon,
                       [](unsigned char c) { return std::isalnum(c) || c == '+' || c == '-' || c == '.'; });
}

}  // namespace

MediaInfo probeMediaValue(std::string_view value) {
    const size_t first = static_cast<size_t>(std::find_if_not(value.begin(), value.end(), isSpace) - value.begin());
    if (first == value.size()) {
        MediaInfo info;
        info.problem = "empty media value: use a URL, a data URL or base64";
        return info;
    }
    size_t end = value.size();
    while (isSpace(value[end - 1])) --end;  // stops at the non-space at `first` at the latest
    value = value.substr(first, end - first);

    if (startsWithNoCase(value, "https://") || startsWithNoCase(value, "http://")) return probeUrl(value);
    if (startsWithNoCase(value, "data:")) return probeDataUrl(value);
    // Valid base64 has only base64 characters, so only broken text needs the second look.
    const Base64Scan scan = scanBase64(value);
    if (scan.problem.empty() || isBase64Text(value))
        return probeInline(value, scan, MediaEncoding::RawBase64, "base64 value");

    MediaInfo info;
    info.problem = "not a URL, data URL or base64: " + quotedExcerpt(value) +
                   (hasOtherScheme(value) ? " (only http:// and https:// URLs can be fetched)"
                                          : " (" + scan.problem + ")");
    return info;
}

}  // namespace vg
