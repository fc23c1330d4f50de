import { once } from "node:events";
import type { Readable, Writable } from "node:stream";
import { readCsvRows } from "../batch/read.ts";
import { csvHeader, formatRow, type ResultFormat } from "../batch/rows.ts";
import type { JobStatus, JobStore } from "../store/jobs.ts";

/** Rows per chunk unless told: about a second of screening on one core against the full OFAC list. */
export const DEFAULT_CHUNK_SIZE = 1000;

/** What a submission asks for. */
export interface Submission {
  /** The file name or label, as errors name it. */
  name: string;
  options: { limit?: number; minScore?: number; threshold?: number };
  actor: string;
  idempotencyKey?: string;
  chunkSize?: number;
}

/** Split a CSV into chunks, store it, and queue one task per chunk; the same idempotency key gives the same job. */
export async function submitCsv(
  jobs: JobStore,
  input: Readable,
  sub: Submission,
): Promise<{ id: number; created: boolean }> {
  const csv = readCsvRows(input, sub.name, sub.chunkSize ?? DEFAULT_CHUNK_SIZE);
  return jobs.submit({
    name: sub.name,
    rows: csv.slices,
    sha256: csv.sha256,
    options: sub.options,
    actor: sub.actor,
    ...(sub.idempotencyKey ? { idempotencyKey: sub.idempotencyKey } : {}),
  });
}

/** A job's progress as the API and `jobs status --json` show it. */
export function jobSummary(job: JobStatus) {
  return {
    id: job.id,
    status: job.status,
    file: { id: job.file.id, name: job.file.name, rows: job.file.rows, sha256: job.file.sha256 },
    chunks: job.file.chunks,
    chunksDone: job.chunksDone,
    rows: job.file.rows,
    rowsDone: job.rowsDone,
    progress: job.file.rows === 0 ? 1 : job.rowsDone / job.file.rows,
    badRows: job.badRows,
    matchedRows: job.matches,
    lists: job.lists,
    options: job.options,
    idempotencyKey: job.idempotencyKey,
    created: job.created,
    finished: job.finished,
    ...(job.error ? { error: job.error } : {}),
  };
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, "drain");
}

/** Write a finished job's results in input order: JSONL (one line a row) or CSV (one line a hit). */
export async function writeResults(
  jobs: JobStore,
  id: number,
  format: ResultFormat,
  out: Writable,
): Promise<number> {
  let rows = 0;
  if (format === "csv") await write(out, csvHeader());
  for await (const chunk of jobs.results(id)) {
    let text = "";
    for (const result of chunk) text += formatRow(result, format);
    rows += chunk.length;
    await write(out, text);
  }
  return rows;
}
