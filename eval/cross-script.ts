/**
 * Set 5, watchman's cross-script pairs: a name in Arabic, Cyrillic, Han, Hangul, kana, Greek, Hebrew or Thai
 * script against its Latin spelling. The file is `Query,Expected Match,Min Score,Description` rows under
 * `#` comment lines that name the script; every row is a positive pair. Min Score is the similarity watchman's
 * embedding model reached on the pair, so it is reported but is not a target for a different scorer.
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import {
  dataPath,
  type EvalContext,
  errorNote,
  missingFiles,
  type SetResult,
  scorePair,
  secondsSince,
  skipped,
} from "./common.ts";
import type { Scored } from "./metrics.ts";

export const NAME = "cross-script";

const FILE = "watchman/internal/embeddings/testdata/cross_script_pairs.csv";

interface CrossPair {
  script: string;
  query: string;
  expected: string;
  minScore: number | null;
  description: string;
}

/** Rows with the script named by the comment line above them. */
function readPairs(path: string): CrossPair[] {
  const pairs: CrossPair[] = [];
  let script = "";
  for (const line of readFileSync(path, "utf8").split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    if (trimmed.startsWith("#")) {
      // Section comments read "Arabic to Latin (excellent performance: …)".
      const m = /^#\s*(.+?)\s+to\s+Latin\b/i.exec(trimmed);
      if (m?.[1]) script = m[1];
      continue;
    }
    const [fields] = parse(trimmed, { relax_column_count: true }) as string[][];
    if (!fields || fields[0] === "Query") continue;
    const min = Number.parseFloat(fields[2] ?? "");
    pairs.push({
      script: script || "(unknown)",
      query: fields[0] ?? "",
      expected: fields[1] ?? "",
      minScore: Number.isFinite(min) ? min : null,
      description: fields[3] ?? "",
    });
  }
  return pairs;
}

/** Run the cross-script pairs. */
export async function runCrossScript(ctx: EvalContext): Promise<SetResult> {
  const missing = missingFiles([FILE]);
  if (missing.length) return skipped(NAME, missing);
  const start = performance.now();
  // The pairs are all personal names, so they are compared as people.
  const results = readPairs(dataPath(FILE)).map((p) => {
    const s = scorePair(ctx, p.query, p.expected, "person");
    return {
      ...p,
      score: s.score,
      match: s.predicted,
      reachesMinScore: p.minScore === null ? null : s.score >= p.minScore,
      ...(s.error ? { error: s.error } : {}),
    };
  });
  const reached = results.filter((r) => r.match).length;
  const reachedMin = results.filter((r) => r.reachesMinScore).length;
  const byScript: Record<string, { n: number; reached: number }> = {};
  for (const r of results) {
    const s = byScript[r.script] ?? { n: 0, reached: 0 };
    byScript[r.script] = s;
    s.n++;
    if (r.match) s.reached++;
  }
  return {
    name: NAME,
    status: "ok",
    seconds: secondsSince(start),
    rows: [
      {
        set: `5 cross-script pairs (${results.length})`,
        figures:
          `${reached}/${results.length} reach the threshold; ${reachedMin}/${results.length} reach watchman's ` +
          `per-pair min score; no negative pairs in the file${errorNote(results.filter((r) => r.error).length)}`,
        target: `${results.length}/${results.length}`,
        met: results.length > 0 && reached === results.length,
      },
    ],
    details: {
      file: FILE,
      positives: results.length,
      negatives: 0,
      reached,
      reachedMinScore: reachedMin,
      byScript,
      pairs: results,
    },
    sweepItems: { "cross-script": results.map((r): Scored => ({ label: true, score: r.score })) },
  };
}
