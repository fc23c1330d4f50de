import { listSummary } from "../../catalog.ts";
import type { ListVersion } from "../../model/entity.ts";
import { dataDir, openStore, say } from "../context.ts";

/** One line about a list version for people. */
export function describeVersion(v: ListVersion): string {
  const published = v.published ? `published ${v.published.slice(0, 10)}` : "publication date unknown";
  const note = v.note ? ` [${v.note}]` : "";
  return `${v.source} version ${v.id}: ${v.entities} entries, ${v.names} names, ${published}${note}`;
}

/** `redline lists`: the versions in service (or all stored with --all). */
export async function listsCommand(opts: { dataDir?: string; json?: boolean; all?: boolean }): Promise<void> {
  const store = openStore(dataDir(opts.dataDir));
  try {
    const versions = opts.all ? await store.listVersions() : await store.currentVersions();
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(versions.map(listSummary), null, 2)}\n`);
      return;
    }
    if (versions.length === 0) {
      say("no lists loaded: run `redline update` (online) or `redline import FILE` (offline)");
      return;
    }
    for (const v of versions) process.stdout.write(`${describeVersion(v)}\n`);
  } finally {
    await store.close();
  }
}
