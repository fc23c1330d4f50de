import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ScreenQuery } from "../match/types.ts";

/** The engine version written into every audit record (package.json's version). */
export const ENGINE_VERSION: string = JSON.parse(
  readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
).version;

/** The hash that stands before the first record of the chain. */
export const GENESIS_HASH = "0".repeat(64);

/** What the caller of `appendAudit` supplies: one answered screening. */
export interface AuditEntry {
  /** Who asked: an API key ("key:ID:NAME"), "cli" or "anonymous". */
  actor: string;
  /** Where the screening came from: "api", "api-batch", "cli" or "cli-batch". */
  channel: string;
  query: ScreenQuery;
  /** Source → list version id, for every list the answer was drawn from. */
  lists: Record<string, number>;
  /** The screening options as used: limit, minScore, threshold, mode. */
  options: Record<string, unknown>;
  hits: { id: string; score: number }[];
  engine: string;
  /** The client's key for a row of a batch, or the batch row number. */
  ref?: string;
}

/** A stored audit record: the entry, when it was written, and its place in the hash chain. */
export interface AuditRecord extends AuditEntry {
  seq: number;
  time: string;
  prevHash: string;
  hash: string;
}

/** The result of checking the chain: ok, or the first record that does not fit. */
export type AuditVerdict =
  | { ok: true; records: number }
  | { ok: false; records: number; seq: number; reason: string };

/** JSON with object keys sorted at every level, so one record always hashes to one value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The canonical body of a record: everything but its position and hashes. */
export function auditBody(time: string, entry: AuditEntry): string {
  return canonicalJson({ ...entry, time });
}

/** SHA-256 over the previous hash and a record's canonical body. */
export function auditHash(prevHash: string, body: string): string {
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}

/** Thrown when an audit record cannot be written: the screening must not be answered. */
export class AuditError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AuditError";
  }
}

/** Run an audit write, turning any failure into an AuditError that says the answer was withheld. */
export async function recordAudit<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new AuditError(`the audit record could not be written (${why}), so no answer is given`, {
      cause: error,
    });
  }
}

/** A stored audit row as both stores keep it: the body is the canonical JSON the hash covers. */
export interface StoredAuditRow {
  seq: number;
  time: string;
  actor: string;
  body: string;
  prev_hash: string;
  hash: string;
}

/** A stored row as an audit record. */
export function toAuditRecord(row: StoredAuditRow): AuditRecord {
  const { time: _, ...entry } = JSON.parse(row.body) as AuditEntry & { time: string };
  return { seq: row.seq, time: row.time, ...entry, prevHash: row.prev_hash, hash: row.hash };
}

/**
 * Checks a chain fed row by row in sequence order: `add` answers the verdict at the first row that does not
 * fit, `end` checks that nothing was cut after the last row seen.
 */
export class ChainChecker {
  private prev = GENESIS_HASH;
  private prevSeq = 0;
  private records = 0;

  /** Check the next row; a verdict when it breaks the chain. */
  add(row: StoredAuditRow): AuditVerdict | undefined {
    this.records++;
    const records = this.records;
    if (row.prev_hash !== this.prev) {
      const reason =
        this.prevSeq === 0
          ? "it does not link to the start of the chain: records before it were deleted or moved"
          : `it does not link to record ${this.prevSeq}: a record between them was deleted, or records were reordered`;
      return { ok: false, records, seq: row.seq, reason };
    }
    let body: AuditEntry & { time: string };
    try {
      body = JSON.parse(row.body);
    } catch {
      return { ok: false, records, seq: row.seq, reason: "its content is not valid JSON: it was edited" };
    }
    if (auditHash(this.prev, row.body) !== row.hash || body.time !== row.time || body.actor !== row.actor) {
      return {
        ok: false,
        records,
        seq: row.seq,
        reason: "its content does not match its hash: it was edited",
      };
    }
    this.prev = row.hash;
    this.prevSeq = row.seq;
    return undefined;
  }

  /** The verdict once every row was added; `top` is the highest sequence number ever given. */
  end(top: number | undefined): AuditVerdict {
    if (top !== undefined && top > this.prevSeq) {
      return {
        ok: false,
        records: this.records,
        seq: this.prevSeq + 1,
        reason: `records after ${this.prevSeq} up to ${top} were deleted from the end of the trail`,
      };
    }
    return { ok: true, records: this.records };
  }
}
