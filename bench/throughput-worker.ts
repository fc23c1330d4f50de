/**
 * One batch-screening worker: builds its own redline index from the entities it is given (as a separate
 * process would), warms up, then screens its share of the queries each time the parent says "go".
 */
import { parentPort, workerData } from "node:worker_threads";
import { NameIndex } from "../src/match/name-index.ts";
import { screen } from "../src/match/screen.ts";
import type { Entity } from "../src/model/entity.ts";

/** What the parent hands each worker. */
export interface ThroughputJob {
  entities: Entity[];
  queries: string[];
  warmup: number;
  /** Times through the queries per "go": a run must last seconds, or thread start-up and messaging dominate. */
  rounds: number;
}

/** Messages a worker sends back. */
export type ThroughputMessage =
  | { type: "ready"; buildMs: number }
  | { type: "done"; ms: number; screened: number };

const job = workerData as ThroughputJob;
const port = parentPort;
if (port) {
  const t0 = performance.now();
  const index = new NameIndex(job.entities);
  const buildMs = performance.now() - t0;
  for (const q of job.queries.slice(0, job.warmup)) screen(index, { name: q });
  port.postMessage({ type: "ready", buildMs } satisfies ThroughputMessage);
  port.on("message", (msg: string) => {
    if (msg !== "go") return;
    const t = performance.now();
    let screened = 0;
    for (let r = 0; r < job.rounds; r++) {
      for (const q of job.queries) {
        screen(index, { name: q });
        screened++;
      }
    }
    port.postMessage({ type: "done", ms: performance.now() - t, screened } satisfies ThroughputMessage);
  });
}
