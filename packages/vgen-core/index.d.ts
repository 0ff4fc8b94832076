// Types of vgen-core: the VideoGen core in WebAssembly, wrapped by vgen_core.mjs. Every command
// answers as the vgen CLI does for the same command (the same exit code, the same stdout in
// `output`, the same stderr in `notes`, byte for byte).

/** The vgen exit code: 0 valid (warnings allowed), 1 invalid, 2 unreadable input, wrong usage (an
 * unknown dialect or model) or an internal error. */
export type ExitCode = 0 | 1 | 2;

/** The gateway dialects the core reads and writes (`vgen validate --dialect NAME`). */
export type DialectName = 'aisdk' | 'gateway' | 'openai' | 'unified' | 'jobs' | 'creative-hub';

/** What every command returns. */
export interface VgenResult {
  exitCode: ExitCode;
  /** What `vgen` prints on stdout: JSON, or text for the human-readable forms; "" when the
   * arguments were refused (exit code 2, the reason in `notes`). */
  output: string;
  /** What `vgen` prints on stderr: why it failed, fields dropped by a conversion; may be "". */
  notes: string;
}

/** A request as text, or as bytes passed through unchanged (for input that is not valid UTF-8). */
export type Input = string | Uint8Array;

/** One problem `validate` found. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  /** JSON Pointer of the value it is about ("" for the whole document). */
  path: string;
  /** A stable code (tools match on it); `codes(true)` lists every one with its meaning. */
  code: string;
  /** What is wrong and what is allowed. */
  message: string;
  /** Where the value is in the input, from 1; columns count characters. */
  line: number;
  column: number;
}

/** The report `validate(input, { json: true })` prints (JSON.parse its `output`). Input that is
 * not readable JSON is reported too (exit code 2, code `invalid_json`); an unknown dialect is not
 * (empty output). At most 100 diagnostics are listed, the last one counting the rest. */
export interface ValidationReport {
  /** true exactly when the exit code is 0. */
  valid: boolean;
  /** The dialect given or detected; "" when none could be told. */
  dialect: DialectName | '';
  /** The model's canonical id when known, else as written; "" when the input names none. */
  model: string;
  diagnostics: Diagnostic[];
}

/** What `parse` prints: the report plus the canonical request (present when it could be read). */
export interface ParseReport extends Omit<ValidationReport, 'diagnostics'> {
  /** As `validate` reports them, without line and column. */
  diagnostics: Omit<Diagnostic, 'line' | 'column'>[];
  request?: Record<string, unknown>;
}

/** One entry of `limits(true)`: a size limit on input. */
export interface InputLimit {
  name: string;
  value: number;
  /** What `value` counts: "bytes", "levels", "items", "members", "values", "characters", "diagnostics". */
  unit: string;
  why: string;
}

/** One entry of `codes(true)`: a diagnostic code. */
export interface DiagnosticCode {
  code: string;
  severity: 'error' | 'warning';
  /** "diagnostic" (validation) or "job" (a job's failure). */
  use: string;
  meaning: string;
}

export interface ValidateOptions {
  /** The input's dialect; "" or absent: detected. */
  dialect?: DialectName | '';
  /** Print the JSON report (`ValidationReport`) instead of the text verdict. */
  json?: boolean;
}

export interface ParseOptions {
  /** The input's dialect; "" or absent: detected. */
  dialect?: DialectName | '';
}

export interface ConversionOptions {
  /** The input's dialect; "" or absent: detected. */
  from?: DialectName | '';
  /** The dialect to write. */
  to: DialectName;
}

/** The loaded core. Calls are synchronous and may be made any number of times. */
export interface VgenCore {
  /** `vgen catalog [--json]`: every model; as JSON, an array of {id, provider, modes, aliases, ...}. */
  catalog(asJson?: boolean): VgenResult;
  /** `vgen limits [--json]`: the size limits on input; as JSON, `InputLimit[]`. */
  limits(asJson?: boolean): VgenResult;
  /** `vgen codes [--json]`: every diagnostic code; as JSON, `DiagnosticCode[]`. */
  codes(asJson?: boolean): VgenResult;
  /** `vgen dialect-facts`: each dialect's routes, status words, result fields and error shapes (JSON). */
  dialectFacts(): VgenResult;
  /** `vgen validate [--dialect NAME] [--json]`: with `json`, the output is a `ValidationReport`. */
  validate(input: Input, options?: ValidateOptions): VgenResult;
  /** `vgen parse [--dialect NAME]`: the output is a `ParseReport`. */
  parse(input: Input, options?: ParseOptions): VgenResult;
  /** `vgen build --to NAME [--from NAME]`: {"method","path","headers","body"} for the target dialect.
   * An invalid request is not built (exit code 1). */
  build(input: Input, options: ConversionOptions): VgenResult;
  /** `vgen convert --to NAME [--from NAME]`: only the target dialect's body. */
  convert(input: Input, options: ConversionOptions): VgenResult;
  /** `vgen schema --dialect NAME MODEL`: the JSON Schema (2020-12) of MODEL's request in the dialect. */
  schema(dialect: DialectName, model: string): VgenResult;
  /** The size of the module's linear memory in bytes (it only grows). */
  memoryBytes(): number;
}

/** The Emscripten factory of vgen_core.js (global `createVgenCore` once the glue is loaded). */
export type VgenCoreFactory = (options: {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (name: string) => string;
}) => Promise<unknown>;

export interface LoadOptions {
  /** URL of the glue, vgen_core.js; the .wasm is taken from next to it. Default: the package's own. */
  moduleUrl?: string | URL;
  /** The .wasm's bytes, if you have them (default: read from disk in node, fetched in pages). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** An already loaded createVgenCore (default: the page's global one if a <script> loaded the
   * glue, else loaded from moduleUrl). */
  factory?: VgenCoreFactory;
}

/** Loads the WebAssembly module and returns the core. */
export function loadVgenCore(options?: LoadOptions): Promise<VgenCore>;
