import { stringify } from "csv-stringify/sync";
import type { Catalog, Requester } from "../catalog.ts";
import { DataError } from "../errors.ts";
import type { Party } from "../match/parties.ts";
import { toQuery } from "../match/query.ts";
import type { Hit, ScreenOptions } from "../match/types.ts";
import type { AuditEntry } from "../store/audit.ts";

/** The columns of batch results as CSV: one line per hit, or one per row without hits. */
export const CSV_HEADER = [
  "row",
  "name",
  "error",
  "rank",
  "score",
  "match",
  "source",
  "source_id",
  "hit_name",
  "matched_name",
  "programs",
  "explanation",
  "party",
];

/** How batch results are written. */
export type ResultFormat = "jsonl" | "csv";

/** One screened row of a batch: its number, its input line, the name, and its hits or why it has none. */
export interface RowResult {
  row: number;
  line?: number;
  name: string;
  error?: string;
  /** The input field the error is about. */
  field?: string;
  hits: Hit[];
  /** The parties of the hits, each with every listing the loaded lists hold of it. */
  parties?: Party[];
}

/** One row of a batch input as read from CSV: its number (from 1), the file line, the fields by column. */
export interface InputRow {
  row: number;
  line: number;
  record: Record<string, string>;
}

// csv-stringify writes booleans as 1 and 0; spreadsheets and people read true and false.
const CSV_OPTIONS = { cast: { boolean: (v: boolean) => String(v) } };

/** A row's result as CSV lines. */
export function csvLines(result: RowResult): string {
  const { row, name, error, hits } = result;
  if (hits.length === 0)
    return stringify([[row, name, error ?? "", "", "", "", "", "", "", "", "", "", ""]], CSV_OPTIONS);
  return stringify(
    hits.map((h, i) => [
      row,
      name,
      "",
      i + 1,
      h.score,
      h.match,
      h.source,
      h.sourceId,
      h.name,
      h.matchedName,
      h.programs.join("; "),
      h.explanation.summary,
      h.party ?? h.id,
    ]),
    CSV_OPTIONS,
  );
}

/** A row's result as one JSONL line: `{row, hits, parties}`, or `{row, line, error, hits}` for a bad row. */
export function jsonLine(result: RowResult): string {
  const { row, line, error, hits, parties } = result;
  return `${JSON.stringify(error ? { row, line, error, hits } : { row, hits, parties: parties ?? [] })}\n`;
}

/** A row's result in the given format. */
export function formatRow(result: RowResult, format: ResultFormat): string {
  return format === "jsonl" ? jsonLine(result) : csvLines(result);
}

/** The CSV header line, for the start of a CSV results file. */
export function csvHeader(): string {
  return stringify([CSV_HEADER]);
}

/**
 * Screen one input row as every batch does (CLI, jobs): a row whose fields are bad gets an error and no
 * hits, and the batch goes on; an answered row comes with its audit entry.
 */
export function screenRow(
  catalog: Catalog,
  input: InputRow,
  options: ScreenOptions,
  who: Requester,
): { result: RowResult; entry?: AuditEntry } {
  const name = input.record.name ?? "";
  try {
    const screened = catalog.screenAudited(toQuery(input.record), options, who);
    return {
      result: { row: input.row, name, hits: screened.answer.hits, parties: screened.answer.parties },
      entry: screened.entry,
    };
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    const field = error.where.field;
    return {
      result: {
        row: input.row,
        line: input.line,
        name,
        error: error.message,
        ...(field ? { field } : {}),
        hits: [],
      },
    };
  }
}
