import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { readCsvRows } from "../../batch/read.ts";
import { Catalog } from "../../catalog.ts";
import { DataError, UsageError } from "../../errors.ts";
import { Monitors, webhookProblem } from "../../jobs/monitor.ts";
import { DEFAULT_CHUNK_SIZE, jobSummary, submitCsv, writeResults } from "../../jobs/service.ts";
import { migrateQueue, runWorker } from "../../jobs/worker.ts";
import { IdempotencyConflict, JobStore } from "../../store/jobs.ts";
import { PostgresStore } from "../../store/postgres.ts";
import type { Store } from "../../store/store.ts";
import { dataDir, openStore, say } from "../context.ts";
import { followLists } from "./serve.ts";

/** The PostgreSQL store, or a usage error saying how to get one: jobs need a database every worker reaches. */
export function requirePostgres(store: Store): PostgresStore {
  if (store instanceof PostgresStore) return store;
  throw new UsageError(
    "batch jobs and workers need PostgreSQL: set DATABASE_URL=postgres://USER@HOST/DB (for one machine, `redline screen --input FILE` screens a file directly)",
  );
}

/** Run a command against the PostgreSQL store of the data directory's settings, and close it afterwards. */
async function withPostgres<T>(
  dir: string | undefined,
  run: (store: PostgresStore) => Promise<T>,
): Promise<T> {
  const store = requirePostgres(openStore(dataDir(dir)));
  try {
    await store.ready;
    return await run(store);
  } finally {
    await store.close();
  }
}

function formatOf(file: string): "jsonl" | "csv" {
  if (file.endsWith(".jsonl") || file.endsWith(".json")) return "jsonl";
  if (file.endsWith(".csv")) return "csv";
  throw new UsageError(`--output must end in .jsonl or .csv: ${file}`);
}

function jobId(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1)
    throw new UsageError(`expected a job id (a whole number), not "${value}"`);
  return id;
}

async function download(jobs: JobStore, id: number, output: string | undefined): Promise<void> {
  const format = output ? formatOf(output) : "jsonl";
  const out: Writable = output ? createWriteStream(output) : process.stdout;
  const rows = await writeResults(jobs, id, format, out);
  if (output) {
    out.end();
    await once(out, "finish");
  }
  say(`job ${id}: ${rows} rows${output ? ` written to ${output}` : ""}`);
}

async function wait(jobs: JobStore, id: number): Promise<void> {
  let last = "";
  for (;;) {
    const job = await jobs.status(id);
    if (!job) throw new DataError(`no job ${id}`);
    const line = `job ${id}: ${job.status}, ${job.rowsDone} of ${job.file.rows} rows`;
    if (line !== last && process.stderr.isTTY) say(line);
    last = line;
    if (job.status === "done") return;
    if (job.status === "failed") throw new DataError(`job ${id} failed: ${job.error}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** `redline jobs submit FILE`: queue a CSV for the workers; with --wait, wait and write the results. */
export async function jobsSubmitCommand(
  file: string,
  opts: {
    dataDir?: string;
    wait?: boolean;
    output?: string;
    idempotencyKey?: string;
    chunkSize?: number;
    limit?: number;
    minScore?: number;
  },
): Promise<void> {
  if (opts.output && !opts.wait)
    throw new UsageError("--output needs --wait (or use `redline jobs results ID`)");
  if (opts.output) formatOf(opts.output);
  await withPostgres(opts.dataDir, async (store) => {
    await migrateQueue(store.pool);
    const jobs = new JobStore(store.pool);
    const input = createReadStream(file);
    const opened = once(input, "open");
    await opened.catch(() => {
      throw new DataError("cannot read the file", { file });
    });
    let submitted: { id: number; created: boolean };
    try {
      submitted = await submitCsv(jobs, input, {
        name: file,
        options: {
          ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
          ...(opts.minScore !== undefined ? { minScore: opts.minScore } : {}),
        },
        actor: "cli",
        ...(opts.idempotencyKey ? { idempotencyKey: opts.idempotencyKey } : {}),
        ...(opts.chunkSize ? { chunkSize: opts.chunkSize } : {}),
      });
    } catch (error) {
      if (error instanceof IdempotencyConflict) throw new DataError(error.message, { file });
      throw error;
    }
    const job = await jobs.status(submitted.id);
    say(
      `job ${submitted.id}${submitted.created ? "" : " (already submitted with this idempotency key)"}: ` +
        `${job?.file.rows} rows in ${job?.file.chunks} chunks, ${job?.status}`,
    );
    process.stdout.write(`${submitted.id}\n`);
    if (opts.wait) {
      await wait(jobs, submitted.id);
      if (opts.output) await download(jobs, submitted.id, opts.output);
    }
  });
}

/** `redline jobs status ID`: progress of a job. */
export async function jobsStatusCommand(
  id: string,
  opts: { dataDir?: string; json?: boolean },
): Promise<void> {
  await withPostgres(opts.dataDir, async (store) => {
    const job = await new JobStore(store.pool).status(jobId(id));
    if (!job) throw new DataError(`no job ${id}`);
    const summary = jobSummary(job);
    if (opts.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else {
      process.stdout.write(
        `job ${job.id}: ${summary.status}, ${summary.rowsDone} of ${summary.rows} rows ` +
          `(${summary.chunksDone} of ${summary.chunks} chunks), ${summary.matchedRows} rows with a match` +
          `${job.error ? `; ${job.error}` : ""}\n`,
      );
    }
  });
}

/** `redline jobs results ID`: a finished job's results in input order. */
export async function jobsResultsCommand(
  id: string,
  opts: { dataDir?: string; output?: string },
): Promise<void> {
  if (opts.output) formatOf(opts.output);
  await withPostgres(opts.dataDir, async (store) => {
    const jobs = new JobStore(store.pool);
    const job = await jobs.status(jobId(id));
    if (!job) throw new DataError(`no job ${id}`);
    if (job.status !== "done") {
      throw new DataError(
        `job ${id} is ${job.status} (${job.rowsDone} of ${job.file.rows} rows): no results yet`,
      );
    }
    await download(jobs, job.id, opts.output);
  });
}

/** `redline worker`: take chunks from the queue and screen them until stopped (SIGINT, SIGTERM). */
export async function workerCommand(opts: { dataDir?: string; concurrency?: number }): Promise<void> {
  const store = requirePostgres(openStore(dataDir(opts.dataDir)));
  await store.ready;
  const catalog = await Catalog.load(store);
  const log = (line: string) => say(`worker: ${line}`);
  const monitors = new Monitors(store.pool);
  // A new list version starts a run of every monitored customer file (one run, however many workers hear it).
  const trigger = () =>
    monitors.trigger(catalog.versions).then(
      (jobs) => {
        if (jobs.length > 0) log(`monitoring runs started: jobs ${jobs.join(", ")}`);
      },
      (error: Error) => log(`could not start monitoring runs: ${error.message}`),
    );
  const unwatch = await followLists(catalog, store, { info: log, warn: log }, () => void trigger());
  const stale = Number(process.env.REDLINE_WORKER_STALE_SECONDS ?? 30);
  const worker = await runWorker({
    pool: store.pool,
    catalog,
    concurrency: opts.concurrency ?? 1,
    staleSeconds: stale > 0 ? stale : 30,
    log,
    extensions: monitors.extensions(),
  });
  await trigger();
  for (const v of catalog.versions)
    log(`screening against ${v.source} version ${v.id} (${v.entities} entries)`);
  if (catalog.versions.length === 0) log("no lists loaded yet: chunks are retried until a list is imported");
  log(`ready, pid ${process.pid}`);
  const stop = async () => {
    log("stopping: finishing the chunks in hand");
    await worker.stop();
    await unwatch?.();
    await store.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

/** `redline monitor add FILE`: store a customer file and screen it again on every list change. */
export async function monitorAddCommand(
  file: string,
  opts: {
    dataDir?: string;
    webhook: string;
    secret: string;
    name?: string;
    minScore?: number;
    limit?: number;
  },
): Promise<void> {
  const problem = webhookProblem(opts.webhook);
  if (problem) throw new UsageError(`--webhook: ${problem}`);
  if (opts.secret.length < 16) throw new UsageError("--secret: at least 16 characters, to sign the webhook");
  await withPostgres(opts.dataDir, async (store) => {
    await migrateQueue(store.pool);
    const input = createReadStream(file);
    await once(input, "open").catch(() => {
      throw new DataError("cannot read the file", { file });
    });
    const csv = readCsvRows(input, file, DEFAULT_CHUNK_SIZE);
    const stored = await new JobStore(store.pool).addFile(opts.name ?? file, csv.slices, csv.sha256);
    const monitors = new Monitors(store.pool);
    const monitor = await monitors.add({
      fileId: stored.id,
      name: opts.name ?? file,
      webhookUrl: opts.webhook,
      secret: opts.secret,
      options: {
        ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
        ...(opts.minScore !== undefined ? { minScore: opts.minScore } : {}),
      },
    });
    const [baseline] = await monitors.trigger(await store.currentVersions());
    say(
      `monitor ${monitor.id}: ${stored.rows} rows of ${file}` +
        (baseline ? `; first screening is job ${baseline}` : "; screened once lists are loaded"),
    );
    process.stdout.write(`${monitor.id}\n`);
  });
}

/** `redline monitor show ID`: a monitor and its runs with what each found. */
export async function monitorShowCommand(
  id: string,
  opts: { dataDir?: string; json?: boolean },
): Promise<void> {
  await withPostgres(opts.dataDir, async (store) => {
    const found = await new Monitors(store.pool).get(jobId(id));
    if (!found) throw new DataError(`no monitor ${id}`);
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
      return;
    }
    process.stdout.write(
      `monitor ${found.monitor.id} (${found.monitor.name}) → ${found.monitor.webhookUrl}\n`,
    );
    for (const run of found.runs) {
      const r = run.report;
      const what = !r
        ? "running"
        : r.baseline
          ? "first screening"
          : `${r.changes.newHits.length} new hits, ${r.changes.goneHits.length} gone, ${r.changes.crossed.length} crossed the threshold`;
      process.stdout.write(
        `job ${run.job} for ${JSON.stringify(run.lists)}: ${what}${run.delivered ? `, posted ${run.delivered}` : ""}\n`,
      );
    }
  });
}
