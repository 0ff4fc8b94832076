// The npm package's entry. vgen_core.mjs beside it is web/vgen_core.mjs, copied unchanged when the
// package is staged (scripts/npm_package.sh); its default moduleUrl points into a checkout's build
// folder, so this entry passes the glue that lies next to it in the package instead. Everything
// else is the wrapper's own.
import { loadVgenCore as loadWrapper } from './vgen_core.mjs';

export function loadVgenCore(options = {}) {
  return loadWrapper({ ...options, moduleUrl: options.moduleUrl ?? new URL('./vgen_core.js', import.meta.url) });
}
