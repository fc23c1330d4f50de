/**
 * Set 3, nomenklatura's name benchmark: labelled pairs of people, companies and vessels, scored with
 * compareNames (name1 as the query), beside the frozen scores of nomenklatura's logic-v2 matcher.
 */
import {
  briefMetrics,
  dataPath,
  type EvalContext,
  errorNote,
  missingFiles,
  parseBool,
  queryTypeOf,
  readCsv,
  type SetResult,
  scorePair,
  secondsSince,
  skipped,
  wrongPairFields,
} from "./common.ts";
import { evaluate, evaluateAt, evaluateBy, fixed, type Scored } from "./metrics.ts";

export const NAME = "nomenklatura";

const CASES = "opensanctions/nomenklatura/name_bench_cases.csv";
const FROZEN = "opensanctions/nomenklatura/name_bench_logicv2_frozen.csv";
/** The cut-off logic-v2's frozen run used for predicted_match. */
const LOGIC_V2_THRESHOLD = 0.7;
const TARGET_F1 = 0.9;
const WRONG_KEPT = 40;

interface CaseItem {
  group: string;
  schema: string;
  quality: string;
  /** The kind of deviation the case tests ("LLM-proposed deviation", "Initials Usage"), when given. */
  category: string;
  name1: string;
  name2: string;
  label: boolean;
  score: number;
  predicted: boolean;
  logicV2: number | null;
  logicV2Label: boolean | null;
  summary: string;
  error?: string;
}

const pairKey = (schema: string, name1: string, name2: string) => `${schema}\u0000${name1}\u0000${name2}`;

/** Run the nomenklatura name benchmark. */
export async function runNomenklatura(ctx: EvalContext): Promise<SetResult> {
  const missing = missingFiles([CASES]);
  if (missing.length) return skipped(NAME, missing);
  const start = performance.now();

  // The frozen run is an older snapshot: some cases are absent from it, and a few pairs appear twice.
  const frozen = new Map<string, { score: number; label: boolean }>();
  let frozenConflicts = 0;
  const frozenPresent = missingFiles([FROZEN]).length === 0;
  if (frozenPresent) {
    for (const r of readCsv(dataPath(FROZEN))) {
      const key = pairKey(r.schema ?? "", r.name1 ?? "", r.name2 ?? "");
      const score = Number.parseFloat(r.score ?? "");
      if (!Number.isFinite(score)) continue;
      const seen = frozen.get(key);
      if (seen && seen.score !== score) frozenConflicts++;
      if (!seen) frozen.set(key, { score, label: parseBool(r.is_match) });
    }
  }

  const items: CaseItem[] = readCsv(dataPath(CASES)).map((r) => {
    const schema = r.schema ?? "";
    const name1 = r.name1 ?? "";
    const name2 = r.name2 ?? "";
    const s = scorePair(ctx, name1, name2, queryTypeOf(schema));
    const f = frozen.get(pairKey(schema, name1, name2));
    return {
      group: r.case_group || "(none)",
      schema,
      quality: r.quality || "(none)",
      category: r.category ?? "",
      name1,
      name2,
      label: parseBool(r.is_match),
      score: s.score,
      predicted: s.predicted,
      logicV2: f?.score ?? null,
      logicV2Label: f?.label ?? null,
      summary: s.error ?? s.summary ?? "",
      ...(s.error ? { error: s.error } : {}),
    };
  });

  const metrics = evaluate(items);
  const joined = items.filter((i) => i.logicV2 !== null);
  const logicV2At = evaluateAt(
    joined.map((i) => ({ label: i.label, score: i.logicV2 as number })),
    LOGIC_V2_THRESHOLD,
  );
  const redlineOnJoined = evaluate(joined);
  const labelDisagreements = joined.filter((i) => i.logicV2Label !== i.label);
  const byBrief = (key: (i: CaseItem) => string) =>
    Object.fromEntries(Object.entries(evaluateBy(items, key)).map(([k, m]) => [k, briefMetrics(m)]));
  const labelCount = new Map<string, Set<boolean>>();
  for (const i of items) {
    const k = `${i.name1}\u0000${i.name2}`;
    const set = labelCount.get(k) ?? new Set<boolean>();
    set.add(i.label);
    labelCount.set(k, set);
  }

  const logicLine = frozenPresent
    ? ` | logic-v2 F1 ${fixed(logicV2At.f1, 2)}@0.70 (redline ${fixed(redlineOnJoined.f1, 2)} on the same ${joined.length})`
    : " | logic-v2 file absent";
  return {
    name: NAME,
    status: "ok",
    seconds: secondsSince(start),
    rows: [
      {
        set: `3 nomenklatura name bench (${items.length} pairs)`,
        figures: `P ${fixed(metrics.precision)} R ${fixed(metrics.recall)} F1 ${fixed(metrics.f1)}${logicLine}${errorNote(items.filter((i) => i.error).length)}`,
        target: `F1 ≥ ${TARGET_F1.toFixed(2)}`,
        met: metrics.f1 === null ? null : metrics.f1 >= TARGET_F1,
      },
    ],
    details: {
      file: CASES,
      ...briefMetrics(metrics),
      errors: items.filter((i) => i.error).length,
      byCaseGroup: byBrief((i) => i.group),
      bySchema: byBrief((i) => i.schema),
      byQuality: byBrief((i) => i.quality),
      logicV2: frozenPresent
        ? {
            file: FROZEN,
            threshold: LOGIC_V2_THRESHOLD,
            joinedRows: joined.length,
            casesWithoutFrozenScore: items.length - joined.length,
            frozenDuplicatesWithOtherScore: frozenConflicts,
            logicV2: briefMetrics(logicV2At),
            redlineOnSameRows: briefMetrics(redlineOnJoined),
            labelDisagreements: labelDisagreements.map((i) => ({
              schema: i.schema,
              name1: i.name1,
              name2: i.name2,
              casesLabel: i.label,
              frozenLabel: i.logicV2Label,
            })),
          }
        : null,
      // The same two names labelled both ways (under another schema or case group).
      conflictingLabels: [...labelCount.entries()]
        .filter(([, labels]) => labels.size > 1)
        .map(([k]) => k.split("\u0000").join(" / ")),
      wrong: items
        .filter((i) => i.label !== i.predicted)
        .slice(0, WRONG_KEPT)
        .map((i) => ({
          group: i.group,
          schema: i.schema,
          name1: i.name1,
          name2: i.name2,
          label: i.label,
          score: i.score,
          logicV2: i.logicV2,
          ...(i.error ? { error: i.error } : {}),
        })),
    },
    sweepItems: { nomenklatura: items.map((i): Scored => ({ label: i.label, score: i.score })) },
    wrongPairs: items
      .filter((i) => i.label !== i.predicted)
      .map((i) => ({
        set: "nomenklatura",
        ...wrongPairFields(i),
        category: [i.group, i.category].filter(Boolean).join(": "),
      })),
  };
}
