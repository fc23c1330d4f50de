import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import { DataError } from "../errors.ts";
import type { InputRow } from "./rows.ts";

/** A CSV input being read: its rows in slices, and the SHA-256 of every byte once they are all read. */
export interface CsvInput {
  slices: AsyncGenerator<InputRow[]>;
  sha256: () => string;
}

/**
 * Read a batch CSV (a header with a name column; optional type, country, dob, id) in slices of `size`
 * rows. A file without a name column, a CSV syntax error or a file without rows is a DataError naming the
 * file (`label`) and line.
 */
export function readCsvRows(input: Readable, label: string, size: number): CsvInput {
  const hash = createHash("sha256");
  let digest: string | undefined;
  input.on("data", (chunk: Buffer) => hash.update(chunk));
  const parser = input.pipe(
    parse({
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }),
  );
  input.on("error", (error) => parser.destroy(error));
  async function* slices(): AsyncGenerator<InputRow[]> {
    let row = 0;
    let slice: InputRow[] = [];
    try {
      for await (const { record, info } of parser as AsyncIterable<{
        record: Record<string, string>;
        info: { lines: number };
      }>) {
        row++;
        if (row === 1 && !("name" in record)) {
          throw new DataError("the header has no name column", { file: label, line: 1, field: "name" });
        }
        slice.push({ row, line: info.lines, record });
        if (slice.length >= size) {
          yield slice;
          slice = [];
        }
      }
    } catch (error) {
      const e = error as { message?: string; lines?: number; code?: string };
      // Only the parser's own errors are about the file; others (a cut connection, a size cap) pass as they are.
      if (error instanceof DataError || !e.code?.startsWith("CSV_")) throw error;
      throw new DataError(e.message ?? String(error), { file: label, ...(e.lines ? { line: e.lines } : {}) });
    }
    if (slice.length > 0) yield slice;
    if (row === 0) {
      throw new DataError("no rows to screen (a header with a name column, then one name a row)", {
        file: label,
      });
    }
    digest = hash.digest("hex");
  }
  return {
    slices: slices(),
    sha256: () => {
      if (digest === undefined) throw new Error("the input was not read to its end");
      return digest;
    },
  };
}
