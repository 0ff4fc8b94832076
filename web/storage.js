// VideoGen Playground browser storage: history, saved result videos and settings in IndexedDB, so a
// reload loses nothing and a result whose gateway link expired (410) still plays.
//
// Loading: a classic script (`<script src="storage.js"></script>`) that defines
// window.VideoGenStorage. The file has no import/export, so `import './storage.js'` works too and
// defines the same global; storage.mjs re-exports it under names for modules.
//
// Every function returns a Promise that never rejects: failures resolve to {error: "<sentence>"}
// (IndexedDB unavailable in private browsing, quota exceeded, an expired download link, ...).
// API keys are never stored: history keeps no headers, request texts lose any key-like member
// ("authorization", "x-api-key", "apiKey", ...), base URLs lose user:password@, and settings refuse
// key-like names.
//
// [SECTION] index
//   API (JavaScript)
//   Calling from C++
//   Database and errors
//   Secrets
//   History, results, settings
//
// ---- API (JavaScript) ----------------------------------------------------------------------------
// Database "videogen-playground" v1, object stores:
//   history   key: id (auto-increment number); index createdAt
//             { id, requestJson, dialect, model, createdAt (ms since epoch), updatedAt, status,
//               job: { id, baseUrl, dialect, poll } | null, resultKeys: [string], error }
//             status: the core's job state names (job.h): "submitting", "queued", "running" (pending),
//             "succeeded", "failed", "expired", "cancelled" (terminal). poll: the app's poll state,
//             any JSON object (attempts, nextPollAt, ...), stored as given minus key-like members.
//   results   key: "<jobId>/<index>"  { key, jobId, index, blob, size, type, storedAt }
//   settings  key: name               any JSON value
//
//   putHistory(entry)                     -> {id}      adds (no entry.id) or replaces (entry.id)
//   getHistory(id)                        -> {entry}   or {error} when there is none
//   listHistory({limit} = {})             -> {entries} newest first (createdAt)
//   deleteHistory(id)                     -> {deleted: bool, results: n}  also deletes its resultKeys
//   pendingJobs()                         -> {entries} non-terminal entries, newest first: resume polling
//   putResultFromUrl(jobId, index, url)   -> {key, size, type}  fetch -> Blob -> results store
//   getResultObjectUrl(key)               -> {url, size, type}  a blob: URL for <video src>
//   revokeResultObjectUrl(url)            -> {}        when the <video> no longer shows it
//   deleteResult(key)                     -> {deleted: bool}
//   getSetting(name)                      -> {value}   null when unset
//   putSetting(name, value)               -> {}        refuses key-like names
//   resultKey(jobId, index)               -> "<jobId>/<index>" (synchronous)
//   callJson(name, argsJson)              -> Promise<string>: the bridge for C++, below
//
// ---- Calling from C++ ------------------------------------------------------------------------------
// platform_web.h storageCall(name, argsJson, tag) reaches web/platform.js storageCall, which calls
// callJson(name, argsJson) and hands the parsed result to the app as the page event
// {"type":"storage","call":name,"tag":tag,"result":<what it resolved to>}, e.g.
//   storageCall("listHistory", "[{\"limit\":100}]", "");
//   storageCall("putResultFromUrl", R"(["job_123",0,"https://cdn.example.com/v.mp4"])", "job_123/0");
// The page must load storage.js before the module calls it (index.html: <script src="storage.js">).
// JSON cannot carry a Blob: from C++ use getResultObjectUrl and put the blob: URL in a <video>.
'use strict';

(function (global) {
  var DATABASE = 'videogen-playground';
  var VERSION = 1;
  var PENDING_STATES = ['submitting', 'queued', 'running'];

  //---------------------------------------------------------------------------
  // Database and errors
  //---------------------------------------------------------------------------

  function StorageError(message) { this.name = 'StorageError'; this.message = message; }
  StorageError.prototype = Object.create(Error.prototype);

  var UNAVAILABLE = 'IndexedDB is unavailable (private browsing, or storage is disabled for this site): ' +
    'history and saved videos will not survive a reload';

  function describe(error) {
    if (!error) return 'storage failed for an unknown reason';
    if (error.name === 'StorageError') return error.message;
    if (error.name === 'QuotaExceededError') {
      return 'browser storage is full (quota exceeded): delete history entries or saved videos to make room';
    }
    if (error.name === 'InvalidStateError' || error.name === 'SecurityError' || error.name === 'UnknownError') {
      return UNAVAILABLE + ' (' + (error.message || error.name) + ')';
    }
    return 'storage: ' + (error.message || error.name || String(error));
  }

  // The connection is opened once and reused; a failed open is retried on the next call (a tab that
  // blocked an upgrade may have closed since).
  var opening = null;
  function openDatabase() {
    if (opening) return opening;
    if (typeof indexedDB === 'undefined' || !indexedDB) return Promise.reject(new StorageError(UNAVAILABLE));
    opening = new Promise(function (resolve, reject) {
      var request;
      try {
        request = indexedDB.open(DATABASE, VERSION);
      } catch (error) {  // SecurityError on opaque origins (file://, sandboxed frames)
        reject(error);
        return;
      }
      request.onupgradeneeded = function () {
        var db = request.result;
        var history = db.createObjectStore('history', { keyPath: 'id', autoIncrement: true });
        history.createIndex('createdAt', 'createdAt');
        db.createObjectStore('results', { keyPath: 'key' });
        db.createObjectStore('settings');
      };
      request.onsuccess = function () {
        var db = request.result;
        // Another tab upgrading the schema waits for this one to let go.
        db.onversionchange = function () { db.close(); opening = null; };
        resolve(db);
      };
      request.onerror = function () { reject(request.error); };
      request.onblocked = function () {
        reject(new StorageError('storage is being upgraded by another open playground tab: close it and reload'));
      };
    });
    opening.catch(function () { opening = null; });
    return opening;
  }

  // Runs `body(transaction, out)` in one transaction; resolves with out.value once it commits.
  // Requests must be issued synchronously inside body or in their own callbacks (IndexedDB commits
  // a transaction as soon as nothing is pending).
  function transact(stores, mode, body) {
    return openDatabase().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(stores, mode);
        var out = { value: undefined };
        transaction.oncomplete = function () { resolve(out.value); };
        transaction.onerror = transaction.onabort = function () {
          reject(transaction.error || new StorageError('the storage transaction was aborted'));
        };
        body(transaction, out);
      });
    });
  }

  // Every public function: never rejects, never throws; errors become {error}.
  function guarded(run) {
    return function () {
      var args = arguments;
      return new Promise(function (resolve) { resolve(run.apply(null, args)); })
        .catch(function (error) { return { error: describe(error) }; });
    };
  }

  //---------------------------------------------------------------------------
  // Secrets
  //---------------------------------------------------------------------------

  var KEY_LIKE = /^(authorization|proxy-authorization|x-api-key|api[-_]?key|x-goog-api-key|access[-_]?token|secret|password)$/i;

  // A copy of a JSON value without key-like members at any depth (iterative: nesting is user data).
  function withoutSecrets(value) {
    var copy = JSON.parse(JSON.stringify(value === undefined ? null : value));
    var removed = 0;
    var stack = [copy];
    while (stack.length) {
      var node = stack.pop();
      if (!node || typeof node !== 'object') continue;
      Object.keys(node).forEach(function (name) {
        if (!Array.isArray(node) && KEY_LIKE.test(name)) {
          delete node[name];
          removed++;
        } else {
          stack.push(node[name]);
        }
      });
    }
    return { value: copy, removed: removed };
  }

  // The request text as the person wrote it, unless it held a key (an envelope's headers can).
  function requestTextWithoutSecrets(text) {
    var parsed;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return text;  // not JSON: nothing structured to strip, and the core reports it elsewhere
    }
    var cleaned = withoutSecrets(parsed);
    return cleaned.removed ? JSON.stringify(cleaned.value, null, 2) : text;
  }

  function withoutCredentials(url) {
    var text = String(url || '');
    try {
      var parsed = new URL(text);
      if (!parsed.username && !parsed.password) return text;
      parsed.username = '';
      parsed.password = '';
      return parsed.href;
    } catch (error) {
      return text;  // relative ("" = same origin) or not a URL: no userinfo to strip
    }
  }

  // Only known fields are kept, so nothing else (a key held in some other member) is ever written.
  function historyRecord(entry) {
    if (!entry || typeof entry !== 'object') throw new StorageError('putHistory needs an entry object');
    var now = Date.now();
    var record = {
      requestJson: requestTextWithoutSecrets(String(entry.requestJson == null ? '' : entry.requestJson)),
      dialect: String(entry.dialect || ''),
      model: String(entry.model || ''),
      createdAt: Number(entry.createdAt) || now,
      updatedAt: now,
      status: String(entry.status || 'submitting'),
      job: null,
      resultKeys: Array.isArray(entry.resultKeys) ? entry.resultKeys.map(String) : [],
      error: entry.error ? String(entry.error) : '',
    };
    if (entry.job && typeof entry.job === 'object') {
      record.job = {
        id: String(entry.job.id || ''),
        baseUrl: withoutCredentials(entry.job.baseUrl),
        dialect: String(entry.job.dialect || record.dialect),
        poll: withoutSecrets(entry.job.poll || {}).value,
      };
    }
    if (entry.id !== undefined && entry.id !== null) record.id = Number(entry.id);
    return record;
  }

  //---------------------------------------------------------------------------
  // History, results, settings
  //---------------------------------------------------------------------------

  function resultKey(jobId, index) { return String(jobId) + '/' + String(index); }

  function putHistory(entry) {
    var record = historyRecord(entry);
    return transact(['history'], 'readwrite', function (transaction, out) {
      var request = transaction.objectStore('history').put(record);
      request.onsuccess = function () { out.value = { id: request.result }; };
    });
  }

  function getHistory(id) {
    return transact(['history'], 'readonly', function (transaction, out) {
      var request = transaction.objectStore('history').get(Number(id));
      request.onsuccess = function () {
        out.value = request.result ? { entry: request.result } : { error: 'no history entry ' + id };
      };
    });
  }

  function newestFirst(limit, keep) {
    return transact(['history'], 'readonly', function (transaction, out) {
      var entries = [];
      out.value = { entries: entries };
      var request = transaction.objectStore('history').index('createdAt').openCursor(null, 'prev');
      request.onsuccess = function () {
        var cursor = request.result;
        if (!cursor || entries.length >= limit) return;
        if (keep(cursor.value)) entries.push(cursor.value);
        cursor.continue();
      };
    });
  }

  function listHistory(options) {
    var limit = options && options.limit > 0 ? Number(options.limit) : Infinity;
    return newestFirst(limit, function () { return true; });
  }

  function pendingJobs() {
    return newestFirst(Infinity, function (entry) { return PENDING_STATES.indexOf(entry.status) >= 0; });
  }

  function deleteHistory(id) {
    return transact(['history', 'results'], 'readwrite', function (transaction, out) {
      var history = transaction.objectStore('history');
      var request = history.get(Number(id));
      out.value = { deleted: false, results: 0 };
      request.onsuccess = function () {
        if (!request.result) return;
        history.delete(Number(id));
        request.result.resultKeys.forEach(function (key) { transaction.objectStore('results').delete(key); });
        out.value = { deleted: true, results: request.result.resultKeys.length };
      };
    });
  }

  function download(url) {
    return fetch(url).catch(function (error) {
      throw new StorageError('could not download the result from ' + url + ': the network failed or the server ' +
        'does not allow this page to read it (CORS) (' + (error.message || error) + ')');
    }).then(function (response) {
      if (response.status === 410) throw new StorageError('the result link has expired (HTTP 410 Gone): ' + url);
      if (!response.ok) throw new StorageError('could not download the result from ' + url + ': HTTP ' + response.status);
      return response.blob();
    });
  }

  function putResultFromUrl(jobId, index, url) {
    if (jobId === undefined || jobId === null || jobId === '') throw new StorageError('putResultFromUrl needs a job id');
    var key = resultKey(jobId, index || 0);
    return download(url).then(function (blob) {
      var type = blob.type || 'video/mp4';
      return transact(['results'], 'readwrite', function (transaction, out) {
        transaction.objectStore('results').put({
          key: key, jobId: String(jobId), index: Number(index) || 0, blob: blob, size: blob.size, type: type,
          storedAt: Date.now(),
        });
        out.value = { key: key, size: blob.size, type: type };
      });
    });
  }

  function getResultObjectUrl(key) {
    return transact(['results'], 'readonly', function (transaction, out) {
      var request = transaction.objectStore('results').get(String(key));
      request.onsuccess = function () {
        var stored = request.result;
        out.value = stored
          ? { url: URL.createObjectURL(stored.blob), size: stored.size, type: stored.type }
          : { error: 'no saved video ' + key + ' in browser storage' };
      };
    });
  }

  function revokeResultObjectUrl(url) {
    URL.revokeObjectURL(String(url));
    return {};
  }

  function deleteResult(key) {
    return transact(['results'], 'readwrite', function (transaction, out) {
      var store = transaction.objectStore('results');
      var request = store.count(String(key));
      request.onsuccess = function () {
        out.value = { deleted: request.result > 0 };
        store.delete(String(key));
      };
    });
  }

  function getSetting(name) {
    return transact(['settings'], 'readonly', function (transaction, out) {
      var request = transaction.objectStore('settings').get(String(name));
      request.onsuccess = function () { out.value = { value: request.result === undefined ? null : request.result }; };
    });
  }

  function putSetting(name, value) {
    if (KEY_LIKE.test(String(name))) {
      throw new StorageError('"' + name + '" looks like an API key: keys are never written to browser storage');
    }
    var cleaned = withoutSecrets(value).value;
    return transact(['settings'], 'readwrite', function (transaction, out) {
      transaction.objectStore('settings').put(cleaned, String(name));
      out.value = {};
    });
  }

  var api = {
    putHistory: guarded(putHistory),
    getHistory: guarded(getHistory),
    listHistory: guarded(listHistory),
    deleteHistory: guarded(deleteHistory),
    pendingJobs: guarded(pendingJobs),
    putResultFromUrl: guarded(putResultFromUrl),
    getResultObjectUrl: guarded(getResultObjectUrl),
    revokeResultObjectUrl: guarded(revokeResultObjectUrl),
    deleteResult: guarded(deleteResult),
    getSetting: guarded(getSetting),
    putSetting: guarded(putSetting),
    resultKey: resultKey,
  };

  // The C++ bridge: arguments as a JSON array, the result as JSON text (see the header).
  api.callJson = function (name, argsJson) {
    var call = Object.prototype.hasOwnProperty.call(api, name) && name !== 'callJson' && name !== 'resultKey'
      ? api[name] : null;
    var run = call ? guarded(function () {
      var args = JSON.parse(argsJson || '[]');
      if (!Array.isArray(args)) throw new StorageError('storage arguments must be a JSON array');
      return call.apply(null, args);
    }) : function () { return Promise.resolve({ error: 'storage has no function "' + name + '"' }); };
    return run().then(function (result) { return JSON.stringify(result === undefined ? {} : result); });
  };

  // Whether this browser already has the playground's database (a visitor coming back): a promise of
  // a boolean, false where the browser cannot list its databases. Nothing is opened or created.
  api.hasDatabase = function () {
    if (!global.indexedDB || typeof global.indexedDB.databases !== 'function') return Promise.resolve(false);
    return global.indexedDB.databases().then(function (list) {
      return list.some(function (database) { return database.name === DATABASE; });
    }, function () { return false; });
  };

  global.VideoGenStorage = api;
})(typeof window !== 'undefined' ? window : globalThis);
