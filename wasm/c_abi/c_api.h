/* VideoGen core: the C ABI over api.h.
 * One surface for the callers that cannot use C++: serve.py (ctypes on build/native/libvgcore.so)
 * and JavaScript (the headless WASM module, wrapped by web/vgen_core.mjs).
 *
 * Every function returns what the vgen CLI prints on stdout for the same command, as a
 * NUL-terminated UTF-8 string allocated with malloc (free it with vg_free), and stores:
 *   *exit_code  the vgen exit code: 0 valid, 1 invalid, 2 unreadable input, wrong usage or an
 *               internal error;
 *   *notes      what the CLI prints on stderr (why it failed, dropped fields; may be ""), also
 *               malloc'd and freed with vg_free. Pass notes = NULL to discard them.
 * A NULL string argument means "" (e.g. dialect NULL = detect). Returns NULL only when memory for
 * the result cannot be allocated (then *exit_code is 2). Never throws. */
#ifndef VG_HEADLESS_C_API_H
#define VG_HEADLESS_C_API_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* vgen catalog [--json] */
char* vg_catalog(int as_json, int* exit_code, char** notes);
/* vgen limits [--json]: the size limits on input, [{"name","value","unit","why"}, ...] */
char* vg_limits(int as_json, int* exit_code, char** notes);
/* vgen codes [--json]: the diagnostic codes, [{"code","severity","use","meaning"}, ...] */
char* vg_codes(int as_json, int* exit_code, char** notes);
/* vgen dialect-facts: every dialect's routes, status words, result fields and error shapes (JSON) */
char* vg_dialect_facts(int* exit_code, char** notes);
/* vgen validate [--dialect NAME] [--json]; input need not be NUL-terminated */
char* vg_validate(const char* input, size_t input_len, const char* dialect, int as_json, int* exit_code,
                  char** notes);
/* vgen parse [--dialect NAME]: the validation report plus "request", the canonical request */
char* vg_parse(const char* input, size_t input_len, const char* dialect, int* exit_code, char** notes);
/* vgen build --to NAME [--from NAME] */
char* vg_build(const char* input, size_t input_len, const char* from_dialect, const char* to_dialect,
               int* exit_code, char** notes);
/* vgen convert --to NAME [--from NAME] */
char* vg_convert(const char* input, size_t input_len, const char* from_dialect, const char* to_dialect,
                 int* exit_code, char** notes);
/* vgen schema --dialect NAME MODEL */
char* vg_schema(const char* dialect, const char* model, int* exit_code, char** notes);
/* Frees a string returned by the functions above; NULL is allowed. */
void vg_free(char* text);

/* The same commands for a caller that reads the answer where it lies (the headless module's
 * JavaScript wrapper): nothing is malloc'd for the answer and nothing is to be freed. The reply
 * and the text it points to belong to the library and stay valid until the calling thread's next
 * vg_*_reply call. Lengths are given, so the reader needs no strlen; output and notes are
 * NUL-terminated all the same. Never NULL, never throws: a failure is exit_code 2 and its notes.
 * In the WASM module every field is 32 bits wide, in this order, so JavaScript reads the reply as
 * five consecutive 32-bit words. */
typedef struct vg_reply {
    const char* output;
    size_t output_len;
    const char* notes;
    size_t notes_len;
    int exit_code;
} vg_reply;

const vg_reply* vg_catalog_reply(int as_json);
const vg_reply* vg_limits_reply(int as_json);
const vg_reply* vg_codes_reply(int as_json);
const vg_reply* vg_dialect_facts_reply(void);
const vg_reply* vg_validate_reply(const char* input, size_t input_len, const char* dialect, int as_json);
const vg_reply* vg_parse_reply(const char* input, size_t input_len, const char* dialect);
const vg_reply* vg_build_reply(const char* input, size_t input_len, const char* from_dialect,
                               const char* to_dialect);
const vg_reply* vg_convert_reply(const char* input, size_t input_len, const char* from_dialect,
                                 const char* to_dialect);
const vg_reply* vg_schema_reply(const char* dialect, const char* model);

#ifdef __cplusplus
}
#endif

#endif /* VG_HEADLESS_C_API_H */
