# Writes OUTPUT: a C++ source defining `extern const char* const vgCatalogText` with INPUT's text.
file(READ ${INPUT} VG_TEXT)
set(VG_DELIM "vgcatalog")
file(WRITE ${OUTPUT} "// Generated from ${INPUT}; do not edit.\nnamespace vg { extern const char* const kCatalogText; const char* const kCatalogText = R\"${VG_DELIM}(${VG_TEXT})${VG_DELIM}\"; }\n")
