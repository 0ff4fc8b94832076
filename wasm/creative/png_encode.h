// VideoGen core: PNG encoding without a compression library.
// The motion brush exports its masks as PNG (Kling takes jpg/jpeg/png masks, seed 001). Masks are
// small to describe but the PNG must be valid everywhere, so the image data goes into zlib "stored"
// deflate blocks (no compression): the file is about as large as the raw pixels (one byte per pixel
// for a grey mask, 1 MB for a 1024 x 1024 image), and the code stays a page long.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace vg {

enum class PngColor {
    Gray8,  // 1 byte per pixel (PNG colour type 0): masks
    Rgba8,  // 4 bytes per pixel, R G B A (PNG colour type 6)
};

// Encodes `width` x `height` pixels, rows top to bottom, tightly packed (no row padding).
// Returns the PNG file's bytes, or an empty vector when the size is not positive, the pixels are
// missing or the image would not fit in memory sensibly (more than 2^28 pixels).
std::vector<uint8_t> encodePng(const uint8_t* pixels, int width, int height, PngColor color);

// The checksums PNG needs, exposed so tests can check them against published values.
uint32_t crc32(const uint8_t* data, size_t size);    // IEEE 802.3 (PNG chunks), crc32("123456789") = 0xCBF43926
uint32_t adler32(const uint8_t* data, size_t size);  // zlib stream trailer, adler32("Wikipedia") = 0x11E60398

}  // namespace vg
