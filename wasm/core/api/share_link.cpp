// VideoGen core: share links (see share_link.h).
#include "api/share_link.h"

#include "media/base64.h"
#include "text/json_input.h"
#include "media/media.h"

#include <algorithm>
#include <exception>
#include <optional>

namespace vg {
namespace {

constexpr std::string_view kRequestKey = "request=";

std::string kilobytes(size_t bytes) { return std::to_string((bytes + 1023) / 1024) + " KB"; }

std::string tooLarge(size_t bytes) {
    return "the request is too large to share (" + kilobytes(bytes) + "; the limit is " +
           kilobytes(kShareLinkBytes.value) + ")";
}

std::string linkTooLarge(size_t bytes) {
    return "the link's request is too large (" + kilobytes(bytes) + "; the limit is " +
           kilobytes(kShareLinkBytes.value) + ")";
}

// The value of the `request=` member of an `a=1&request=...&b=2` fragment, if there is one.
std::optional<std::string_view> encodedRequestIn(std::string_view fragment) {
    if (!fragment.empty() && fragment.front() == '#') fragment.remove_prefix(1);
    while (!fragment.empty()) {
        const size_t end = std::min(fragment.find('&'), fragment.size());
        std::string_view member = fragment.substr(0, end);
        if (member.substr(0, kRequestKey.size()) == kRequestKey) return member.substr(kRequestKey.size());
        fragment.remove_prefix(std::min(end + 1, fragment.size()));
    }
    return std::nullopt;
}

}  // namespace

ShareLink encodeShareLink(std::string_view requestJsonText) {
    if (requestJsonText.size() > kShareLinkBytes.value) return {"", tooLarge(requestJsonText.size())};
    try {
        std::string text = encodeBase64(reinterpret_cast<const uint8_t*>(requestJsonText.data()), requestJsonText.size());
        // base64url (RFC 4648 section 5): a fragment keeps these characters as they are.
        std::replace(text.begin(), text.end(), '+', '-');
        std::replace(text.begin(), text.end(), '/', '_');
        text.erase(std::find(text.begin(), text.end(), '='), text.end());
        return {"#request=" + text, ""};
    } catch (const std::exception& error) {
        return {"", std::string("could not make the link: ") + error.what()};
    }
}

SharedRequest decodeShareFragment(std::string_view fragment) {
    SharedRequest shared;
    std::optional<std::string_view> encoded = encodedRequestIn(fragment);
    if (!encoded) return shared;
    shared.present = true;
    if (encoded->empty()) {
        shared.error = "the link's request is empty";
        return shared;
    }
    // Refused before decoding: 4 characters carry 3 bytes.
    if (encoded->size() / 4 * 3 > kShareLinkBytes.value) {
        shared.error = linkTooLarge(encoded->size() / 4 * 3);
        return shared;
    }
    try {
        Base64Decoded decoded = decodeBase64Checked(*encoded);
        if (!decoded.problem.empty()) {
            shared.error = "the link's request is not valid base64url: " + decoded.problem;
            return shared;
        }
        if (decoded.bytes.size() > kShareLinkBytes.value) {  // the estimate above ignores whitespace and padding
            shared.error = linkTooLarge(decoded.bytes.size());
            return shared;
        }
        std::string text(decoded.bytes.begin(), decoded.bytes.end());
        JsonInput document = parseJsonInput(text);
        if (document.error) {
            shared.error = "the link's request is not JSON: " + document.error->message;
            return shared;
        }
        shared.requestJson = std::move(text);
    } catch (const std::exception& error) {
        shared.error = std::string("could not read the link: ") + error.what();
    }
    return shared;
}

}  // namespace vg
