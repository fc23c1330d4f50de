import { readFileSync } from "node:fs";
import { Catalog } from "../../catalog.ts";
import { UsageError } from "../../errors.ts";
import { scanToHtml } from "../../scan/html.ts";
import type { ScanFormat } from "../../scan/input.ts";
import type { ScanResult } from "../../scan/scan.ts";
import { recordAudit } from "../../store/audit.ts";
import { dataDir, openStore, say } from "../context.ts";

export interface ScanOpts {
  dataDir?: string;
  format?: ScanFormat;
  threshold?: number;
  lists?: string[];
  excludeLists?: string[];
  json?: boolean;
  html?: boolean;
}

function readInput(file: string): string {
  try {
    const bytes = readFileSync(file === "-" ? 0 : file);
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    if (error instanceof TypeError) throw new UsageError(`${file}: not valid UTF-8 text`);
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === "ENOENT" ? `${file}: no such file` : `${file}: ${(error as Error).message}`,
    );
  }
}

function printMentions(result: ScanResult): void {
  if (result.mentions.length === 0) {
    process.stdout.write(`no listed party or sanctioned jurisdiction in ${result.characters} characters\n`);
    return;
  }
  for (const m of result.mentions) {
    const where = `${m.start}-${m.end}`;
    if (m.kind === "jurisdiction") {
      const j = m.jurisdiction;
      process.stdout.write(
        `${where} JURISDICTION "${m.text}" → ${j.name} (${j.code}), ${j.level}: ${j.programs.map((p) => p.name).join("; ")}\n`,
      );
      continue;
    }
    process.stdout.write(`${where} PARTY "${m.text}"\n`);
    for (const h of m.hits) {
      const programs = h.programs.length ? ` [${h.programs.join("; ")}]` : "";
      process.stdout.write(`     ${h.score.toFixed(2)} ${h.source}:${h.sourceId} ${h.name}${programs}\n`);
      process.stdout.write(`          ${h.explanation.summary}\n`);
    }
  }
}

/** `redline scan FILE|-`: mark listed parties and sanctioned jurisdictions in a document. */
export async function scanCommand(file: string, opts: ScanOpts): Promise<void> {
  if (opts.json && opts.html) throw new UsageError("choose --json or --html, not both");
  const input = readInput(file);
  const store = openStore(dataDir(opts.dataDir));
  try {
    const catalog = await Catalog.load(store);
    if (catalog.versions.length === 0) {
      say("warning: no lists loaded; run `redline update` or `redline import FILE` first");
    }
    const { result, entry } = catalog.scanAudited(
      input,
      {
        ...(opts.format ? { format: opts.format } : {}),
        ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
        ...(opts.lists ? { includeLists: opts.lists } : {}),
        ...(opts.excludeLists ? { excludeLists: opts.excludeLists } : {}),
      },
      { actor: "cli", channel: "cli-scan", ref: file },
    );
    await recordAudit(() => store.appendAudit(entry));
    if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else if (opts.html) process.stdout.write(scanToHtml(input, result, `redline scan: ${file}`));
    else printMentions(result);
  } finally {
    await store.close();
  }
}
