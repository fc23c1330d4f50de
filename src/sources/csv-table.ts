/**
 * Delimited files with a header row (EU FSF CSV, UK Sanctions List, US CSL): read whole, each record with the line
 * it starts on, each problem reported as a DataError naming the file, the line and, where it applies, the field.
 */
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { DataError } from "../errors.ts";

/** One data record and the line of the file it starts on. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** A parsed table: the header, a column lookup by name and the data records. */
export interface CsvTable {
  file: string;
  header: string[];
  /** Line the header is on. */
  headerLine: number;
  rows: CsvRow[];
  /** Lines before the header (the UK file's "Report Date:" line), as records. */
  preamble: string[][];
}

export interface CsvOptions {
  delimiter?: string;
  /** Accept quotes inside unquoted fields and stray quotes (the EU file has them). */
  lenientQuotes?: boolean;
  /** Records before the header row. */
  skipLines?: number;
}

const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted field is not closed (is the file complete?)",
  CSV_INVALID_CLOSING_QUOTE: "a quote inside a quoted field",
  INVALID_OPENING_QUOTE: "a quote inside an unquoted field",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "text after a closing quote",
};

/** Read a whole delimited file (UTF-8, with or without a byte-order mark). */
export async function readCsvTable(file: string, opts: CsvOptions = {}): Promise<CsvTable> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new DataError(`cannot read the file: ${(error as Error).message}`, { file });
  }
  if (text.includes("\uFFFD")) {
    const line = text.slice(0, text.indexOf("\uFFFD")).split("\n").length;
    throw new DataError("the file is not UTF-8 text (a byte sequence could not be decoded)", { file, line });
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: opts.delimiter ?? ",",
      relax_column_count: true,
      relax_quotes: opts.lenientQuotes === true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as { code?: string; lines?: number; message?: string };
    const what = (e.code && CSV_PROBLEMS[e.code]) ?? e.message ?? String(error);
    throw new DataError(`malformed CSV: ${what}`, { file, ...(e.lines ? { line: e.lines } : {}) });
  }
  const skip = opts.skipLines ?? 0;
  // info.lines is the line a record ends on; a record starts after the previous one ended.
  const withLines = records
    .map((r, i) => ({
      fields: r.record,
      end: r.info.lines,
      start: i === 0 ? 1 : (records[i - 1]?.info.lines ?? 0) + 1,
    }))
    .filter((r) => !(r.fields.length === 1 && r.fields[0]?.trim() === ""));
  const headerRecord = withLines[skip];
  if (!headerRecord) throw new DataError("the file has no header row; is it complete?", { file });
  const header = headerRecord.fields.map((h) => h.trim());
  return {
    file,
    header,
    headerLine: headerRecord.end,
    preamble: withLines.slice(0, skip).map((r) => r.fields),
    rows: withLines.slice(skip + 1).map((r) => ({ line: r.start, fields: r.fields })),
  };
}

/** Column positions by name (compared without case); `need` throws naming the first missing column. */
export class Columns {
  private readonly byName = new Map<string, number>();

  constructor(private readonly table: CsvTable) {
    table.header.forEach((name, i) => {
      const key = name.toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, i);
    });
  }

  /** The position of a column, or undefined when the file does not have it. */
  find(name: string): number | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** The position of a column the format requires. */
  need(name: string): number {
    const i = this.find(name);
    if (i === undefined) {
      throw new DataError(`the header has no column "${name}"; is this the right file?`, {
        file: this.table.file,
        line: this.table.headerLine,
        field: name,
      });
    }
    return i;
  }

  /** A field of a row by column name, trimmed; undefined when empty or absent. */
  get(row: CsvRow, name: string): string | undefined {
    const i = this.find(name);
    if (i === undefined) return undefined;
    const v = row.fields[i]?.trim();
    return v ? v : undefined;
  }
}

/** Check that a row has as many fields as the header (one empty extra field, a trailing delimiter, is allowed). */
export function checkWidth(table: CsvTable, row: CsvRow): void {
  const want = table.header.length;
  const got = row.fields.length;
  if (got === want || (got === want + 1 && row.fields[want] === "")) return;
  throw new DataError(`the row has ${got} fields where the header has ${want}; is the file complete?`, {
    file: table.file,
    line: row.line,
  });
}
