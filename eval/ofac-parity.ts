/**
 * Set 4, OFAC parity: redline's `ofac` scoring mode against scores captured from OFAC's own Sanctions List
 * Search. A row scored -1 means OFAC did not return the pair at its slider's 80, so there the mode must stay
 * below 80. The mode lives in src/match/ofac-mode.ts, which may not exist yet: it is loaded at run time.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  dataPath,
  type EvalContext,
  missingFiles,
  readCsv,
  round,
  type SetResult,
  secondsSince,
  skipped,
} from "./common.ts";
import { pct } from "./metrics.ts";

export const NAME = "ofac-parity";

const FIXTURES = "opensanctions/nomenklatura/ofac_parity_fixtures.csv";
const MODE_MODULE = new URL("../src/match/ofac-mode.ts", import.meta.url);
const TOLERANCE = 5;
/** OFAC's search slider default; the -1 rows were "not shown at 80". */
const OFAC_SLIDER = 80;
const TARGET = 0.95;
const WORST_KEPT = 20;

type OfacScore = (query: string, listName: string) => number;

async function loadMode(): Promise<{ score?: OfacScore; note?: string; failed?: boolean }> {
  if (!existsSync(fileURLToPath(MODE_MODULE))) {
    return { note: "not available yet (src/match/ofac-mode.ts does not exist)" };
  }
  try {
    // A computed specifier keeps the type-checker from requiring a module that may not be written yet.
    const mod = (await import(MODE_MODULE.href)) as { ofacScore?: unknown };
    if (typeof mod.ofacScore !== "function") {
      return { note: "not available yet (src/match/ofac-mode.ts does not export ofacScore)" };
    }
    return { score: mod.ofacScore as OfacScore };
  } catch (error) {
    return { note: `src/match/ofac-mode.ts failed to load: ${(error as Error).message}`, failed: true };
  }
}

/** Run the OFAC parity set. */
export async function runOfacParity(_ctx: EvalContext): Promise<SetResult> {
  const missing = missingFiles([FIXTURES]);
  if (missing.length) return skipped(NAME, missing);
  const start = performance.now();
  const records = readCsv(dataPath(FIXTURES));
  const rows = records.map((r) => ({
    query: r.query_name ?? "",
    listName: r.result_name ?? "",
    ofac: Number.parseInt(r.ofac_score ?? "", 10),
  }));
  const positives = rows.filter((r) => Number.isFinite(r.ofac) && r.ofac >= 0);
  const negatives = rows.filter((r) => r.ofac === -1);
  const seen = new Map<string, number>();
  for (const r of rows)
    seen.set(`${r.query}|${r.listName}|${r.ofac}`, (seen.get(`${r.query}|${r.listName}|${r.ofac}`) ?? 0) + 1);
  const pairScores = new Map<string, Set<number>>();
  for (const r of rows) {
    const k = `${r.query} → ${r.listName}`;
    pairScores.set(k, (pairScores.get(k) ?? new Set<number>()).add(r.ofac));
  }
  const data = {
    file: FIXTURES,
    rows: rows.length,
    scoredRows: positives.length,
    notShownRows: negatives.length,
    duplicateRows: [...seen.values()].filter((v) => v > 1).reduce((s, v) => s + v - 1, 0),
    pairsWithTwoScores: [...pairScores.entries()]
      .filter(([, s]) => s.size > 1)
      .map(([k, s]) => `${k}: ${[...s].join(" and ")}`),
  };

  const mode = await loadMode();
  if (!mode.score) {
    return {
      name: NAME,
      status: mode.failed ? "error" : "ok",
      ...(mode.note ? { note: mode.note } : {}),
      seconds: secondsSince(start),
      rows: [{ set: "4 OFAC parity", figures: mode.note ?? "", target: "≥ 95 % within 5 points", met: null }],
      details: { available: false, note: mode.note, data },
    };
  }

  const score = mode.score;
  const scoreOf = (q: string, l: string): { value: number | null; error?: string } => {
    try {
      const v = score(q, l);
      return Number.isFinite(v) ? { value: v } : { value: null, error: `not a number: ${v}` };
    } catch (error) {
      return { value: null, error: (error as Error).message };
    }
  };
  const scored = positives.map((r) => {
    const got = scoreOf(r.query, r.listName);
    return {
      ...r,
      redline: got.value,
      delta: got.value === null ? null : got.value - r.ofac,
      error: got.error,
    };
  });
  const within = scored.filter((r) => r.delta !== null && Math.abs(r.delta) <= TOLERANCE).length;
  const deltas = scored.flatMap((r) => (r.delta === null ? [] : [Math.abs(r.delta)]));
  const share = scored.length ? within / scored.length : null;
  const negScored = negatives.map((r) => ({ ...r, redline: scoreOf(r.query, r.listName).value }));
  const belowSlider = negScored.filter((r) => r.redline !== null && r.redline < OFAC_SLIDER).length;
  const meanAbs = deltas.length ? deltas.reduce((s, d) => s + d, 0) / deltas.length : null;

  return {
    name: NAME,
    status: "ok",
    seconds: secondsSince(start),
    rows: [
      {
        set: `4 OFAC parity (${scored.length} scored rows)`,
        figures:
          `${pct(share)} within ${TOLERANCE} points (${within}/${scored.length}), mean |Δ| ${meanAbs?.toFixed(2) ?? "n/a"}; ` +
          `not-shown rows below ${OFAC_SLIDER}: ${belowSlider}/${negScored.length}`,
        target: "≥ 95 % within 5 points",
        met: share === null ? null : share >= TARGET,
      },
    ],
    details: {
      available: true,
      tolerance: TOLERANCE,
      within,
      share: round(share),
      meanAbsDelta: round(meanAbs, 2),
      maxAbsDelta: deltas.length ? Math.max(...deltas) : null,
      errors: scored.filter((r) => r.error).length,
      notShown: { rows: negScored.length, belowSlider, rowsScored: negScored },
      worst: [...scored]
        .sort((a, b) => Math.abs(b.delta ?? 1000) - Math.abs(a.delta ?? 1000))
        .slice(0, WORST_KEPT),
      data,
    },
  };
}
