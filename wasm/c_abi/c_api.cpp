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
char* guarded(int* exitCode, char** notes, Call call) {
    vg::ApiResult result;
    try {
        result = call();
    } catch (const std::bad_alloc&) {
        result = internalError("out of memory");
    } catch (const std::exception& error) {
        result = internalError(error.what());
    } catch (...) {
        result = internalError("unknown exception");
    }
    char* output = copyOut(result.output);
    if (notes) *notes = copyOut(result.notes);
    if (exitCode) *exitCode = output && (!notes || *notes) ? result.exitCode : 2;
    return output;
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

}  // extern "C"
