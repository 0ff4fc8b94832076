// VideoGen core: the C ABI (see c_api.h). Thin: argument conversion, result copying, and the
// guarantee that no C++ exception crosses into C, Python or JavaScript.
#include "c_api.h"

#include "api/api.h"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <string_view>

namespace {

std::string_view view(const char* text) { return text ? std::string_view(text) : std::string_view(); }
std::string_view view(const char* data, size_t size) {
    return data ? std::string_view(data, size) : std::string_view();
}

char* copyOut(const std::string& text) {
    char* copy = static_cast<char*>(std::malloc(text.size() + 1));
    if (copy) std::memcpy(copy, text.data(), text.size() + 1);
    return copy;
}

vg::ApiResult internalError(const std::string& what) {
    vg::ApiResult result;
    result.exitCode = 2;
    result.notes = "internal error: " + what + "\n";
    return result;
}

// Runs one api.h call; an exception becomes exit 2 and "internal error: ..." on the notes (the
// core is not supposed to throw on user input, so this is a bug report, not a diagnostic).
template <typename Call>
vg::ApiResult run(Call call) {
    try {
        return call();
    } catch (const std::bad_alloc&) {
        return internalError("out of memory");
    } catch (const std::exception& error) {
        return internalError(error.what());
    } catch (...) {
        return internalError("unknown exception");
    }
}

template <typename Call>
char* guarded(int* exitCode, char** notes, Call call) {
    vg::ApiResult result = run(call);
    char* output = copyOut(result.output);
    if (notes) *notes = copyOut(result.notes);
    if (exitCode) *exitCode = output && (!notes || *notes) ? result.exitCode : 2;
    return output;
}

// The last reply of this thread and the result it points into. Moved in, not copied: the answer's
// strings are handed over as the core made them, and the previous ones freed (in the headless
// module a malloc'd copy, its vg_free call from JavaScript and the reader's search for the NUL cost
// about a tenth of a small validate). Per thread because serve.py calls the native library from a
// thread per connection; the WASM module has one thread.
struct LastReply {
    vg::ApiResult result;
    vg_reply reply{};
};
thread_local LastReply lastReply;

template <typename Call>
const vg_reply* replied(Call call) {
    LastReply& last = lastReply;
    last.result = run(call);
    last.reply = {last.result.output.c_str(), last.result.output.size(), last.result.notes.c_str(),
                  last.result.notes.size(), last.result.exitCode};
    return &last.reply;
}

}  // namespace

extern "C" {

char* vg_catalog(int as_json, int* exit_code, char** notes) {
    return guarded(exit_code, notes, [&] { return vg::apiCatalog(as_json != 0); });
}

char* vg_limits(int as_json, int* exit_code, char** notes) {
    return guarded(exit_code, notes, [&] { return vg::apiLimits(as_json != 0); });
}

char* vg_codes(int as_json, int* exit_code, char** notes) {
    return guarded(exit_code, notes, [&] { return vg::apiCodes(as_json != 0); });
}

char* vg_dialect_facts(int* exit_code, char** notes) {
    return guarded(exit_code, notes, [] { return vg::apiDialectFacts(); });
}

char* vg_validate(const char* input, size_t input_len, const char* dialect, int as_json, int* exit_code,
                  char** notes) {
    return guarded(exit_code, notes,
                   [&] { return vg::apiValidate(view(input, input_len), view(dialect), as_json != 0); });
}

char* vg_parse(const char* input, size_t input_len, const char* dialect, int* exit_code, char** notes) {
    return guarded(exit_code, notes, [&] { return vg::apiParse(view(input, input_len), view(dialect)); });
}

char* vg_build(const char* input, size_t input_len, const char* from_dialect, const char* to_dialect,
               int* exit_code, char** notes) {
    return guarded(exit_code, notes,
                   [&] { return vg::apiBuild(view(input, input_len), view(from_dialect), view(to_dialect)); });
}

char* vg_convert(const char* input, size_t input_len, const char* from_dialect, const char* to_dialect,
                 int* exit_code, char** notes) {
    return guarded(exit_code, notes,
                   [&] { return vg::apiConvert(view(input, input_len), view(from_dialect), view(to_dialect)); });
}

char* vg_schema(const char* dialect, const char* model, int* exit_code, char** notes) {
    return guarded(exit_code, notes, [&] { return vg::apiSchema(view(dialect), view(model)); });
}

void vg_free(char* text) { std::free(text); }

const vg_reply* vg_catalog_reply(int as_json) {
    return replied([&] { return vg::apiCatalog(as_json != 0); });
}

const vg_reply* vg_limits_reply(int as_json) {
    return replied([&] { return vg::apiLimits(as_json != 0); });
}

const vg_reply* vg_codes_reply(int as_json) {
    return replied([&] { return vg::apiCodes(as_json != 0); });
}

const vg_reply* vg_dialect_facts_reply(void) {
    return replied([] { return vg::apiDialectFacts(); });
}

const vg_reply* vg_validate_reply(const char* input, size_t input_len, const char* dialect, int as_json) {
    return replied([&] { return vg::apiValidate(view(input, input_len), view(dialect), as_json != 0); });
}

const vg_reply* vg_parse_reply(const char* input, size_t input_len, const char* dialect) {
    return replied([&] { return vg::apiParse(view(input, input_len), view(dialect)); });
}

const vg_reply* vg_build_reply(const char* input, size_t input_len, const char* from_dialect,
                               const char* to_dialect) {
    return replied([&] { return vg::apiBuild(view(input, input_len), view(from_dialect), view(to_dialect)); });
}

const vg_reply* vg_convert_reply(const char* input, size_t input_len, const char* from_dialect,
                                 const char* to_dialect) {
    return replied([&] { return vg::apiConvert(view(input, input_len), view(from_dialect), view(to_dialect)); });
}

const vg_reply* vg_schema_reply(const char* dialect, const char* model) {
    return replied([&] { return vg::apiSchema(view(dialect), view(model)); });
}

}  // extern "C"
