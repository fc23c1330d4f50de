import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { SourceId } from "../../model/entity.ts";
import { DownloadError } from "../../sources/download.ts";
import { UPDATABLE_SOURCES, type UpdateOptions, updateSources } from "../../sources/update.ts";
import type { Store } from "../../store/store.ts";
import { dataDir, openStore, say } from "../context.ts";
import { describeVersion } from "./lists.ts";

/** Download options shared by `update` and the first start of `serve`. */
export async function updateOptions(dir: string, mirror?: string, verbose = false): Promise<UpdateOptions> {
  const workDir = join(dir, "downloads");
  await mkdir(workDir, { recursive: true });
  const from = mirror ?? process.env.REDLINE_MIRROR;
  return {
    workDir,
    ...(from ? { mirror: from } : {}),
    ...(verbose || process.env.REDLINE_DEBUG ? { log: say } : {}),
  };
}

/** Run an update and report each source; true when every source was updated. */
export async function runUpdate(
  store: Store,
  sources: readonly SourceId[],
  opts: UpdateOptions,
): Promise<boolean> {
  const outcomes = await updateSources(store, sources, opts);
  for (const outcome of outcomes) {
    if ("version" in outcome) say(`updated ${describeVersion(outcome.version)}`);
    else {
      const message = outcome.error instanceof DownloadError ? outcome.error.message : String(outcome.error);
      say(`${outcome.source}: update failed: ${message}`);
    }
  }
  return outcomes.every((o) => "version" in o);
}

/** `redline update [--source S]`: fetch the official files and import them. */
export async function updateCommand(opts: {
  dataDir?: string;
  source?: SourceId;
  mirror?: string;
  verbose?: boolean;
}): Promise<void> {
  const dir = dataDir(opts.dataDir);
  const store = openStore(dir);
  try {
    const ok = await runUpdate(
      store,
      opts.source ? [opts.source] : UPDATABLE_SOURCES,
      await updateOptions(dir, opts.mirror, opts.verbose),
    );
    if (!ok) process.exitCode = 2;
  } finally {
    await store.close();
  }
}
