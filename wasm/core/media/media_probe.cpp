// VideoGen core: reading format, dimensions and duration from a file's first bytes (see media.h).
// The bytes come from users, so nothing here trusts a length field: every read goes through
// ByteView, which returns 0 past the end, and every walk advances by at least one header per step.
// Offsets are uint64_t because size_t is 32 bits in WASM and box sizes are 64-bit.
//
// [SECTION] ByteView         bounds-checked big/little-endian reads
// [SECTION] Images           PNG, JPEG, WebP, GIF
// [SECTION] Audio            WAV, MP3
// [SECTION] ISO BMFF         MP4 and MOV: ftyp, moov/mvhd, trak/tkhd + mdia/hdlr
// [SECTION] probeMediaBytes  dispatch on the magic number

#include "media/media.h"

#include "media/base64.h"

#include <algorithm>
#include <cstring>
#include <functional>

namespace vg {
namespace {

// ---- [SECTION] ByteView -----------------------------------------------------------------------

struct ByteView {
    const uint8_t* data = nullptr;  // the bytes, or null when they are read from `base64`
    std::string_view base64;        // contiguous base64 text carrying the bytes (scanBase64)
    uint64_t size = 0;

    bool has(uint64_t offset, uint64_t count) const { return offset <= size && count <= size - offset; }
    // An inline image is probed where it stands: a header needs a few of its bytes, not a decoded copy.
    uint8_t at(uint64_t offset) const { return data ? data[offset] : base64ByteAt(base64, offset); }
    uint8_t u8(uint64_t offset) const { return has(offset, 1) ? at(offset) : 0; }
    uint32_t be16(uint64_t o) const { return has(o, 2) ? uint32_t(at(o)) << 8 | at(o + 1) : 0; }
    uint32_t be32(uint64_t o) const { return has(o, 4) ? be16(o) << 16 | be16(o + 2) : 0; }
    uint64_t be64(uint64_t o) const { return has(o, 8) ? uint64_t(be32(o)) << 32 | be32(o + 4) : 0; }
    uint32_t le16(uint64_t o) const { return has(o, 2) ? uint32_t(at(o + 1)) << 8 | at(o) : 0; }
    uint32_t le24(uint64_t o) const { return has(o, 3) ? uint32_t(at(o + 2)) << 16 | le16(o) : 0; }
    uint32_t le32(uint64_t o) const { return has(o, 4) ? le16(o + 2) << 16 | le16(o) : 0; }
    bool matches(uint64_t offset, std::string_view text) const {
        if (!has(offset, text.size())) return false;
        for (size_t i = 0; i < text.size(); ++i)
            if (at(offset + i) != static_cast<uint8_t>(text[i])) return false;
        return true;
    }
    // `count` bytes from `offset` as text ("moov", a handler type); the caller checked they exist.
    void copy(uint64_t offset, size_t count, char* out) const {
        for (size_t i = 0; i < count; ++i) out[i] = static_cast<char>(at(offset + i));
    }
};

MediaInfo withProblem(MediaInfo info, const std::string& problem) {
    info.problem = problem;
    return info;
}

// ---- [SECTION] Images -------------------------------------------------------------------------

MediaInfo readPng(const ByteView& bytes, MediaInfo info) {
    if (!bytes.has(0, 24)) return withProblem(info, "PNG header is cut short");
    if (!bytes.matches(12, "IHDR")) return withProblem(info, "PNG does not start with an IHDR chunk");
    info.width = static_cast<int>(bytes.be32(16) & 0x7FFFFFFF);
    info.height = static_cast<int>(bytes.be32(20) & 0x7FFFFFFF);
    return info;
}

// Start-of-frame markers C0-CF carry the size, except C4 (DHT), C8 (JPG) and CC (DAC).
bool isStartOfFrame(uint8_t marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

// Markers that stand alone, without a length: TEM, RST0-7, SOI.
bool isStandaloneMarker(uint8_t marker) { return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8); }

MediaInfo readJpeg(const ByteView& bytes, MediaInfo info) {
    uint64_t pos = 2;
    while (true) {
        while (bytes.has(pos, 1) && bytes.u8(pos) != 0xFF) ++pos;          // tolerate junk between segments
        while (bytes.has(pos + 1, 1) && bytes.u8(pos + 1) == 0xFF) ++pos;  // fill bytes
        if (!bytes.has(pos, 2))
            return withProblem(info, "JPEG ends before its frame header (SOF): the data looks cut short");
        const uint8_t marker = bytes.u8(pos + 1);
        pos += 2;
        if (marker == 0x00 || isStandaloneMarker(marker)) continue;
        if (marker == 0xD9 || marker == 0xDA)
            return withProblem(info, "JPEG has no frame header (SOF) before its image data");
        if (!bytes.has(pos, 2)) return withProblem(info, "JPEG ends inside a segment header: the data looks cut short");
        const uint32_t length = bytes.be16(pos);  // counts itself, not the marker
        if (length < 2)
            return withProblem(info, "JPEG segment at offset " + std::to_string(pos - 2) + " has an impossible length");
        if (isStartOfFrame(marker)) {
            // length(2) precision(1) height(2) width(2)
            if (!bytes.has(pos, 7)) return withProblem(info, "JPEG frame header (SOF) is cut short");
            info.height = static_cast<int>(bytes.be16(pos + 3));
            info.width = static_cast<int>(bytes.be16(pos + 5));
            return info;
        }
        pos += length;
    }
}

MediaInfo readWebp(const ByteView& bytes, MediaInfo info) {
    const uint64_t payload = 20;  // RIFF(4) size(4) WEBP(4), then the first chunk's fourcc(4) size(4)
    if (bytes.matches(12, "VP8 ")) {
        // frame tag(3), start code 9D 01 2A, then 14-bit width and height (2 scaling bits each)
        if (!bytes.has(payload, 10)) return withProblem(info, "WebP (VP8) header is cut short");
        if (bytes.u8(payload + 3) != 0x9D || bytes.u8(payload + 4) != 0x01 || bytes.u8(payload + 5) != 0x2A) {
            return withProblem(info, "WebP (VP8) frame has no start code");
        }
        info.width = static_cast<int>(bytes.le16(payload + 6) & 0x3FFF);
        info.height = static_cast<int>(bytes.le16(payload + 8) & 0x3FFF);
        return info;
    }
    if (bytes.matches(12, "VP8L")) {
        // signature 0x2F, then width-1 and height-1 in 14 bits each, least significant bit first
        if (!bytes.has(payload, 5) || bytes.u8(payload) != 0x2F)
            return withProblem(info, "WebP (VP8L) header is cut short or broken");
        const uint32_t bits = bytes.le32(payload + 1);
        info.width = static_cast<int>((bits & 0x3FFF) + 1);
        info.height = static_cast<int>(((bits >> 14) & 0x3FFF) + 1);
        return info;
    }
    if (bytes.matches(12, "VP8X")) {
        // flags(1) reserved(3), then canvas width-1 and height-1 in 24 bits each
        if (!bytes.has(payload, 10)) return withProblem(info, "WebP (VP8X) header is cut short");
        info.width = static_cast<int>(bytes.le24(payload + 4) + 1);
        info.height = static_cast<int>(bytes.le24(payload + 7) + 1);
        return info;
    }
    return withProblem(info, "WebP has no VP8, VP8L or VP8X chunk first");
}

MediaInfo readGif(const ByteView& bytes, MediaInfo info) {
    if (!bytes.has(0, 10)) return withProblem(info, "GIF header is cut short");
    info.width = static_cast<int>(bytes.le16(6));
    info.height = static_cast<int>(bytes.le16(8));
    return info;
}

// ---- [SECTION] Audio --------------------------------------------------------------------------

MediaInfo readWav(const ByteView& bytes, MediaInfo info) {
    uint32_t byteRate = 0;
    for (uint64_t pos = 12; bytes.has(pos, 8);) {
        const uint64_t chunkSize = bytes.le32(pos + 4);
        const uint64_t payload = pos + 8;
        if (bytes.matches(pos, "fmt ") && bytes.has(payload, 12)) {
            byteRate = bytes.le32(payload + 8);  // format(2) channels(2) sampleRate(4) byteRate(4)
        } else if (bytes.matches(pos, "data")) {
            if (byteRate == 0) return withProblem(info, "WAV has no usable fmt chunk before its data");
            // streaming writers leave the size at 0 or 0xFFFFFFFF: then count what is actually there
            const uint64_t present = bytes.size - payload;
            const bool sizeUnset = chunkSize == 0 || chunkSize == UINT32_MAX;
            info.durationSeconds = static_cast<double>(sizeUnset ? present : chunkSize) / byteRate;
            if (!sizeUnset && chunkSize > present) return withProblem(info, "WAV data is cut short");
            return info;
        }
        pos = payload + chunkSize + (chunkSize & 1);  // chunks are padded to an even size
    }
    return withProblem(info, "WAV has no data chunk: the data looks cut short");
}

struct Mp3Frame {
    uint32_t bitrate = 0;     // bits per second
    uint32_t sampleRate = 0;  // Hz
    uint32_t samplesPerFrame = 0;
    uint32_t length = 0;  // bytes, header included
    uint32_t sideInfoLength = 0;
};

// Decodes the 4-byte MPEG audio frame header at `pos`; nullopt when it is not one.
std::optional<Mp3Frame> readMp3Frame(const ByteView& bytes, uint64_t pos) {
    if (!bytes.has(pos, 4) || bytes.u8(pos) != 0xFF || (bytes.u8(pos + 1) & 0xE0) != 0xE0) return std::nullopt;
    const uint32_t version = (bytes.u8(pos + 1) >> 3) & 3;  // 3 MPEG-1, 2 MPEG-2, 0 MPEG-2.5
    const uint32_t layer = (bytes.u8(pos + 1) >> 1) & 3;    // 3 layer I, 2 layer II, 1 layer III
    const uint32_t bitrateIndex = bytes.u8(pos + 2) >> 4;
    const uint32_t rateIndex = (bytes.u8(pos + 2) >> 2) & 3;
    const uint32_t padding = (bytes.u8(pos + 2) >> 1) & 1;
    const bool mono = (bytes.u8(pos + 3) >> 6) == 3;
    if (version == 1 || layer == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) return std::nullopt;

    static const uint16_t kBitrates[2][3][15] = {
        // [MPEG-1, MPEG-2/2.5][layer I, II, III][index], kbit/s
        {{0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
         {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
         {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}},
        {{0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
         {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
         {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}}};
    static const uint32_t kSampleRates[3] = {44100, 48000, 32000};  // MPEG-1; halved for 2, quartered for 2.5
    const bool mpeg1 = version == 3;
    const uint32_t layerIndex = 3 - layer;  // 0 layer I, 1 layer II, 2 layer III

    Mp3Frame frame;
    frame.bitrate = kBitrates[mpeg1 ? 0 : 1][layerIndex][bitrateIndex] * 1000u;
    frame.sampleRate = kSampleRates[rateIndex] >> (mpeg1 ? 0 : version == 2 ? 1 : 2);
    frame.samplesPerFrame = layerIndex == 0 ? 384 : (layerIndex == 2 && !mpeg1) ? 576 : 1152;
    frame.length = layerIndex == 0 ? (12 * frame.bitrate / frame.sampleRate + padding) * 4
                                   : frame.samplesPerFrame / 8 * frame.bitrate / frame.sampleRate + padding;
    frame.sideInfoLength = mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
    return frame;
}

MediaInfo readMp3(const ByteView& bytes, MediaInfo info) {
    uint64_t pos = 0;
    if (bytes.matches(0, "ID3")) {
        // ID3v2: size is 4 bytes of 7 bits each ("syncsafe"), plus a 10-byte footer when flagged
        const uint64_t tagSize = uint64_t(bytes.u8(6) & 0x7F) << 21 | uint64_t(bytes.u8(7) & 0x7F) << 14 |
                                 uint64_t(bytes.u8(8) & 0x7F) << 7 | (bytes.u8(9) & 0x7F);
        pos = 10 + tagSize + ((bytes.u8(5) & 0x10) ? 10 : 0);
        while (bytes.has(pos, 1) && bytes.u8(pos) == 0) ++pos;  // padding some taggers leave after the tag
    }
    const std::optional<Mp3Frame> frame = readMp3Frame(bytes, pos);
    if (!frame) return withProblem(info, "MP3 has no audio frame after its ID3 tag");

    // A Xing/Info header in the first frame (written by LAME and ffmpeg) counts the frames exactly.
    const uint64_t xing = pos + 4 + frame->sideInfoLength;
    if ((bytes.matches(xing, "Xing") || bytes.matches(xing, "Info")) && (bytes.be32(xing + 4) & 1)) {
        info.durationSeconds = static_cast<double>(bytes.be32(xing + 8)) * frame->samplesPerFrame / frame->sampleRate;
        return info;
    }
    // Otherwise assume a constant bitrate over the rest of the file, minus a trailing ID3v1 tag.
    const uint64_t id3v1 = bytes.size >= 128 && bytes.matches(bytes.size - 128, "TAG") ? 128 : 0;
    const uint64_t audioBytes = bytes.size - std::min(bytes.size, pos + id3v1);
    info.durationSeconds = static_cast<double>(audioBytes) * 8 / frame->bitrate;
    return info;
}

// Without an ID3 tag an MP3 starts with a frame sync; random data can look like one, so when the
// data is long enough, insist that the next frame follows where the first one ends.
bool looksLikeMp3(const ByteView& bytes) {
    if (bytes.matches(0, "ID3")) return true;
    const std::optional<Mp3Frame> first = readMp3Frame(bytes, 0);
    if (!first) return false;
    return !bytes.has(first->length, 4) || readMp3Frame(bytes, first->length).has_value();
}

// ---- [SECTION] ISO BMFF -----------------------------------------------------------------------

struct Box {
    uint64_t payload = 0;  // first byte after the header
    uint64_t end = 0;      // one past the last byte, clamped to the enclosing range
    char type[5] = {};
};

// Calls visit(box) for each box in [begin, end), in order; false when a box header is broken or
// a box runs past the range (its visible part is still visited).
bool forEachBox(const ByteView& bytes, uint64_t begin, uint64_t end, const std::function<void(const Box&)>& visit) {
    for (uint64_t pos = begin; pos < end;) {
        if (end - pos < 8) return false;
        Box box;
        bytes.copy(pos + 4, 4, box.type);
        uint64_t size = bytes.be32(pos);
        uint64_t header = 8;
        if (size == 1) {  // a 64-bit "largesize" follows the type
            if (end - pos < 16) return false;
            size = bytes.be64(pos + 8);
            header = 16;
        } else if (size == 0) {  // the box runs to the end of its container
            size = end - pos;
        }
        if (size < header) return false;
        box.payload = pos + header;
        const bool fits = size <= end - pos;
        box.end = fits ? pos + size : end;
        visit(box);
        if (!fits) return false;
        pos = box.end;
    }
    return true;
}

bool isType(const Box& box, const char* type) { return std::memcmp(box.type, type, 4) == 0; }

struct TrackInfo {
    int width = 0, height = 0;
    std::string handler;  // "vide", "soun", ...
};

TrackInfo readTrack(const ByteView& bytes, const Box& trak) {
    TrackInfo track;
    forEachBox(bytes, trak.payload, trak.end, [&](const Box& box) {
        if (isType(box, "tkhd")) {
            // width and height are 16.16 fixed point after version-dependent fields
            const uint64_t at = box.payload + (bytes.u8(box.payload) == 1 ? 88 : 76);
            if (at + 8 <= box.end) {
                track.width = static_cast<int>(bytes.be32(at) >> 16);
                track.height = static_cast<int>(bytes.be32(at + 4) >> 16);
            }
        } else if (isType(box, "mdia")) {
            forEachBox(bytes, box.payload, box.end, [&](const Box& child) {
                // version/flags(4) pre_defined or QuickTime component type(4), then the handler type
                if (isType(child, "hdlr") && child.payload + 12 <= child.end) {
                    track.handler.resize(4);
                    bytes.copy(child.payload + 8, 4, track.handler.data());
                }
            });
        }
    });
    return track;
}

void readMovie(const ByteView& bytes, const Box& moov, MediaInfo& info) {
    bool haveVideo = false;
    forEachBox(bytes, moov.payload, moov.end, [&](const Box& box) {
        if (isType(box, "mvhd")) {
            // v0: version/flags(4) created(4) modified(4) timescale(4) duration(4); v1: 8-byte times
            const bool v1 = bytes.u8(box.payload) == 1;
            const uint64_t timescaleAt = box.payload + (v1 ? 20 : 12);
            if (timescaleAt + (v1 ? 12 : 8) > box.end) return;
            const uint64_t timescale = bytes.be32(timescaleAt);
            const uint64_t duration = v1 ? bytes.be64(timescaleAt + 4) : bytes.be32(timescaleAt + 4);
            const bool unknown = v1 ? duration == UINT64_MAX : duration == UINT32_MAX;
            if (timescale > 0 && !unknown) info.durationSeconds = static_cast<double>(duration) / timescale;
        } else if (isType(box, "trak") && !haveVideo) {
            const TrackInfo track = readTrack(bytes, box);
            // the first video track; a track without a handler box counts when it has a picture size
            if (track.handler == "vide" || (track.handler.empty() && track.width > 0)) {
                info.width = track.width;
                info.height = track.height;
                haveVideo = true;
            }
        }
    });
}

// Major brands of still-image formats that share the MP4 container (HEIF, AVIF): not videos.
bool isImageBrand(const ByteView& bytes) {
    for (const char* brand : {"avif", "avis", "heic", "heix", "mif1", "msf1"}) {
        if (bytes.matches(8, brand)) return true;
    }
    return false;
}

MediaInfo readIsoMedia(const ByteView& bytes, MediaInfo info) {
    info.format = bytes.matches(8, "qt  ") || !bytes.matches(4, "ftyp") ? "mov" : "mp4";
    bool haveMovie = false;
    const bool complete = forEachBox(bytes, 0, bytes.size, [&](const Box& box) {
        if (isType(box, "moov") && !haveMovie) {  // before or after mdat, depending on the muxer
            readMovie(bytes, box, info);
            haveMovie = true;
        }
    });
    if (!haveMovie) {
        return withProblem(info, complete ? "video has no moov box, so its duration and size are unknown"
                                          : "video ends before its moov box: the data looks cut short");
    }
    return complete ? info : withProblem(info, "video ends inside a box: the data looks cut short");
}

bool looksLikeIsoMedia(const ByteView& bytes) {
    if (bytes.matches(4, "ftyp")) return !isImageBrand(bytes);
    // QuickTime files from before the ftyp box start with one of these
    return bytes.matches(4, "moov") || bytes.matches(4, "mdat") || bytes.matches(4, "wide");
}

// ---- [SECTION] probeMediaBytes ----------------------------------------------------------------

MediaInfo probeBytes(const ByteView& bytes) {
    MediaInfo info;
    info.byteSize = bytes.size;
    const auto as = [&](const char* format) {
        info.format = format;
        return info;
    };
    if (bytes.matches(0, "\x89PNG\r\n\x1A\n")) return readPng(bytes, as("png"));
    if (bytes.matches(0, "\xFF\xD8\xFF")) return readJpeg(bytes, as("jpeg"));
    if (bytes.matches(0, "RIFF") && bytes.matches(8, "WEBP")) return readWebp(bytes, as("webp"));
    if (bytes.matches(0, "RIFF") && bytes.matches(8, "WAVE")) return readWav(bytes, as("wav"));
    if (bytes.matches(0, "GIF87a") || bytes.matches(0, "GIF89a")) return readGif(bytes, as("gif"));
    if (bytes.matches(0, "\x1A\x45\xDF\xA3")) return as("webm");  // EBML magic: format only
    if (looksLikeIsoMedia(bytes)) return readIsoMedia(bytes, info);
    if (looksLikeMp3(bytes)) return readMp3(bytes, as("mp3"));
    return info;
}

}  // namespace

MediaInfo probeMediaBytes(const uint8_t* data, size_t size) { return probeBytes(ByteView{data, {}, data ? size : 0}); }

MediaInfo probeMediaBase64(std::string_view base64, size_t byteSize) { return probeBytes(ByteView{nullptr, base64, byteSize}); }

}  // namespace vg
