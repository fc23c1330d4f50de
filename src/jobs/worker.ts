import { EventEmitter } from "node:events";
import { hostname } from "node:os";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { type JobHelpers, Logger, run, runMigrations, type Task, type WorkerEvents } from "graphile-worker";
import type pg from "pg";
import { type RowResult, screenRow } from "../batch/rows.ts";
import type { Catalog } from "../catalog.ts";
import type { ScreenOptions } from "../match/types.ts";
import type { AuditEntry } from "../store/audit.ts";
import { CHUNK_ATTEMPTS, CHUNK_TASK, JobStore } from "../store/jobs.ts";

/** graphile-worker's log lines as one line each on stderr; info and below only with REDLINE_DEBUG. */
export const queueLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning" || process.env.REDLINE_DEBUG) {
    process.stderr.write(`queue ${level}: ${message}\n`);
  }
});

/** Bring graphile-worker's own schema (graphile_worker) up to date. */
export async function migrateQueue(pool: pg.Pool): Promise<void> {
  await runMigrations({ pgPool: pool, logger: queueLogger });
}

/** Tasks a worker runs besides screening chunks (monitoring reports), and a hook on a job's completion. */
export interface WorkerExtensions {
  tasks?: Record<string, Task>;
  /** Runs in the transaction that stores a job's last chunk. */
  onJobComplete?: (client: pg.PoolClient, jobId: number) => Promise<void>;
}

/** How a worker process runs. */
export interface WorkerOptions {
  pool: pg.Pool;
  catalog: Catalog;
  /** Chunks screened at once in this process (default 1: screening takes a core). */
  concurrency?: number;
  /** A worker not heard from for this long has its chunks given to others (default 30 s). */
  staleSeconds?: number;
  /** Rows screened between two looks at the event loop (heartbeats, cancellation). */
  yieldEvery?: number;
  log: (line: string) => void;
  extensions?: WorkerExtensions;
}

/** Screen one chunk of a batch job and store its results with their audit records, once. */
export function chunkTask(
  jobs: JobStore,
  catalog: Catalog,
  opts: { yieldEvery: number; onJobComplete?: WorkerExtensions["onJobComplete"] },
): Task {
  return async (payload, helpers: JobHelpers) => {
    const { job: jobId, chunk } = payload as { job: number; chunk: number };
    try {
      const work = await jobs.chunkWork(jobId, chunk);
      if (!work || work.done || work.status !== "queued") return;
      // Every row of a chunk is screened against one snapshot, even if a new list version arrives meanwhile.
      const pinned = catalog.pinned();
      if (pinned.versions.length === 0) throw new Error("no lists are loaded: import or update them first");
      const options = work.options as ScreenOptions;
      const results: RowResult[] = [];
      const entries: AuditEntry[] = [];
      for (const [i, input] of work.rows.entries()) {
        const { result, entry } = screenRow(pinned, input, options, {
          actor: work.actor,
          channel: "job",
          ref: `${jobId}:${input.row}`,
        });
        results.push(result);
        if (entry) entries.push(entry);
        if ((i + 1) % opts.yieldEvery === 0) await yieldToLoop();
      }
      const lists = Object.fromEntries(pinned.versions.map((v) => [v.source, v.id]));
      await jobs.saveChunk(
        jobId,
        chunk,
        results,
        entries,
        { worker: helpers.job.locked_by ?? "", attempt: helpers.job.attempts, lists },
        opts.onJobComplete ? (client) => opts.onJobComplete?.(client, jobId) as Promise<void> : undefined,
      );
    } catch (error) {
      if (helpers.job.attempts >= helpers.job.max_attempts) {
        await jobs.fail(
          jobId,
          `chunk ${chunk} failed ${helpers.job.attempts} times: ${(error as Error).message}`,
        );
      }
      throw error;
    }
  };
}

/**
 * Run a worker process: take chunks from the queue (graphile-worker on the store's PostgreSQL) and screen
 * them. Each worker says it is alive every few seconds; chunks held by a worker that stopped (a killed
 * process, a lost machine) are released to the others, and a job whose chunk ran out of attempts is failed.
 */
export async function runWorker(opts: WorkerOptions): Promise<{ stop: () => Promise<void> }> {
  const { pool, catalog, log } = opts;
  const jobs = new JobStore(pool);
  const staleSeconds = opts.staleSeconds ?? 30;
  await migrateQueue(pool);
  // Ids that hold locks on the queue: graphile-worker locks chunks in the name of a worker pool.
  const live = new Set<string>();
  const register = (id: string) =>
    pool
      .query(
        `INSERT INTO queue_workers (worker_id, host, pid) VALUES ($1, $2, $3)
         ON CONFLICT (worker_id) DO UPDATE SET seen_at = now()`,
        [id, hostname(), process.pid],
      )
      .catch(() => undefined);
  const taskList = {
    [CHUNK_TASK]: chunkTask(jobs, catalog, {
      yieldEvery: opts.yieldEvery ?? 50,
      ...(opts.extensions?.onJobComplete ? { onJobComplete: opts.extensions.onJobComplete } : {}),
    }),
    ...opts.extensions?.tasks,
  };
  let stopping = false;
  let runner: Awaited<ReturnType<typeof run>> | undefined;
  const startRunner = async (): Promise<void> => {
    const events: WorkerEvents = new EventEmitter();
    const ids: string[] = [];
    const own = (id: string) => {
      ids.push(id);
      live.add(id);
      void register(id);
    };
    events.on("pool:create", ({ workerPool }) => own(workerPool.id));
    events.on("worker:create", ({ worker }) => own(worker.workerId));
    const started = await run({
      pgPool: pool,
      concurrency: opts.concurrency ?? 1,
      noHandleSignals: true,
      pollInterval: 1000,
      logger: queueLogger,
      events,
      taskList,
      // Batched completion ends the runner (instead of the process) when the database is lost while a chunk
      // is being acknowledged; a new runner then takes over, and the chunks of the old one are released.
      preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    });
    runner = started;
    started.promise
      .catch((error: Error) => log(`the queue runner stopped: ${error.message}`))
      .then(async () => {
        for (const id of ids) live.delete(id);
        if (stopping) return;
        for (let delay = 1000; !stopping; delay = Math.min(delay * 2, 30_000)) {
          await new Promise((r) => setTimeout(r, delay));
          try {
            if (!stopping) await startRunner();
            log("queue runner restarted");
            return;
          } catch (error) {
            log(`cannot restart the queue runner yet: ${(error as Error).message}`);
          }
        }
      });
  };
  await startRunner();
  const beat = async () => {
    try {
      await pool.query("UPDATE queue_workers SET seen_at = now() WHERE worker_id = ANY($1)", [[...live]]);
      await sweep(pool, jobs, staleSeconds, log);
    } catch {
      // The database is away for now: the next beat tries again.
    }
  };
  const timer = setInterval(beat, Math.max(250, (staleSeconds * 1000) / 6));
  return {
    stop: async () => {
      stopping = true;
      clearInterval(timer);
      await runner?.stop().catch(() => undefined);
      await pool
        .query("DELETE FROM queue_workers WHERE worker_id = ANY($1)", [[...live]])
        .catch(() => undefined);
    },
  };
}

/**
 * Release chunks locked longer than `staleSeconds` by a worker that has not said it is alive for as long
 * (graphile-worker's force_unlock_workers), and fail jobs whose chunk has used up its attempts.
 */
export async function sweep(
  pool: pg.Pool,
  jobs: JobStore,
  staleSeconds: number,
  log: (line: string) => void,
): Promise<void> {
  const dead = (
    await pool.query<{ locked_by: string }>(
      `SELECT DISTINCT j.locked_by FROM graphile_worker.jobs j
       WHERE j.locked_by IS NOT NULL AND j.locked_at < now() - make_interval(secs => $1)
         AND NOT EXISTS (
           SELECT 1 FROM queue_workers w
           WHERE w.worker_id = j.locked_by AND w.seen_at > now() - make_interval(secs => $1))`,
      [staleSeconds],
    )
  ).rows.map((r) => r.locked_by);
  if (dead.length > 0) {
    await pool.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [dead]);
    await pool.query("DELETE FROM queue_workers WHERE worker_id = ANY($1)", [dead]);
    log(`released the chunks of stopped workers: ${dead.join(", ")}`);
  }
  const exhausted = (
    await pool.query<{ key: string; last_error: string | null }>(
      `SELECT j.key, j.last_error FROM graphile_worker.jobs j
       WHERE j.task_identifier = $1 AND j.attempts >= j.max_attempts AND j.locked_at IS NULL`,
      [CHUNK_TASK],
    )
  ).rows;
  for (const { key, last_error } of exhausted) {
    const m = /^chunk:(\d+):(\d+)$/.exec(key ?? "");
    if (m)
      await jobs.fail(Number(m[1]), `chunk ${m[2]} failed ${CHUNK_ATTEMPTS} times: ${last_error ?? "?"}`);
  }
}
