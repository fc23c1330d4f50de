import { Catalog, type ScreenAnswer } from "../../catalog.ts";
import { UsageError } from "../../errors.ts";
import { toQuery } from "../../match/query.ts";
import type { ScoringMode } from "../../match/types.ts";
import { recordAudit } from "../../store/audit.ts";
import { dataDir, openStore, say } from "../context.ts";
import { screenBatch } from "./screen-batch.ts";

export interface ScreenOpts {
  dataDir?: string;
  type?: string;
  dob?: string;
  country?: string;
  id?: string;
  limit?: number;
  minScore?: number;
  mode?: ScoringMode;
  lists?: string[];
  excludeLists?: string[];
  json?: boolean;
  input?: string;
  output?: string;
}

function programs(list: string[]): string {
  return list.length ? ` [${list.join("; ")}]` : "";
}

/** Hits grouped by party: each party's best hit with its explanation, then its other listings and why they are one. */
function printAnswer(answer: ScreenAnswer): void {
  if (answer.hits.length === 0) {
    process.stdout.write("no hits\n");
    return;
  }
  const byId = new Map(answer.hits.map((h) => [h.id, h]));
  for (const party of answer.parties) {
    const [first, ...others] = party.listings;
    const hit = first ? byId.get(first.id) : undefined;
    if (!hit) continue;
    const flag = hit.match ? "MATCH" : "     ";
    const aka = hit.matchedName !== hit.name ? ` (matched "${hit.matchedName}")` : "";
    process.stdout.write(
      `${hit.score.toFixed(2)} ${flag} ${hit.id} ${hit.name}${aka}${programs(hit.programs)}\n`,
    );
    process.stdout.write(`     ${hit.explanation.summary}\n`);
    for (const l of others) {
      const score = l.score !== undefined ? `${l.score.toFixed(2)} ` : "";
      const tie = party.ties.find((t) => t.to === l.id || t.from === l.id);
      process.stdout.write(
        `     same party: ${score}${l.id} ${l.name}${programs(l.programs)}${tie ? ` (${tie.reason})` : ""}\n`,
      );
    }
  }
}

/** `redline screen NAME` and `redline screen --input FILE.csv`. */
export async function screenCommand(name: string | undefined, opts: ScreenOpts): Promise<void> {
  if (name !== undefined && opts.input) throw new UsageError("give a NAME or --input FILE, not both");
  if (name === undefined && !opts.input) throw new UsageError("give a NAME to screen, or --input FILE.csv");
  if (opts.output && !opts.input) throw new UsageError("--output is for batch screening with --input");
  const store = openStore(dataDir(opts.dataDir));
  try {
    const catalog = await Catalog.load(store);
    if (catalog.versions.length === 0) {
      say("warning: no lists loaded; run `redline update` or `redline import FILE` first");
    }
    const options = {
      ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
      ...(opts.minScore !== undefined ? { minScore: opts.minScore } : {}),
      ...(opts.mode ? { mode: opts.mode } : {}),
      ...(opts.lists ? { includeLists: opts.lists } : {}),
      ...(opts.excludeLists ? { excludeLists: opts.excludeLists } : {}),
    };
    if (opts.input) {
      await screenBatch(catalog, store, opts.input, opts.output, options);
      return;
    }
    let query: ReturnType<typeof toQuery>;
    try {
      query = toQuery({ name, type: opts.type, dob: opts.dob, country: opts.country, id: opts.id });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const { answer, entry } = catalog.screenAudited(query, options, { actor: "cli", channel: "cli" });
    // The answer is shown only once it is on record.
    await recordAudit(() => store.appendAudit(entry));
    if (opts.json) process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
    else printAnswer(answer);
  } finally {
    await store.close();
  }
}
