import { readFileSync } from "node:fs";
import { Value } from "typebox/value";
import { DealBody } from "../../api/schemas.ts";
import { dealProblem } from "../../assess/assess.ts";
import { assessmentToHtml } from "../../assess/html.ts";
import type { Assessment, Deal } from "../../assess/types.ts";
import { Catalog } from "../../catalog.ts";
import { DataError, UsageError } from "../../errors.ts";
import { recordAudit } from "../../store/audit.ts";
import { dataDir, openStore, say } from "../context.ts";

export interface AssessOpts {
  dataDir?: string;
  threshold?: number;
  json?: boolean;
  html?: boolean;
}

/** Read and check a deal file; a problem names the file and the field. */
function readDeal(file: string): Deal & { threshold?: number } {
  let text: string;
  try {
    text = readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === "ENOENT" ? `${file}: no such file` : `${file}: ${(error as Error).message}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DataError(`not valid JSON: ${(error as Error).message}`, { file });
  }
  if (!Value.Check(DealBody, data)) {
    const errors = [...Value.Errors(DealBody, data)].filter((e) => e.keyword !== "boolean");
    const first = errors[0];
    const path = first?.instancePath ?? "";
    const field = path.replace(/^\//, "").replace(/\//g, ".") || "(the deal)";
    // A choice among fixed words reports one error per word: name them all.
    const allowed = errors
      .filter((e) => e.instancePath === path && e.keyword === "const")
      .map((e) => String((e.params as { allowedValue?: unknown }).allowedValue));
    const message =
      allowed.length > 1
        ? `must be one of ${allowed.join(", ")}`
        : (first?.message ?? "does not match the deal schema");
    throw new DataError(message, { file, field });
  }
  const problem = dealProblem(data as Deal);
  if (problem) throw new DataError(problem.message, { file, field: problem.field });
  return data as Deal & { threshold?: number };
}

function printAssessment(a: Assessment): void {
  process.stdout.write(`verdict: ${a.verdict.toUpperCase()}\n`);
  for (const f of a.findings) {
    process.stdout.write(`\n[${f.severity}] ${f.rule}: ${f.title}\n  ${f.reasoning}\n`);
    for (const e of f.entries)
      process.stdout.write(`  entry: ${e.source}:${e.sourceId} ${e.name} [${e.programs.join("; ")}]\n`);
    for (const c of f.citations) process.stdout.write(`  cites: ${c}\n`);
  }
  if (a.findings.length === 0) process.stdout.write("no findings\n");
  process.stdout.write(`\n${a.disclaimer}\n`);
}

/** `redline assess DEAL.json`: what a proposed deal would expose the parties to. */
export async function assessCommand(file: string, opts: AssessOpts): Promise<void> {
  if (opts.json && opts.html) throw new UsageError("choose --json or --html, not both");
  const { threshold, ...deal } = readDeal(file);
  const store = openStore(dataDir(opts.dataDir));
  try {
    const catalog = await Catalog.load(store);
    if (catalog.versions.length === 0)
      say("warning: no lists loaded; run `redline update` or `redline import FILE` first");
    const t = opts.threshold ?? threshold;
    const { result, entry } = catalog.assessAudited(deal, t !== undefined ? { threshold: t } : {}, {
      actor: "cli",
      channel: "cli-assess",
      ref: file,
    });
    await recordAudit(() => store.appendAudit(entry));
    if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else if (opts.html) process.stdout.write(assessmentToHtml(deal, result));
    else printAssessment(result);
  } finally {
    await store.close();
  }
}
