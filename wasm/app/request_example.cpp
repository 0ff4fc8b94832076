#include "request_example.h"

namespace vg::app {

Mode defaultExampleMode(const Model& model) {
    return model.supports(Mode::T2V) || model.modes.empty() ? Mode::T2V : model.modes.front();
}

}  // namespace vg::app
