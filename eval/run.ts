/**
 * Evaluation harness: runs the matching engine over the labelled and real-list sets in ../shared/data, prints a
 * summary table against the targets, and writes every figure to JSON.
 *
 *   npm run eval [-- --only NAME[,NAME]] [--threshold X] [--json PATH] [--workers N] [--wrong PATH]
 *
 * Sets: alias, watchman, nomenklatura, ofac-parity, cross-script, yente; "sweep" runs the three labelled pair
 * sets (watchman, nomenklatura, cross-script) and the threshold sweep over them.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ALERT_THRESHOLD } from "../src/match/screen.ts";
import * as alias from "./alias-recall.ts";
import { DATA_DIR, type EvalContext, round, type SetResult, type TableRow } from "./common.ts";
import * as crossScript from "./cross-script.ts";
import { bestThreshold, type Scored, type SweepPoint, sweep, thresholdRange } from "./metrics.ts";
import * as nomenklatura from "./nomenklatura.ts";
import * as ofacParity from "./ofac-parity.ts";
import * as watchman from "./watchman-pairs.ts";
import * as yente from "./yente.ts";

const SETS: { name: string; run: (ctx: EvalContext) => Promise<SetResult> }[] = [
  { name: alias.NAME, run: alias.runAliasRecall },
  { name: watchman.NAME, run: watchman.runWatchmanPairs },
  { name: nomenklatura.NAME, run: nomenklatura.runNomenklatura },
  { name: ofacParity.NAME, run: ofacParity.runOfacParity },
  { name: crossScript.NAME, run: crossScript.runCrossScript },
  { name: yente.NAME, run: yente.runYente },
];
const SWEEP = "sweep";
const SWEEP_INPUTS = [watchman.NAME, nomenklatura.NAME, crossScript.NAME];
const SWEEP_RANGE = thresholdRange(0.6, 0.95, 0.01);
const DEFAULT_JSON = fileURLToPath(new URL("./results.json", import.meta.url));

const USAGE = `usage: npm run eval -- [--only NAME[,NAME]] [--threshold X] [--json PATH] [--workers N] [--wrong PATH]
  --only       run only these sets: ${[...SETS.map((s) => s.name), SWEEP].join(", ")}
  --threshold  alert threshold to evaluate at (default: the engine's ALERT_THRESHOLD, ${ALERT_THRESHOLD})
  --json       where to write the full results (default: eval/results.json)
  --workers    threads for the list-screening sets (default: the number of CPUs, at most 8; 1 = no workers)
  --wrong      also write every labelled pair the engine gets wrong (false negatives and positives of the
               watchman and nomenklatura sets, with the engine's explanation) to PATH as tab-separated text`;

function fail(message: string): never {
  console.error(`eval: ${message}\n${USAGE}`);
  process.exit(2);
}

const OPTIONS = {
  only: { type: "string" },
  threshold: { type: "string" },
  json: { type: "string" },
  workers: { type: "string" },
  wrong: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function parsedArgs() {
  try {
    return parseArgs({ options: OPTIONS }).values;
  } catch (error) {
    fail((error as Error).message);
  }
}

function options() {
  const v = parsedArgs();
  if (v.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const known = new Set([...SETS.map((s) => s.name), SWEEP]);
  const only = v.only
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of only ?? []) if (!known.has(name)) fail(`unknown set "${name}"`);
  const threshold = v.threshold === undefined ? ALERT_THRESHOLD : Number(v.threshold);
  if (!(threshold > 0 && threshold <= 1))
    fail(`--threshold must be a number in (0, 1], got "${v.threshold}"`);
  const workers = v.workers === undefined ? Math.min(8, availableParallelism()) : Number(v.workers);
  if (!Number.isInteger(workers) || workers < 1)
    fail(`--workers must be a positive integer, got "${v.workers}"`);
  return {
    only,
    json: v.json ? resolve(v.json) : DEFAULT_JSON,
    wrong: v.wrong ? resolve(v.wrong) : undefined,
    ctx: { threshold, overridden: v.threshold !== undefined && threshold !== ALERT_THRESHOLD, workers },
  };
}

/** Best thresholds per labelled set, pooled over all of them, and for the mean of their F1s. */
function thresholdSweep(results: SetResult[], current: number) {
  const sets: Record<string, Scored[]> = {};
  for (const r of results) Object.assign(sets, r.sweepItems ?? {});
  const names = Object.keys(sets);
  if (names.length === 0) return null;
  const curves: Record<string, SweepPoint[]> = {};
  for (const name of names) curves[name] = sweep(sets[name] as Scored[], SWEEP_RANGE);
  const pooled = sweep(Object.values(sets).flat(), SWEEP_RANGE);
  // The pooled curve is dominated by the largest set; the mean of F1s weighs each set the same.
  const meanF1 = SWEEP_RANGE.map((threshold, i) => {
    const f1s = names.map((n) => curves[n]?.[i]?.f1 ?? 0);
    return { threshold, f1: f1s.reduce((s, x) => s + x, 0) / f1s.length };
  });
  let meanBest = meanF1[0];
  for (const p of meanF1) if (meanBest && p.f1 > meanBest.f1 + 1e-12) meanBest = p;
  const at = (curve: SweepPoint[]) => curve.find((p) => Math.abs(p.threshold - current) < 1e-9)?.f1 ?? null;
  const summary = (curve: SweepPoint[], items: number) => {
    const best = bestThreshold(curve);
    return {
      items,
      best: best && {
        threshold: best.threshold,
        tiedUpTo: best.tiedUpTo,
        f1: round(best.f1),
        precision: round(best.precision),
        recall: round(best.recall),
      },
      f1AtCurrent: round(at(curve)),
    };
  };
  return {
    range: { from: SWEEP_RANGE[0], to: SWEEP_RANGE.at(-1), step: 0.01 },
    current,
    sets: Object.fromEntries(names.map((n) => [n, summary(curves[n] as SweepPoint[], sets[n]?.length ?? 0)])),
    pooled: summary(pooled, pooled[0]?.n ?? 0),
    meanOfF1: meanBest && { threshold: meanBest.threshold, f1: round(meanBest.f1) },
    curves: Object.fromEntries(
      [...names, "pooled"].map((n) => [
        n,
        (n === "pooled" ? pooled : (curves[n] as SweepPoint[])).map((p) => ({
          t: p.threshold,
          p: round(p.precision),
          r: round(p.recall),
          f1: round(p.f1),
        })),
      ]),
    ),
  };
}

/** Split figures at "; " or " | " so that no line is much wider than `width`. */
function wrap(text: string, width: number): string[] {
  const parts = text.split(/(?<=; |\| )/);
  const lines: string[] = [];
  let current = "";
  for (const part of parts) {
    if (current && current.length + part.length > width) {
      lines.push(current.trimEnd());
      current = `  ${part}`;
    } else current += part;
  }
  if (current.trim()) lines.push(current.trimEnd());
  return lines.length ? lines : [""];
}

function printTable(rows: TableRow[]): void {
  const FIGURES_WIDTH = 96;
  const status = (r: TableRow) =>
    r.target === undefined ? "" : r.met === null ? "n/a" : r.met ? "met" : "NOT met";
  const wrapped = rows.map((r) => wrap(r.figures, FIGURES_WIDTH));
  const w = {
    set: Math.max(3, ...rows.map((r) => r.set.length)),
    figures: Math.max(7, ...wrapped.flat().map((l) => l.length)),
    target: Math.max(6, ...rows.map((r) => (r.target ?? "").length)),
  };
  const line = (a: string, b: string, c: string, d: string) =>
    `${a.padEnd(w.set)}  ${b.padEnd(w.figures)}  ${c.padEnd(w.target)}  ${d}`.trimEnd();
  console.log(line("set", "figures", "target", "status"));
  console.log("-".repeat(w.set + w.figures + w.target + 13));
  rows.forEach((r, i) => {
    const [first = "", ...rest] = wrapped[i] ?? [];
    console.log(line(r.set, first, r.target ?? "", status(r)));
    for (const more of rest) console.log(line("", more, "", ""));
  });
}

const { only, json, wrong, ctx } = options();
if (!existsSync(DATA_DIR)) {
  console.log(`eval: the shared data folder ${DATA_DIR} is absent; there is nothing to evaluate.`);
  process.exit(0);
}

const started = performance.now();
const wanted = new Set(only ?? SETS.map((s) => s.name));
if (wanted.has(SWEEP)) for (const n of SWEEP_INPUTS) wanted.add(n);
console.error(
  `eval: threshold ${ctx.threshold}${ctx.overridden ? " (--threshold)" : " (engine default)"}, ` +
    `${ctx.workers} worker thread(s), data ${DATA_DIR}`,
);
const results: SetResult[] = [];
for (const set of SETS) {
  if (!wanted.has(set.name)) continue;
  const t0 = performance.now();
  process.stderr.write(`eval: ${set.name} … `);
  let result: SetResult;
  try {
    result = await set.run(ctx);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    result = {
      name: set.name,
      status: "error",
      note: message,
      seconds: Math.round(performance.now() - t0) / 1000,
      rows: [{ set: set.name, figures: `error: ${message}` }],
      details: { error: error instanceof Error ? (error.stack ?? message) : message },
    };
  }
  process.stderr.write(`${result.status} in ${result.seconds.toFixed(1)} s\n`);
  results.push(result);
}

const sweepResult = thresholdSweep(results, ctx.threshold);
const rows = results.flatMap((r) => r.rows);
if (sweepResult) {
  const best = (b: { threshold: number; tiedUpTo: number; f1: number | null } | null) => {
    if (!b?.f1) return "n/a (F1 0 throughout)";
    const range = b.tiedUpTo > b.threshold ? `–${b.tiedUpTo.toFixed(2)}` : "";
    // A best F1 at the lowest threshold swept may have a better one below the range.
    const edge = b.threshold === SWEEP_RANGE[0] ? " at the range's edge" : "";
    return `${b.threshold.toFixed(2)}${range} (F1 ${b.f1.toFixed(3)}${edge})`;
  };
  const parts = Object.entries(sweepResult.sets).map(([n, s]) => `${n} ${best(s.best)}`);
  rows.push({
    set: "7 threshold sweep 0.60–0.95: best",
    figures:
      `${parts.join("; ")}; pooled ${best(sweepResult.pooled.best)}; ` +
      `mean of F1s ${sweepResult.meanOfF1?.threshold.toFixed(2)} (F1 ${sweepResult.meanOfF1?.f1?.toFixed(3)}); ` +
      `current ${ctx.threshold}`,
  });
}
const seconds = Math.round((performance.now() - started) / 100) / 10;

console.log();
printTable(rows);
console.log(`\nthreshold ${ctx.threshold}; total ${seconds} s; results in ${json}`);

mkdirSync(dirname(json), { recursive: true });
writeFileSync(
  json,
  `${JSON.stringify(
    {
      generatedAt: new Date().toISOString(),
      node: process.version,
      threshold: ctx.threshold,
      engineThreshold: ALERT_THRESHOLD,
      thresholdOverridden: ctx.overridden,
      workers: ctx.workers,
      dataDir: DATA_DIR,
      seconds,
      table: rows,
      sets: Object.fromEntries(
        results.map((r) => [
          r.name,
          { status: r.status, note: r.note, seconds: r.seconds, ...{ details: r.details } },
        ]),
      ),
      sweep: sweepResult,
    },
    null,
    2,
  )}\n`,
);
if (wrong) {
  const clean = (text: string) => text.replace(/[\t\n]+/g, " ");
  const lines = results
    .flatMap((r) => r.wrongPairs ?? [])
    .sort((a, b) => a.set.localeCompare(b.set) || Number(a.label) - Number(b.label) || a.score - b.score)
    .map((w) =>
      [w.set, w.label ? "FN" : "FP", w.score.toFixed(3), w.schema, w.category, w.name1, w.name2, w.summary]
        .map((x) => clean(String(x)))
        .join("\t"),
    );
  mkdirSync(dirname(wrong), { recursive: true });
  writeFileSync(
    wrong,
    `set\twrong\tscore\tschema\tcategory\tname1\tname2\texplanation\n${lines.join("\n")}\n`,
  );
  console.log(`${lines.length} wrongly decided pairs in ${wrong}`);
}
process.exitCode = results.some((r) => r.status === "error") ? 1 : 0;
