// The playground's panels, one file each, and the layout that places them.
// Panels read AppState and change it only through the operations in app_state.h.
#pragma once

#include "app_state.h"
#include "ui_style.h"

namespace vg::app {

// The whole window: header bar, catalog and model on the left, request and wire on the right.
void drawPlayground(AppState& state, const UiLook& look);

void drawCatalogPanel(AppState& state, const UiLook& look);   // panel_catalog.cpp
void drawModelPanel(const AppState& state, const UiLook& look);  // panel_model.cpp
void drawRequestPanel(AppState& state, const UiLook& look);   // panel_request.cpp
void drawWirePanel(AppState& state, const UiLook& look);      // panel_wire.cpp

}  // namespace vg::app
