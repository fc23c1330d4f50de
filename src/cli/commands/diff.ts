import { type DiffEntry, diffVersions, type ListDiff, type SetChange } from "../../diff.ts";
import { UsageError } from "../../errors.ts";
import type { SourceId } from "../../model/entity.ts";
import { ensureBuiltinLists } from "../../sources/lsp.ts";
import { dataDir, openStore } from "../context.ts";

function versionNumber(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text))
    throw new UsageError(
      `${what} must be a list version number (see \`redline lists --all\`), not ${JSON.stringify(text)}`,
    );
  return Number(text);
}

function change(label: string, c: SetChange | undefined): string[] {
  if (!c) return [];
  const parts = [...c.added.map((x) => `+ ${x}`), ...c.removed.map((x) => `- ${x}`)];
  return [`    ${label}: ${parts.join("; ")}`];
}

function line(mark: string, e: DiffEntry): string {
  return `${mark} ${e.id} ${e.name}${e.programs.length ? ` [${e.programs.join("; ")}]` : ""}`;
}

/** The diff for people: a summary, then every added (+), removed (-) and changed (~) entry. */
export function formatDiff(d: ListDiff): string {
  const v = (x: ListDiff["from"]) =>
    `version ${x.version} (${x.published ? `published ${x.published.slice(0, 10)}` : `imported ${x.importedAt.slice(0, 10)}`}, ${x.entities} entries)`;
  const out = [
    `${d.source}: ${v(d.from)} → ${v(d.to)}`,
    `${d.counts.added} added, ${d.counts.removed} removed, ${d.counts.changed} changed (names, programs or identifiers), ${d.counts.unchanged} unchanged`,
  ];
  for (const e of d.added) out.push(line("+", e));
  for (const e of d.removed) out.push(line("-", e));
  for (const e of d.changed) {
    out.push(
      line("~", e),
      ...change("names", e.names),
      ...change("programs", e.programsChanged),
      ...change("identifiers", e.identifiers),
    );
  }
  return `${out.join("\n")}\n`;
}

/**
 * `redline diff --source S [FROM] [TO]`: what changed between two stored versions of a list. TO defaults to the
 * version in service, FROM to the version stored before TO.
 */
export async function diffCommand(
  from: string | undefined,
  to: string | undefined,
  opts: { dataDir?: string; source: SourceId; json?: boolean },
): Promise<void> {
  const fromId = versionNumber(from, "FROM");
  const toId = versionNumber(to, "TO");
  const store = openStore(dataDir(opts.dataDir));
  try {
    await ensureBuiltinLists(store);
    const versions = await store.listVersions(opts.source);
    const current = (await store.currentVersions()).find((v) => v.source === opts.source);
    const pick = (id: number) => {
      const v = versions.find((x) => x.id === id);
      if (!v) {
        const known = versions.map((x) => x.id).join(", ") || "none";
        throw new UsageError(`${opts.source} has no version ${id} (its versions: ${known})`);
      }
      return v;
    };
    const target = toId !== undefined ? pick(toId) : current;
    if (!target) throw new UsageError(`no ${opts.source} list is loaded`);
    const base = fromId !== undefined ? pick(fromId) : versions.find((v) => v.id < target.id);
    if (!base)
      throw new UsageError(
        `${opts.source} version ${target.id} is the first stored; nothing to compare it with`,
      );
    const d = diffVersions(
      base,
      await store.loadEntities(base.id),
      target,
      await store.loadEntities(target.id),
    );
    process.stdout.write(opts.json ? `${JSON.stringify(d, null, 2)}\n` : formatDiff(d));
  } finally {
    await store.close();
  }
}
