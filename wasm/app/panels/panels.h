// The playground's panels, one file each, and the layout that places them.
// Panels read AppState and change it only through the operations in app_state.h and app_runtime.h.
#pragma once

#include "app_state.h"
#include "ui/ui_style.h"

namespace vg::app {

// The whole window: header bar, catalog and form on the left, request and jobs on the right.
void drawPlayground(AppState& state, const UiLook& look);

void drawCatalogPanel(AppState& state, const UiLook& look);        // panel_catalog.cpp
void drawModelPanel(const AppState& state, const UiLook& look);    // panel_model.cpp
void drawFormPanel(AppState& state, const UiLook& look);           // panel_form.cpp
void drawCreativePanel(AppState& state, const UiLook& look);       // panel_creative.cpp: the Direct tab
void drawRequestPanel(AppState& state, const UiLook& look);        // panel_request.cpp
void drawWirePanel(AppState& state, const UiLook& look);           // panel_wire.cpp
void drawJobsPanel(AppState& state, const UiLook& look);           // panel_jobs.cpp
void drawHistoryPanel(AppState& state, const UiLook& look);        // panel_history.cpp
// The first cell of a Jobs or History row: the poster frame of the job's first video at its shape,
// at most `size` (nothing yet while there is none); its item is named "poster:<localId>" (panel_jobs.cpp).
void drawPosterCell(AppState& state, const JobEntry& entry, ImVec2 size);
// The height of a row with a poster cell, and that cell's size: one tall enough for a picture.
ImVec2 posterCellSize(const UiLook& look);
// A job's videos in the remaining height, with download and copy-link (panel_jobs.cpp).
void drawJobResults(AppState& state, const UiLook& look, const JobEntry& entry);
// The question a Retry asks before a new submission of a job the gateway may have made (and billed)
// already (state.retryAsked; panel_jobs.cpp). Drawn once a frame by the layout, for every panel's Retry.
void drawRetryQuestion(AppState& state, const UiLook& look);
// The theater view: state.theater's video alone on the page, as large as it fits at its shape; Close
// or Esc returns to the panels (panel_jobs.cpp). Returns false when there is none to draw: the layout
// then draws the panels.
bool drawTheater(AppState& state, const UiLook& look);
void drawGatewayButton(AppState& state, const UiLook& look);       // panel_gateway.cpp: button + settings popup

}  // namespace vg::app
