// VideoGen core: finding a job the gateway already made. After a reload, a job whose submit left
// but whose answer never arrived may exist at the gateway. Before its submit goes again (with its
// idempotency key, which a gateway that honours keys answers with the same job), the dialect's list
// route is asked, where it has one, and the job is looked for in its answer: then nothing is sent
// twice. The dialect's facts say where to look (dialect_wire.h: listItemsField, listMatchFields,
// createdAtField).
#pragma once

#include "dialects/dialect.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vg {

using json = nlohmann::json;

// Whether `dialect` has a list route and the facts to find a job in its answer.
bool canLookUpSubmittedJobs(Dialect dialect);

// The job `submitBody` made, in `listAnswer` (the list route's JSON body): an item whose match
// fields equal the body's (a field the body does not hold is not compared), made no earlier than
// `submittedAtMs` less kLookupClockSkewMs (the gateway's clock is not ours), whose id is not one
// of `followedIds` (jobs this page already follows: a second identical submit is not the first
// one's job). The newest such item; nullopt when there is none or the answer is not a list.
std::optional<json> findSubmittedJob(Dialect dialect, const json& submitBody, const json& listAnswer, int64_t submittedAtMs,
                                     const std::vector<std::string>& followedIds);

// How far the gateway's clock may be behind ours and an item still count as made after the submit.
inline constexpr int64_t kLookupClockSkewMs = 30000;

}  // namespace vg
