// VideoGen core: finding a job the gateway already made; see job_lookup.h.
#include "jobs/job_lookup.h"

#include "dialects/dialect_wire.h"

#include <algorithm>

namespace vg {

bool canLookUpSubmittedJobs(Dialect dialect) {
    const DialectWire& wire = wireFor(dialect);
    return wireRoute(wire, "list") != nullptr && *wire.listItemsField != '\0' && !wire.listMatchFields.empty();
}

std::optional<json> findSubmittedJob(Dialect dialect, const json& submitBody, const json& listAnswer, int64_t submittedAtMs,
                                     const std::vector<std::string>& followedIds) {
    if (!canLookUpSubmittedJobs(dialect) || !listAnswer.is_object() || !submitBody.is_object()) return std::nullopt;
    const DialectWire& wire = wireFor(dialect);
    const auto items = listAnswer.find(wire.listItemsField);
    if (items == listAnswer.end() || !items->is_array()) return std::nullopt;
    const char* idField = wire.jobIdFields.empty() ? "id" : wire.jobIdFields.front();
    std::optional<json> found;
    double foundAt = 0;
    for (const json& item : *items) {
        if (!item.is_object()) continue;
        const auto id = item.find(idField);
        const auto made = item.find(wire.createdAtField);
        if (id == item.end() || !id->is_string() || made == item.end() || !made->is_number()) continue;
        const double madeAt = made->get<double>();
        if (madeAt * 1000 < static_cast<double>(submittedAtMs - kLookupClockSkewMs)) continue;
        if (std::find(followedIds.begin(), followedIds.end(), id->get<std::string>()) != followedIds.end()) continue;
        const bool same = std::all_of(wire.listMatchFields.begin(), wire.listMatchFields.end(), [&](const char* field) {
            const auto asked = submitBody.find(field);
            return asked == submitBody.end() || item.value(field, json()) == *asked;
        });
        if (same && (!found || madeAt > foundAt)) {
            found = item;
            foundAt = madeAt;
        }
    }
    return found;
}

}  // namespace vg
