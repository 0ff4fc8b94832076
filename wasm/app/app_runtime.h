// What the playground does with the browser on the state's behalf: sending jobs and following them,
// keeping history and result videos in browser storage, share links, files, the remembered key.
// Panels call these when the person acts; main.cpp calls pumpJobs every frame and handleEvent for
// the page's asynchronous answers. Browser access goes through platform_web.h only.
#pragma once

#include "app_state.h"

#include <string>
#include <utility>
#include <vector>

namespace vg::app {

// At start: the remembered API key (sessionStorage), the share link in the URL fragment, history.
void startRuntime(AppState& state);

// Sends what every job needs now, takes the toast down once its time is up, and sets the timer for
// the next time either needs a frame.
void pumpJobs(AppState& state);

// A short confirmation or complaint in the header ("share link copied"), gone after kToastMs.
inline constexpr int64_t kToastMs = 6000;
void showToast(AppState& state, std::string text);

// The job of local id `localId`, nullptr when there is none (deleted, or never made).
JobEntry* findJob(AppState& state, const std::string& localId);
// The job whose result `key` names ("<localId>/<index>": a <video>'s key), with `index` set to the
// result's; nullptr when the job or that result is gone.
JobEntry* findResult(AppState& state, const std::string& key, size_t& index);

// The page's asynchronous answers (platform_web.h: "history", "stored", "file").
void handleEvent(AppState& state, const std::string& jsonObject);

// Generate: a new job from the form's request, sent to the gateway (ignored while Generate is blocked).
void generate(AppState& state);
// Compare: one job per request (the form's request with its model swapped, each built by the core
// for the gateway's dialect), all tagged with one new compare group. Returns the group's id.
std::string generateGroup(AppState& state, const std::vector<std::pair<json, HttpRequest>>& requests);
// A new job with the same request, gateway and compare group as `entry`, and a new idempotency key
// (History's Re-run: the person asks for the video again).
void rerunJob(AppState& state, const JobEntry& entry);
// Retry of a job that ended without its video, which never submits twice without asking (jobs.h
// retryPlan): the same submission again with its key, a new one where the gateway refused the
// first, or a question first (state.retryAsked) where a job may exist, and be billed, already.
void retryJob(AppState& state, const JobEntry& entry);
// The person's answer to that question: submit again as a new job, or leave it.
void answerRetryQuestion(AppState& state, bool submitAgain);
void cancelJob(AppState& state, const std::string& localId);
void deleteJob(AppState& state, const std::string& localId);
// Loads the entry's request into the form and editor.
void editJob(AppState& state, const JobEntry& entry);

// The first-visit hint has done its job (a job was made, or the person dismissed it): hide it, here
// and on every later visit (the browser storage setting "firstSteps").
void finishFirstSteps(AppState& state);

// The gateway settings changed (the key, "remember for this tab").
void gatewaySettingsChanged(AppState& state);

// "#request=<base64url of the editor's JSON>" on this page's URL, onto the clipboard. The key is
// never in it (it is never in a request).
void copyShareLink(AppState& state);

// Asks for a file for the media field at `canonicalPath`; it arrives as a data URL.
void chooseFileFor(const std::string& canonicalPath, ValueType type);

}  // namespace vg::app
