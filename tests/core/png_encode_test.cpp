// PNG encoding (motion-brush masks are exported as PNG, seed 001 "Same format as input image
// (.jpg, .jpeg, .png)"): checksums against published values, the header read back by the core's own
// probe, every chunk's CRC, and the pixels recovered from the stored deflate blocks.
#include "media/media.h"
#include "png_encode.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace vg {
namespace {

using Bytes = std::vector<uint8_t>;

uint32_t be32(const Bytes& b, size_t at) {
    return uint32_t(b[at]) << 24 | uint32_t(b[at + 1]) << 16 | uint32_t(b[at + 2]) << 8 | b[at + 3];
}

uint32_t crcOf(const std::string& ascii) { return crc32(reinterpret_cast<const uint8_t*>(ascii.data()), ascii.size()); }
uint32_t adlerOf(const std::string& ascii) {
    return adler32(reinterpret_cast<const uint8_t*>(ascii.data()), ascii.size());
}

struct Chunk {
    std::string type;
    Bytes data;
    bool crcMatches = false;
};

// Walks the chunks after the signature; stops at the end or at a chunk that overruns the file.
std::vector<Chunk> chunksOf(const Bytes& png) {
    std::vector<Chunk> chunks;
    size_t pos = 8;
    while (pos + 12 <= png.size()) {
        const size_t length = be32(png, pos);
        if (pos + 12 + length > png.size()) break;
        Chunk chunk;
        chunk.type.assign(png.begin() + pos + 4, png.begin() + pos + 8);
        chunk.data.assign(png.begin() + pos + 8, png.begin() + pos + 8 + length);
        chunk.crcMatches = crc32(png.data() + pos + 4, 4 + length) == be32(png, pos + 8 + length);
        chunks.push_back(chunk);
        pos += 12 + length;
    }
    return chunks;
}

// Inflates a zlib stream made only of stored blocks; checks the block lengths and the Adler-32.
Bytes inflateStored(const Bytes& z) {
    Bytes out;
    EXPECT_EQ((z.at(0) * 256 + z.at(1)) % 31, 0) << "zlib header check bits";
    EXPECT_EQ(z.at(0) & 0x0F, 8) << "deflate";
    size_t pos = 2;
    bool last = false;
    while (!last) {
        const uint8_t blockHeader = z.at(pos);
        last = blockHeader & 1;
        EXPECT_EQ((blockHeader >> 1) & 3, 0) << "stored block";
        const size_t length = z.at(pos + 1) | z.at(pos + 2) << 8;
        const size_t inverse = z.at(pos + 3) | z.at(pos + 4) << 8;
        EXPECT_EQ(length ^ 0xFFFF, inverse);
        out.insert(out.end(), z.begin() + pos + 5, z.begin() + pos + 5 + length);
        pos += 5 + length;
    }
    EXPECT_EQ(pos + 4, z.size());
    EXPECT_EQ(be32(z, pos), adler32(out.data(), out.size()));
    return out;
}

// The filtered rows without their (None) filter bytes.
Bytes unfilter(const Bytes& filtered, size_t rowBytes) {
    Bytes pixels;
    for (size_t at = 0; at < filtered.size(); at += rowBytes + 1) {
        EXPECT_EQ(filtered[at], 0) << "filter type None";
        pixels.insert(pixels.end(), filtered.begin() + at + 1, filtered.begin() + at + 1 + rowBytes);
    }
    return pixels;
}

TEST(PngEncode, ChecksumsMatchPublishedValues) {
    EXPECT_EQ(crcOf("123456789"), 0xCBF43926u);  // the CRC-32 check value
    EXPECT_EQ(crcOf("IEND"), 0xAE426082u);       // every PNG ends with these four bytes
    EXPECT_EQ(crcOf(""), 0u);
    EXPECT_EQ(adlerOf("Wikipedia"), 0x11E60398u);  // RFC 1950's worked example value
    EXPECT_EQ(adlerOf(""), 1u);
    // Long input: the modulus is taken every 5552 bytes; 0xFF * 100000 checked against the closed form.
    Bytes ones(100000, 0xFF);
    uint64_t a = 1, b = 0;
    for (uint8_t byte : ones) {
        a = (a + byte) % 65521;
        b = (b + a) % 65521;
    }
    EXPECT_EQ(adler32(ones.data(), ones.size()), uint32_t(b << 16 | a));
}

TEST(PngEncode, GrayMaskHeaderProbesAsPngSeed001) {
    Bytes mask(301 * 457, 0);
    mask[5] = 255;
    Bytes png = encodePng(mask.data(), 301, 457, PngColor::Gray8);
    MediaInfo info = probeMediaBytes(png.data(), png.size());
    EXPECT_EQ(info.format, "png");
    EXPECT_EQ(info.width, 301);
    EXPECT_EQ(info.height, 457);
    EXPECT_EQ(info.problem, "");
    // As a raw base64 value (Kling's form, seed 001) it probes the same.
    MediaInfo value = probeMediaValue(encodeBase64(png.data(), png.size()));
    EXPECT_EQ(value.encoding, MediaEncoding::RawBase64);
    EXPECT_EQ(value.format, "png");
    EXPECT_EQ(value.width, 301);
}

TEST(PngEncode, ChunksCarryValidCrcsAndPixelsRoundTrip) {
    const Bytes rgba = {255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0,    // row 0
                        1,   2, 3, 4,   5, 6,   7, 8,   9, 10, 11, 12};  // row 1
    Bytes png = encodePng(rgba.data(), 3, 2, PngColor::Rgba8);
    ASSERT_GE(png.size(), 8u);
    EXPECT_EQ(0, std::memcmp(png.data(), "\x89PNG\r\n\x1A\n", 8));
    std::vector<Chunk> chunks = chunksOf(png);
    ASSERT_EQ(chunks.size(), 3u);
    EXPECT_EQ(chunks[0].type, "IHDR");
    EXPECT_EQ(chunks[1].type, "IDAT");
    EXPECT_EQ(chunks[2].type, "IEND");
    for (const Chunk& chunk : chunks) EXPECT_TRUE(chunk.crcMatches) << chunk.type;
    const Bytes expectedHeader = {0, 0, 0, 3, 0, 0, 0, 2, 8, 6, 0, 0, 0};
    EXPECT_EQ(chunks[0].data, expectedHeader);
    EXPECT_EQ(unfilter(inflateStored(chunks[1].data), 12), rgba);
}

TEST(PngEncode, LargeImageSpansSeveralStoredBlocks) {
    const int width = 1000, height = 300;  // 300,300 filtered bytes: five stored blocks
    Bytes gray(size_t(width) * height);
    for (size_t i = 0; i < gray.size(); ++i) gray[i] = uint8_t(i * 7);
    Bytes png = encodePng(gray.data(), width, height, PngColor::Gray8);
    std::vector<Chunk> chunks = chunksOf(png);
    ASSERT_EQ(chunks.size(), 3u);
    EXPECT_EQ(chunks[0].data[9], 0) << "colour type grey";
    EXPECT_TRUE(chunks[1].crcMatches);
    EXPECT_EQ(unfilter(inflateStored(chunks[1].data), width), gray);
}

TEST(PngEncode, RefusesImpossibleSizes) {
    Bytes one(4, 0);
    EXPECT_TRUE(encodePng(one.data(), 0, 1, PngColor::Gray8).empty());
    EXPECT_TRUE(encodePng(one.data(), 1, -1, PngColor::Gray8).empty());
    EXPECT_TRUE(encodePng(nullptr, 1, 1, PngColor::Rgba8).empty());
    EXPECT_TRUE(encodePng(one.data(), 1 << 15, 1 << 15, PngColor::Gray8).empty());
    EXPECT_FALSE(encodePng(one.data(), 1, 1, PngColor::Rgba8).empty());
}

}  // namespace
}  // namespace vg
