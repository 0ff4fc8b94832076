// VideoGen core: share links. A link carries one request in its URL fragment,
// `#request=<base64url of the JSON text, no padding>`, in any dialect vgen validate accepts. The
// fragment never reaches a server, and the request is all it holds: never an API key (the request
// JSON has none, see dialect.h).
#pragma once

#include "request/input_limits.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace vg {

struct ShareLink {
    std::string fragment;  // "#request=eyJtb2RlbCI6..."; "" when error is set
    std::string error;     // why there is no link: "the request is too large to share (300 KB; the limit is 256 KB)"
};

// The fragment for a request's JSON text (sent as is: the person's own formatting survives).
ShareLink encodeShareLink(std::string_view requestJsonText);

struct SharedRequest {
    bool present = false;     // the fragment has a `request=` member; false: not a share link, nothing to do
    std::string requestJson;  // the JSON text, when present and readable
    std::string error;        // when present but unreadable: "the link's request is not valid base64url: ..."
};

// Reads location.hash ("#request=...", the '#' optional; other `&`-separated members are ignored).
// Refuses text that is not base64url, that decodes to more than kShareLinkBytes, or that is not
// JSON (json_input's rules: UTF-8, no duplicate keys, bounded depth).
SharedRequest decodeShareFragment(std::string_view fragment);

}  // namespace vg
