// A local file made into a media field's value; see local_file.h.
#include "media/local_file.h"

#include "media/media.h"

namespace vg {

AcceptedForms acceptedForms(const Catalog& catalog, const Model& model, std::string_view dialect,
                            std::string_view canonicalPath) {
    AcceptedForms forms;
    const auto narrow = [&forms](const ParamSpec* spec) {
        if (!spec || !spec->media) return;
        forms.url &= spec->media->urlAllowed;
        forms.dataUrl &= spec->media->dataUrlAllowed;
        forms.rawBase64 &= spec->media->rawBase64Allowed;
    };
    narrow(model.param(canonicalPath));
    if (const DialectLimits* limits = dialect.empty() ? nullptr : catalog.limitsFor(dialect)) narrow(limits->param(canonicalPath));
    return forms;
}

LocalFileValue localFileValue(std::string_view dataUrl, const AcceptedForms& forms) {
    LocalFileValue result;
    const size_t comma = dataUrl.find(',');
    const std::string_view header = comma == std::string_view::npos ? std::string_view() : dataUrl.substr(0, comma);
    if (dataUrl.substr(0, 5) != "data:" || header.size() < 12 || header.substr(header.size() - 7) != ";base64") {
        result.problem = "the file was not read as base64 data (expected \"data:<type>;base64,...\")";
        return result;
    }
    result.mimeType = std::string(header.substr(5, header.find(';') - 5));
    const std::string_view payload = dataUrl.substr(comma + 1);
    if (payload.empty()) {
        result.problem = "the file is empty";
        return result;
    }
    if (forms.dataUrl) {
        result.use = FileUse::DataUrl;
        result.value = std::string(dataUrl);
    } else if (forms.rawBase64) {
        result.use = FileUse::RawBase64;
        result.value = std::string(payload);
    } else {
        std::optional<std::vector<uint8_t>> bytes = decodeBase64(payload);
        if (!bytes) {
            result.problem = "the file's base64 could not be decoded";
            return result;
        }
        result.use = FileUse::HostForUrl;
        result.bytes = std::move(*bytes);
    }
    return result;
}

}  // namespace vg
