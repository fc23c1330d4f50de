/**
 * The measured part of the scale benchmark, run in a worker with a heap limit so that running out of memory
 * ends this thread with an error the parent can report, instead of killing the process. Reports each phase
 * to the parent as it goes, so a failure can say how far it got.
 */
import { parentPort, workerData } from "node:worker_threads";
import { NameIndex } from "../src/match/name-index.ts";
import { screen } from "../src/match/screen.ts";
import type { Hit } from "../src/match/types.ts";
import { generateQueries } from "./queries.ts";
import { collectGarbage, mb, median, percentile, round } from "./stats.ts";
import { generateEntities } from "./synthetic.ts";

/** What the parent asks for. */
export interface ScaleJob {
  entities: number;
  seed: number;
  listed: number;
  unlisted: number;
  reps: number;
  warmup: number;
}

/** Memory figures in MB. */
export interface Memory {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
}

/** Progress and the final result, worker to parent. */
export type ScaleMessage =
  | { type: "phase"; phase: string; memory: Memory; ms?: number; note?: string }
  | { type: "result"; result: ScaleResult };

/** Everything one successful scale run measured. */
export interface ScaleResult {
  entities: number;
  names: number;
  generateMs: number;
  buildMs: number;
  /** After generating the entities, before the index: what the data alone costs. */
  memoryBeforeBuild: Memory;
  /** After building the index (after a full GC when V8 allows it). */
  memoryAfterBuild: Memory;
  gcAvailable: boolean;
  queries: { listed: number; unlisted: number; generateMs: number };
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  passes: { p50Ms: number; p99Ms: number }[];
  recall1: number;
  recall10: number;
  alerted: number;
  falseAlarms: number;
  /** The slowest queries of the first pass: where the latency tail comes from. */
  slowest: { query: string; ms: number; hits: number }[];
  /** Some non-listed names redline alerted on, with the entry it matched. */
  falseAlarmExamples: { query: string; matched: string; score: number }[];
  /** Some listed-name queries whose right entry was not ranked first. */
  missedExamples: { query: string; kind: string; expected: string; got?: string }[];
}

function memory(): Memory {
  const m = process.memoryUsage();
  return {
    rssMb: mb(m.rss),
    heapUsedMb: mb(m.heapUsed),
    heapTotalMb: mb(m.heapTotal),
    externalMb: mb(m.external),
  };
}

const job = workerData as ScaleJob;
const port = parentPort;
if (!port) throw new Error("scale-worker runs as a worker thread");
const phase = (name: string, ms?: number, note?: string) =>
  port.postMessage({
    type: "phase",
    phase: name,
    memory: memory(),
    ...(ms !== undefined ? { ms } : {}),
    ...(note ? { note } : {}),
  } satisfies ScaleMessage);

phase("generating entities");
let t = performance.now();
const entities = generateEntities(job.entities, job.seed);
const generateMs = performance.now() - t;
const names = entities.reduce((s, e) => s + e.names.length, 0);
const gcAvailable = await collectGarbage();
const memoryBeforeBuild = memory();
phase("generated", generateMs, `${names} names`);

phase("building index");
t = performance.now();
const index = new NameIndex(entities);
const buildMs = performance.now() - t;
await collectGarbage();
const memoryAfterBuild = memory();
phase("built", buildMs);

phase("generating queries");
t = performance.now();
const queries = generateQueries(entities, {
  seed: job.seed + 1,
  listed: job.listed,
  nonListed: job.unlisted,
});
const queryMs = performance.now() - t;
const listed = queries.filter((q) => q.expected.length > 0).length;
phase("queries ready", queryMs, `${listed} listed, ${queries.length - listed} not listed`);

for (const q of queries.slice(0, job.warmup)) screen(index, { name: q.query });
const passes: { p50Ms: number; p99Ms: number }[] = [];
let answers: Hit[][] = [];
let firstMs: number[] = [];
let firstTotal = 0;
for (let r = 0; r < job.reps; r++) {
  const ms: number[] = [];
  const keep: Hit[][] = [];
  const start = performance.now();
  for (const q of queries) {
    const s = performance.now();
    const hits = screen(index, { name: q.query });
    ms.push(performance.now() - s);
    if (r === 0) keep.push(hits);
  }
  if (r === 0) {
    answers = keep;
    firstMs = ms;
    firstTotal = performance.now() - start;
  }
  passes.push({ p50Ms: round(percentile(ms, 0.5), 4), p99Ms: round(percentile(ms, 0.99), 4) });
  phase(`timed pass ${r + 1}/${job.reps}`, performance.now() - start);
}

let r1 = 0;
let r10 = 0;
let alerted = 0;
let falseAlarms = 0;
const falseAlarmExamples: ScaleResult["falseAlarmExamples"] = [];
const missedExamples: ScaleResult["missedExamples"] = [];
const byId = new Map(entities.map((e) => [e.id, e]));
const primary = (id: string) => byId.get(id)?.names[0]?.full ?? id;
queries.forEach((q, i) => {
  const hits = answers[i] as Hit[];
  if (q.expected.length === 0) {
    const alarm = hits.find((h) => h.match);
    if (alarm) {
      falseAlarms++;
      if (falseAlarmExamples.length < 10)
        falseAlarmExamples.push({ query: q.query, matched: alarm.matchedName, score: alarm.score });
    }
    return;
  }
  const top1 = q.expected.includes(hits[0]?.id ?? "");
  if (!top1 && missedExamples.length < 10) {
    const got = hits[0] ? primary(hits[0].id) : undefined;
    missedExamples.push({
      query: q.query,
      kind: q.kind,
      expected: primary(q.expected[0] as string),
      ...(got ? { got } : {}),
    });
  }
  r1 += Number(top1);
  r10 += Number(hits.some((h) => q.expected.includes(h.id)));
  alerted += Number(hits.some((h) => h.match && q.expected.includes(h.id)));
});
const unlisted = queries.length - listed;
port.postMessage({
  type: "result",
  result: {
    entities: entities.length,
    names,
    generateMs: round(generateMs, 1),
    buildMs: round(buildMs, 1),
    memoryBeforeBuild,
    memoryAfterBuild,
    gcAvailable,
    queries: { listed, unlisted, generateMs: round(queryMs, 1) },
    p50Ms: round(median(passes.map((p) => p.p50Ms)), 4),
    p99Ms: round(median(passes.map((p) => p.p99Ms)), 4),
    meanMs: round(firstTotal / queries.length, 4),
    passes,
    recall1: round(r1 / Math.max(1, listed)),
    recall10: round(r10 / Math.max(1, listed)),
    alerted: round(alerted / Math.max(1, listed)),
    falseAlarms: round(falseAlarms / Math.max(1, unlisted)),
    slowest: firstMs
      .map((ms, i) => ({ i, ms }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 10)
      .map(({ i, ms }) => ({
        query: (queries[i] as (typeof queries)[number]).query,
        ms: round(ms, 2),
        hits: (answers[i] as Hit[]).length,
      })),
    falseAlarmExamples,
    missedExamples,
  },
} satisfies ScaleMessage);
