/**
 * Set 6, yente's samples. Positives: UN-listed people (clean, and with typos, reordered words and shifted
 * birth dates) screened against the UN list with their birth year and nationality; recall is the share with
 * at least one alerting hit. The rows carry no UN id, so "found the right entry" can only be approximated:
 * the top hit is a person with a name that has the clean row's words. Negatives: US Congress members and
 * synthetic people who are not listed, screened against UN + OFAC 2021; the false-positive rate is the share
 * with at least one alerting hit.
 */
import type { ScreenQuery } from "../src/match/types.ts";
import type { Entity } from "../src/model/entity.ts";
import {
  dataPath,
  type EvalContext,
  errorNote,
  loadOfac2021,
  loadUn,
  missingFiles,
  nameKey,
  OFAC_2021_DIR,
  primaryName,
  readCsv,
  round,
  type SetResult,
  secondsSince,
  skipped,
  UN_XML,
} from "./common.ts";
import { pct } from "./metrics.ts";
import { type PoolRun, type ScreenOutcome, screenMany } from "./pool.ts";

export const NAME = "yente";

const DIR = "opensanctions/yente/";
const POSITIVES = [
  { key: "un-clean", file: "positives_un_untreated.csv" },
  { key: "un-perturbed", file: "positives_un_treated.csv" },
];
const NEGATIVES = [
  { key: "us-congress", file: "positives_us_congress_untreated.csv" },
  { key: "global-1k", file: "negatives_global_1k.csv" },
  { key: "us-1k", file: "negatives_us_1k.csv" },
];
const EXAMPLES_KEPT = 20;
const LIMIT = 10;

type Row = Record<string, string>;

/** A row as a person query; only the birth year is passed, since the perturbed rows carry dates like 1974-01-32. */
function queryOf(row: Row): ScreenQuery {
  const q: ScreenQuery = { name: (row.full_name ?? "").trim(), type: "person" };
  const year = /^\d{4}/.exec((row.date_of_birth ?? "").trim())?.[0];
  if (year) q.dob = year;
  const country = (row.nationality ?? "").trim();
  if (country) q.country = country;
  return q;
}

function firstHit(o: ScreenOutcome, byId: Map<string, Entity>) {
  const top = o.top[0];
  if (!top) return null;
  return {
    id: top.id,
    name: primaryName(byId.get(top.id) as Entity) || top.id,
    score: top.score,
    match: top.match,
  };
}

function throughput(queries: number, run: PoolRun) {
  return {
    seconds: round(run.seconds, 2),
    queriesPerSecond: run.seconds > 0 ? Math.round(queries / run.seconds) : null,
    workers: run.workers,
    ...(run.note ? { note: run.note } : {}),
  };
}

/** Run yente's positive and negative samples. */
export async function runYente(ctx: EvalContext): Promise<SetResult> {
  const files = [...POSITIVES, ...NEGATIVES].map((f) => `${DIR}${f.file}`);
  const missing = missingFiles([...files, UN_XML, `${OFAC_2021_DIR}sdn.csv`]);
  if (missing.length) return skipped(NAME, missing);
  const start = performance.now();
  const un = await loadUn();
  const ofac = await loadOfac2021();
  const byId = new Map([...un, ...ofac].map((e) => [e.id, e]));
  const settings = {
    minScore: Math.min(0.5, ctx.threshold),
    limit: LIMIT,
    threshold: ctx.threshold,
    overridden: ctx.overridden,
    keepTop: 1,
  };

  // Positives: both files in one batch against the UN list.
  const posRows = POSITIVES.map((f) => readCsv(dataPath(`${DIR}${f.file}`)));
  const clean = posRows[0] ?? [];
  const posJobs = posRows.flat().map((row) => ({ query: queryOf(row) }));
  const posRun = await screenMany(un, posJobs, settings, ctx.workers);
  const unPersonKeys = new Set(
    un.filter((e) => e.schema === "Person").flatMap((e) => e.names.map((n) => nameKey(n.full))),
  );
  const positives: Record<string, unknown> = {};
  const posLines: string[] = [];
  let offset = 0;
  POSITIVES.forEach((f, i) => {
    const rows = posRows[i] ?? [];
    // The perturbed file is the clean one row for row, so the clean name is the expected one for both.
    const aligned = rows.length === clean.length;
    let alerted = 0;
    let topExpected = 0;
    let errors = 0;
    const misses: unknown[] = [];
    rows.forEach((row, j) => {
      const o = posRun.outcomes[offset + j] as ScreenOutcome;
      const expectedName = (aligned ? clean[j]?.full_name : row.full_name) ?? "";
      const top = o.top[0] ? byId.get(o.top[0].id) : undefined;
      const isExpected =
        top?.schema === "Person" && top.names.some((n) => nameKey(n.full) === nameKey(expectedName));
      if (o.error) errors++;
      if (o.matches > 0) alerted++;
      else if (misses.length < EXAMPLES_KEPT) {
        misses.push({ query: queryOf(row), expectedName, first: firstHit(o, byId), error: o.error });
      }
      if (isExpected) topExpected++;
    });
    offset += rows.length;
    const recall = rows.length ? alerted / rows.length : null;
    const topShare = rows.length ? topExpected / rows.length : null;
    positives[f.key] = {
      file: `${DIR}${f.file}`,
      rows: rows.length,
      alerted,
      recall: round(recall),
      topHitIsExpectedName: topExpected,
      topHitIsExpectedNameShare: round(topShare),
      alignedWithCleanFile: aligned,
      errors,
      misses,
    };
    posLines.push(`${f.key} ${pct(recall)} (top = expected name ${pct(topShare)})${errorNote(errors)}`);
  });
  const cleanNamesInList = clean.filter((r) => unPersonKeys.has(nameKey(r.full_name ?? ""))).length;

  // Negatives: all three files in one batch against UN + OFAC.
  const negRows = NEGATIVES.map((f) => readCsv(dataPath(`${DIR}${f.file}`)));
  const negJobs = negRows.flat().map((row) => ({ query: queryOf(row) }));
  const negRun = await screenMany([...un, ...ofac], negJobs, settings, ctx.workers);
  const negatives: Record<string, unknown> = {};
  const negLines: string[] = [];
  offset = 0;
  NEGATIVES.forEach((f, i) => {
    const rows = negRows[i] ?? [];
    let alerted = 0;
    let errors = 0;
    const bySource: Record<string, number> = {};
    const examples: unknown[] = [];
    rows.forEach((row, j) => {
      const o = negRun.outcomes[offset + j] as ScreenOutcome;
      if (o.error) errors++;
      if (o.matches === 0) return;
      alerted++;
      const first = firstHit(o, byId);
      const source = first?.id.split(":")[0] ?? "?";
      bySource[source] = (bySource[source] ?? 0) + 1;
      if (examples.length < EXAMPLES_KEPT) examples.push({ query: queryOf(row), first, alerts: o.matches });
    });
    offset += rows.length;
    const rate = rows.length ? alerted / rows.length : null;
    negatives[f.key] = {
      file: `${DIR}${f.file}`,
      rows: rows.length,
      alerted,
      falsePositiveRate: round(rate),
      topHitSource: bySource,
      errors,
      examples,
    };
    negLines.push(`${f.key} ${pct(rate)} (${alerted}/${rows.length})${errorNote(errors)}`);
  });

  return {
    name: NAME,
    status: "ok",
    seconds: secondsSince(start),
    rows: [
      { set: "6 yente UN positives: recall", figures: posLines.join("; ") },
      { set: "6 yente negatives: FP rate", figures: negLines.join("; ") },
    ],
    details: {
      note:
        "The positive rows carry no UN id: recall counts any alerting hit, and 'top hit is the expected name' " +
        "means the best hit is a UN person with a name of the same words as the clean row.",
      query: { type: "person", dob: "birth year of date_of_birth", country: "nationality as given" },
      settings: { minScore: settings.minScore, limit: LIMIT },
      positives: {
        index: `UN (${un.length} entries)`,
        cleanNamesFoundWordForWordInUnList: cleanNamesInList,
        ...throughput(posJobs.length, posRun),
        ...positives,
      },
      negatives: {
        index: `UN + OFAC 2021 (${un.length + ofac.length} entries)`,
        ...throughput(negJobs.length, negRun),
        ...negatives,
      },
    },
  };
}
