import { listSummary, sortVersions } from "../../catalog.ts";
import { type ListVersion, SOURCE_IDS } from "../../model/entity.ts";
import { sourceTitle } from "../../sources/download.ts";
import { BUILTIN_SOURCES, ensureBuiltinLists } from "../../sources/lsp.ts";
import { dataDir, openStore, say } from "../context.ts";

/** One line about a list version for people. */
export function describeVersion(v: ListVersion): string {
  const published = v.published ? `published ${v.published.slice(0, 10)}` : "publication date unknown";
  const note = v.note ? ` [${v.note}]` : "";
  return `${v.source} version ${v.id}: ${v.entities} entries, ${v.names} names, ${published}${note}`;
}

/** `redline lists`: the versions in service (or all stored with --all), and the lists not loaded yet. */
export async function listsCommand(opts: { dataDir?: string; json?: boolean; all?: boolean }): Promise<void> {
  const store = openStore(dataDir(opts.dataDir));
  try {
    await ensureBuiltinLists(store);
    const versions = sortVersions(opts.all ? await store.listVersions() : await store.currentVersions());
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(versions.map(listSummary), null, 2)}\n`);
      return;
    }
    if (versions.length === 0) {
      say("no lists loaded: run `redline update` (online) or `redline import FILE` (offline)");
      return;
    }
    for (const v of versions) process.stdout.write(`${describeVersion(v)} — ${sourceTitle(v.source)}\n`);
    const loaded = new Set(versions.map((v) => v.source));
    for (const source of SOURCE_IDS) {
      if (loaded.has(source) || BUILTIN_SOURCES.includes(source)) continue;
      process.stdout.write(
        `${source}: not loaded — ${sourceTitle(source)} (redline update --source ${source})\n`,
      );
    }
  } finally {
    await store.close();
  }
}
