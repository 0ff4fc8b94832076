// Tests for media values: classification (URL, data URL, raw base64), base64, and header probing of
// every supported format, from hand-built headers and from small real files ffmpeg made. Hostile
// input (every truncated prefix of every sample, random bytes, absurd box sizes) must never read
// out of range: run this suite under -fsanitize=address to check that part.
//
// [SECTION] Byte builders and hand-built samples
// [SECTION] Real files made by ffmpeg
// [SECTION] Base64
// [SECTION] probeMediaValue: classification
// [SECTION] probeMediaBytes: formats
// [SECTION] Hostile input

#include "request/input_limits.h"
#include "media/media.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace vg {
namespace {

// ---- [SECTION] Byte builders and hand-built samples --------------------------------------------

using Bytes = std::vector<uint8_t>;

Bytes operator+(Bytes left, const Bytes& right) {
    left.insert(left.end(), right.begin(), right.end());
    return left;
}
Bytes text(const std::string& ascii) { return Bytes(ascii.begin(), ascii.end()); }
Bytes zeros(size_t count) { return Bytes(count, 0); }
Bytes be16(uint32_t v) { return {uint8_t(v >> 8), uint8_t(v)}; }
Bytes be32(uint32_t v) { return be16(v >> 16) + be16(v & 0xFFFF); }
Bytes be64(uint64_t v) { return be32(uint32_t(v >> 32)) + be32(uint32_t(v)); }
Bytes le16(uint32_t v) { return {uint8_t(v), uint8_t(v >> 8)}; }
Bytes le24(uint32_t v) { return {uint8_t(v), uint8_t(v >> 8), uint8_t(v >> 16)}; }
Bytes le32(uint32_t v) { return le16(v & 0xFFFF) + le16(v >> 16); }

// ISO BMFF boxes: 32-bit size, or size 1 and a 64-bit "largesize" after the type.
Bytes box(const std::string& type, const Bytes& payload) {
    return be32(uint32_t(8 + payload.size())) + text(type) + payload;
}
Bytes largeBox(const std::string& type, const Bytes& payload) {
    return be32(1) + text(type) + be64(16 + payload.size()) + payload;
}
Bytes mvhdV0(uint32_t timescale, uint32_t duration) {
    return box("mvhd", zeros(4) + zeros(8) + be32(timescale) + be32(duration) + zeros(80));
}
Bytes mvhdV1(uint32_t timescale, uint64_t duration) {
    return box("mvhd", Bytes{1, 0, 0, 0} + zeros(16) + be32(timescale) + be64(duration) + zeros(80));
}
// width and height are 16.16 fixed point; a fraction must not change the integer size
Bytes tkhdV0(uint32_t width, uint32_t height) {
    return box("tkhd", zeros(4) + zeros(72) + be32(width << 16 | 0x8000) + be32(height << 16));
}
Bytes tkhdV1(uint32_t width, uint32_t height) {
    return box("tkhd", Bytes{1, 0, 0, 7} + zeros(84) + be32(width << 16) + be32(height << 16));
}
Bytes track(const Bytes& tkhd, const std::string& handler) {
    return box("trak", tkhd + box("mdia", box("mdhd", zeros(24)) + box("hdlr", zeros(8) + text(handler) + zeros(13))));
}
Bytes ftyp(const std::string& brand) { return box("ftyp", text(brand) + be32(512) + text("isomiso2mp41")); }

Bytes pngHeader(uint32_t width, uint32_t height) {
    return text("\x89PNG\r\n\x1A\n") + be32(13) + text("IHDR") + be32(width) + be32(height) + Bytes{8, 2, 0, 0, 0} +
           be32(0);
}

struct Sample {
    std::string name;
    Bytes bytes;
    std::string format;
    int width = 0, height = 0;
    double durationSeconds = 0;
};

std::vector<Sample> handBuiltSamples() {
    std::vector<Sample> samples;
    samples.push_back({"png", pngHeader(300, 200) + box("IDAT", zeros(10)), "png", 300, 200, 0});
    // APP0, fill bytes, a DHT (C4: not a frame header though in the C0-CF range) whose bytes would
    // read as 0x0102 x 0x0304, a standalone TEM marker, then a progressive SOF2 with the real size
    samples.push_back({"jpeg",
                       Bytes{0xFF, 0xD8} + Bytes{0xFF, 0xE0} + be16(16) + text("JFIF") + zeros(10) +
                           Bytes{0xFF, 0xFF, 0xFF, 0xC4} + be16(8) + Bytes{0x08, 0x01, 0x02, 0x03, 0x04, 0x00} +
                           Bytes{0xFF, 0x01} + Bytes{0xFF, 0xC2} + be16(17) + Bytes{8} + be16(480) + be16(640) +
                           Bytes{3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1} + Bytes{0xFF, 0xDA} + be16(8) + zeros(6) +
                           Bytes{0xFF, 0xD9},
                       "jpeg", 640, 480, 0});
    // VP8 keyframe: tag, start code, then 14-bit sizes whose top 2 bits are a scale to ignore
    samples.push_back({"webp-vp8",
                       text("RIFF") + le32(30) + text("WEBPVP8 ") + le32(10) +
                           Bytes{0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A} + le16(0x4000 | 640) + le16(0x8000 | 360),
                       "webp", 640, 360, 0});
    samples.push_back({"webp-vp8l",
                       text("RIFF") + le32(26) + text("WEBPVP8L") + le32(5) + Bytes{0x2F} + le32(1023 | 767u << 14),
                       "webp", 1024, 768, 0});
    samples.push_back(
        {"webp-vp8x",
         text("RIFF") + le32(30) + text("WEBPVP8X") + le32(10) + Bytes{0x10, 0, 0, 0} + le24(4095) + le24(2159), "webp",
         4096, 2160, 0});
    samples.push_back({"gif", text("GIF89a") + le16(500) + le16(400) + Bytes{0, 0, 0}, "gif", 500, 400, 0});
    // a 64-bit mdat before moov; mvhd and the video tkhd in version 1; an audio track first
    samples.push_back(
        {"mp4-largesize-v1",
         ftyp("isom") + largeBox("mdat", zeros(32)) +
             box("moov", mvhdV1(1000, 7500) + track(tkhdV0(0, 0), "soun") + track(tkhdV1(1920, 1080), "vide")),
         "mp4", 1920, 1080, 7.5});
    // the last box has size 0: it runs to the end of the file
    samples.push_back({"mp4-size-zero",
                       ftyp("mp42") + box("moov", mvhdV0(600, 3000) + track(tkhdV0(1280, 720), "vide")) + be32(0) +
                           text("mdat") + zeros(20),
                       "mp4", 1280, 720, 5.0});
    // QuickTime from before ftyp existed
    samples.push_back(
        {"mov-no-ftyp",
         box("wide", {}) + box("mdat", zeros(8)) + box("moov", mvhdV0(1000, 2000) + track(tkhdV0(720, 480), "vide")),
         "mov", 720, 480, 2.0});
    // 16-bit stereo at 48 kHz (192,000 bytes/s); an odd-sized LIST chunk is padded to even
    samples.push_back({"wav",
                       text("RIFF") + le32(0) + text("WAVE") + text("fmt ") + le32(16) + le16(1) + le16(2) +
                           le32(48000) + le32(192000) + le16(4) + le16(16) + text("LIST") + le32(3) +
                           Bytes{1, 2, 3, 0} + text("data") + le32(48000) + zeros(48000),
                       "wav", 0, 0, 0.25});
    // two MPEG-1 layer III frames, 128 kbit/s, 44.1 kHz: 417 bytes each, no ID3, no Xing
    const Bytes frame = Bytes{0xFF, 0xFB, 0x90, 0x00} + zeros(413);
    samples.push_back({"mp3-cbr", frame + frame, "mp3", 0, 0, 834 * 8 / 128000.0});
    samples.push_back(
        {"webm", Bytes{0x1A, 0x45, 0xDF, 0xA3} + Bytes{0x9F, 0x42, 0x86, 0x81, 0x01} + text("webm"), "webm", 0, 0, 0});
    return samples;
}

MediaInfo probe(const Bytes& bytes) { return probeMediaBytes(bytes.data(), bytes.size()); }

std::string base64Of(const Bytes& bytes) { return encodeBase64(bytes.data(), bytes.size()); }

// ---- [SECTION] Real files made by ffmpeg --------------------------------------------------------
// ffmpeg 5.1 (Debian 12) made these while the tests were written; ffprobe's figures are the
// expectations. They are our own generated test data.

// ffmpeg -f lavfi -i color=red:s=320x240 -frames:v 1 red.png
// 886 bytes
const char* const kFfmpegPng =
    "iVBORw0KGgoAAAANSUhEUgAAAUAAAADwCAIAAAD+Tyo8AAAACXBIWXMAAAABAAAAAQBPJcTWAAADKElEQVR4nO3OQQkAQRAEsfHv"
    "eeE89Kc4CERA7t0BP9UPgFk/AGb9AJj1A2DWD4BZPwBm/QCY9QNg1g+AWT8AZv0AmPUDYNYPgFk/AGb9AJj1A2DWD4BZPwBm/QCY"
    "9QNg1g+AWT8AZv0AmPUDYNYPgFk/AGb9AJj1A2DWD4BZPwBm/QCY9QNg1g+AWT8AZv0AmPUDYNYPgFk/AGb9AJj1A2DWD4BZPwBm"
    "/QCY9QNg1g+AWT8AZv0AmPUDYNYPgFk/AGb9AJj1A2DWD4BZPwBm/QCY9QNg1g+AWT8AZv0AmPUDYNYPgFk/AGb9AJj1A2DWD4BZ"
    "PwBm/QCY9QNg1g+AWT8AZv0AmPUDYNYPgFk/AGb9AJj1A2DWD4BZPwBm/QCY9QNg1g+AWT8AZv0AmPUDYNYPgFk/AGb9AJj1A2DW"
    "D4BZPwBm/QCY9QNg1g+AWT8AZv0AmPUDYNYPgFk/AGb9AJj1A2DWD4BZPwBm/QCY9QNg1g+AWT8AZv0AmPUDYNYPgFk/AGb9AJj1"
    "A2DWD4BZPwBm/QCY9QNg1g+AWT8AZv0AmPUDYNYPgFk/AGb9AJj1A2DWD4BZPwBm/QCY9QNg1g+AWT8AZv0AmPUDYNYPgFk/AGb9"
    "AJj1A2DWD4BZPwBm/QCY9QNg1g+AWT8AZv0AmPUDYNYPgFk/AGb9AJj1A2DWD4BZPwBm/QCY9QNg1g+AWT8AZv0AmPUDYNYPgFk/"
    "AGb9AJj1A2DWD4BZPwBm/QCY9QNg1g+AWT8AZv0AmPUDYNYPgFk/AGb9AJj1A2DWD4BZPwBm/QCY9QNg1g+AWT8AZv0AmPUDYNYP"
    "gFk/AGb9AJj1A2DWD4BZPwBm/QCY9QNg1g+AWT8AZv0AmPUDYNYPgFk/AGb9AJj1A2DWD4BZPwBm/QCY9QNg1g+AWT8AZv0AmPUD"
    "YNYPgFk/AGb9AJj1A2DWD4BZPwBm/QCY9QNg1g+AWT8AZv0AmPUDYNYPgFk/AGb9AJj1A2DWD4BZPwBm/QCY9QNg1g+AWT8AZv0A"
    "mPUDYNYPgFk/AGb9AJj1A2DWD4BZPwBm/QCY9QNg1g+AWT8AZv0AmH2XT41ZH/pBlgAAAABJRU5ErkJggg==";

// ffmpeg -f lavfi -i color=red:s=320x240 -frames:v 1 red.jpg
// 674 bytes
const char* const kFfmpegJpeg =
    "/9j/4AAQSkZJRgABAgAAAQABAAD//gAQTGF2YzU5LjM3LjEwMAD/2wBDAAgEBAQEBAUFBQUFBQYGBgYGBgYGBgYGBgYHBwcICAgH"
    "BwcGBgcHCAgICAkJCQgICAgJCQoKCgwMCwsODg4RERT/xABNAAEBAAAAAAAAAAAAAAAAAAAABgEBAQEAAAAAAAAAAAAAAAAAAAYH"
    "EAEAAAAAAAAAAAAAAAAAAAAAEQEAAAAAAAAAAAAAAAAAAAAA/8AAEQgA8AFAAwEiAAIRAAMRAP/aAAwDAQACEQMRAD8AiwEo38AA"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB/9k=";

// ffmpeg -f lavfi -i color=red:s=320x240 -frames:v 1 red.webp  (VP8)
// 252 bytes
const char* const kFfmpegWebpLossy =
    "UklGRvQAAABXRUJQVlA4IOgAAACwEwCdASpAAfAAPpFIoU0lpCMiICgAsBIJaW7hd1lwAABPeCch77ZOQ99snIe+2TkPfbJyHvtk"
    "5D32yciIHk5D32ych78AQD32ych77ZQMvFych77ZOREDych77ZOQ9+AIB77ZOQ99soGXi5OQ99snIiB5OQ99snIe/AEA99snIe+2"
    "UDLxcnIe+2TkRA8nIe+2TkPfgCAe+2TkPfbKBl4uTkPfbJiAAP7/r+uf/8Buvi2mX//3OB/3OB/3OB/G3AJyjKDNNVaPCgHzaF/c"
    "l/cl/cl/cl/cl/cl/cl/cl/cl/cl/cl/AAAA";

// ffmpeg -f lavfi -i color=red:s=32x24 -frames:v 1 -lossless 1 red.webp  (VP8L)
// 36 bytes
const char* const kFfmpegWebpLossless = "UklGRhwAAABXRUJQVlA4TA8AAAAvH8AFAAcQ9Y/+ByKi/wEA";

// ffmpeg -f lavfi -i color=red@0.5:s=32x24,format=rgba -frames:v 1 -c:v libwebp red.webp  (VP8X + ALPH)
// 120 bytes
const char* const kFfmpegWebpAlpha =
    "UklGRnAAAABXRUJQVlA4WAoAAAAQAAAAHwAAFwAAQUxQSAoAAAABB9C/iAhERP8DVlA4IEAAAABQAwCdASogABgAPpFCnEolo6Kh"
    "qAgAsBIJZQDGqoAAQFEcAAD+7qY//sWctgXj//ucD/ucD/ucD+NspCdnCgAA";

// ffmpeg -f lavfi -i color=blue:s=64x48:r=10:d=1 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -movflags +faststart
// blue.mp4  (moov first) 1611 bytes
const char* const kFfmpegMp4Faststart =
    "AAAAIGZ0eXBpc29tAAACAGlzb21pc28yYXZjMW1wNDEAAANJbW9vdgAAAGxtdmhkAAAAAAAAAAAAAAAAAAAD6AAAA+gAAQAAAQAA"
    "AAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAgAA"
    "AnN0cmFrAAAAXHRraGQAAAADAAAAAAAAAAAAAAABAAAAAAAAA+gAAAAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAABAAAA"
    "AAAAAAAAAAAAAABAAAAAAEAAAAAwAAAAAAAkZWR0cwAAABxlbHN0AAAAAAAAAAEAAAPoAAAAAAABAAAAAAHrbWRpYQAAACBtZGhk"
    "AAAAAAAAAAAAAAAAAAAoAAAAKABVxAAAAAAALWhkbHIAAAAAAAAAAHZpZGUAAAAAAAAAAAAAAABWaWRlb0hhbmRsZXIAAAABlm1p"
    "bmYAAAAUdm1oZAAAAAEAAAAAAAAAAAAAACRkaW5mAAAAHGRyZWYAAAAAAAAAAQAAAAx1cmwgAAAAAQAAAVZzdGJsAAAAtnN0c2QA"
    "AAAAAAAAAQAAAKZhdmMxAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAAAEAAMABIAAAASAAAAAAAAAABFUxhdmM1OS4zNy4xMDAgbGli"
    "eDI2NAAAAAAAAAAAAAAAGP//AAAALGF2Y0MBQsAK/+EAFWdCwAraEewEQAAAAwBAAAAFA8SJqAEABGjOD8gAAAAQcGFzcAAAAAEA"
    "AAABAAAAFGJ0cnQAAAAAAAAWkAAAFpAAAAAYc3R0cwAAAAAAAAABAAAACgAABAAAAAAUc3RzcwAAAAAAAAABAAAAAQAAABxzdHNj"
    "AAAAAAAAAAEAAAABAAAACgAAAAEAAAA8c3RzegAAAAAAAAAAAAAACgAAAngAAAAKAAAACgAAAAoAAAAKAAAACgAAAAoAAAAKAAAA"
    "CgAAAAoAAAAUc3RjbwAAAAAAAAABAAADeQAAAGJ1ZHRhAAAAWm1ldGEAAAAAAAAAIWhkbHIAAAAAAAAAAG1kaXJhcHBsAAAAAAAA"
    "AAAAAAAALWlsc3QAAAAlqXRvbwAAAB1kYXRhAAAAAQAAAABMYXZmNTkuMjcuMTAwAAAACGZyZWUAAALabWRhdAAAAlQGBf//UNxF"
    "6b3m2Ui3lizYINkj7u94MjY0IC0gY29yZSAxNjQgcjMwOTUgYmFlZTQwMCAtIEguMjY0L01QRUctNCBBVkMgY29kZWMgLSBDb3B5"
    "bGVmdCAyMDAzLTIwMjIgLSBodHRwOi8vd3d3LnZpZGVvbGFuLm9yZy94MjY0Lmh0bWwgLSBvcHRpb25zOiBjYWJhYz0wIHJlZj0x"
    "IGRlYmxvY2s9MDowOjAgYW5hbHlzZT0wOjAgbWU9ZGlhIHN1Ym1lPTAgcHN5PTEgcHN5X3JkPTEuMDA6MC4wMCBtaXhlZF9yZWY9"
    "MCBtZV9yYW5nZT0xNiBjaHJvbWFfbWU9MSB0cmVsbGlzPTAgOHg4ZGN0PTAgY3FtPTAgZGVhZHpvbmU9MjEsMTEgZmFzdF9wc2tp"
    "cD0xIGNocm9tYV9xcF9vZmZzZXQ9MCB0aHJlYWRzPTEgbG9va2FoZWFkX3RocmVhZHM9MSBzbGljZWRfdGhyZWFkcz0wIG5yPTAg"
    "ZGVjaW1hdGU9MSBpbnRlcmxhY2VkPTAgYmx1cmF5X2NvbXBhdD0wIGNvbnN0cmFpbmVkX2ludHJhPTAgYmZyYW1lcz0wIHdlaWdo"
    "dHA9MCBrZXlpbnQ9MjUwIGtleWludF9taW49MTAgc2NlbmVjdXQ9MCBpbnRyYV9yZWZyZXNoPTAgcmM9Y3JmIG1idHJlZT0wIGNy"
    "Zj0yMy4wIHFjb21wPTAuNjAgcXBtaW49MCBxcG1heD02OSBxcHN0ZXA9NCBpcF9yYXRpbz0xLjQwIGFxPTAAgAAAABxliIQ6EYoA"
    "AjFxwABDyjgACAXJycnXXXXXXXXgAAAABkGaIBOhsAAAAAZBmkATobAAAAAGQZpgE6GwAAAABkGagBShsAAAAAZBmqAUobAAAAAG"
    "QZrAFKGwAAAABkGa4BShsAAAAAZBmwAUobAAAAAGQZsgFKGw";

// the same without -movflags +faststart  (moov after mdat)
// 1611 bytes
const char* const kFfmpegMp4MoovLast =
    "AAAAIGZ0eXBpc29tAAACAGlzb21pc28yYXZjMW1wNDEAAAAIZnJlZQAAAtptZGF0AAACVAYF//9Q3EXpvebZSLeWLNgg2SPu73gy"
    "NjQgLSBjb3JlIDE2NCByMzA5NSBiYWVlNDAwIC0gSC4yNjQvTVBFRy00IEFWQyBjb2RlYyAtIENvcHlsZWZ0IDIwMDMtMjAyMiAt"
    "IGh0dHA6Ly93d3cudmlkZW9sYW4ub3JnL3gyNjQuaHRtbCAtIG9wdGlvbnM6IGNhYmFjPTAgcmVmPTEgZGVibG9jaz0wOjA6MCBh"
    "bmFseXNlPTA6MCBtZT1kaWEgc3VibWU9MCBwc3k9MSBwc3lfcmQ9MS4wMDowLjAwIG1peGVkX3JlZj0wIG1lX3JhbmdlPTE2IGNo"
    "cm9tYV9tZT0xIHRyZWxsaXM9MCA4eDhkY3Q9MCBjcW09MCBkZWFkem9uZT0yMSwxMSBmYXN0X3Bza2lwPTEgY2hyb21hX3FwX29m"
    "ZnNldD0wIHRocmVhZHM9MSBsb29rYWhlYWRfdGhyZWFkcz0xIHNsaWNlZF90aHJlYWRzPTAgbnI9MCBkZWNpbWF0ZT0xIGludGVy"
    "bGFjZWQ9MCBibHVyYXlfY29tcGF0PTAgY29uc3RyYWluZWRfaW50cmE9MCBiZnJhbWVzPTAgd2VpZ2h0cD0wIGtleWludD0yNTAg"
    "a2V5aW50X21pbj0xMCBzY2VuZWN1dD0wIGludHJhX3JlZnJlc2g9MCByYz1jcmYgbWJ0cmVlPTAgY3JmPTIzLjAgcWNvbXA9MC42"
    "MCBxcG1pbj0wIHFwbWF4PTY5IHFwc3RlcD00IGlwX3JhdGlvPTEuNDAgYXE9MACAAAAAHGWIhDoRigACMXHAAEPKOAAIBcnJyddd"
    "dddddeAAAAAGQZogE6GwAAAABkGaQBOhsAAAAAZBmmATobAAAAAGQZqAFKGwAAAABkGaoBShsAAAAAZBmsAUobAAAAAGQZrgFKGw"
    "AAAABkGbABShsAAAAAZBmyAUobAAAANJbW9vdgAAAGxtdmhkAAAAAAAAAAAAAAAAAAAD6AAAA+gAAQAAAQAAAAAAAAAAAAAAAAEA"
    "AAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAgAAAnN0cmFrAAAAXHRr"
    "aGQAAAADAAAAAAAAAAAAAAABAAAAAAAAA+gAAAAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAABA"
    "AAAAAEAAAAAwAAAAAAAkZWR0cwAAABxlbHN0AAAAAAAAAAEAAAPoAAAAAAABAAAAAAHrbWRpYQAAACBtZGhkAAAAAAAAAAAAAAAA"
    "AAAoAAAAKABVxAAAAAAALWhkbHIAAAAAAAAAAHZpZGUAAAAAAAAAAAAAAABWaWRlb0hhbmRsZXIAAAABlm1pbmYAAAAUdm1oZAAA"
    "AAEAAAAAAAAAAAAAACRkaW5mAAAAHGRyZWYAAAAAAAAAAQAAAAx1cmwgAAAAAQAAAVZzdGJsAAAAtnN0c2QAAAAAAAAAAQAAAKZh"
    "dmMxAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAAAEAAMABIAAAASAAAAAAAAAABFUxhdmM1OS4zNy4xMDAgbGlieDI2NAAAAAAAAAAA"
    "AAAAGP//AAAALGF2Y0MBQsAK/+EAFWdCwAraEewEQAAAAwBAAAAFA8SJqAEABGjOD8gAAAAQcGFzcAAAAAEAAAABAAAAFGJ0cnQA"
    "AAAAAAAWkAAAFpAAAAAYc3R0cwAAAAAAAAABAAAACgAABAAAAAAUc3RzcwAAAAAAAAABAAAAAQAAABxzdHNjAAAAAAAAAAEAAAAB"
    "AAAACgAAAAEAAAA8c3RzegAAAAAAAAAAAAAACgAAAngAAAAKAAAACgAAAAoAAAAKAAAACgAAAAoAAAAKAAAACgAAAAoAAAAUc3Rj"
    "bwAAAAAAAAABAAAAMAAAAGJ1ZHRhAAAAWm1ldGEAAAAAAAAAIWhkbHIAAAAAAAAAAG1kaXJhcHBsAAAAAAAAAAAAAAAALWlsc3QA"
    "AAAlqXRvbwAAAB1kYXRhAAAAAQAAAABMYXZmNTkuMjcuMTAw";

// the same, written to blue.mov  (brand 'qt  ')
// 1558 bytes
const char* const kFfmpegMov =
    "AAAAFGZ0eXBxdCAgAAACAHF0ICAAAAAId2lkZQAAAtptZGF0AAACVAYF//9Q3EXpvebZSLeWLNgg2SPu73gyNjQgLSBjb3JlIDE2"
    "NCByMzA5NSBiYWVlNDAwIC0gSC4yNjQvTVBFRy00IEFWQyBjb2RlYyAtIENvcHlsZWZ0IDIwMDMtMjAyMiAtIGh0dHA6Ly93d3cu"
    "dmlkZW9sYW4ub3JnL3gyNjQuaHRtbCAtIG9wdGlvbnM6IGNhYmFjPTAgcmVmPTEgZGVibG9jaz0wOjA6MCBhbmFseXNlPTA6MCBt"
    "ZT1kaWEgc3VibWU9MCBwc3k9MSBwc3lfcmQ9MS4wMDowLjAwIG1peGVkX3JlZj0wIG1lX3JhbmdlPTE2IGNocm9tYV9tZT0xIHRy"
    "ZWxsaXM9MCA4eDhkY3Q9MCBjcW09MCBkZWFkem9uZT0yMSwxMSBmYXN0X3Bza2lwPTEgY2hyb21hX3FwX29mZnNldD0wIHRocmVh"
    "ZHM9MSBsb29rYWhlYWRfdGhyZWFkcz0xIHNsaWNlZF90aHJlYWRzPTAgbnI9MCBkZWNpbWF0ZT0xIGludGVybGFjZWQ9MCBibHVy"
    "YXlfY29tcGF0PTAgY29uc3RyYWluZWRfaW50cmE9MCBiZnJhbWVzPTAgd2VpZ2h0cD0wIGtleWludD0yNTAga2V5aW50X21pbj0x"
    "MCBzY2VuZWN1dD0wIGludHJhX3JlZnJlc2g9MCByYz1jcmYgbWJ0cmVlPTAgY3JmPTIzLjAgcWNvbXA9MC42MCBxcG1pbj0wIHFw"
    "bWF4PTY5IHFwc3RlcD00IGlwX3JhdGlvPTEuNDAgYXE9MACAAAAAHGWIhDoRigACMXHAAEPKOAAIBcnJyddddddddeAAAAAGQZog"
    "E6GwAAAABkGaQBOhsAAAAAZBmmATobAAAAAGQZqAFKGwAAAABkGaoBShsAAAAAZBmsAUobAAAAAGQZrgFKGwAAAABkGbABShsAAA"
    "AAZBmyAUobAAAAMgbW9vdgAAAGxtdmhkAAAAAAAAAAAAAAAAAAAD6AAAA+gAAQAAAQAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAA"
    "AAABAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAgAAAot0cmFrAAAAXHRraGQAAAADAAAAAAAA"
    "AAAAAAABAAAAAAAAA+gAAAAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAABAAAAAAEAAAAAwAAAA"
    "AAAkZWR0cwAAABxlbHN0AAAAAAAAAAEAAAPoAAAAAAABAAAAAAIDbWRpYQAAACBtZGhkAAAAAAAAAAAAAAAAAAAoAAAAKAB//wAA"
    "AAAALWhkbHIAAAAAbWhscnZpZGUAAAAAAAAAAAAAAAAMVmlkZW9IYW5kbGVyAAABrm1pbmYAAAAUdm1oZAAAAAEAAAAAAAAAAAAA"
    "ACxoZGxyAAAAAGRobHJ1cmwgAAAAAAAAAAAAAAAAC0RhdGFIYW5kbGVyAAAAJGRpbmYAAAAcZHJlZgAAAAAAAAABAAAADHVybCAA"
    "AAABAAABQnN0YmwAAACic3RzZAAAAAAAAAABAAAAkmF2YzEAAAAAAAAAAQAAAABGRk1QAAACAAAAAgAAQAAwAEgAAABIAAAAAAAA"
    "AAEVTGF2YzU5LjM3LjEwMCBsaWJ4MjY0AAAAAAAAAAAAAAAY//8AAAAsYXZjQwFCwAr/4QAVZ0LACtoR7ARAAAADAEAAAAUDxImo"
    "AQAEaM4PyAAAABBwYXNwAAAAAQAAAAEAAAAYc3R0cwAAAAAAAAABAAAACgAABAAAAAAUc3RzcwAAAAAAAAABAAAAAQAAABxzdHNj"
    "AAAAAAAAAAEAAAABAAAACgAAAAEAAAA8c3RzegAAAAAAAAAAAAAACgAAAngAAAAKAAAACgAAAAoAAAAKAAAACgAAAAoAAAAKAAAA"
    "CgAAAAoAAAAUc3RjbwAAAAAAAAABAAAAJAAAACF1ZHRhAAAAGalzd3IADVXETGF2ZjU5LjI3LjEwMA==";

// ffmpeg -f lavfi -i sine=frequency=440:duration=1:sample_rate=4000 -ac 1 -c:a pcm_u8 -fflags +bitexact -flags:a
// +bitexact sine.wav 4044 bytes
const char* const kFfmpegWav =
    "UklGRsQPAABXQVZFZm10IBAAAAABAAEAoA8AAKAPAAABAAgAZGF0YaAPAACAio+OhXtycHV+iY+OhnxzcHR9iI+Oh31zcHN9h46P"
    "iH10cHN8ho6PiX51cHJ7hY6PioB1cHF6hI2PioF2cHF5g4yPi4J3cHF4goyPjIN4cXB3gouPjIN5cXB2gYqPjYR6cXB1gIqPjoV7"
    "cnB1fomPjoZ8c3B0fYiPjod9c3BzfYeOj4h9dHBzfIaOj4l+dXBye4WOj4qAdXBxeoSNj4qBdnBxeYOMj4uCd3BxeIKMj4yDeHFw"
    "d4KLj4yDeXFwdoGKj42EenFwdYCKj46Fe3JwdX6Jj46GfHNwdH2Ij46HfXNwc32Hjo+IfXRwc3yGjo+JfnVwcnuFjo+KgHVwcXqE"
    "jY+KgXZwcXmDjI+LgndwcXiCjI+Mg3hxcHeCi4+Mg3lxcHaBio+NhHpxcHWAio+OhXtycHV+iY+OhnxzcHR9iI+Oh31zcHN9h46P"
    "iH10cHN8ho6PiX51cHJ7hY6PioB1cHF6hI2PioF2cHF5g4yPi4J3cHF4goyPjIN4cXB3gouPjIN5cXB2gYqPjYR6cXB1gIqPjoV7"
    "cnB1fomPjoZ8c3B0fYiPjod9c3BzfYeOj4h9dHBzfIaOj4l+dXBye4WOj4qAdXBxeoSNj4qBdnBxeYOMj4uCd3BxeIKMj4yDeHFw"
    "d4KLj4yDeXFwdoGKj42EenFwdYCKj46Fe3JwdX6Jj46GfHNwdH2Ij46HfXNwc32Hjo+IfXRwc3yGjo+JfnVwcnuFjo+KgHVwcXqE"
    "jY+KgXZwcXmDjI+LgndwcXiCjI+Mg3hxcHeCi4+Mg3lxcHaBio+NhHpxcHWAio+OhXtycHV+iY+OhnxzcHR9iI+Oh31zcHN9h46P"
    "iH10cHN8ho6PiX51cHJ7hY6PioB1cHF6hI2PioF2cHF5g4yPi4J3cHF4goyPjIN4cXB3gouPjIN5cXB2gYqPjYR6cXB1gIqPjoV7"
    "cnB1fomPjoZ8c3B0fYiPjod9c3BzfYeOj4h9dHBzfIaOj4l+dXBye4WOj4qAdXBxeoSNj4qBdnBxeYOMj4uCd3BxeIKMj4yDeHFw"
    "d4KLj4yDeXFwdoGKj42EenFwdYCKj46Fe3JwdX6Jj46GfHNwdH2Ij46HfXNwc32Hjo+IfXRwc3yGjo+JfnVwcnuFjo+KgHVwcXqE"
    "jY+KgXZwcXmDjI+LgndwcXiCjI+Mg3hxcHeCi4+Mg3lxcHaBio+NhHpxcHWAio+OhXtycHV+iY+OhnxzcHR9iI+Oh31zcHN9h46P"
    "iH10cHN8ho6PiX51cHJ7hY6PioB1cHF6hI2PioF2cHF5g4yPi4J3cHF4goyPjIN4cXB3gouPjIN5cXB2gYqPjYR6cXB1gIqPjoV7"
    "cnB1fomPjoZ8c3B0fYiPjod9c3BzfYeOj4h9dHBzfIaOj4l+dXBye4WOj4qAdXBxeoSNj4qBdnBxeYOMj4uCd3BxeIKMj4yDeHFw"
    "d4KLj4yDeXFwdoGKj42EenFwdYCKj46Fe3JwdX6Jj46GfHNwdH2Ij46HfXNwc32Hjo+IfXRwc3yGjo+JfnVwcnuFjo+KgHVwcXqE"
    "jY+KgXZwcXmDjI+LgndwcXiCjI+Mg3hxcHeCi4+Mg3lxcHaBio+NhHpxcHWAio+OhXtycHV+iY+OhnxzcHR9iI+Oh31zcHN9h46P"
    "iH10cHN8ho6PiX51cHJ7hY6PioB1cHF6hI2PioF2cHF5g4yPi4J3cHF4goyPjIN4cXB3gouPjIN5cXB2gYqPjYR6cXB1gIqPjoV7"
    "cnB1fomPjoZ8c3B0fYiPjod9c3BzfYeOj4h9dHBzfIaOj4l+dXBye4WOj4qAdXBxeoSNj4qBdnBxeYOMj4uCd3BxeIKMj4yDeHFw"
    "d4KLj4yDeXFwdoGKj42EenFwdYCKj46Fe3JwdX6Jj46GfHNwdH2Ij46HfXNwc32Hjo+IfXRwc3yGjo+JfnVwcnuFjo+KgHVwcXqE"
    "jY+KgXZwcXmDjI+LgndwcXiCjI+Mg3hxcHeCi4+Mg3lxcHaBio+NhHpxcHWAio+OhXtycHV+iY+OhnxzcHR9iI+Oh31zcHN9h46P"
    "iH10cHN8ho6PiX51cHJ7hY6PioB1cHF6hI2PioF2cHF5g4yPi4J3cHF4goyPjIN4cXB3gouPjIN5cXB2gYqPjYR6cXB1gIqPjoV7"
    "cnB1fomPjoZ8c3B0fYiPjod9c3BzfYeOj4h9dHBzfIaOj4l+dXBye4WOj4qAdXBxeoSNj4qBdnBxeYOMj4uCd3BxeIKMj4yDeHFw"
    "d4KLj4yDeXFwdoGKj42EenFwdYCKj46Fe3JwdX6Jj46GfHNwdH2Ij46HfXNwc32Hjo+IfXRwc3yGjo+JfnVwcnuFjo+KgHVwcXqE"
    "jY+KgXZwcXmDjI+LgndwcXiCjI+Mg3hxcHeCi4+Mg3lxcHaBio+NhHpxcHWAio+OhXtycHV+iY+OhnxzcHR9iI+Oh31zcHN9h46P"
    "iH10cHN8ho6PiX51cHJ7hY6PioB1cHF6hI2PioF2cHF5g4yPi4J3cHF4goyPjIN4cXB3gouPjIN5cXB2gYqPjYR6cXB1gIqPjoV7"
    "cnB1fomPjoZ8c3B0fYiPjod9c3BzfYeOj4h9dHBzfIaOj4l+dXBye4WOj4qAdXBxeoSNj4qBdnBxeYOMj4uCd3BxeIKMj4yDeHFw"
    "d4KLj4yDeXFwdoGKj42EenFwdYCKj46Fe3JwdX6Jj46GfHNwdH2Ij46HfXNwc32Hjo+IfXRwc3yGjo+JfnVwcnuFjo+KgHVwcXqE"
    "jY+KgXZwcXmDjI+LgndwcXiCjI+Mg3hxcHeCi4+Mg3lxcHaBio+NhHpxcHWAio+OhXtycHV+iY+OhnxzcHR9iI+Oh31zcHN9h46P"
    "iH10cHN8ho6PiX51cHJ7hY6PioB1cHF6hI2PioF2cHF5g4yPi4J3cHF4goyPjIN4cXB3gouPjIN5cXB2gYqPjYR6cXB1gIqPjoV7"
    "cnB1fomPjoZ8c3B0fYiPjod9c3BzfYeOj4h9dHBzfIaOj4l+dXBye4WOj4qAdXBxeoSNj4qBdnBxeYOMj4uCd3BxeIKMj4yDeHFw"
    "d4KLj4yDeXFwdoGKj42EenFwdYCKj46Fe3JwdX6Jj46GfHNwdH2Ij46HfXNwc32Hjo+IfXRwc3yGjo+JfnVwcnuFjo+KgHVwcXqE"
    "jY+KgXZwcXmDjI+LgndwcXiCjI+Mg3hxcHeCi4+Mg3lxcHaBio+NhHpxcHWAio+OhXtycHV+iY+OhnxzcHR9iI+Oh31zcHN9h46P"
    "iH10cHN8ho6PiX51cHJ7hY6PioB1cHF6hI2PioF2cHF5g4yPi4J3cHF4goyPjIN4cXB3gouPjIN5cXB2gYqPjYR6cXB1gIqPjoV7"
    "cnB1fomPjoZ8c3B0fYiPjod9c3BzfYeOj4h9dHBzfIaOj4l+dXBye4WOj4qAdXBxeoSNj4qBdnBxeYOMj4uCd3BxeIKMj4yDeHFw"
    "d4KLj4yDeXFwdoGKj42EenFwdYCKj46Fe3JwdX6Jj46GfHNwdH2Ij46HfXNwc32Hjo+IfXRwc3yGjo+JfnVwcnuFjo+KgHVwcXqE"
    "jY+KgXZwcXmDjI+LgndwcXiCjI+Mg3hxcHeCi4+Mg3lxcHaBio+NhHpxcHWAio+OhXtycHV+iY+OhnxzcHR9iI+Oh31zcHN9h46P"
    "iH10cHN8ho6PiX51cHJ7hY6PioB1cHF6hI2PioF2cHF5g4yPi4J3cHF4goyPjIN4cXB3gouPjIN5cXB2gYqPjYR6cXB1gIqPjoV7"
    "cnB1fomPjoZ8c3B0fYiPjod9c3BzfYeOj4h9dHBzfIaOj4l+dXBye4WOj4qAdXBxeoSNj4qBdnBxeYOMj4uCd3BxeIKMj4yDeHFw"
    "d4KLj4yDeXFwdoGKj42EenFwdYCKj46Fe3JwdX6Jj46GfHNwdH2Ij46HfXNwc32Hjo+IfXRwc3yGjo+JfnVwcnuFjo+KgHVwcXqE"
    "jY+KgXZwcXmDjI+LgndwcXiCjI+Mg3hxcHeCi4+Mg3lxcHaBio+NhHpxcHWAio+OhXtycHV+iY+OhnxzcHR9iI+Oh31zcHN9h46P"
    "iH10cHN8ho6PiX51cHJ7hY6PioB1cHF6hI2PioF2cHF5g4yPi4J3cHF4goyPjIN4cXB3gouPjIN5cXB2gYqPjYR6cXB1gIqPjoV7"
    "cnB1fomPjoZ8c3B0fYiPjod9c3BzfYeOj4h9dHBzfIaOj4l+dXBye4WOj4qAdXBxeoSNj4qBdnBxeYOMj4uCd3BxeIKMj4yDeHFw"
    "d4KLj4yDeXFwdoGKj42EenFwdYCKj46Fe3JwdX6Jj46GfHNwdH2Ij46HfXNwc32Hjo+IfXRwc3yGjo+JfnVwcnuFjo+KgHVwcXqE"
    "jY+KgXZwcXmDjI+LgndwcXiCjI+Mg3hxcHeCi4+Mg3lxcHaBio+NhHpxcHWAio+OhXtycHV+iY+OhnxzcHR9iI+Oh31zcHN9h46P"
    "iH10cHN8ho6PiX51cHJ7hY6PioB1cHF6hI2PioF2cHF5g4yPi4J3cHF4goyPjIN4cXB3gouPjIN5cXB2gYqPjYR6cXB1gIqPjoV7"
    "cnB1fomPjoZ8c3B0fYiPjod9c3BzfYeOj4h9dHBzfIaOj4l+dXBye4WOj4qAdXBxeoSNj4qBdnBxeYOMj4uCd3BxeIKMj4yDeHFw"
    "d4KLj4yDeXFwdoGKj42EenFwdYCKj46Fe3JwdX6Jj46GfHNwdH2Ij46HfXNwc32Hjo+IfXRwc3yGjo+JfnVwcnuFjo+KgHVwcXqE"
    "jY+KgXZwcXmDjI+LgndwcXiCjI+Mg3hxcHeCi4+Mg3lxcHaBio+NhHpxcHWAio+OhXtycHV+iY+OhnxzcHR9iI+Oh31zcHN9h46P"
    "iH10cHN8ho6PiX51cHJ7hY6PioB1cHF6hI2PioF2cHF5g4yPi4J3cHF4goyPjIN4cXB3gouPjIN5cXB2gYqPjYR6cXB1gIqPjoV7"
    "cnB1fomPjoZ8c3B0fYiPjod9c3BzfYeOj4h9dHBzfIaOj4l+dXBye4WOj4qAdXBxeoSNj4qBdnBxeYOMj4uCd3BxeIKMj4yDeHFw"
    "d4KLj4yDeXFwdoGKj42EenFwdYCKj46Fe3JwdX6Jj46GfHNwdH2Ij46HfXNwc32Hjo+IfXRwc3yGjo+JfnVwcnuFjo+KgHVwcXqE"
    "jY+KgXZwcXmDjI+LgndwcXiCjI+Mg3hxcHeCi4+Mg3lxcHaBio+NhHpxcHWAio+OhXtycHV+iY+OhnxzcHR9iI+Oh31zcHN9h46P"
    "iH10cHN8ho6PiX51cHJ7hY6PioB1cHF6hI2PioF2cHF5g4yPi4J3cHF4goyPjIN4cXB3gouPjIN5cXB2gYqPjYR6cXB1";

// ffmpeg -f lavfi -i sine=frequency=440:duration=1:sample_rate=8000 -ac 1 -c:a libmp3lame -b:a 8k sine.mp3  (ID3v2 +
// Info frame) 1413 bytes
const char* const kFfmpegMp3 =
    "SUQzBAAAAAAAI1RTU0UAAAAPAAADTGF2ZjU5LjI3LjEwMAAAAAAAAAAAAAAA/+M4wAAAAAAAAAAAAEluZm8AAAAPAAAAEAAABVgA"
    "NTU1NTU1Q0NDQ0NDUFBQUFBQXl5eXl5ea2tra2tra3l5eXl5eYaGhoaGhpSUlJSUlKGhoaGhoaGvr6+vr6+8vLy8vLzKysrKysrX"
    "19fX19fX5eXl5eXl8vLy8vLy////////AAAAAExhdmM1OS4zNwAAAAAAAAAAAAAAACQCgAAAAAAAAAVYnSLp1QAAAAAAAAAAAAAA"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/+MYxAAK8AbVuUEAAv9HcNtgBg+D4PvUCAIHIPg+fxOD4PoggcRB"
    "8H34IOu/wxwG/SGOXfznT7ulJoc4WcQ3/GVEJRyhC3+D/+MYxA8QmUKQAZRQAG8H6ge5ABlxEnAPiYDmR1gd6mHvgGgCQCorCKC6"
    "//IR6KpEPh8ab//5CgNCUJA1/4lOg0r//////////+MYxAcOaKY8Ad4AAP/////40iEYA4ASSQXAKMCsF4wfwajCHFKMQulwxvhN"
    "jDbBaMD0D4FAXiEAMDAKoSW07dP//vgSpVAg/+MYxAgNqKYsAFa8YCmJFGfQGycnl9GIANucd+h5p+CpmGqC8YJQC5QA8gRBoACA"
    "VL6x////3+U///9a/1//fGMDIYEAAdcF/+MYxAwO6KYsAKewgIIBpyIHmpGIyKqc5FMpq8iHmHkCsYMoFpgYARG6RjOX8Urx///Z"
    "/v9P////////Rf//+TsVQOAwSYQN/+MYxAsNaKYwAAb+RJgKECJ0AhGBgSyEkYCKDdEgESDADgwAMAVCAAsiAEECa4b/////+j//"
    "/1L/5/wCvIvqBQBjxhoi50XB/+MYxBAMOKY0AAa8RIbAc5vYucmiQFeYWoEQQD6GARoI0dlKWRYf////////1//n/DDK1AHHTkMA"
    "0BkwOgVjC1FfNpiqMzrR/+MYxBoMUKY0AAewSBUwnAVDA9AnMBwBYzGAw0wGH4/////61f9P/8JmmoLAYFMIFzCzYxaDMEsdozFO"
    "GjGvFyMDIG8CgUCM/+MYxCMMKKY0AD78YAHTPHgAUzma3/////9S///4JW0gyW6MaENIFOqSMOYGU4ITiTSIBFBQwwsEgYC4AIVA"
    "FQ8WywrX/////+MYxC0MaKY0AAa8RPr///9d/+/8YZ2pYt4hACAIE5gTA3GEWNKapWTJl4ilmD0DMYF4FpgMALGYgOOlYxOz////"
    "/qX/T//A/+MYxDYMYKY0AAewSCYigGMEBMcXMqyNd3MIMbI05s/DK1FSMGYGMwFwHkQV7IUprMFtqvgeo4i6jcDgDhoEEICrMOYD"
    "g4Ly/+MYxD8KiKY0AC68YF40kALjDFAHMEoAQwHQCwKAOIgAFlsI1////3ei///+shwYkEIAt7AwCgpAwLgUAwNAfA1xfZAybl/A"
    "/+MYxE8MMKY0AAH8QMbYcwMLYQQWA2GjgYCwChYeKO0kAj/////cR43Xa/////3TYGmLCKN+vIzSacbjKTYXtipb8wEfA0AC/+MY"
    "xFkMOKZEAVYAAJX/W/gIsKIFIDkDFEr//8d5JDkJhdJc6bf//5ocRN1gQgf/+sCEAdAgcP//yoENB4caQ///96EGss09/+MYxGMX"
    "sZ6MKZtoAGmq1bbWVteaOjJ2y5cuucg1A6jJIknrRk8yYvMrVq13GlxoUNxBsQVwU7IbiL8FdCVMQU1FMy4xMDBV/+MYxD8NILaE"
    "QcwIAVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVV";

struct RealFile {
    const char* name;
    const char* base64;
    const char* format;
    int width, height;
    double durationSeconds;
    size_t byteSize;
};

const RealFile kRealFiles[] = {
    {"png", kFfmpegPng, "png", 320, 240, 0, 886},
    {"jpeg", kFfmpegJpeg, "jpeg", 320, 240, 0, 674},
    {"webp-vp8", kFfmpegWebpLossy, "webp", 320, 240, 0, 252},
    {"webp-vp8l", kFfmpegWebpLossless, "webp", 32, 24, 0, 36},
    {"webp-vp8x", kFfmpegWebpAlpha, "webp", 32, 24, 0, 120},
    {"mp4-faststart", kFfmpegMp4Faststart, "mp4", 64, 48, 1.0, 1611},
    {"mp4-moov-last", kFfmpegMp4MoovLast, "mp4", 64, 48, 1.0, 1611},
    {"mov", kFfmpegMov, "mov", 64, 48, 1.0, 1558},
    {"wav", kFfmpegWav, "wav", 0, 0, 1.0, 4044},
    {"mp3", kFfmpegMp3, "mp3", 0, 0, 1.152, 1413},
};

Bytes decoded(const char* base64) { return decodeBase64(base64).value(); }

std::vector<Sample> allSamples() {
    std::vector<Sample> samples = handBuiltSamples();
    for (const RealFile& file : kRealFiles) {
        samples.push_back({std::string("ffmpeg-") + file.name, decoded(file.base64), file.format, file.width,
                           file.height, file.durationSeconds});
    }
    return samples;
}

// What the probe read agrees with what ffprobe said of the same file.
void expectMatchesFfprobe(const MediaInfo& info, const RealFile& file) {
    EXPECT_EQ(info.problem, "");
    EXPECT_EQ(info.format, file.format);
    EXPECT_EQ(info.width, file.width);
    EXPECT_EQ(info.height, file.height);
    EXPECT_NEAR(info.durationSeconds, file.durationSeconds, 1e-9);
    EXPECT_EQ(info.byteSize, file.byteSize);
}

TEST(MediaFfmpegFiles, RawBase64MatchesFfprobe) {
    for (const RealFile& file : kRealFiles) {
        SCOPED_TRACE(file.name);
        const MediaInfo info = probeMediaValue(file.base64);
        EXPECT_EQ(info.encoding, MediaEncoding::RawBase64);
        expectMatchesFfprobe(info, file);
    }
}

TEST(MediaFfmpegFiles, DataUrlsMatchFfprobe) {
    for (const RealFile& file : kRealFiles) {
        SCOPED_TRACE(file.name);
        const MediaInfo info = probeMediaValue(std::string("data:application/octet-stream;base64,") + file.base64);
        EXPECT_EQ(info.encoding, MediaEncoding::DataUrl);
        EXPECT_EQ(info.declaredMime, "application/octet-stream");
        expectMatchesFfprobe(info, file);
    }
}

TEST(MediaFfmpegFiles, UrlSafeBase64WithoutPaddingReadsTheSame) {
    for (const RealFile& file : kRealFiles) {
        SCOPED_TRACE(file.name);
        std::string urlSafe = file.base64;
        for (char& c : urlSafe) c = c == '+' ? '-' : c == '/' ? '_' : c;
        while (!urlSafe.empty() && urlSafe.back() == '=') urlSafe.pop_back();
        const MediaInfo info = probeMediaValue(urlSafe);
        EXPECT_EQ(info.problem, "");
        EXPECT_EQ(info.format, file.format);
        EXPECT_EQ(info.width, file.width);
        EXPECT_EQ(info.byteSize, file.byteSize);
    }
}

// ---- [SECTION] Base64 -------------------------------------------------------------------------

TEST(MediaBase64, RoundTripsEveryLength) {
    std::mt19937 random(7);
    for (size_t length = 0; length < 70; ++length) {
        Bytes bytes(length);
        for (uint8_t& b : bytes) b = static_cast<uint8_t>(random());
        const std::string encoded = base64Of(bytes);
        EXPECT_EQ(encoded.size(), (length + 2) / 3 * 4);
        if (length == 0) {
            EXPECT_FALSE(decodeBase64(encoded)) << "empty text is not base64";
        } else {
            EXPECT_EQ(decodeBase64(encoded), bytes) << encoded;
        }
    }
}

TEST(MediaBase64, KnownVectors) {
    EXPECT_EQ(encodeBase64(reinterpret_cast<const uint8_t*>("foobar"), 6), "Zm9vYmFy");
    EXPECT_EQ(encodeBase64(reinterpret_cast<const uint8_t*>("fooba"), 5), "Zm9vYmE=");
    EXPECT_EQ(encodeBase64(reinterpret_cast<const uint8_t*>("foob"), 4), "Zm9vYg==");
    EXPECT_EQ(decodeBase64("Zm9vYg=="), text("foob"));
    EXPECT_EQ(decodeBase64("Zm9vYg"), text("foob"));            // padding is optional
    EXPECT_EQ(decodeBase64("Zm9v\r\nYmFy\n"), text("foobar"));  // wrapped lines
    EXPECT_EQ(decodeBase64("-_-_"), decodeBase64("+/+/"));      // URL-safe alphabet
    EXPECT_EQ(decodeBase64("-_-_"), (Bytes{0xFB, 0xFF, 0xBF}));
}

TEST(MediaBase64, RejectsBrokenTextSayingWhere) {
    EXPECT_FALSE(decodeBase64("Zm9v YmF%"));
    EXPECT_FALSE(decodeBase64("Zm9vY"));      // 5 characters cannot encode whole bytes
    EXPECT_FALSE(decodeBase64("Zm9=vYmFy"));  // data after padding
    EXPECT_FALSE(decodeBase64("Zm9vY==="));   // three '='
    EXPECT_FALSE(decodeBase64("Zm9vYg="));    // padding that does not fill the group
    EXPECT_FALSE(decodeBase64("===="));
    EXPECT_EQ(probeMediaValue("data:image/png;base64,iVBORw0K%GgoAAAA").problem,
              "data URL payload is not valid base64: character '%' at offset 8 is not base64");
    EXPECT_EQ(probeMediaValue("data:image/png;base64,iVBORw0K\x01").problem,
              "data URL payload is not valid base64: byte 0x01 at offset 8 is not base64");
    EXPECT_EQ(
        probeMediaValue("iVBORw0KG").problem,
        "base64 value is not valid base64: 9 base64 characters cannot encode whole bytes: the data looks cut short");
    EXPECT_EQ(probeMediaValue("iVBO=Rw0K").problem,
              "base64 value is not valid base64: data after '=' padding at offset 5");
    EXPECT_EQ(probeMediaValue("iVBORw===").problem,
              "base64 value is not valid base64: too much '=' padding at offset 8");
}

TEST(MediaBase64, TenMegabyteImageProbesQuickly) {
    const Bytes image = pngHeader(4000, 3000) + zeros(10u * 1024u * 1024u);
    const std::string value = "data:image/png;base64," + base64Of(image);
    const auto start = std::chrono::steady_clock::now();
    const MediaInfo info = probeMediaValue(value);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(info.problem, "");
    EXPECT_EQ(info.width, 4000);
    EXPECT_EQ(info.byteSize, image.size());
    EXPECT_LT(seconds, 2.0);  // tens of milliseconds optimised; generous for debug and sanitizer builds
}

// Issue 10: inline base64 is probed where it stands (only the bytes a header needs are decoded), so
// it must read exactly as the decoded bytes do, however short the file or wherever the header is.
TEST(MediaBase64, EveryPrefixReadsAsItsDecodedBytes) {
    for (const Sample& sample : allSamples()) {
        SCOPED_TRACE(sample.name);
        // A prefix's base64 is the whole sample's up to its last whole group of three bytes, then
        // the rest encoded on its own: one encoding per sample instead of one per prefix (the
        // sanitizer build spent 30 s encoding them one by one).
        const std::string whole = base64Of(sample.bytes);
        for (size_t length = 1; length <= sample.bytes.size(); ++length) {
            const Bytes prefix(sample.bytes.begin(), sample.bytes.begin() + length);
            const size_t groups = length / 3;
            const std::string prefixBase64 =
                whole.substr(0, groups * 4) + encodeBase64(prefix.data() + groups * 3, length - groups * 3);
            const MediaInfo bytes = probe(prefix);
            const MediaInfo inlined = probeMediaValue(prefixBase64);
            ASSERT_EQ(inlined.encoding, MediaEncoding::RawBase64) << "at length " << length;
            ASSERT_EQ(inlined.problem, bytes.problem) << "at length " << length;
            ASSERT_EQ(inlined.format, bytes.format) << "at length " << length;
            ASSERT_EQ(inlined.byteSize, length);
            ASSERT_EQ(inlined.width, bytes.width) << "at length " << length;
            ASSERT_EQ(inlined.height, bytes.height) << "at length " << length;
            ASSERT_EQ(inlined.durationSeconds, bytes.durationSeconds) << "at length " << length;
        }
    }
}

TEST(MediaBase64, WrappedUrlSafeAndUnpaddedBase64ReadTheSame) {
    for (const Sample& sample : allSamples()) {
        SCOPED_TRACE(sample.name);
        const MediaInfo expected = probe(sample.bytes);
        std::string wrapped, urlSafe;
        const std::string base64 = base64Of(sample.bytes);
        for (size_t i = 0; i < base64.size(); i += 76) wrapped += base64.substr(i, 76) + "\r\n";
        for (char c : base64)
            if (c != '=') urlSafe += c == '+' ? '-' : c == '/' ? '_' : c;
        for (const std::string& value : {wrapped, urlSafe, "data:;base64," + wrapped}) {
            const MediaInfo info = probeMediaValue(value);
            EXPECT_EQ(info.problem, expected.problem);
            EXPECT_EQ(info.format, expected.format);
            EXPECT_EQ(info.byteSize, sample.bytes.size());
            EXPECT_EQ(info.width, expected.width);
            EXPECT_EQ(info.height, expected.height);
            EXPECT_EQ(info.durationSeconds, expected.durationSeconds);
        }
    }
}

// ---- [SECTION] probeMediaValue: classification ------------------------------------------------

TEST(MediaValue, HttpUrlsGiveTheirExtension) {
    const MediaInfo info = probeMediaValue("https://cdn.example.com/in/Cat.Photo.PNG?sig=a.jpg#frag.gif");
    EXPECT_EQ(info.encoding, MediaEncoding::Url);
    EXPECT_EQ(info.urlExtension, "png");
    EXPECT_EQ(info.problem, "");
    EXPECT_EQ(info.byteSize, 0u);
    EXPECT_EQ(probeMediaValue("HTTP://example.com/a.jpeg").urlExtension, "jpeg");
    EXPECT_EQ(probeMediaValue("http://example.com/v1.2/image").urlExtension, "");
    EXPECT_EQ(probeMediaValue("https://example.com").urlExtension, "");
    EXPECT_EQ(probeMediaValue("https://example.com?x=a.png").urlExtension, "");
    EXPECT_EQ(probeMediaValue("  https://example.com/a.webp \n").urlExtension, "webp");
    EXPECT_EQ(probeMediaValue("https:///a.png").problem, "URL has no host: \"https:///a.png\"");
    EXPECT_EQ(probeMediaValue("https://example.com/my cat.png").problem, "URL contains spaces: encode them as %20");
}

TEST(MediaValue, DataUrlsDeclareAMime) {
    const MediaInfo info = probeMediaValue("data:Image/PNG;name=cat.png;base64," + base64Of(pngHeader(640, 480)));
    EXPECT_EQ(info.encoding, MediaEncoding::DataUrl);
    EXPECT_EQ(info.declaredMime, "image/png");
    EXPECT_EQ(info.format, "png");
    EXPECT_EQ(info.width, 640);
    EXPECT_EQ(info.byteSize, 33u);
    // the declared type is reported as written; whether it matches the bytes is the validator's call
    EXPECT_EQ(probeMediaValue("data:image/jpeg;base64," + base64Of(pngHeader(1, 1))).format, "png");
}

TEST(MediaValue, DataUrlsMustBeBase64) {
    const MediaInfo plain = probeMediaValue("data:image/svg+xml,<svg/>");
    EXPECT_EQ(plain.encoding, MediaEncoding::DataUrl);
    EXPECT_EQ(plain.declaredMime, "image/svg+xml");
    EXPECT_EQ(plain.problem,
              "data URL is not base64 (data:image/svg+xml,...): use data:image/svg+xml;base64,<base64 data>");
    EXPECT_EQ(probeMediaValue("data:image/png;base64").problem, "data URL has no ',' before its data");
}

TEST(MediaValue, RawBase64IsDecodedAndProbed) {
    const MediaInfo info = probeMediaValue(base64Of(pngHeader(1024, 576)));
    EXPECT_EQ(info.encoding, MediaEncoding::RawBase64);
    EXPECT_EQ(info.declaredMime, "");
    EXPECT_EQ(info.format, "png");
    EXPECT_EQ(info.width, 1024);
    EXPECT_EQ(info.height, 576);
    // base64 of bytes that are no known format: readable, format unknown
    const MediaInfo unknown = probeMediaValue("AAECAwQFBgcICQ==");
    EXPECT_EQ(unknown.encoding, MediaEncoding::RawBase64);
    EXPECT_EQ(unknown.format, "");
    EXPECT_EQ(unknown.byteSize, 10u);
    EXPECT_EQ(unknown.problem, "");
}

TEST(MediaValue, AnythingElseIsInvalid) {
    const MediaInfo path = probeMediaValue("./images/cat.png");
    EXPECT_EQ(path.encoding, MediaEncoding::Invalid);
    EXPECT_EQ(path.problem,
              "not a URL, data URL or base64: \"./images/cat.png\" (character '.' at offset 0 is not base64)");
    EXPECT_EQ(probeMediaValue("gs://bucket/cat.png").problem,
              "not a URL, data URL or base64: \"gs://bucket/cat.png\" (only http:// and https:// URLs can be fetched)");
    EXPECT_EQ(probeMediaValue(std::string(500, 'x') + "!").problem,
              "not a URL, data URL or base64: \"" + std::string(kEchoBytes.value - 5, 'x') +
                  "\"... (character '!' at offset 500 is not base64)");
    EXPECT_EQ(probeMediaValue(" \n").problem, "empty media value: use a URL, a data URL or base64");
    EXPECT_EQ(probeMediaValue("").encoding, MediaEncoding::Invalid);
}

// ---- [SECTION] probeMediaBytes: formats -------------------------------------------------------

TEST(MediaBytes, HandBuiltHeadersOfEveryFormat) {
    for (const Sample& sample : handBuiltSamples()) {
        SCOPED_TRACE(sample.name);
        const MediaInfo info = probe(sample.bytes);
        EXPECT_EQ(info.problem, "");
        EXPECT_EQ(info.format, sample.format);
        EXPECT_EQ(info.width, sample.width);
        EXPECT_EQ(info.height, sample.height);
        EXPECT_NEAR(info.durationSeconds, sample.durationSeconds, 1e-9);
        EXPECT_EQ(info.byteSize, sample.bytes.size());
    }
}

TEST(MediaBytes, BrokenButRecognisedFilesSayWhy) {
    EXPECT_EQ(probe(Bytes{0xFF, 0xD8, 0xFF, 0xDA, 0, 2}).problem,
              "JPEG has no frame header (SOF) before its image data");
    EXPECT_EQ(probe(Bytes{0xFF, 0xD8, 0xFF, 0xE0, 0, 1}).problem, "JPEG segment at offset 2 has an impossible length");
    EXPECT_EQ(probe(text("\x89PNG\r\n\x1A\n") + be32(13) + text("tEXt") + zeros(13)).problem,
              "PNG does not start with an IHDR chunk");
    const MediaInfo noMoov = probe(ftyp("isom") + box("mdat", zeros(16)));
    EXPECT_EQ(noMoov.format, "mp4");
    EXPECT_EQ(noMoov.problem, "video has no moov box, so its duration and size are unknown");
    EXPECT_EQ(probe(ftyp("isom") + be32(4096) + text("mdat") + zeros(16)).problem,
              "video ends before its moov box: the data looks cut short");
    EXPECT_EQ(probe(text("RIFF") + le32(0) + text("WEBPALPH") + zeros(16)).problem,
              "WebP has no VP8, VP8L or VP8X chunk first");
    EXPECT_EQ(probe(text("RIFF") + le32(0) + text("WAVEdata") + le32(4) + zeros(4)).problem,
              "WAV has no usable fmt chunk before its data");
    EXPECT_EQ(probe(text("ID3") + Bytes{4, 0, 0, 0, 0, 0, 0} + zeros(20)).problem,
              "MP3 has no audio frame after its ID3 tag");
    const Bytes wavHeader = text("RIFF") + le32(0) + text("WAVEfmt ") + le32(16) + le16(1) + le16(1) + le32(8000) +
                            le32(8000) + le16(1) + le16(8) + text("data");
    const MediaInfo cutWav = probe(wavHeader + le32(8000) + zeros(100));
    EXPECT_EQ(cutWav.problem, "WAV data is cut short");
    EXPECT_DOUBLE_EQ(cutWav.durationSeconds, 1.0);  // what the header declares
}

TEST(MediaBytes, StillImagesInTheMp4ContainerAreNotVideos) {
    EXPECT_EQ(probe(ftyp("avif") + box("meta", zeros(8))).format, "");
    EXPECT_EQ(probe(ftyp("heic") + box("meta", zeros(8))).format, "");
}

TEST(MediaBytes, StreamingWavWithoutSizesCountsThePresentData) {
    const Bytes wav = text("RIFF") + le32(UINT32_MAX) + text("WAVEfmt ") + le32(16) + le16(1) + le16(1) + le32(8000) +
                      le32(8000) + le16(1) + le16(8) + text("data") + le32(UINT32_MAX) + zeros(4000);
    const MediaInfo info = probe(wav);
    EXPECT_EQ(info.problem, "");
    EXPECT_DOUBLE_EQ(info.durationSeconds, 0.5);
}

TEST(MediaBytes, UnknownBytesHaveNoFormat) {
    const MediaInfo info = probe(text("just some text, not media"));
    EXPECT_EQ(info.format, "");
    EXPECT_EQ(info.problem, "");
    EXPECT_EQ(info.byteSize, 25u);
    EXPECT_EQ(probeMediaBytes(nullptr, 0).format, "");
}

// ---- [SECTION] Hostile input ------------------------------------------------------------------

// Probes an exact-size heap copy, so a read past the end is caught by AddressSanitizer.
MediaInfo probeExactCopy(const Bytes& bytes, size_t length) {
    std::unique_ptr<uint8_t[]> copy(new uint8_t[length == 0 ? 1 : length]);
    if (length > 0) std::memcpy(copy.get(), bytes.data(), length);
    return probeMediaBytes(copy.get(), length);
}

TEST(MediaHostile, EveryTruncatedPrefixOfEverySample) {
    for (const Sample& sample : allSamples()) {
        SCOPED_TRACE(sample.name);
        for (size_t length = 0; length < sample.bytes.size(); ++length) {
            const MediaInfo info = probeExactCopy(sample.bytes, length);
            ASSERT_EQ(info.byteSize, length);
            // a cut-short file either says so or, when its header is complete, reads exactly as the whole
            // file does (an MP3 without a frame count is measured by its length, so skip its duration)
            if (info.format == sample.format && info.problem.empty()) {
                ASSERT_EQ(info.width, sample.width) << "at length " << length;
                ASSERT_EQ(info.height, sample.height) << "at length " << length;
                if (sample.format != "mp3") {
                    ASSERT_NEAR(info.durationSeconds, sample.durationSeconds, 1e-9) << "at length " << length;
                }
            }
        }
    }
}

TEST(MediaHostile, RandomBytesBehindEveryMagicNumber) {
    const std::vector<Bytes> magics = {{},
                                       text("\x89PNG\r\n\x1A\n"),
                                       {0xFF, 0xD8, 0xFF},
                                       text("RIFF") + le32(0) + text("WEBPVP8 "),
                                       text("RIFF") + le32(0) + text("WEBPVP8X"),
                                       text("RIFF") + le32(0) + text("WAVE"),
                                       text("GIF89a"),
                                       {0x1A, 0x45, 0xDF, 0xA3},
                                       be32(24) + text("ftypisom"),
                                       be32(1) + text("ftypqt  "),
                                       text("ID3"),
                                       {0xFF, 0xFB}};
    std::mt19937 random(2024);
    for (int round = 0; round < 3000; ++round) {
        Bytes bytes = magics[round % magics.size()];
        const size_t extra = random() % 300;
        for (size_t i = 0; i < extra; ++i) {
            // small values make plausible sizes and markers more likely than uniform bytes would
            bytes.push_back(static_cast<uint8_t>(random() % 4 == 0 ? random() % 4 : random()));
        }
        const MediaInfo info = probeExactCopy(bytes, bytes.size());
        ASSERT_EQ(info.byteSize, bytes.size());
        ASSERT_GE(info.width, 0);
        ASSERT_GE(info.height, 0);
        ASSERT_GE(info.durationSeconds, 0);
    }
}

TEST(MediaHostile, AbsurdBoxSizesStayInRange) {
    // a moov claiming 2^64-1 bytes, a largesize box with no room for its size, a box smaller than its header
    const Bytes huge =
        ftyp("isom") + be32(1) + text("moov") + be64(UINT64_MAX) + mvhdV0(1000, 1000) + track(tkhdV0(10, 10), "vide");
    const MediaInfo hugeInfo = probe(huge);
    EXPECT_EQ(hugeInfo.problem, "video ends inside a box: the data looks cut short");
    EXPECT_EQ(hugeInfo.width, 10);
    EXPECT_EQ(probe(ftyp("isom") + be32(1) + text("moov") + be32(0)).problem,
              "video ends before its moov box: the data looks cut short");
    EXPECT_EQ(probe(ftyp("isom") + be32(3) + text("moov") + zeros(8)).problem,
              "video ends before its moov box: the data looks cut short");
    // a tkhd too short for its width field is skipped, not read past
    EXPECT_EQ(probe(ftyp("isom") + box("moov", box("trak", box("tkhd", zeros(20)) +
                                                               box("mdia", box("hdlr", zeros(8) + text("vide"))))))
                  .width,
              0);
    // WAV chunk sizes near 4 GiB must not wrap the walk around
    EXPECT_EQ(probe(text("RIFF") + le32(0) + text("WAVE") + text("JUNK") + le32(UINT32_MAX) + zeros(8)).problem,
              "WAV has no data chunk: the data looks cut short");
}

}  // namespace
}  // namespace vg
