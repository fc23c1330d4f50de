import { stringify } from "csv-stringify/sync";
import { DataError, UsageError } from "../../errors.ts";
import type { AuditRecord } from "../../store/audit.ts";
import { dataDir, openStore, say } from "../context.ts";

const PAGE = 1000;

const CSV_HEADER = [
  "seq",
  "time",
  "actor",
  "channel",
  "ref",
  "name",
  "type",
  "dob",
  "country",
  "id",
  "lists",
  "options",
  "hits",
  "engine",
  "prev_hash",
  "hash",
];

function csvRow(r: AuditRecord): string[] {
  return [
    String(r.seq),
    r.time,
    r.actor,
    r.channel,
    r.ref ?? "",
    r.query.name,
    r.query.type ?? "",
    r.query.dob ?? "",
    r.query.country ?? "",
    r.query.id ?? "",
    JSON.stringify(r.lists),
    JSON.stringify(r.options),
    r.hits.map((h) => `${h.id}=${h.score}`).join("; "),
    r.engine,
    r.prevHash,
    r.hash,
  ];
}

/** Turn a date or timestamp from the command line into the ISO form the audit trail stores. */
export function parseSince(value: string): string {
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time)) {
    throw new UsageError(`--since expects a date as YYYY-MM-DD or an ISO timestamp, not "${value}"`);
  }
  return new Date(time).toISOString();
}

/** `redline audit verify`: check the hash chain and name the first broken record. */
export async function auditVerifyCommand(opts: { dataDir?: string }): Promise<void> {
  const store = openStore(dataDir(opts.dataDir));
  try {
    const verdict = await store.verifyAudit();
    if (!verdict.ok) throw new DataError(`audit record ${verdict.seq} is broken: ${verdict.reason}`);
    process.stdout.write(`audit trail intact: ${verdict.records} records, hash chain verified\n`);
  } finally {
    await store.close();
  }
}

/** `redline audit export --since DATE`: the records from a date on, as JSONL or CSV on stdout. */
export async function auditExportCommand(opts: {
  dataDir?: string;
  since: string;
  format?: string;
}): Promise<void> {
  const since = parseSince(opts.since);
  const format = opts.format ?? "jsonl";
  const store = openStore(dataDir(opts.dataDir));
  try {
    if (format === "csv") process.stdout.write(stringify([CSV_HEADER]));
    let after = 0;
    let count = 0;
    for (;;) {
      const page = await store.auditRecords({ since, after, limit: PAGE });
      if (page.length === 0) break;
      const text =
        format === "csv" ? stringify(page.map(csvRow)) : page.map((r) => `${JSON.stringify(r)}\n`).join("");
      if (!process.stdout.write(text)) await new Promise((r) => process.stdout.once("drain", r));
      count += page.length;
      after = (page.at(-1) as AuditRecord).seq;
    }
    say(`exported ${count} audit records since ${since}`);
  } finally {
    await store.close();
  }
}
