/**
 * What every evaluation set shares: where the data lives, how to read it, the lists it screens against, the
 * run's settings, and the shape of a set's result.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { compareNames } from "../src/match/compare.ts";
import type { QueryType } from "../src/match/types.ts";
import type { Entity } from "../src/model/entity.ts";
import { parseOfacCsv } from "../src/sources/ofac-csv.ts";
import { parseUnXml } from "../src/sources/un-xml.ts";
import type { Metrics, Scored } from "./metrics.ts";

/** The shared data folder, outside the repository (never copied into it). */
export const DATA_DIR = fileURLToPath(new URL("../../shared/data/", import.meta.url));

/** Absolute path of a file under the shared data folder. */
export function dataPath(relative: string): string {
  return `${DATA_DIR}${relative}`;
}

/** Settings of one run, as given on the command line. */
export interface EvalContext {
  /** The alert threshold in force: the engine's, or the one given with --threshold. */
  threshold: number;
  /** True when --threshold overrides the engine's own alert threshold. */
  overridden: boolean;
  /** Worker threads for the screening-heavy sets; 1 screens in the main thread. */
  workers: number;
}

/**
 * Whether a score alerts. With the engine's own threshold, its own `match` flag decides, because that is what
 * users see; with --threshold, the score against the given threshold decides (the flag knows only its own).
 */
export function decide(ctx: EvalContext, score: number, match: boolean): boolean {
  return ctx.overridden ? score >= ctx.threshold : match;
}

/** A name pair's score, the decision at the run's threshold, and the engine's own flag. */
export interface PairScore {
  score: number;
  predicted: boolean;
  engineMatch: boolean;
  /** The engine's explanation of the score, in words. */
  summary?: string;
  error?: string;
}

/** Score a pair with the engine's compareNames; an exception scores 0 and is kept as the pair's error. */
export function scorePair(ctx: EvalContext, query: string, candidate: string, type?: QueryType): PairScore {
  try {
    const r = compareNames(query, candidate, type ? { type } : {});
    return {
      score: r.score,
      predicted: decide(ctx, r.score, r.match),
      engineMatch: r.match,
      ...(r.explanation ? { summary: r.explanation.summary } : {}),
    };
  } catch (error) {
    return {
      score: 0,
      predicted: false,
      engineMatch: false,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

/** "; N engine errors" for a table line, or nothing: errors must show where the figures are read. */
export function errorNote(count: number): string {
  return count > 0 ? `; ${count} engine error${count === 1 ? "" : "s"}` : "";
}

/** One line of the summary table. */
export interface TableRow {
  set: string;
  figures: string;
  /** The target in words, when one exists. */
  target?: string;
  /** Whether the target is met; null when there is a target but nothing to measure it with. */
  met?: boolean | null;
}

/** What one set hands back to the orchestrator. */
export interface SetResult {
  /** The set's name as used with --only. */
  name: string;
  status: "ok" | "skipped" | "error";
  /** Why the set was skipped or failed. */
  note?: string;
  seconds: number;
  rows: TableRow[];
  /** Everything worth keeping in the JSON report. */
  details: unknown;
  /** Labelled scores for the threshold sweep, by sub-set name (kept out of the JSON). */
  sweepItems?: Record<string, Scored[]>;
  /** Every labelled pair the engine got wrong, for --wrong (kept out of the JSON). */
  wrongPairs?: WrongPair[];
}

/** A labelled pair the engine decided the other way: a false negative or a false positive. */
export interface WrongPair {
  /** The sub-set: "watchman cascade-1", "nomenklatura". */
  set: string;
  label: boolean;
  score: number;
  schema: string;
  category: string;
  name1: string;
  name2: string;
  summary: string;
}

/** The files a set needs that are missing, as paths relative to the data folder. */
export function missingFiles(relatives: readonly string[]): string[] {
  return relatives.filter((r) => !existsSync(dataPath(r)));
}

/** A result for a set whose files are absent. */
export function skipped(name: string, missing: string[]): SetResult {
  const note = `missing ${missing.join(", ")}`;
  return {
    name,
    status: "skipped",
    note,
    seconds: 0,
    rows: [{ set: name, figures: `skipped: ${note}` }],
    details: { note },
  };
}

/** Read a CSV file with a header row into records keyed by column name. */
export function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path, "utf8"), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as Record<string, string>[];
}

/** FtM schema names, as the name benchmarks use them, to the engine's query types. */
export function queryTypeOf(schema: string): QueryType | undefined {
  switch (schema) {
    case "Person":
      return "person";
    case "Company":
    case "Organization":
      return "organization";
    case "Vessel":
      return "vessel";
    case "Aircraft":
      return "aircraft";
    default:
      // LegalEntity (and anything unknown) says nothing about the kind of party.
      return undefined;
  }
}

/** "true"/"false" as written in the benchmark files. */
export function parseBool(text: string | undefined): boolean {
  return (text ?? "").trim().toLowerCase() === "true";
}

/**
 * A name reduced to its words, without case, marks, punctuation or order: the harness's own yardstick for
 * "the same name", independent of the engine's normaliser so that a change there cannot move the goalposts.
 */
export function nameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toUpperCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .sort()
    .join(" ");
}

/** The 2021 OFAC SDN set used by the recall and false-positive sets. */
export const OFAC_2021_DIR = "lists/ofac_sdn/2021-07_moov_bench/";
/** The UN consolidated list used by the yente sets. */
export const UN_XML = "lists/un/UN_consolidated_2026-02-27.xml";

let ofacPromise: Promise<Entity[]> | undefined;
let unPromise: Promise<Entity[]> | undefined;

/** The 2021 OFAC SDN entities, parsed once per run. */
export function loadOfac2021(): Promise<Entity[]> {
  ofacPromise ??= parseOfacCsv(
    {
      main: dataPath(`${OFAC_2021_DIR}sdn.csv`),
      alt: dataPath(`${OFAC_2021_DIR}alt.csv`),
      add: dataPath(`${OFAC_2021_DIR}add.csv`),
      comments: dataPath(`${OFAC_2021_DIR}sdn_comments.csv`),
    },
    "ofac",
  ).then((list) => list.entities);
  return ofacPromise;
}

/** The UN consolidated list entities, parsed once per run. */
export function loadUn(): Promise<Entity[]> {
  unPromise ??= parseUnXml(dataPath(UN_XML)).then((list) => list.entities);
  return unPromise;
}

/** The entity's primary name, or its first. */
export function primaryName(entity: Entity): string {
  return (entity.names.find((n) => n.kind === "primary") ?? entity.names[0])?.full ?? "";
}

/** Seconds since `start` (a performance.now() value), to 0.01 s. */
export function secondsSince(start: number): number {
  return Math.round((performance.now() - start) / 10) / 100;
}

/** A number rounded to `digits` decimals (null stays null), to keep the JSON report readable. */
export function round(x: number | null, digits = 4): number | null {
  if (x === null) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** The confusion counts and rates of a metrics object, rounded for the results file. */
export function briefMetrics(m: Metrics) {
  return {
    n: m.n,
    tp: m.tp,
    fp: m.fp,
    fn: m.fn,
    tn: m.tn,
    precision: round(m.precision),
    recall: round(m.recall),
    f1: round(m.f1),
    accuracy: round(m.accuracy),
  };
}

/** The fields of a scored, labelled pair that a WrongPair keeps. */
export function wrongPairFields(i: {
  label: boolean;
  score: number;
  schema: string;
  category?: string;
  group?: string;
  name1: string;
  name2: string;
  summary: string;
}): Omit<WrongPair, "set"> {
  return {
    label: i.label,
    score: i.score,
    schema: i.schema,
    category: i.category ?? i.group ?? "",
    name1: i.name1,
    name2: i.name2,
    summary: i.summary,
  };
}
