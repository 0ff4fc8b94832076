// VideoGen core: media values and header probing.
// A media value in a request is a URL, a data URL or raw base64. Inline values are decoded and
// their headers read here (PNG, JPEG, WebP, GIF, MP4/MOV, WebM, MP3, WAV) so the validator can
// check format, byte size, dimensions and duration without any I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vg {

enum class MediaEncoding { Url, DataUrl, RawBase64, Invalid };

struct MediaInfo {
    MediaEncoding encoding = MediaEncoding::Invalid;
    std::string declaredMime;    // data URL's mime type, or "" ("image/png")
    std::string format;          // "png", "jpeg", "webp", "gif", "mp4", "mov", "webm", "mp3", "wav"; "" = unknown
    size_t byteSize = 0;         // decoded size (inline values); 0 for URLs
    int width = 0, height = 0;   // 0 when unknown
    double durationSeconds = 0;  // 0 when unknown
    std::string urlExtension;    // URLs: lower-case extension of the path ("png"), or ""
    std::string problem;         // non-empty: why the value could not be read ("not valid base64: ...")
};

// Classifies and probes one media value. Never throws; a broken value sets `problem`.
MediaInfo probeMediaValue(std::string_view value);

// Reads format and dimensions/duration from the first bytes of a file.
MediaInfo probeMediaBytes(const uint8_t* data, size_t size);
// The same for the `byteSize` bytes that base64 text without whitespace carries (base64.h's
// scanBase64 says both), read where they stand instead of from a decoded copy.
MediaInfo probeMediaBase64(std::string_view base64, size_t byteSize);

// Base64 (standard or URL-safe alphabet, padding optional). nullopt when not base64.
std::optional<std::vector<uint8_t>> decodeBase64(std::string_view text);
std::string encodeBase64(const uint8_t* data, size_t size);

}  // namespace vg
