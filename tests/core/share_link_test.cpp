// Share links: `#request=<base64url, no padding>` round-trips any request text, and a broken link
// says what is wrong with it (base64url, JSON, size) instead of opening an empty form.
#include "api/share_link.h"

#include <gtest/gtest.h>

#include <string>

namespace vg {
namespace {

const std::string kRequest = R"({"model":"klingai/kling-v2.6-t2v","prompt":"Zoom — ünïcødé 🎬 \"q\" ?&#","duration":5})";

TEST(ShareLink, RoundTripsTheExactText) {
    ShareLink link = encodeShareLink(kRequest);
    ASSERT_EQ(link.error, "");
    ASSERT_EQ(link.fragment.rfind("#request=", 0), 0u);
    SharedRequest shared = decodeShareFragment(link.fragment);
    EXPECT_TRUE(shared.present);
    EXPECT_EQ(shared.error, "");
    EXPECT_EQ(shared.requestJson, kRequest);
}

TEST(ShareLink, UsesTheUrlSafeAlphabetWithoutPadding) {
    // "?>>" encodes to "Pz4+" in standard base64, ">?" to "Pj8=": both special characters and padding.
    for (const std::string& text : {std::string(R"(["?>>"])"), std::string(R"(">?")"), kRequest}) {
        const std::string fragment = encodeShareLink(text).fragment;
        EXPECT_EQ(fragment.find_first_not_of(
                      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", std::string("#request=").size()),
                  std::string::npos)
            << fragment;
        EXPECT_EQ(decodeShareFragment(fragment).requestJson, text);
    }
    EXPECT_EQ(encodeShareLink(R"({"a":"?>>"})").fragment, "#request=eyJhIjoiPz4-In0");
}

TEST(ShareLink, FindsTheRequestAmongOtherMembersAndWithoutTheHash) {
    const std::string encoded = encodeShareLink("[1]").fragment.substr(9);
    EXPECT_EQ(decodeShareFragment("tab=history&request=" + encoded + "&x=1").requestJson, "[1]");
    EXPECT_EQ(decodeShareFragment("request=" + encoded).requestJson, "[1]");
}

TEST(ShareLink, AFragmentWithoutARequestIsNotAShareLink) {
    for (const char* fragment : {"", "#", "#tab=history", "#requests=abc", "#xrequest=abc"}) {
        SharedRequest shared = decodeShareFragment(fragment);
        EXPECT_FALSE(shared.present) << fragment;
        EXPECT_EQ(shared.error, "") << fragment;
    }
}

TEST(ShareLink, RefusesTextThatIsNotBase64url) {
    SharedRequest shared = decodeShareFragment("#request=eyJh%22fQ");
    EXPECT_TRUE(shared.present);
    EXPECT_EQ(shared.requestJson, "");
    EXPECT_EQ(shared.error.rfind("the link's request is not valid base64url: ", 0), 0u) << shared.error;
    EXPECT_NE(shared.error.find("'%'"), std::string::npos) << shared.error;
}

TEST(ShareLink, RefusesAnEmptyRequest) {
    EXPECT_EQ(decodeShareFragment("#request=").error, "the link's request is empty");
}

TEST(ShareLink, RefusesBytesThatAreNotJson) {
    const std::string notJson = encodeShareLink("{\"model\": ").fragment;  // encode does not judge the text
    SharedRequest shared = decodeShareFragment(notJson);
    EXPECT_EQ(shared.error.rfind("the link's request is not JSON: ", 0), 0u) << shared.error;
    EXPECT_GT(shared.error.size(), std::string("the link's request is not JSON: ").size());

    SharedRequest duplicate = decodeShareFragment(encodeShareLink(R"({"n":1,"n":2})").fragment);
    EXPECT_NE(duplicate.error.find("duplicate key"), std::string::npos) << duplicate.error;

    SharedRequest latin1 = decodeShareFragment(encodeShareLink("\"caf\xE9\"").fragment);
    EXPECT_EQ(latin1.error.rfind("the link's request is not JSON: ", 0), 0u) << latin1.error;
}

TEST(ShareLink, SizeLimitIs256KiBBothWays) {
    const std::string atLimit = "\"" + std::string(kShareLinkBytes.value - 2, 'a') + "\"";
    ShareLink fits = encodeShareLink(atLimit);
    ASSERT_EQ(fits.error, "");
    EXPECT_EQ(decodeShareFragment(fits.fragment).requestJson, atLimit);

    const std::string over = "\"" + std::string(kShareLinkBytes.value - 1, 'a') + "\"";
    ShareLink refused = encodeShareLink(over);
    EXPECT_EQ(refused.fragment, "");
    EXPECT_EQ(refused.error, "the request is too large to share (257 KB; the limit is 256 KB)");

    // A link made elsewhere: refused by its length before decoding, and by its decoded size after.
    EXPECT_EQ(decodeShareFragment("#request=" + std::string(400 * 1024, 'A')).error,
              "the link's request is too large (300 KB; the limit is 256 KB)");
    // 349,527 characters pass the length estimate (87,381 groups of 3 bytes) but decode to 262,145 bytes.
    EXPECT_EQ(decodeShareFragment("#request=" + std::string(349527, 'A')).error,
              "the link's request is too large (257 KB; the limit is 256 KB)");
}

}  // namespace
}  // namespace vg
