/**
 * Scale benchmark: N synthetic multicultural entities (bench/synthetic.ts, default 1,000,000), redline's index
 * built over them, and screening latency on a few thousand queries made from their names (bench/queries.ts).
 * Reports build time, RSS and heap after the build, latency p50/p99, and recall on the way. The work runs in a
 * worker thread with a heap limit: if the engine cannot build the index within memory, the run reports the
 * phase, N and peak RSS at which it broke, then retries at half the size, rather than dying silently.
 *
 * Run: npm run bench:scale [-- --entities 200000] [--listed 3000] [--unlisted 1000] [--reps 3]
 *      [--heap-mb 6144] [--seed 1] [--no-retry]
 * Writes bench/results-scale.json.
 */
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { ScaleJob, ScaleMessage, ScaleResult } from "./scale-worker.ts";
import { machineInfo, mb, round } from "./stats.ts";
import { tsWorker } from "./threads.ts";

const OUT = fileURLToPath(new URL("./results-scale.json", import.meta.url));

/** The targets this benchmark records against; it measures, it does not tune. */
const TARGETS = { buildMs: 60_000, rssMb: 3 * 1024, p50Ms: 3 };
/** Below this many entities a failure is not worth halving further. */
const MIN_RETRY = 25_000;

const { values } = parseArgs({
  options: {
    entities: { type: "string", default: "1000000" },
    listed: { type: "string", default: "3000" },
    unlisted: { type: "string", default: "1000" },
    reps: { type: "string", default: "3" },
    "heap-mb": { type: "string", default: "6144" },
    seed: { type: "string", default: "1" },
    "no-retry": { type: "boolean", default: false },
  },
});

interface Attempt {
  entities: number;
  ok: boolean;
  result?: ScaleResult;
  error?: string;
  /** The last phase the worker reported before it failed. */
  phase?: string;
  peakRssMb: number;
  seconds: number;
}

function stamp(start: number): string {
  return `${((performance.now() - start) / 1000).toFixed(1).padStart(6)} s`;
}

function attempt(job: ScaleJob, heapMb: number): Promise<Attempt> {
  const start = performance.now();
  let peak = 0;
  let lastPhase = "starting";
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 200);
  const worker = tsWorker(new URL("./scale-worker.ts", import.meta.url), {
    workerData: job,
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
  console.log(`${stamp(start)}  ${job.entities} entities, worker heap limit ${heapMb} MB`);
  return new Promise((resolve) => {
    let result: ScaleResult | undefined;
    const finish = (error?: string) => {
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage.rss());
      resolve({
        entities: job.entities,
        ok: result !== undefined,
        ...(result ? { result } : {}),
        ...(error ? { error, phase: lastPhase } : {}),
        peakRssMb: mb(peak),
        seconds: round((performance.now() - start) / 1000, 1),
      });
    };
    worker.on("message", (m: ScaleMessage) => {
      if (m.type === "result") {
        result = m.result;
        void worker.terminate();
        return;
      }
      lastPhase = m.phase;
      const took = m.ms !== undefined ? ` in ${(m.ms / 1000).toFixed(1)} s` : "";
      const note = m.note ? ` (${m.note})` : "";
      console.log(
        `${stamp(start)}  ${m.phase}${took}${note}; RSS ${m.memory.rssMb} MB, heap ${m.memory.heapUsedMb} MB`,
      );
    });
    worker.on("error", (err: Error & { code?: string }) => {
      const what =
        err.code === "ERR_WORKER_OUT_OF_MEMORY" ? "out of memory (worker heap limit reached)" : err.message;
      console.log(`${stamp(start)}  FAILED while ${lastPhase}: ${what}; peak RSS ${mb(peak)} MB`);
      finish(`${err.code ?? "error"}: ${what}`);
    });
    worker.on("exit", (code) => {
      if (result) finish();
      else if (code !== 0) finish(`worker exited with code ${code}`);
    });
  });
}

function verdict(ok: boolean): string {
  return ok ? "met" : "MISSED";
}

async function main() {
  const heapMb = Number(values["heap-mb"]);
  const base = {
    seed: Number(values.seed),
    listed: Number(values.listed),
    unlisted: Number(values.unlisted),
    reps: Math.max(1, Number(values.reps)),
    warmup: 200,
  };
  const machine = machineInfo();
  const loadBefore = loadavg().map((x) => round(x, 2));
  console.log(
    `machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.totalMemoryGb} GB, ${machine.node}`,
  );
  const attempts: Attempt[] = [];
  let n = Number(values.entities);
  for (;;) {
    const a = await attempt({ ...base, entities: n }, heapMb);
    attempts.push(a);
    if (a.ok || values["no-retry"] || n / 2 < MIN_RETRY) break;
    n = Math.floor(n / 2);
    console.log(`retrying at ${n} entities to find a size that fits`);
  }
  const first = attempts[0] as Attempt;
  const done = attempts.find((a) => a.ok)?.result;
  console.log("");
  if (!first.ok) {
    console.log(
      `${first.entities} entities: FAILED while ${first.phase} (${first.error}); peak RSS ${first.peakRssMb} MB`,
    );
  }
  if (done) {
    const after = done.memoryAfterBuild;
    const before = done.memoryBeforeBuild;
    console.log(
      `${done.entities} entities, ${done.names} names (generated in ${(done.generateMs / 1000).toFixed(1)} s)`,
    );
    console.log(
      `build          ${(done.buildMs / 1000).toFixed(1)} s    target ≤ ${TARGETS.buildMs / 1000} s: ${verdict(done.buildMs <= TARGETS.buildMs)}`,
    );
    console.log(
      `RSS after build ${after.rssMb} MB (heap used ${after.heapUsedMb} MB of ${after.heapTotalMb} MB; entities alone: RSS ${before.rssMb} MB, heap ${before.heapUsedMb} MB)    target ≤ ${TARGETS.rssMb} MB: ${verdict(after.rssMb <= TARGETS.rssMb)}`,
    );
    console.log(
      `latency        p50 ${done.p50Ms.toFixed(3)} ms, p99 ${done.p99Ms.toFixed(2)} ms, mean ${done.meanMs.toFixed(3)} ms over ${done.queries.listed + done.queries.unlisted} queries    target p50 ≤ ${TARGETS.p50Ms} ms: ${verdict(done.p50Ms <= TARGETS.p50Ms)}`,
    );
    console.log(
      `quality        recall@1 ${(done.recall1 * 100).toFixed(1)}%, recall@10 ${(done.recall10 * 100).toFixed(1)}%, alerted ${(done.alerted * 100).toFixed(1)}%, false alarms ${(done.falseAlarms * 100).toFixed(1)}%`,
    );
  }
  const total = attempts.reduce((s, a) => s + a.seconds, 0);
  console.log(`total run time ${total.toFixed(1)} s; results in ${OUT}`);
  writeFileSync(
    OUT,
    `${JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        machine,
        loadAverage: { before: loadBefore, after: loadavg().map((x) => round(x, 2)) },
        requestedEntities: Number(values.entities),
        heapLimitMb: heapMb,
        targets: TARGETS,
        met: done
          ? {
              build: done.buildMs <= TARGETS.buildMs,
              rss: done.memoryAfterBuild.rssMb <= TARGETS.rssMb,
              p50: done.p50Ms <= TARGETS.p50Ms,
            }
          : undefined,
        attempts,
      },
      null,
      2,
    )}\n`,
  );
  if (!first.ok) process.exitCode = 1;
}

await main();
