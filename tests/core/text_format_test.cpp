// Tests for the "did you mean" helpers of text_format.h: the bounded edit distance agrees with the
// plain Levenshtein distance up to its bound, and names no typo could make get no suggestion, so a
// client's megabyte-long name costs nothing (issue 9, finding 2).
#include "text/text_format.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace vg {
namespace {

// The textbook full-matrix distance, case-insensitive like the core's.
size_t referenceDistance(const std::string& a, const std::string& b) {
    std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
    for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (size_t i = 1; i <= a.size(); ++i)
        for (size_t j = 1; j <= b.size(); ++j)
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                                d[i - 1][j - 1] + (std::tolower(a[i - 1]) == std::tolower(b[j - 1]) ? 0 : 1)});
    return d[a.size()][b.size()];
}

TEST(TextFormat, EditDistanceWithinMatchesLevenshteinUpToTheBound) {
    EXPECT_EQ(editDistanceWithin("kitten", "sitting", 3), 3u);
    EXPECT_EQ(editDistanceWithin("kitten", "sitting", 2), 3u);  // over the bound: bound + 1
    EXPECT_EQ(editDistanceWithin("VEO-3.1", "veo-3.1", 0), 0u);
    EXPECT_EQ(editDistanceWithin("", "abc", 5), 3u);
    EXPECT_EQ(editDistanceWithin("abc", "", 1), 2u);
    std::mt19937 random(9);
    const auto word = [&] {
        std::string text(random() % 13, 'a');
        for (char& c : text) c = "abcAB"[random() % 5];
        return text;
    };
    for (int trial = 0; trial < 3000; ++trial) {
        const std::string a = word(), b = word();
        const size_t exact = referenceDistance(a, b);
        for (size_t bound = 0; bound <= 14; ++bound)
            ASSERT_EQ(editDistanceWithin(a, b, bound), std::min(exact, bound + 1))
                << '"' << a << "\" \"" << b << "\" bound " << bound;
    }
}

TEST(TextFormat, EditDistanceWithinLooksOnlyAtLengthsWhenTheyDifferByMoreThanTheBound) {
    const std::string huge(64u * 1024u * 1024u, 'k');  // a full matrix against this would not fit in memory
    EXPECT_EQ(editDistanceWithin(huge, "kling-2.6", 3), 4u);
    EXPECT_EQ(editDistanceWithin("kling-2.6", huge, 1000), 1001u);
}

TEST(TextFormat, ClosestCandidatesRefuseNamesNoTypoMakes) {
    const std::vector<std::string> candidates{"alpha", "beta", "alphabet"};
    EXPECT_EQ(closestCandidates("alpah", candidates, 3, 2), (std::vector<size_t>{0}));
    EXPECT_EQ(closestCandidates("beta", candidates, 3, 4), (std::vector<size_t>{1, 0}));  // ties: earlier first
    const std::string longest = "alphabet";
    EXPECT_EQ(closestCandidates(longest + std::string(kTypoLengthMargin, 'x'), candidates, 1, 100),
              (std::vector<size_t>{2}));
    EXPECT_TRUE(closestCandidates(longest + std::string(kTypoLengthMargin + 1, 'x'), candidates, 1, 100).empty());
    EXPECT_TRUE(closestCandidates(std::string(1u << 20, 'a'), candidates, 1, 1u << 19).empty());
}

TEST(TextFormat, EqualsIgnoringCase) {
    EXPECT_TRUE(equalsIgnoringCase("720P", "720p"));
    EXPECT_FALSE(equalsIgnoringCase("720p", "720p "));
    EXPECT_FALSE(equalsIgnoringCase("1080p", "720p"));
}

}  // namespace
}  // namespace vg
