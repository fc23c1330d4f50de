import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { SingleBar } from "cli-progress";
import { parse } from "csv-parse";
import { csvHeader, formatRow, type ResultFormat, screenRow } from "../../batch/rows.ts";
import type { Catalog } from "../../catalog.ts";
import { DataError, UsageError } from "../../errors.ts";
import type { ScreenOptions } from "../../match/types.ts";
import { type AuditEntry, AuditError, recordAudit } from "../../store/audit.ts";
import type { Store } from "../../store/store.ts";
import { say } from "../context.ts";

type Format = ResultFormat;

function formatOf(output: string | undefined): Format {
  if (!output || output.endsWith(".jsonl") || output.endsWith(".json")) return "jsonl";
  if (output.endsWith(".csv")) return "csv";
  throw new UsageError(`--output must end in .jsonl or .csv: ${output}`);
}

async function countLines(file: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(file)) {
    for (const byte of chunk as Buffer) if (byte === 10) lines++;
  }
  return Math.max(0, lines - 1);
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, "drain");
}

// Rows are audited in groups so a large file costs one commit per group, not one per row.
const AUDIT_GROUP = 200;

/**
 * Screen every row of a CSV file in input order. A bad row is reported with its line and written as an
 * error result, and the batch goes on; the command fails at the end if any row was bad. No answer is
 * written before its audit record is.
 */
export async function screenBatch(
  catalog: Catalog,
  store: Store,
  input: string,
  output: string | undefined,
  options: ScreenOptions,
): Promise<void> {
  const format = formatOf(output);
  const out: Writable = output ? createWriteStream(output) : process.stdout;
  const bar = process.stderr.isTTY ? new SingleBar({ stream: process.stderr, etaBuffer: 200 }) : undefined;
  if (bar) bar.start(await countLines(input), 0);
  if (format === "csv") await write(out, csvHeader());

  const parser = createReadStream(input).pipe(
    parse({
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }),
  );
  let row = 0;
  let bad = 0;
  let pending: string[] = [];
  let entries: AuditEntry[] = [];
  const flush = async () => {
    if (entries.length > 0) await recordAudit(() => store.appendAuditBatch(entries));
    for (const line of pending) await write(out, line);
    pending = [];
    entries = [];
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      row++;
      if (row === 1 && !("name" in record)) {
        throw new DataError("the header has no name column", { file: input, line: 1, field: "name" });
      }
      const { result, entry } = screenRow(catalog, { row, line: info.lines, record }, options, {
        actor: "cli",
        channel: "cli-batch",
        ref: String(row),
      });
      if (entry) entries.push(entry);
      if (result.error) {
        bad++;
        say(
          new DataError(result.error, {
            file: input,
            line: info.lines,
            ...(result.field ? { field: result.field } : {}),
          }).toString(),
        );
      }
      const line = formatRow(result, format);
      pending.push(line);
      if (pending.length >= AUDIT_GROUP) await flush();
      bar?.increment();
    }
    await flush();
  } catch (error) {
    if (error instanceof DataError || error instanceof AuditError) throw error;
    const e = error as { message?: string; lines?: number };
    throw new DataError(e.message ?? String(error), { file: input, ...(e.lines ? { line: e.lines } : {}) });
  } finally {
    bar?.stop();
    if (output) {
      out.end();
      await once(out, "finish");
    }
  }
  if (row === 0)
    throw new DataError("no rows to screen (a header with a name column, then one name a row)", {
      file: input,
    });
  say(`screened ${row} rows${output ? ` into ${output}` : ""}`);
  if (bad > 0)
    throw new DataError(`${bad} of ${row} rows could not be screened (reported above)`, { file: input });
}
