/** Worker-thread entry for eval/pool.ts: builds one index, then screens the chunks it is sent. */
import { parentPort, workerData } from "node:worker_threads";
import { NameIndex } from "../src/match/name-index.ts";
import type { Entity } from "../src/model/entity.ts";
import { type ChunkRequest, screenJobs, type WorkerMessage } from "./pool.ts";

const port = parentPort;
if (!port) throw new Error("eval/screen-worker.ts runs only as a worker thread");

const t0 = performance.now();
const index = new NameIndex((workerData as { entities: Entity[] }).entities);
port.postMessage({ type: "ready", indexMs: performance.now() - t0 } satisfies WorkerMessage);

port.on("message", (request: ChunkRequest) => {
  const start = performance.now();
  const outcomes = screenJobs(index, request.jobs, request.settings);
  port.postMessage({
    type: "done",
    id: request.id,
    outcomes,
    busyMs: performance.now() - start,
  } satisfies WorkerMessage);
});
