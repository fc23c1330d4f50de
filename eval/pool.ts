/**
 * Screening many queries against one list, in worker threads when there are cores to spare: the recall and
 * false-positive sets send tens of thousands of queries, and one core would take most of the time budget.
 * Only the public API is used (NameIndex, screen, and a hit's id, score and match), so that the engine's
 * insides can change under the harness.
 */
import { Worker } from "node:worker_threads";
import { NameIndex } from "../src/match/name-index.ts";
import { screen } from "../src/match/screen.ts";
import type { ScreenQuery } from "../src/match/types.ts";
import type { Entity } from "../src/model/entity.ts";

/** One query, and the entry it should find when the set knows it. */
export interface ScreenJob {
  query: ScreenQuery;
  expect?: string;
}

/** How to screen and what to keep of the hits. */
export interface ScreenSettings {
  minScore: number;
  limit: number;
  threshold: number;
  /** When true, `score >= threshold` decides a match instead of the engine's own flag. */
  overridden: boolean;
  /** How many of the best hits to keep per query. */
  keepTop: number;
}

/** The part of a hit the harness relies on. */
export interface CompactHit {
  id: string;
  score: number;
  match: boolean;
}

/** What one query gave. */
export interface ScreenOutcome {
  top: CompactHit[];
  /** Hits returned (at most `limit`). */
  hits: number;
  /** Hits that alert. */
  matches: number;
  /**
   * Where the expected entry came: rank 1 + the number of hits scoring strictly higher (so ties share a rank);
   * null when it was not among the hits; absent when the job expects nothing.
   */
  expected?: { rank: number; score: number; match: boolean } | null;
  error?: string;
}

/** The outcomes of a batch, in job order, with timings. */
export interface PoolRun {
  outcomes: ScreenOutcome[];
  /** Wall-clock seconds spent screening (index building excluded). */
  seconds: number;
  /** Seconds the workers (or the main thread) were busy screening, summed. */
  busySeconds: number;
  /** Seconds to build the index (the slowest worker's). */
  indexSeconds: number;
  workers: number;
  /** Set when worker threads failed and the batch ran in the main thread instead. */
  note?: string;
}

interface ChunkRequest {
  id: number;
  jobs: ScreenJob[];
  settings: ScreenSettings;
}

type WorkerMessage =
  | { type: "ready"; indexMs: number }
  | { type: "done"; id: number; outcomes: ScreenOutcome[]; busyMs: number };

const CHUNK = 250;
/** Below this many queries, starting workers costs more than it saves. */
const MIN_JOBS_FOR_WORKERS = 400;

/** Screen jobs one by one in this thread; an exception becomes that query's error, not the batch's. */
export function screenJobs(
  index: NameIndex,
  jobs: readonly ScreenJob[],
  settings: ScreenSettings,
): ScreenOutcome[] {
  return jobs.map((job) => {
    try {
      const hits = screen(index, job.query, {
        minScore: settings.minScore,
        limit: settings.limit,
        threshold: settings.threshold,
      });
      const alerts = (h: { score: number; match: boolean }) =>
        settings.overridden ? h.score >= settings.threshold : h.match;
      const outcome: ScreenOutcome = {
        top: hits.slice(0, settings.keepTop).map((h) => ({ id: h.id, score: h.score, match: alerts(h) })),
        hits: hits.length,
        matches: hits.filter(alerts).length,
      };
      if (job.expect !== undefined) {
        const own = hits.find((h) => h.id === job.expect);
        outcome.expected = own
          ? {
              rank: 1 + hits.filter((h) => h.score > own.score).length,
              score: own.score,
              match: alerts(own),
            }
          : null;
      }
      return outcome;
    } catch (error) {
      return {
        top: [],
        hits: 0,
        matches: 0,
        ...(job.expect !== undefined ? { expected: null } : {}),
        error: error instanceof Error ? error.message : String(error),
      };
    }
  });
}

function inProcess(
  entities: Entity[],
  jobs: readonly ScreenJob[],
  settings: ScreenSettings,
  note?: string,
): PoolRun {
  const t0 = performance.now();
  const index = new NameIndex(entities);
  const t1 = performance.now();
  const outcomes = screenJobs(index, jobs, settings);
  const seconds = (performance.now() - t1) / 1000;
  return {
    outcomes,
    seconds,
    busySeconds: seconds,
    indexSeconds: (t1 - t0) / 1000,
    workers: 1,
    ...(note ? { note } : {}),
  };
}

/**
 * Node 20 starts a worker's entry module before the parent's `--import tsx` hooks apply to it, so each worker
 * first registers tsx itself and then imports the TypeScript entry.
 */
function startWorker(entities: Entity[]): Worker {
  const tsx = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./screen-worker.ts", import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: { entities } });
}

function inWorkers(
  entities: Entity[],
  jobs: readonly ScreenJob[],
  settings: ScreenSettings,
  count: number,
): Promise<PoolRun> {
  return new Promise((resolve, reject) => {
    const outcomes: ScreenOutcome[] = new Array(jobs.length);
    const chunks: { start: number; jobs: ScreenJob[] }[] = [];
    for (let start = 0; start < jobs.length; start += CHUNK) {
      chunks.push({ start, jobs: jobs.slice(start, start + CHUNK) });
    }
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    let busyMs = 0;
    let indexMs = 0;
    let firstReady: number | undefined;
    let failed = false;

    const finish = (error?: unknown) => {
      for (const w of workers) void w.terminate();
      if (error !== undefined) reject(error);
      else {
        resolve({
          outcomes,
          seconds: (performance.now() - (firstReady ?? performance.now())) / 1000,
          busySeconds: busyMs / 1000,
          indexSeconds: indexMs / 1000,
          workers: count,
        });
      }
    };
    const dispatch = (w: Worker) => {
      const chunk = chunks[next];
      if (!chunk) return;
      const request: ChunkRequest = { id: next, jobs: chunk.jobs, settings };
      next++;
      w.postMessage(request);
    };

    for (let i = 0; i < count; i++) {
      const w = startWorker(entities);
      workers.push(w);
      w.on("message", (m: WorkerMessage) => {
        if (failed) return;
        if (m.type === "ready") {
          indexMs = Math.max(indexMs, m.indexMs);
          firstReady ??= performance.now();
        } else {
          const chunk = chunks[m.id];
          if (chunk) {
            m.outcomes.forEach((o, j) => {
              outcomes[chunk.start + j] = o;
            });
          }
          busyMs += m.busyMs;
          done++;
          if (done === chunks.length) return finish();
        }
        dispatch(w);
      });
      w.on("error", (error) => {
        if (failed) return;
        failed = true;
        finish(error);
      });
      w.on("exit", (code) => {
        if (!failed && done < chunks.length && code !== 0) {
          failed = true;
          finish(new Error(`screening worker exited with code ${code}`));
        }
      });
    }
  });
}

/** Screen every job against an index of `entities`, in `workers` threads when that pays off. */
export async function screenMany(
  entities: Entity[],
  jobs: readonly ScreenJob[],
  settings: ScreenSettings,
  workers: number,
): Promise<PoolRun> {
  const count = Math.min(workers, Math.ceil(jobs.length / CHUNK));
  if (count <= 1 || jobs.length < MIN_JOBS_FOR_WORKERS) return inProcess(entities, jobs, settings);
  try {
    return await inWorkers(entities, jobs, settings, count);
  } catch (error) {
    // A failure in a worker is retried here, where an engine exception surfaces with its own stack.
    const why = error instanceof Error ? error.message : String(error);
    return inProcess(entities, jobs, settings, `worker threads failed (${why}); screened in the main thread`);
  }
}

export type { ChunkRequest, WorkerMessage };
