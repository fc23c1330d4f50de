/**
 * Fetches the official list files of a source and checks them before any importer sees them: streamed to disk,
 * bounded by connect/headers and stall timeouts, retried with backoff, falling back to the next URL of the table
 * (resources/sources.json), and refusing bodies that are not the list (HTML pages, truncated or empty transfers).
 */
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { type Dispatcher, EnvHttpProxyAgent, interceptors, request } from "undici";
import table from "../../resources/sources.json" with { type: "json" };
import { UsageError } from "../errors.ts";
import { SOURCE_IDS, type SourceId } from "../model/entity.ts";

/** How a downloaded file is recognised as the real list file and not an error page. */
export type FileKind = "ofac-csv" | "xml" | "csv" | "json";

/** One file of a source, as listed in resources/sources.json. */
export interface SourceFile {
  /** File name on disk and under a mirror (`${mirror}/${source}/${name}`). */
  name: string;
  kind: FileKind;
  /** Root element an `xml` file must name within its first few KB. */
  root?: string;
  /** Pattern the first line of a `csv` file must match (a header or a report-date line). */
  header?: RegExp;
  /** A file that may be missing (404 on every URL) without failing the download. */
  optional: boolean;
  /** Official URLs, tried in order. */
  urls: readonly string[];
}

export interface DownloadOptions {
  /** Directory the files are written to; created when missing. */
  destDir: string;
  /**
   * Internal mirror: fetch `${mirror}/${source}/${fileName}` instead of the official URLs. Several mirrors are
   * tried in order, like the official URLs.
   */
  mirror?: string | readonly string[];
  /** Connect timeout and, separately, time allowed until the response headers arrive. Default 30 s. */
  timeoutMs?: number;
  /** A response that sends no bytes for this long is abandoned as stalled. Default 30 s. */
  idleTimeoutMs?: number;
  /** Further attempts per URL after the first, on network errors, timeouts, truncation and 5xx. Default 3. */
  retries?: number;
  /** First backoff delay; doubled on each retry. Default 500 ms. */
  retryBaseMs?: number;
  /** Cancels the download; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  onProgress?: (e: { file: string; bytes: number; total?: number }) => void;
  log?: (line: string) => void;
}

export interface DownloadedSource {
  source: SourceId;
  /** File name → path of every file fetched (an optional file that is not published is absent). */
  files: Record<string, string>;
  /** Latest HTTP Last-Modified among the files, as ISO 8601. */
  lastModified?: string;
  /** File name → URL the file was actually fetched from. */
  urls: Record<string, string>;
}

/** Why one attempt at one URL failed. `network` and `timeout` mean the server was never properly reached. */
export type FailureKind = "network" | "timeout" | "stall" | "truncated" | "http" | "not-found" | "content";

export interface FailedAttempt {
  url: string;
  kind: FailureKind;
  reason: string;
  status?: number;
  /** How many times this URL was tried before giving up on it. */
  tries: number;
}

const IMPORT_HINT = "to load lists without network use `redline import FILE`";

/** A list file could not be fetched from any of its URLs; the message is one line meant for a person. */
export class DownloadError extends Error {
  constructor(
    readonly source: SourceId,
    readonly file: string,
    readonly failures: readonly FailedAttempt[],
  ) {
    super(`${failures.map(describeFailure).join("; ")}; ${IMPORT_HINT}`);
    this.name = "DownloadError";
  }

  /** True when no URL answered at all (refused, unresolvable, timed out): the machine is probably offline. */
  get network(): boolean {
    return this.failures.every((f) => f.kind === "network" || f.kind === "timeout");
  }
}

function describeFailure(f: FailedAttempt): string {
  const tries = f.tries > 1 ? ` (${f.tries} attempts)` : "";
  switch (f.kind) {
    case "network":
    case "timeout":
      return `could not reach ${f.url}: ${f.reason}${tries}`;
    case "content":
      return `${f.url} ${f.reason}`;
    default:
      return `${f.url}: ${f.reason}${tries}`;
  }
}

interface TableFile {
  name: string;
  kind: string;
  root?: string;
  header?: string;
  optional?: boolean;
  urls: string[];
}

const KINDS: readonly string[] = ["ofac-csv", "xml", "csv", "json"];
const TABLE = table.sources as Record<string, { files?: TableFile[]; builtin?: string } | undefined>;

const SOURCES: Partial<Record<SourceId, readonly SourceFile[]>> = Object.fromEntries(
  SOURCE_IDS.filter((s) => !TABLE[s]?.builtin).map((s) => [s, readEntries(s)]),
);

// Checked once at load so that a typo in the table fails loudly at startup, not halfway through an update.
function readEntries(source: SourceId): SourceFile[] {
  const entry = TABLE[source];
  if (!entry?.files || entry.files.length === 0)
    throw new Error(`resources/sources.json: no files for source ${source}`);
  return entry.files.map((f) => {
    const where = `resources/sources.json: ${source}/${f.name}`;
    if (!KINDS.includes(f.kind)) throw new Error(`${where}: unknown kind ${JSON.stringify(f.kind)}`);
    if (f.kind === "xml" && !f.root) throw new Error(`${where}: xml needs a root`);
    if (f.kind === "csv" && !f.header) throw new Error(`${where}: csv needs a header pattern`);
    if (f.urls.length === 0) throw new Error(`${where}: no urls`);
    return {
      name: f.name,
      kind: f.kind as FileKind,
      root: f.root,
      ...(f.header ? { header: new RegExp(f.header) } : {}),
      optional: f.optional === true,
      urls: f.urls,
    };
  });
}

/** The files redline fetches for a source, with their official URLs and checks, from resources/sources.json. */
export function sourceFiles(source: SourceId): readonly SourceFile[] {
  const files = SOURCES[source];
  if (files) return files;
  if (TABLE[source]?.builtin) {
    throw new UsageError(`${source} ships with redline (${TABLE[source]?.builtin}); it is not downloaded`);
  }
  throw new Error(`unknown source ${JSON.stringify(source)}`);
}

/** Sources that can be downloaded, in display order. */
export function downloadableSources(): SourceId[] {
  return SOURCE_IDS.filter((s) => SOURCES[s] !== undefined);
}

/** The publisher's title of a source, from resources/sources.json. */
export function sourceTitle(source: SourceId): string {
  return (TABLE[source] as { title?: string } | undefined)?.title ?? source;
}

/** Downloads and checks every file of a source into `opts.destDir`, moving them into place only once all passed. */
export async function downloadSource(source: SourceId, opts: DownloadOptions): Promise<DownloadedSource> {
  const files = sourceFiles(source);
  const ctx: Context = {
    timeoutMs: opts.timeoutMs ?? 30_000,
    idleTimeoutMs: opts.idleTimeoutMs ?? 30_000,
    retries: opts.retries ?? 3,
    retryBaseMs: opts.retryBaseMs ?? 500,
    signal: opts.signal,
    onProgress: opts.onProgress,
    log: opts.log ?? (() => {}),
    destDir: opts.destDir,
  };
  const mirrors = (typeof opts.mirror === "string" ? [opts.mirror] : (opts.mirror ?? [])).map(checkMirror);
  await mkdir(opts.destDir, { recursive: true });

  // One agent per call so that proxy variables are read when the download starts, and no socket outlives it.
  const agent = new EnvHttpProxyAgent({
    connect: { timeout: ctx.timeoutMs },
    proxyTls: { timeout: ctx.timeoutMs },
    // Plain-HTTP targets go to the proxy as absolute-URI requests, which every forward proxy understands;
    // HTTPS targets still tunnel with CONNECT.
    proxyTunnel: false,
  });
  // SLS answers with a redirect to short-lived cloud storage, and treasury.gov redirects its legacy paths.
  const dispatcher = agent.compose(interceptors.redirect({ maxRedirections: 5 }));

  const fetched: Fetched[] = [];
  const skipped: string[] = [];
  try {
    for (const file of files) {
      const urls = mirrors.length > 0 ? mirrors.map((m) => `${m}/${source}/${file.name}`) : file.urls;
      const got = await fetchFile(source, file, urls, dispatcher, ctx);
      if (got) fetched.push(got);
      else skipped.push(file.name);
    }
    const result: DownloadedSource = { source, files: {}, urls: {} };
    let newest: number | undefined;
    for (const f of fetched) {
      const path = join(opts.destDir, f.file.name);
      await rename(f.tmp, path);
      result.files[f.file.name] = path;
      result.urls[f.file.name] = f.url;
      if (f.lastModified !== undefined && (newest === undefined || f.lastModified > newest))
        newest = f.lastModified;
    }
    // A comments file left over from an earlier run would otherwise be read with the new main files.
    for (const name of skipped) await rm(join(opts.destDir, name), { force: true });
    if (newest !== undefined) result.lastModified = new Date(newest).toISOString();
    return result;
  } finally {
    await Promise.all(fetched.map((f) => rm(f.tmp, { force: true })));
    await agent.destroy();
  }
}

function checkMirror(mirror: string): string {
  let url: URL | undefined;
  try {
    url = new URL(mirror);
  } catch {}
  if (url?.protocol !== "http:" && url?.protocol !== "https:") {
    throw new UsageError(`mirror must be an http:// or https:// URL, not ${JSON.stringify(mirror)}`);
  }
  return mirror.replace(/\/+$/, "");
}

interface Context {
  timeoutMs: number;
  idleTimeoutMs: number;
  retries: number;
  retryBaseMs: number;
  signal: AbortSignal | undefined;
  onProgress: DownloadOptions["onProgress"];
  log: (line: string) => void;
  destDir: string;
}

interface Fetched {
  file: SourceFile;
  tmp: string;
  url: string;
  lastModified?: number;
}

class AttemptFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly reason: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(reason);
  }
}

// Returns undefined only for an optional file that no URL publishes.
async function fetchFile(
  source: SourceId,
  file: SourceFile,
  urls: readonly string[],
  dispatcher: Dispatcher,
  ctx: Context,
): Promise<Fetched | undefined> {
  const failures: FailedAttempt[] = [];
  for (const url of urls) {
    for (let attempt = 0; ; attempt++) {
      const tmp = join(ctx.destDir, `.${file.name}.${process.pid}.${randomBytes(4).toString("hex")}.part`);
      try {
        const lastModified = await fetchOnce(url, file, tmp, dispatcher, ctx);
        ctx.log(`${source}/${file.name}: fetched from ${url}`);
        return { file, tmp, url, lastModified };
      } catch (err) {
        await rm(tmp, { force: true });
        if (ctx.signal?.aborted) throw ctx.signal.reason;
        const f = err instanceof AttemptFailure ? err : classify(err, ctx);
        // Not a transfer problem (a full disk, a bad argument): retrying or trying a fallback would only hide it.
        if (!f) throw err;
        if (f.retryable && attempt < ctx.retries) {
          const delay = Math.round(ctx.retryBaseMs * 2 ** attempt * (1 + Math.random() * 0.25));
          ctx.log(
            `${url}: ${f.reason}; retrying in ${delay} ms (attempt ${attempt + 2} of ${ctx.retries + 1})`,
          );
          await sleep(delay, undefined, { signal: ctx.signal });
          continue;
        }
        ctx.log(`${url}: ${f.reason}; giving up on this URL`);
        failures.push({ url, kind: f.kind, reason: f.reason, status: f.status, tries: attempt + 1 });
        break;
      }
    }
  }
  if (file.optional && failures.every((f) => f.kind === "not-found")) {
    ctx.log(`${source}/${file.name}: not published (optional), skipped`);
    return undefined;
  }
  throw new DownloadError(source, file.name, failures);
}

async function fetchOnce(
  url: string,
  file: SourceFile,
  tmp: string,
  dispatcher: Dispatcher,
  ctx: Context,
): Promise<number | undefined> {
  ctx.log(`GET ${url}`);
  const res = await request(url, {
    method: "GET",
    dispatcher,
    signal: ctx.signal,
    headersTimeout: ctx.timeoutMs,
    bodyTimeout: ctx.idleTimeoutMs,
    // No Accept-Encoding on purpose: identity transfer keeps Content-Length comparable with the bytes on disk.
    headers: { "user-agent": "redline (sanctions list download)", accept: "*/*" },
  });
  const { statusCode, headers, body } = res;
  // Without a listener, destroying an undici body emits an "aborted" error nobody handles, which crashes the process.
  body.on("error", () => {});
  if (statusCode !== 200) {
    body.dump().catch(() => {});
    if (statusCode === 404 || statusCode === 410)
      throw new AttemptFailure("not-found", `HTTP ${statusCode}`, false, statusCode);
    const retryable = statusCode >= 500 || statusCode === 408 || statusCode === 429;
    throw new AttemptFailure("http", `HTTP ${statusCode}`, retryable, statusCode);
  }
  if (/^\s*text\/html\b/i.test(header(headers, "content-type") ?? "")) {
    body.destroy();
    throw new AttemptFailure("content", "returned an HTML page, not the list file", false);
  }

  const lengthHeader = header(headers, "content-length");
  const total = lengthHeader !== undefined && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
  let bytes = 0;
  let head = Buffer.alloc(0);
  let checked = false;
  // Our own idle timer because undici's bodyTimeout runs on a coarse (about 1 s) clock; the timer is paused while
  // the disk takes a chunk so that only the network's silence counts.
  let idle: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => body.destroy(stalled(ctx)), ctx.idleTimeoutMs);
  };
  const inspect = async function* (chunks: AsyncIterable<Buffer>) {
    for await (const chunk of chunks) {
      clearTimeout(idle);
      bytes += chunk.length;
      if (!checked) {
        head = Buffer.concat([head, chunk]);
        if (head.length >= SNIFF_BYTES) {
          checked = true;
          checkHead(head, file, false);
        }
      }
      ctx.onProgress?.({ file: file.name, bytes, total });
      yield chunk;
      arm();
    }
    if (!checked) checkHead(head, file, true);
  };
  try {
    arm();
    await pipeline(body, inspect, createWriteStream(tmp, { flags: "wx" }));
  } catch (err) {
    if (err instanceof AttemptFailure) throw err;
    const f = classify(err, ctx);
    // The server was reached and the body began: a broken connection now is a cut-off file, not an unreachable host.
    if (f?.kind === "network" && f.retryable) {
      if (total !== undefined) {
        throw new AttemptFailure(
          "truncated",
          `transfer truncated: received ${bytes} of ${total} bytes`,
          true,
        );
      }
      throw new AttemptFailure("truncated", `transfer interrupted after ${bytes} bytes (${f.reason})`, true);
    }
    throw f ?? err;
  } finally {
    clearTimeout(idle);
  }
  if (total !== undefined && bytes !== total) {
    throw new AttemptFailure("truncated", `transfer truncated: received ${bytes} of ${total} bytes`, true);
  }
  const lastModified = Date.parse(header(headers, "last-modified") ?? "");
  return Number.isNaN(lastModified) ? undefined : lastModified;
}

// Enough to see past an XML declaration, comments and a DOCTYPE to the root element.
const SNIFF_BYTES = 8192;

// Throws when the first bytes show the body is not the list file; `complete` says the whole body is in `head`.
function checkHead(head: Buffer, file: SourceFile, complete: boolean): void {
  const text = head
    .toString("latin1")
    .replace(/^\xEF\xBB\xBF/, "")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: OFAC files end with a DOS end-of-file byte (0x1A).
    .replace(/^[\s\x1A]+/, "");
  if (text.length === 0) {
    if (complete) throw new AttemptFailure("content", "returned an empty body", false);
    throw new AttemptFailure(
      "content",
      `returned ${SNIFF_BYTES / 1024} KB of blank space, not the list file`,
      false,
    );
  }
  if (/^<!doctype\s+html|^<html[\s>]/i.test(text)) {
    throw new AttemptFailure("content", "returned an HTML page, not the list file", false);
  }
  const start = JSON.stringify(text.slice(0, 40));
  if (file.kind === "csv") {
    const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
    if (!file.header?.test(firstLine)) {
      throw new AttemptFailure(
        "content",
        `returned something that is not the expected CSV file (it starts ${start})`,
        false,
      );
    }
    return;
  }
  if (file.kind === "json") {
    if (!/^[[{]/.test(text)) {
      throw new AttemptFailure("content", `returned something that is not JSON (it starts ${start})`, false);
    }
    return;
  }
  if (file.kind === "ofac-csv") {
    if (!/^\d+,/.test(text)) {
      throw new AttemptFailure(
        "content",
        `returned something that is not an OFAC CSV file (it starts ${start})`,
        false,
      );
    }
    return;
  }
  if (!text.startsWith("<")) {
    throw new AttemptFailure("content", `returned something that is not XML (it starts ${start})`, false);
  }
  const root = file.root ?? "";
  // The root may carry a namespace prefix (<ns2:export …>).
  if (!new RegExp(`<(?:[\\w.-]+:)?${root}[\\s/>]`).test(text)) {
    throw new AttemptFailure(
      "content",
      `returned XML that is not a ${root} document (no <${root}> in the first ${SNIFF_BYTES / 1024} KB)`,
      false,
    );
  }
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

// Codes of the error and everything it wraps: undici puts the socket's own error in `cause`, and Node's
// happy-eyeballs connect reports an AggregateError whose members carry the codes.
function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (e: unknown, depth: number) => {
    if (typeof e !== "object" || e === null || seen.has(e) || depth > 5) return;
    seen.add(e);
    const { code, cause, errors } = e as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === "string") codes.push(code);
    visit(cause, depth + 1);
    if (Array.isArray(errors)) for (const x of errors) visit(x, depth + 1);
  };
  visit(err, 0);
  return codes;
}

function stalled(ctx: Context): AttemptFailure {
  return new AttemptFailure("stall", `download stalled: no data for ${ctx.idleTimeoutMs} ms`, true);
}

function classify(err: unknown, ctx: Context): AttemptFailure | undefined {
  const codes = errorCodes(err);
  const has = (c: string) => codes.includes(c);
  const message = err instanceof Error ? err.message : String(err);
  if (has("UND_ERR_BODY_TIMEOUT")) return stalled(ctx);
  if (has("UND_ERR_HEADERS_TIMEOUT")) {
    return new AttemptFailure("timeout", `timed out: no response within ${ctx.timeoutMs} ms`, true);
  }
  if (has("UND_ERR_CONNECT_TIMEOUT") || has("ETIMEDOUT")) {
    return new AttemptFailure("timeout", `timed out: no connection within ${ctx.timeoutMs} ms`, true);
  }
  if (has("ECONNREFUSED")) return new AttemptFailure("network", "connection refused (ECONNREFUSED)", true);
  // DNS saying "no such host" does not change within seconds; retrying only delays the answer on an offline box.
  if (has("ENOTFOUND")) return new AttemptFailure("network", "host name not found (ENOTFOUND)", false);
  if (has("EAI_AGAIN")) return new AttemptFailure("network", "DNS lookup failed (EAI_AGAIN)", true);
  const unreachable = codes.find((c) => c === "EHOSTUNREACH" || c === "ENETUNREACH" || c === "ENETDOWN");
  if (unreachable) return new AttemptFailure("network", `network unreachable (${unreachable})`, true);
  if (has("ECONNRESET") || has("EPIPE") || has("ECONNABORTED")) {
    return new AttemptFailure("network", "connection reset by peer", true);
  }
  const tls = codes.find((c) => /CERT|UNABLE_TO_VERIFY|SELF_SIGNED/.test(c));
  if (tls) {
    return new AttemptFailure(
      "network",
      `TLS certificate not trusted (${tls}); behind a TLS-inspecting proxy set NODE_EXTRA_CA_CERTS to its CA`,
      false,
    );
  }
  // undici reports a proxy's refusal (407, or a failed CONNECT) as an argument or abort error.
  if (/\bproxy\b/i.test(message)) return new AttemptFailure("network", `proxy refused: ${message}`, false);
  if (has("UND_ERR_SOCKET") || has("UND_ERR_CLOSED") || has("EPROTO")) {
    return new AttemptFailure("network", `connection failed: ${message}`, true);
  }
  return undefined;
}
