/**
 * Screening benchmark on the 2021 OFAC SDN set: redline side by side with fuse.js, MiniSearch, FlexSearch and a
 * brute-force Jaro-Winkler scan, in one process, on the same names and the same few thousand generated queries
 * (bench/queries.ts). Reports build time, single-query latency (p50/p99, median of repetitions), recall@1 and
 * @10 on listed names, alerts and false alarms, redline's batch throughput on 1 and 2 worker threads, and its
 * document scanning speed on about 1 MB of generated prose (bench/scan-text.ts).
 * Writes bench/results.json. Run: npm run bench
 *
 * Knobs (environment): BENCH_LISTED (2500), BENCH_UNLISTED (500), BENCH_REPS (3), BENCH_PEERS (comma list of
 * peer names), BENCH_THREADS ("1,2"; "0" skips), BENCH_SEED.
 */
import { existsSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { NameIndex } from "../src/match/name-index.ts";
import type { Entity } from "../src/model/entity.ts";
import { parseOfacCsv } from "../src/sources/ofac-csv.ts";
import { allPeers, type Peer, type PeerAnswer } from "./peers.ts";
import { type BenchQuery, generateQueries, type QueryKind } from "./queries.ts";
import { measureScan } from "./scan-text.ts";
import { collectGarbage, machineInfo, mb, median, percentile, round, table } from "./stats.ts";
import { tsWorker } from "./threads.ts";
import type { ThroughputJob, ThroughputMessage } from "./throughput-worker.ts";

const DIR = fileURLToPath(new URL("../../shared/data/lists/ofac_sdn/2021-07_moov_bench/", import.meta.url));
const OUT = fileURLToPath(new URL("./results.json", import.meta.url));

const env = (key: string, fallback: number) => Number(process.env[key] ?? fallback);
const LISTED = env("BENCH_LISTED", 2500);
const UNLISTED = env("BENCH_UNLISTED", 500);
const REPS = Math.max(1, env("BENCH_REPS", 3));
const SEED = env("BENCH_SEED", 20210701);
const WARMUP = 300;
/** Warm-up stops early after this long: JIT and caches settle within seconds, and slow peers need minutes for 300. */
const WARMUP_MS = 3000;
const BUILD_REPS = 3;
/** Engines slower than this per query get one timed pass: their spread is small next to their size, and a pass takes minutes. */
const SLOW_MS = 5;
/** A one-thread batch run should last about this long, so that start-up and messaging do not dominate. */
const BATCH_TARGET_MS = 5000;
const PEERS = process.env.BENCH_PEERS?.split(",").map((s) => s.trim().toLowerCase());
const THREADS = (process.env.BENCH_THREADS ?? "1,2")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);

interface KindScore {
  queries: number;
  recall1: number;
  recall10: number;
}

interface PeerResult {
  name: string;
  config: string;
  alarmRule: string;
  buildMs: number;
  buildMsRuns: number[];
  heapMb?: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  passes: { p50Ms: number; p99Ms: number; totalMs: number }[];
  recall1: number;
  recall10: number;
  /** Listed-name queries on which the right entry was among the peer's alarms. */
  alerted: number;
  /** Non-listed names on which the peer raised any alarm. */
  falseAlarms: number;
  byKind: Record<string, KindScore>;
  examples: { missedAt1: Example[]; falseAlarms: Example[] };
  vsRedline?: { p50: number; p99: number; build: number };
}

function timedPass(peer: Peer, queries: readonly BenchQuery[], keep: boolean) {
  const ms: number[] = new Array(queries.length);
  const answers: PeerAnswer[] = [];
  peer.forget?.();
  const start = performance.now();
  queries.forEach((q, i) => {
    const t = performance.now();
    const answer = peer.search(q.query);
    ms[i] = performance.now() - t;
    if (keep) answers.push(answer);
  });
  return { ms, answers, totalMs: performance.now() - start };
}

/** A query an engine got wrong, with names rather than ids, so that a reader can judge it. */
interface Example {
  kind: QueryKind;
  query: string;
  expected?: string;
  got?: string;
}

const EXAMPLES_PER_KIND = 4;
const FALSE_ALARM_EXAMPLES = 10;

function score(
  peer: Peer,
  queries: readonly BenchQuery[],
  answers: readonly PeerAnswer[],
  primaryName: ReadonlyMap<string, string>,
) {
  const kinds = new Map<QueryKind, { n: number; r1: number; r10: number }>();
  const missed: Example[] = [];
  const wrongAlarms: Example[] = [];
  const name = (id: string | undefined) => (id === undefined ? undefined : (primaryName.get(id) ?? id));
  let listed = 0;
  let r1 = 0;
  let r10 = 0;
  let alerted = 0;
  let unlisted = 0;
  let falseAlarms = 0;
  queries.forEach((q, i) => {
    const answer = answers[i] as PeerAnswer;
    const alarms = peer.alarms(q.query, answer);
    if (q.expected.length === 0) {
      unlisted++;
      if (alarms.length > 0) {
        falseAlarms++;
        if (wrongAlarms.length < FALSE_ALARM_EXAMPLES)
          wrongAlarms.push({ kind: q.kind, query: q.query, got: name(alarms[0]) });
      }
      return;
    }
    listed++;
    const top1 = q.expected.includes(answer.ids[0] ?? "");
    const top10 = answer.ids.some((id) => q.expected.includes(id));
    r1 += Number(top1);
    r10 += Number(top10);
    alerted += Number(alarms.some((id) => q.expected.includes(id)));
    const k = kinds.get(q.kind) ?? { n: 0, r1: 0, r10: 0 };
    k.n++;
    k.r1 += Number(top1);
    k.r10 += Number(top10);
    kinds.set(q.kind, k);
    if (!top1 && missed.filter((m) => m.kind === q.kind).length < EXAMPLES_PER_KIND) {
      missed.push({ kind: q.kind, query: q.query, expected: name(q.expected[0]), got: name(answer.ids[0]) });
    }
  });
  const byKind: Record<string, KindScore> = {};
  for (const [kind, k] of [...kinds].sort()) {
    byKind[kind] = { queries: k.n, recall1: round(k.r1 / k.n), recall10: round(k.r10 / k.n) };
  }
  return {
    recall1: round(r1 / listed),
    recall10: round(r10 / listed),
    alerted: round(alerted / listed),
    falseAlarms: round(falseAlarms / Math.max(1, unlisted)),
    byKind,
    examples: { missedAt1: missed, falseAlarms: wrongAlarms },
  };
}

async function measurePeer(
  make: () => Peer,
  entities: readonly Entity[],
  queries: readonly BenchQuery[],
  primaryName: ReadonlyMap<string, string>,
) {
  let peer = make();
  const buildMsRuns: number[] = [];
  let heapMb: number | undefined;
  for (let r = 0; r < BUILD_REPS; r++) {
    peer = make();
    const gc = await collectGarbage();
    const before = process.memoryUsage().heapUsed;
    const t = performance.now();
    peer.build(entities);
    buildMsRuns.push(performance.now() - t);
    if (gc && r === BUILD_REPS - 1) {
      await collectGarbage();
      heapMb = mb(process.memoryUsage().heapUsed - before);
    }
  }
  process.stdout.write(`  ${peer.name}: built in ${median(buildMsRuns).toFixed(0)} ms; `);
  const warmEnd = performance.now() + WARMUP_MS;
  for (const q of queries.slice(0, WARMUP)) {
    if (performance.now() > warmEnd) break;
    peer.search(q.query);
  }
  const first = timedPass(peer, queries, true);
  const passes = [first];
  const reps = median(first.ms) < SLOW_MS ? REPS : 1;
  for (let r = 1; r < reps; r++) passes.push(timedPass(peer, queries, false));
  const quality = score(peer, queries, first.answers, primaryName);
  const passStats = passes.map((p) => ({
    p50Ms: round(percentile(p.ms, 0.5), 4),
    p99Ms: round(percentile(p.ms, 0.99), 4),
    totalMs: round(p.totalMs, 1),
  }));
  const result: PeerResult = {
    name: peer.name,
    config: peer.config,
    alarmRule: peer.alarmRule,
    buildMs: round(median(buildMsRuns), 1),
    buildMsRuns: buildMsRuns.map((x) => round(x, 1)),
    ...(heapMb !== undefined ? { heapMb } : {}),
    p50Ms: round(median(passStats.map((p) => p.p50Ms)), 4),
    p99Ms: round(median(passStats.map((p) => p.p99Ms)), 4),
    meanMs: round(first.totalMs / queries.length, 4),
    passes: passStats,
    ...quality,
  };
  console.log(`${passes.length} timed pass(es), p50 ${result.p50Ms} ms, recall@1 ${result.recall1}`);
  return result;
}

async function throughput(entities: Entity[], queries: string[], threads: number, rounds: number) {
  const workers = Array.from({ length: threads }, (_, w) => {
    const share = queries.filter((_, i) => i % threads === w);
    const job: ThroughputJob = { entities, queries: share, warmup: 200, rounds };
    return tsWorker(new URL("./throughput-worker.ts", import.meta.url), { workerData: job });
  });
  const next = (w: (typeof workers)[number]) =>
    new Promise<ThroughputMessage>((resolve, reject) => {
      w.once("message", resolve);
      w.once("error", reject);
    });
  try {
    const ready = await Promise.all(workers.map(next));
    const qps: number[] = [];
    const busy: number[] = [];
    for (let r = 0; r < REPS; r++) {
      const cpu = process.cpuUsage();
      const t = performance.now();
      const done = workers.map(next);
      for (const w of workers) w.postMessage("go");
      const finished = await Promise.all(done);
      const wall = performance.now() - t;
      const used = process.cpuUsage(cpu);
      const screened = finished.reduce((s, m) => s + (m.type === "done" ? m.screened : 0), 0);
      qps.push((screened / wall) * 1000);
      // CPU time of the whole process (all threads, GC helpers included) per wall-clock time: cores kept busy.
      busy.push((used.user + used.system) / 1000 / wall);
    }
    return {
      threads,
      rounds,
      qps: round(median(qps), 1),
      qpsRuns: qps.map((x) => round(x, 1)),
      coresBusy: round(median(busy), 2),
      workerBuildMs: ready.map((m) => round(m.type === "ready" ? m.buildMs : 0, 1)),
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function ratio(x: number | undefined): string {
  return x === undefined ? "" : `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}×`;
}

async function main() {
  if (!existsSync(DIR)) {
    console.log(`bench: ${DIR} is absent; nothing to measure`);
    return;
  }
  const started = performance.now();
  // Other work on a shared machine moves every number here; the load average says whether there was any.
  const loadBefore = loadavg().map((x) => round(x, 2));
  const list = await parseOfacCsv(
    { main: `${DIR}sdn.csv`, alt: `${DIR}alt.csv`, add: `${DIR}add.csv`, comments: `${DIR}sdn_comments.csv` },
    "ofac",
  );
  const entities = list.entities;
  const names = entities.reduce((s, e) => s + e.names.length, 0);
  const queries = generateQueries(entities, { seed: SEED, listed: LISTED, nonListed: UNLISTED });
  const kinds: Record<string, number> = {};
  for (const q of queries) kinds[q.kind] = (kinds[q.kind] ?? 0) + 1;
  const machine = machineInfo();
  console.log(`OFAC SDN 2021-07: ${entities.length} entries, ${names} names`);
  console.log(
    `queries: ${queries.length} (${Object.entries(kinds)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ")}); seed ${SEED}`,
  );
  console.log(`machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.node}`);

  const primaryName = new Map(
    entities.map((e) => [e.id, (e.names.find((n) => n.kind === "primary") ?? e.names[0])?.full ?? e.id]),
  );
  const results: PeerResult[] = [];
  for (const peer of allPeers()) {
    if (PEERS && !PEERS.includes(peer.name.toLowerCase())) continue;
    const name = peer.name;
    const make = () => allPeers().find((p) => p.name === name) as Peer;
    results.push(await measurePeer(make, entities, queries, primaryName));
  }
  const ours = results.find((r) => r.name === "redline");
  if (ours) {
    for (const r of results) {
      r.vsRedline = {
        p50: round(r.p50Ms / ours.p50Ms, 2),
        p99: round(r.p99Ms / ours.p99Ms, 2),
        build: round(r.buildMs / ours.buildMs, 2),
      };
    }
  }

  const batch = [];
  if (THREADS.length) {
    console.log("  batch throughput (redline, worker threads)…");
    const strings = queries.map((q) => q.query);
    const perPassMs = ours ? ours.meanMs * queries.length : 1000;
    const rounds = Math.max(1, Math.ceil(BATCH_TARGET_MS / perPassMs));
    for (const n of THREADS) batch.push(await throughput(entities, strings, n, rounds));
  }
  const base = batch.find((b) => b.threads === 1);
  let scanned: ReturnType<typeof measureScan> | undefined;
  if (!PEERS || PEERS.includes("redline")) {
    console.log("  document scan (redline, one core)…");
    scanned = measureScan(new NameIndex(entities), entities);
  }

  console.log("");
  console.log(
    table([
      [
        "engine",
        "build ms",
        "heap MB",
        "p50 ms",
        "p99 ms",
        "recall@1",
        "recall@10",
        "alerted",
        "false alarms",
        "p50 ×",
        "p99 ×",
        "build ×",
      ],
      ...results.map((r) => [
        r.name,
        r.buildMs.toFixed(0),
        r.heapMb === undefined ? "" : String(r.heapMb),
        r.p50Ms.toFixed(3),
        r.p99Ms.toFixed(2),
        pct(r.recall1),
        pct(r.recall10),
        pct(r.alerted),
        pct(r.falseAlarms),
        ratio(r.vsRedline?.p50),
        ratio(r.vsRedline?.p99),
        ratio(r.vsRedline?.build),
      ]),
    ]),
  );
  console.log("(× = the engine's time / redline's; alerted = right entry among the engine's alarms)");
  console.log("");
  const kindNames = Object.keys(kinds).filter((k) => k !== "non-listed");
  console.log("recall@1 by kind of change");
  console.log(
    table([
      ["kind", "queries", ...results.map((r) => r.name)],
      ...kindNames.map((k) => [
        k,
        String(kinds[k]),
        ...results.map((r) => (r.byKind[k] ? pct(r.byKind[k].recall1) : "")),
      ]),
    ]),
  );
  for (const b of batch) {
    const scaling = base ? ` (${(b.qps / base.qps).toFixed(2)}× one thread)` : "";
    console.log(
      `batch, ${b.threads} worker thread(s): ${b.qps.toFixed(0)} queries/s${scaling}; CPU busy ${b.coresBusy} cores`,
    );
  }
  if (scanned) {
    console.log(
      `scan: ${scanned.megabytes} MB of generated prose (${scanned.words} words) at ${scanned.mbPerSecond} MB/s on one core ` +
        `(target ≥ 1 MB/s); ${scanned.partyMentions} party and ${scanned.jurisdictionMentions} jurisdiction mentions; ` +
        `${(scanned.plantedFound * 100).toFixed(1)} % of ${scanned.plantedListedNames} planted listed names found`,
    );
  }
  const totalS = round((performance.now() - started) / 1000, 1);
  console.log(
    `load average before ${loadBefore.join(" ")}, after ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
  console.log(`total run time ${totalS} s; results in ${OUT}`);

  writeFileSync(
    OUT,
    `${JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        runSeconds: totalS,
        machine,
        loadAverage: { before: loadBefore, after: loadavg().map((x) => round(x, 2)) },
        list: { path: DIR, entities: entities.length, names },
        queries: { total: queries.length, seed: SEED, byKind: kinds },
        method: {
          warmup: `${WARMUP} queries or ${WARMUP_MS / 1000} s, whichever comes first`,
          buildRepetitions: BUILD_REPS,
          timedPasses: `${REPS} for engines under ${SLOW_MS} ms p50, 1 otherwise; p50/p99 are medians over passes`,
          falseAlarms: "share of non-listed names on which the engine raised any alarm (see alarmRule)",
          alerted: "share of listed-name queries on which the right entry was among the engine's alarms",
        },
        engines: results,
        batch: batch.map((b) => ({ ...b, scaling: base ? round(b.qps / base.qps, 2) : undefined })),
        scan: scanned,
      },
      null,
      2,
    )}\n`,
  );
}

await main();
