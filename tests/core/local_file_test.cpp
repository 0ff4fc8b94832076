// Tests for local files made into media values (local_file.h): which forms a field accepts for a
// model and route (from the catalog data), and what a picked file becomes for each.
#include "media/local_file.h"

#include "media/media.h"

#include "test_support.h"

#include <gtest/gtest.h>

namespace vg {
namespace {

using test::model;

TEST(AcceptedForms, KlingImageTakesUrlOrRawBase64ButNoDataUrl) {
    const AcceptedForms forms = acceptedForms(builtinCatalog(), model("klingai/kling-v2.6"), "jobs", "/image");
    EXPECT_TRUE(forms.url);
    EXPECT_FALSE(forms.dataUrl);
    EXPECT_TRUE(forms.rawBase64);
}

TEST(AcceptedForms, WanImageTakesUrlsOnly) {
    const AcceptedForms forms = acceptedForms(builtinCatalog(), model("alibaba/wan-v2.6"), "jobs", "/image");
    EXPECT_TRUE(forms.url);
    EXPECT_FALSE(forms.dataUrl);
    EXPECT_FALSE(forms.rawBase64);
}

TEST(AcceptedForms, TheRouteNarrowsWhatTheModelTakes) {
    // Luma's image has no media rules; the creative-hub route takes image URLs only (seed 003).
    const Model& luma = model("luma/ray-3");
    const AcceptedForms anyRoute = acceptedForms(builtinCatalog(), luma, "", "/image");
    EXPECT_TRUE(anyRoute.dataUrl && anyRoute.rawBase64 && anyRoute.url);
    const AcceptedForms hub = acceptedForms(builtinCatalog(), luma, "creative-hub", "/image");
    EXPECT_TRUE(hub.url);
    EXPECT_FALSE(hub.dataUrl || hub.rawBase64);
}

TEST(AcceptedForms, AFieldWithoutRulesTakesEverything) {
    const AcceptedForms forms = acceptedForms(builtinCatalog(), model("google/veo-3.1"), "jobs", "/video");
    EXPECT_TRUE(forms.url && forms.dataUrl && forms.rawBase64);
}

TEST(LocalFileValue, KeepsTheDataUrlWhereItIsAccepted) {
    const LocalFileValue file = localFileValue("data:image/png;base64,iVBORw0KGgo=", AcceptedForms{});
    EXPECT_EQ(file.use, FileUse::DataUrl);
    EXPECT_EQ(file.value, "data:image/png;base64,iVBORw0KGgo=");
    EXPECT_EQ(file.mimeType, "image/png");
    EXPECT_TRUE(file.problem.empty());
}

TEST(LocalFileValue, StripsToRawBase64ForKling) {
    const LocalFileValue file = localFileValue("data:image/jpeg;base64,/9j/4AAQ", {true, false, true});
    EXPECT_EQ(file.use, FileUse::RawBase64);
    EXPECT_EQ(file.value, "/9j/4AAQ");
    EXPECT_EQ(file.mimeType, "image/jpeg");
}

TEST(LocalFileValue, UrlOnlyFieldsGetTheBytesToHost) {
    const std::string png = "\x89PNG\r\n\x1a\n";
    const std::string dataUrl = "data:image/png;base64," + encodeBase64(reinterpret_cast<const uint8_t*>(png.data()), png.size());
    const LocalFileValue file = localFileValue(dataUrl, {true, false, false});
    EXPECT_EQ(file.use, FileUse::HostForUrl);
    EXPECT_TRUE(file.value.empty());
    EXPECT_EQ(std::string(file.bytes.begin(), file.bytes.end()), png);
}

TEST(LocalFileValue, UnreadableInputSaysWhy) {
    EXPECT_NE(localFileValue("https://example.com/a.png", {}).problem, "");
    EXPECT_NE(localFileValue("data:text/plain,hello", {}).problem.find("base64"), std::string::npos);
    EXPECT_NE(localFileValue("data:image/png;base64,", {}).problem.find("empty"), std::string::npos);
    EXPECT_NE(localFileValue("data:image/png;base64,***", {true, false, false}).problem, "");
}

}  // namespace
}  // namespace vg
