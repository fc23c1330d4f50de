import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { SingleBar } from "cli-progress";
import { readCsvRows } from "../../batch/read.ts";
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

  // Slices of the audit group's size: each slice's answers are written once its audit records are.
  const { slices } = readCsvRows(createReadStream(input), input, AUDIT_GROUP);
  let rows = 0;
  let bad = 0;
  try {
    for await (const slice of slices) {
      const lines: string[] = [];
      const entries: AuditEntry[] = [];
      for (const inputRow of slice) {
        const { result, entry } = screenRow(catalog, inputRow, options, {
          actor: "cli",
          channel: "cli-batch",
          ref: String(inputRow.row),
        });
        if (entry) entries.push(entry);
        if (result.error) {
          bad++;
          say(
            new DataError(result.error, {
              file: input,
              line: inputRow.line,
              ...(result.field ? { field: result.field } : {}),
            }).toString(),
          );
        }
        lines.push(formatRow(result, format));
      }
      if (entries.length > 0) await recordAudit(() => store.appendAuditBatch(entries));
      for (const line of lines) await write(out, line);
      rows += slice.length;
      bar?.increment(slice.length);
    }
  } catch (error) {
    if (error instanceof DataError || error instanceof AuditError) throw error;
    throw new DataError((error as Error).message ?? String(error), { file: input });
  } finally {
    bar?.stop();
    if (output) {
      out.end();
      await once(out, "finish");
    }
  }
  say(`screened ${rows} rows${output ? ` into ${output}` : ""}`);
  if (bad > 0)
    throw new DataError(`${bad} of ${rows} rows could not be screened (reported above)`, { file: input });
}
