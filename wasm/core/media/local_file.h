// VideoGen core: a local file (picked, dropped or pasted) made into a media field's value.
// The browser reads a file as a data URL; what the field takes for the chosen model and route decides
// what the request gets: the data URL as it is, its raw base64 (Kling: "submit raw base64 without
// the data: prefix", seed 001), or nothing inline at all when the field takes URLs only (Wan: "image
// URLs, not buffers", seed 001), in which case the file has to be hosted first and its URL used.
#pragma once

#include "catalog/catalog.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vg {

// The forms of media value a field accepts. A form is accepted when the model's spec and the
// route's (the gateway dialect's limits) both allow it; a field without media rules takes all.
struct AcceptedForms {
    bool url = true;        // http(s) URL
    bool dataUrl = true;    // data:image/png;base64,...
    bool rawBase64 = true;  // bare base64
};
AcceptedForms acceptedForms(const Catalog& catalog, const Model& model, std::string_view dialect,
                            std::string_view canonicalPath);

enum class FileUse {
    DataUrl,     // the data URL goes into the request as it is
    RawBase64,   // its payload without "data:...;base64," goes in
    HostForUrl,  // nothing inline is accepted: upload `bytes` somewhere and put that URL in
};

struct LocalFileValue {
    FileUse use = FileUse::DataUrl;
    std::string value;            // DataUrl, RawBase64: the media value for the request; "" otherwise
    std::string mimeType;         // the type the data URL declares ("image/png"); "" when none
    std::vector<uint8_t> bytes;   // HostForUrl: the file's content
    std::string problem;          // non-empty: the data URL could not be read, and nothing else is set
};

// What to do with `dataUrl` (a FileReader's readAsDataURL result) for a field accepting `forms`.
// An inline form is preferred to hosting: the request then carries the file itself.
LocalFileValue localFileValue(std::string_view dataUrl, const AcceptedForms& forms);

}  // namespace vg
