/**
 * Set 2, watchman's labelled pairs (Cascade Screening's company and vessel pairs, lots 1 and 2): each pair is
 * scored with compareNames, name1 as the query and name2 as the list name, and set beside the score watchman
 * recorded for the same pair.
 */
import {
  briefMetrics,
  dataPath,
  type EvalContext,
  errorNote,
  missingFiles,
  parseBool,
  wrongPairFields as pick,
  queryTypeOf,
  readCsv,
  round,
  type SetResult,
  scorePair,
  secondsSince,
  skipped,
  type TableRow,
  type WrongPair,
} from "./common.ts";
import {
  bestThreshold,
  evaluate,
  evaluateAt,
  evaluateBy,
  fixed,
  type Scored,
  sweep,
  thresholdRange,
} from "./metrics.ts";

export const NAME = "watchman";

const FILES = [
  { key: "cascade-1", path: "watchman/pkg/search/testdata/cascade-name-pairs.csv", target: 0.9 },
  { key: "cascade-2", path: "watchman/pkg/search/testdata/cascade-name-pairs-2.csv", target: 0.8 },
];
/** Watchman's own documented cut-off for its similarity score. */
const WATCHMAN_THRESHOLD = 0.7;
const WRONG_KEPT = 40;

interface PairItem {
  schema: string;
  category: string;
  name1: string;
  name2: string;
  label: boolean;
  score: number;
  predicted: boolean;
  engineMatch: boolean;
  watchman: number | null;
  summary: string;
  error?: string;
}

function runFile(ctx: EvalContext, path: string) {
  const items: PairItem[] = readCsv(dataPath(path)).map((r) => {
    const name1 = r.name1 ?? "";
    const name2 = r.name2 ?? "";
    const schema = r.schema ?? "";
    const s = scorePair(ctx, name1, name2, queryTypeOf(schema));
    const recorded = Number.parseFloat(r.score ?? "");
    return {
      schema,
      category: r.category || "(none)",
      name1,
      name2,
      label: parseBool(r.is_match),
      score: s.score,
      predicted: s.predicted,
      engineMatch: s.engineMatch,
      watchman: Number.isFinite(recorded) ? recorded : null,
      summary: s.error ?? s.summary ?? "",
      ...(s.error ? { error: s.error } : {}),
    };
  });
  const metrics = evaluate(items);
  const watchmanScored: Scored[] = items.flatMap((i) =>
    i.watchman === null ? [] : [{ label: i.label, score: i.watchman }],
  );
  // From 0.01: at 0 every pair alerts, which is no threshold at all.
  const watchmanBest = bestThreshold(sweep(watchmanScored, thresholdRange(0.01, 1, 0.01)));
  const watchmanAt = evaluateAt(watchmanScored, WATCHMAN_THRESHOLD);

  const categories: Record<string, unknown> = {};
  for (const [category, m] of Object.entries(evaluateBy(items, (i) => i.category))) {
    const rows = items.filter((i) => i.category === category);
    categories[category] = {
      ...briefMetrics(m),
      positives: rows.filter((i) => i.label).length,
      correct: m.tp + m.tn,
      meanScore: round(rows.reduce((s, i) => s + i.score, 0) / rows.length),
    };
  }
  const wrong = items.filter((i) => i.label !== i.predicted);
  const meanOf = (label: boolean) => {
    const xs = items.filter((i) => i.label === label);
    return xs.length ? round(xs.reduce((s, i) => s + i.score, 0) / xs.length) : null;
  };
  return {
    items,
    metrics,
    watchmanAt,
    watchmanBest,
    details: {
      file: path,
      pairs: items.length,
      matches: items.filter((i) => i.label).length,
      ...briefMetrics(metrics),
      meanScore: { match: meanOf(true), nonMatch: meanOf(false) },
      errors: items.filter((i) => i.error).length,
      // The engine's flag and its score should agree at its own threshold; a difference means a rule other
      // than the score decides, which the sweep (on scores) cannot see.
      flagDisagreements: ctx.overridden
        ? null
        : items.filter((i) => i.engineMatch !== i.score >= ctx.threshold).length,
      bySchema: Object.fromEntries(
        Object.entries(evaluateBy(items, (i) => i.schema)).map(([k, m]) => [k, briefMetrics(m)]),
      ),
      byCategory: categories,
      watchman: {
        scored: watchmanScored.length,
        at070: briefMetrics(watchmanAt),
        best: watchmanBest && {
          threshold: watchmanBest.threshold,
          tiedUpTo: watchmanBest.tiedUpTo,
          f1: round(watchmanBest.f1),
          precision: round(watchmanBest.precision),
          recall: round(watchmanBest.recall),
        },
      },
      wrong: wrong.slice(0, WRONG_KEPT).map((i) => ({
        name1: i.name1,
        name2: i.name2,
        schema: i.schema,
        category: i.category,
        label: i.label,
        score: i.score,
        watchman: i.watchman,
        ...(i.error ? { error: i.error } : {}),
      })),
    },
  };
}

/** Run watchman's two labelled pair files. */
export async function runWatchmanPairs(ctx: EvalContext): Promise<SetResult> {
  const missing = missingFiles(FILES.map((f) => f.path));
  if (missing.length) return skipped(NAME, missing);
  const start = performance.now();
  const rows: TableRow[] = [];
  const details: Record<string, unknown> = {};
  const sweepItems: Record<string, Scored[]> = {};
  const wrongPairs: WrongPair[] = [];
  FILES.forEach((f, i) => {
    const r = runFile(ctx, f.path);
    details[f.key] = r.details;
    sweepItems[`watchman ${f.key}`] = r.items.map((x) => ({ label: x.label, score: x.score }));
    for (const x of r.items)
      if (x.label !== x.predicted) wrongPairs.push({ set: `watchman ${f.key}`, ...pick(x) });
    const m = r.metrics;
    const wb = r.watchmanBest;
    const best = wb
      ? `best ${fixed(wb.f1, 2)}@${wb.threshold.toFixed(2)} (P ${fixed(wb.precision, 2)} R ${fixed(wb.recall, 2)})`
      : "best n/a";
    rows.push({
      set: `2 watchman cascade ${i + 1} (${r.items.length} pairs)`,
      figures:
        `P ${fixed(m.precision)} R ${fixed(m.recall)} F1 ${fixed(m.f1)} | ` +
        `watchman F1 ${fixed(r.watchmanAt.f1, 2)}@0.70, ${best}` +
        errorNote(r.items.filter((x) => x.error).length),
      target: `F1 ≥ ${f.target.toFixed(2)}`,
      met: m.f1 === null ? null : m.f1 >= f.target,
    });
  });
  return { name: NAME, status: "ok", seconds: secondsSince(start), rows, details, sweepItems, wrongPairs };
}
