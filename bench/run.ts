/**
 * Screening benchmark: redline's index against a brute-force Jaro-Winkler peer (what OFAC's own search tool
 * does: compare the query with every name on the list), side by side in one process, on the 2021 OFAC set.
 * Queries are list names with realistic changes (word order, a dropped word, a typo); recall@1 counts the
 * right entry ranked first. Run: npm run bench
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { jaroWinkler } from "../src/match/jaro-winkler.ts";
import { NameIndex } from "../src/match/name-index.ts";
import { screen } from "../src/match/screen.ts";
import type { Entity } from "../src/model/entity.ts";
import { normalizeName } from "../src/names/normalize.ts";
import { parseOfacCsv } from "../src/sources/ofac-csv.ts";

const DIR = fileURLToPath(new URL("../../shared/data/lists/ofac_sdn/2021-07_moov_bench/", import.meta.url));
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300);

/** A small deterministic generator so that every run screens the same queries. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function perturb(name: string, random: () => number): string {
  const words = normalizeName(name).split(" ");
  const kind = Math.floor(random() * 3);
  if (kind === 0 && words.length > 1) return [...words.slice(1), words[0]].join(" ");
  if (kind === 1 && words.length > 2) words.splice(Math.floor(random() * words.length), 1);
  else {
    const i = words.findIndex((w) => w.length >= 6);
    const w = words[i];
    if (w) words[i] = `${w.slice(0, 3)}${w[4]}${w[3]}${w.slice(5)}`;
  }
  return words.join(" ");
}

function bruteForce(entities: Entity[], normalized: string[][], query: string): string | undefined {
  const q = normalizeName(query);
  let best = -1;
  let bestId: string | undefined;
  entities.forEach((e, i) => {
    for (const n of normalized[i] ?? []) {
      const s = jaroWinkler(q, n);
      if (s > best) {
        best = s;
        bestId = e.id;
      }
    }
  });
  return bestId;
}

function stats(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95) };
}

if (!existsSync(DIR)) {
  console.log("bench: ../shared/data/lists absent; nothing to measure");
  process.exit(0);
}
const list = await parseOfacCsv(
  { main: `${DIR}sdn.csv`, alt: `${DIR}alt.csv`, add: `${DIR}add.csv`, comments: `${DIR}sdn_comments.csv` },
  "ofac",
);
let t = performance.now();
const index = new NameIndex(list.entities);
const indexMs = performance.now() - t;
const normalized = list.entities.map((e) => e.names.map((n) => normalizeName(n.full)));

const random = rng(42);
const cases: { query: string; id: string }[] = [];
while (cases.length < QUERIES) {
  const e = list.entities[Math.floor(random() * list.entities.length)] as Entity;
  const primary = e.names[0]?.full;
  if (primary && primary.split(/\s+/).length > 1) cases.push({ query: perturb(primary, random), id: e.id });
}

const results = { redline: { ms: [] as number[], found: 0 }, bruteForce: { ms: [] as number[], found: 0 } };
for (const c of cases) {
  t = performance.now();
  const hits = screen(index, { name: c.query }, { limit: 1, minScore: 0 });
  results.redline.ms.push(performance.now() - t);
  if (hits[0]?.id === c.id) results.redline.found++;
  t = performance.now();
  const peer = bruteForce(list.entities, normalized, c.query);
  results.bruteForce.ms.push(performance.now() - t);
  if (peer === c.id) results.bruteForce.found++;
}
const ours = stats(results.redline.ms);
const peer = stats(results.bruteForce.ms);
console.log(
  `OFAC 2021 set: ${list.entities.length} entries; index built in ${indexMs.toFixed(0)} ms; ${QUERIES} queries`,
);
console.log(
  `redline      median ${ours.median.toFixed(2)} ms  p95 ${ours.p95.toFixed(2)} ms  recall@1 ${(results.redline.found / QUERIES).toFixed(3)}`,
);
console.log(
  `brute-force  median ${peer.median.toFixed(2)} ms  p95 ${peer.p95.toFixed(2)} ms  recall@1 ${(results.bruteForce.found / QUERIES).toFixed(3)}`,
);
console.log(`speed ratio (brute-force median / redline median): ${(peer.median / ours.median).toFixed(1)}×`);
