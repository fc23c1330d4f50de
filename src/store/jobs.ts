import type pg from "pg";
import type { InputRow, RowResult } from "../batch/rows.ts";
import type { AuditEntry } from "./audit.ts";
import { appendChain, transaction } from "./postgres.ts";

/** The queue task that screens one chunk of a batch job. */
export const CHUNK_TASK = "screen-chunk";
/** Attempts a chunk gets before its job is marked failed. */
export const CHUNK_ATTEMPTS = 8;

/** A stored customer file: a batch input kept in chunks. */
export interface CustomerFile {
  id: number;
  name: string;
  sha256: string;
  rows: number;
  chunks: number;
  created: string;
}

/** A batch job and how far it got. */
export interface JobStatus {
  id: number;
  status: "queued" | "running" | "done" | "failed";
  file: CustomerFile;
  idempotencyKey: string | null;
  /** Who submitted it, as the audit trail names callers. */
  actor: string;
  options: Record<string, unknown>;
  created: string;
  finished: string | null;
  error: string | null;
  chunksDone: number;
  rowsDone: number;
  badRows: number;
  matches: number;
  /** Every set of list versions the chunks were screened against (one, unless a list changed meanwhile). */
  lists: Record<string, number>[];
}

/** What a worker needs to screen a chunk. */
export interface ChunkWork {
  rows: InputRow[];
  options: Record<string, unknown>;
  actor: string;
  done: boolean;
  status: string;
}

/** Thrown when an idempotency key comes back with another file: the caller meant something else. */
export class IdempotencyConflict extends Error {
  constructor(
    readonly key: string,
    readonly jobId: number,
  ) {
    super(`the idempotency key "${key}" was used for job ${jobId} with a different file`);
    this.name = "IdempotencyConflict";
  }
}

/** Store a file's rows in chunks inside the caller's transaction; returns the file. */
export async function insertFile(
  client: pg.ClientBase,
  name: string,
  rows: AsyncIterable<InputRow[]>,
  sha256: () => string,
): Promise<CustomerFile> {
  const file = (
    await client.query<CustomerFile>(
      "INSERT INTO customer_files (name, sha256, rows, chunks, created) VALUES ($1, '', 0, 0, $2) RETURNING *",
      [name, new Date().toISOString()],
    )
  ).rows[0] as CustomerFile;
  let chunk = 0;
  let total = 0;
  for await (const slice of rows) {
    if (slice.length === 0) continue;
    await client.query(
      "INSERT INTO customer_file_chunks (file_id, chunk, first_row, rows) VALUES ($1, $2, $3, $4)",
      [file.id, chunk, slice[0]?.row, JSON.stringify(slice)],
    );
    chunk++;
    total += slice.length;
  }
  const done = (
    await client.query<CustomerFile>(
      "UPDATE customer_files SET sha256 = $2, rows = $3, chunks = $4 WHERE id = $1 RETURNING *",
      [file.id, sha256(), total, chunk],
    )
  ).rows[0] as CustomerFile;
  return done;
}

/** Batch jobs on PostgreSQL: files, jobs, chunk results. The queue itself is graphile-worker's. */
export class JobStore {
  constructor(readonly pool: pg.Pool) {}

  /**
   * Create a job over a stored file (or over a new one read from `rows`) and put one task per chunk on the
   * queue, all in one transaction. With an idempotency key already used for the same file, the existing
   * job is returned instead (`created` false).
   */
  async submit(input: {
    name: string;
    rows?: AsyncIterable<InputRow[]>;
    sha256?: () => string;
    fileId?: number;
    options: Record<string, unknown>;
    actor: string;
    idempotencyKey?: string;
    /** Runs in the job's transaction once it is created (a monitor records its run). */
    created?: (client: pg.PoolClient, jobId: number) => Promise<void>;
  }): Promise<{ id: number; created: boolean }> {
    const key = input.idempotencyKey ?? null;
    try {
      return await transaction(this.pool, async (client) => {
        let file: CustomerFile;
        if (input.fileId !== undefined) {
          const found = (
            await client.query<CustomerFile>("SELECT * FROM customer_files WHERE id = $1", [input.fileId])
          ).rows[0];
          if (!found) throw new NotFound(`no customer file ${input.fileId}`);
          file = found;
        } else {
          file = await insertFile(client, input.name, input.rows ?? emptyRows(), input.sha256 ?? (() => ""));
        }
        // A second submission with the key waits here for the first to commit, then finds its job.
        const inserted = (
          await client.query<{ id: number }>(
            `INSERT INTO batch_jobs (file_id, idempotency_key, options, actor, status, created)
             VALUES ($1, $2, $3, $4, 'queued', $5) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
            [file.id, key, JSON.stringify(input.options), input.actor, new Date().toISOString()],
          )
        ).rows[0];
        if (!inserted) throw new Existing(file.sha256);
        await client.query(
          `SELECT graphile_worker.add_job($1, json_build_object('job', $2::int, 'chunk', c),
             max_attempts := $4, job_key := 'chunk:' || $2 || ':' || c)
           FROM generate_series(0, $3::int - 1) AS c`,
          [CHUNK_TASK, inserted.id, file.chunks, CHUNK_ATTEMPTS],
        );
        await input.created?.(client, inserted.id);
        if (file.chunks === 0) {
          await client.query("UPDATE batch_jobs SET status = 'done', finished = $2 WHERE id = $1", [
            inserted.id,
            new Date().toISOString(),
          ]);
        }
        return { id: inserted.id, created: true };
      });
    } catch (error) {
      if (!(error instanceof Existing) || key === null) throw error;
      const job = (
        await this.pool.query<{ id: number; sha256: string }>(
          `SELECT j.id, f.sha256 FROM batch_jobs j JOIN customer_files f ON f.id = j.file_id
           WHERE j.idempotency_key = $1`,
          [key],
        )
      ).rows[0];
      if (!job) throw error;
      if (job.sha256 !== error.sha256) throw new IdempotencyConflict(key, job.id);
      return { id: job.id, created: false };
    }
  }

  /** A job and its progress; undefined when there is none. */
  async status(id: number): Promise<JobStatus | undefined> {
    const job = (
      await this.pool.query(
        `SELECT j.*, row_to_json(f.*) AS file FROM batch_jobs j JOIN customer_files f ON f.id = j.file_id
         WHERE j.id = $1`,
        [id],
      )
    ).rows[0];
    if (!job) return undefined;
    const done = (
      await this.pool.query(
        `SELECT count(*)::int AS chunks, coalesce(sum(rows), 0)::int AS rows, coalesce(sum(bad), 0)::int AS bad,
           coalesce(sum(matches), 0)::int AS matches, coalesce(array_agg(DISTINCT lists), '{}') AS lists
         FROM batch_results WHERE job_id = $1`,
        [id],
      )
    ).rows[0];
    const status = job.status === "queued" && done.chunks > 0 ? "running" : job.status;
    return {
      id: job.id,
      status,
      file: job.file,
      idempotencyKey: job.idempotency_key,
      actor: job.actor,
      options: JSON.parse(job.options),
      created: job.created,
      finished: job.finished,
      error: job.error,
      chunksDone: done.chunks,
      rowsDone: done.rows,
      badRows: done.bad,
      matches: done.matches,
      lists: (done.lists as string[]).map((l) => JSON.parse(l)),
    };
  }

  /** The rows of one chunk and the job's options; `done` when its results are already stored. */
  async chunkWork(jobId: number, chunk: number): Promise<ChunkWork | undefined> {
    const row = (
      await this.pool.query(
        `SELECT c.rows, j.options, j.actor, j.status,
           EXISTS (SELECT 1 FROM batch_results r WHERE r.job_id = j.id AND r.chunk = c.chunk) AS done
         FROM batch_jobs j JOIN customer_file_chunks c ON c.file_id = j.file_id AND c.chunk = $2
         WHERE j.id = $1`,
        [jobId, chunk],
      )
    ).rows[0];
    if (!row) return undefined;
    return {
      rows: JSON.parse(row.rows),
      options: JSON.parse(row.options),
      actor: row.actor,
      done: row.done,
      status: row.status,
    };
  }

  /**
   * Store a chunk's results and the audit records of its answered rows in one transaction, once: a chunk
   * whose results are already stored (a retry after a lost acknowledgement) writes nothing. Resolves with
   * whether it wrote, and whether the job is now complete (the last chunk marks it done).
   */
  async saveChunk(
    jobId: number,
    chunk: number,
    results: RowResult[],
    entries: AuditEntry[],
    meta: { worker: string; attempt: number; lists: Record<string, number> },
    onComplete?: (client: pg.PoolClient) => Promise<void>,
  ): Promise<{ saved: boolean; completed: boolean }> {
    return transaction(this.pool, async (client) => {
      // The job row first, then the audit head: the same order everywhere, so no two writers deadlock.
      const job = (
        await client.query<{ status: string; chunks: number }>(
          `SELECT j.status, f.chunks FROM batch_jobs j JOIN customer_files f ON f.id = j.file_id
           WHERE j.id = $1 FOR UPDATE OF j`,
          [jobId],
        )
      ).rows[0];
      if (!job) throw new NotFound(`no job ${jobId}`);
      const inserted = await client.query(
        `INSERT INTO batch_results (job_id, chunk, rows, bad, matches, lists, results, worker, attempt, finished)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (job_id, chunk) DO NOTHING`,
        [
          jobId,
          chunk,
          results.length,
          results.filter((r) => r.error).length,
          results.filter((r) => r.hits.some((h) => h.match)).length,
          JSON.stringify(meta.lists),
          JSON.stringify(results),
          meta.worker,
          meta.attempt,
          new Date().toISOString(),
        ],
      );
      if (inserted.rowCount === 0) return { saved: false, completed: false };
      await appendChain(client, entries);
      const done = (
        await client.query<{ n: number }>("SELECT count(*)::int AS n FROM batch_results WHERE job_id = $1", [
          jobId,
        ])
      ).rows[0]?.n;
      const completed = job.status === "queued" && done === job.chunks;
      if (completed) {
        await client.query("UPDATE batch_jobs SET status = 'done', finished = $2 WHERE id = $1", [
          jobId,
          new Date().toISOString(),
        ]);
        await onComplete?.(client);
      }
      return { saved: true, completed };
    });
  }

  /** Mark a job failed (a chunk ran out of attempts). */
  async fail(jobId: number, error: string): Promise<void> {
    await this.pool.query(
      "UPDATE batch_jobs SET status = 'failed', error = $2, finished = $3 WHERE id = $1 AND status = 'queued'",
      [jobId, error, new Date().toISOString()],
    );
  }

  /** A job's row results, chunk by chunk in input order. */
  async *results(jobId: number): AsyncGenerator<RowResult[]> {
    const total = (
      await this.pool.query<{ chunks: number }>(
        "SELECT f.chunks FROM batch_jobs j JOIN customer_files f ON f.id = j.file_id WHERE j.id = $1",
        [jobId],
      )
    ).rows[0]?.chunks;
    if (total === undefined) throw new NotFound(`no job ${jobId}`);
    // A few chunks a query: the whole result set of a million rows is never held at once.
    for (let from = 0; from < total; from += 20) {
      const rows = (
        await this.pool.query<{ chunk: number; results: string }>(
          "SELECT chunk, results FROM batch_results WHERE job_id = $1 AND chunk >= $2 AND chunk < $3 ORDER BY chunk",
          [jobId, from, Math.min(total, from + 20)],
        )
      ).rows;
      for (let c = from, i = 0; c < Math.min(total, from + 20); c++, i++) {
        if (rows[i]?.chunk !== c) throw new Error(`job ${jobId}: chunk ${c} has no results yet`);
        yield JSON.parse((rows[i] as { results: string }).results);
      }
    }
  }

  /** A stored customer file. */
  async file(id: number): Promise<CustomerFile | undefined> {
    return (await this.pool.query<CustomerFile>("SELECT * FROM customer_files WHERE id = $1", [id])).rows[0];
  }

  /** Store a customer file without screening it (for jobs and monitors that name it later). */
  async addFile(name: string, rows: AsyncIterable<InputRow[]>, sha256: () => string): Promise<CustomerFile> {
    return transaction(this.pool, (client) => insertFile(client, name, rows, sha256));
  }
}

/** Thrown when a job or file asked for does not exist. */
export class NotFound extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotFound";
  }
}

class Existing extends Error {
  constructor(readonly sha256: string) {
    super("existing job");
  }
}

async function* emptyRows(): AsyncGenerator<InputRow[]> {}
