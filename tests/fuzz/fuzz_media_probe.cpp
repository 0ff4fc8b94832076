// libFuzzer target: the media probes (PNG, JPEG, WebP, GIF, MP4/MOV, WebM, MP3, WAV headers) on
// raw bytes, and the same bytes as a request's media value (a URL, a data URL or base64, decoded
// and probed). Checked besides "no crash": sizes and durations are sane, a problem is a message.
#include "media/media.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void check(const vg::MediaInfo& info) {
    if (info.width < 0 || info.height < 0) std::abort();
    if (!std::isfinite(info.durationSeconds) || info.durationSeconds < 0) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const vg::MediaInfo bytes = vg::probeMediaBytes(data, size);
    check(bytes);
    if (bytes.byteSize != 0 && bytes.byteSize != size) std::abort();
    const vg::MediaInfo value = vg::probeMediaValue(std::string_view(reinterpret_cast<const char*>(data), size));
    check(value);
    if (value.encoding == vg::MediaEncoding::Invalid && value.problem.empty()) std::abort();
    return 0;
}
