// VideoGen Playground browser storage for ES modules: the same functions as window.VideoGenStorage
// (storage.js, which documents them), under names.
//   import { putHistory, listHistory } from './storage.mjs';
import './storage.js';

const storage = globalThis.VideoGenStorage;
export const {
  putHistory, getHistory, listHistory, deleteHistory, pendingJobs, putResultFromUrl, getResultObjectUrl,
  revokeResultObjectUrl, deleteResult, getSetting, putSetting, resultKey, callJson,
} = storage;
export default storage;
