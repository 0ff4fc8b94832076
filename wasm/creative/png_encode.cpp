// VideoGen core: PNG encoding with stored (uncompressed) deflate blocks.
// File layout: signature, IHDR, one IDAT holding a zlib stream, IEND. Each row is prefixed with
// filter type 0 (None); the zlib stream is a 2-byte header, stored blocks of at most 65535 bytes
// and the Adler-32 of the filtered rows.
#include "png_encode.h"

#include <algorithm>
#include <array>

namespace vg {

namespace {

constexpr uint64_t kMaxPixels = uint64_t(1) << 28;  // 16384 x 16384; far above any model's input limit
constexpr size_t kMaxStoredBlock = 65535;            // a stored block's LEN is 16 bits

std::array<uint32_t, 256> makeCrcTable() {
    std::array<uint32_t, 256> table{};
    for (uint32_t n = 0; n < 256; ++n) {
        uint32_t c = n;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    return table;
}

uint32_t crcUpdate(uint32_t crc, const uint8_t* data, size_t size) {
    static const std::array<uint32_t, 256> table = makeCrcTable();
    for (size_t i = 0; i < size; ++i) crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
    return crc;
}

void putBe32(std::vector<uint8_t>& out, uint32_t v) {
    out.push_back(uint8_t(v >> 24));
    out.push_back(uint8_t(v >> 16));
    out.push_back(uint8_t(v >> 8));
    out.push_back(uint8_t(v));
}

// Length, type, data, CRC over type + data.
void putChunk(std::vector<uint8_t>& out, const char type[4], const std::vector<uint8_t>& data) {
    putBe32(out, static_cast<uint32_t>(data.size()));
    const size_t typeAt = out.size();
    out.insert(out.end(), type, type + 4);
    out.insert(out.end(), data.begin(), data.end());
    putBe32(out, crc32(out.data() + typeAt, 4 + data.size()));
}

std::vector<uint8_t> zlibStored(const std::vector<uint8_t>& raw) {
    std::vector<uint8_t> out;
    out.reserve(raw.size() + (raw.size() / kMaxStoredBlock + 1) * 5 + 6);
    out.push_back(0x78);  // CMF: deflate, 32 KB window
    out.push_back(0x01);  // FLG: no dictionary, fastest; (0x78 * 256 + 0x01) % 31 == 0
    size_t pos = 0;
    do {
        const size_t length = std::min(kMaxStoredBlock, raw.size() - pos);
        const bool last = pos + length == raw.size();
        out.push_back(last ? 1 : 0);  // BFINAL, BTYPE 00 (stored)
        out.push_back(uint8_t(length));
        out.push_back(uint8_t(length >> 8));
        out.push_back(uint8_t(~length));
        out.push_back(uint8_t(~length >> 8));
        out.insert(out.end(), raw.begin() + pos, raw.begin() + pos + length);
        pos += length;
    } while (pos < raw.size());
    putBe32(out, adler32(raw.data(), raw.size()));
    return out;
}

}  // namespace

uint32_t crc32(const uint8_t* data, size_t size) { return crcUpdate(0xFFFFFFFFu, data, size) ^ 0xFFFFFFFFu; }

uint32_t adler32(const uint8_t* data, size_t size) {
    constexpr uint32_t kModulus = 65521;
    constexpr size_t kRun = 5552;  // longest run before the sums can overflow 32 bits
    uint32_t a = 1, b = 0;
    while (size > 0) {
        const size_t run = std::min(size, kRun);
        for (size_t i = 0; i < run; ++i) {
            a += data[i];
            b += a;
        }
        a %= kModulus;
        b %= kModulus;
        data += run;
        size -= run;
    }
    return (b << 16) | a;
}

std::vector<uint8_t> encodePng(const uint8_t* pixels, int width, int height, PngColor color) {
    if (!pixels || width <= 0 || height <= 0 || uint64_t(width) * uint64_t(height) > kMaxPixels) return {};
    const size_t bytesPerPixel = color == PngColor::Gray8 ? 1 : 4;
    const size_t rowBytes = size_t(width) * bytesPerPixel;

    std::vector<uint8_t> filtered;
    filtered.reserve((rowBytes + 1) * size_t(height));
    for (int y = 0; y < height; ++y) {
        filtered.push_back(0);  // filter type None
        const uint8_t* row = pixels + size_t(y) * rowBytes;
        filtered.insert(filtered.end(), row, row + rowBytes);
    }

    std::vector<uint8_t> header;
    putBe32(header, uint32_t(width));
    putBe32(header, uint32_t(height));
    header.push_back(8);                                      // bit depth
    header.push_back(color == PngColor::Gray8 ? 0 : 6);      // colour type
    header.push_back(0);                                      // compression: deflate
    header.push_back(0);                                      // filter method 0
    header.push_back(0);                                      // no interlace

    const std::vector<uint8_t> imageData = zlibStored(filtered);
    std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    png.reserve(8 + 25 + imageData.size() + 12 + 12);
    putChunk(png, "IHDR", header);
    putChunk(png, "IDAT", imageData);
    putChunk(png, "IEND", {});
    return png;
}

}  // namespace vg
