import type { SourceId } from "../../model/entity.ts";
import { planImport } from "../../sources/detect.ts";
import { importJob } from "../../sources/import.ts";
import { dataDir, openStore, say } from "../context.ts";
import { describeVersion } from "./lists.ts";

/** `redline import PATH...`: detect, parse, check and store each list found. */
export async function importCommand(
  paths: string[],
  opts: { dataDir?: string; source?: SourceId; allowShrink?: boolean },
): Promise<void> {
  const jobs = await planImport(paths, opts.source);
  const store = openStore(dataDir(opts.dataDir));
  try {
    for (const job of jobs) {
      const started = performance.now();
      const version = await importJob(store, job, { ...(opts.allowShrink ? { allowShrink: true } : {}) });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      say(`imported ${describeVersion(version)} in ${seconds} s`);
      for (const warning of version.warnings.slice(0, 10)) say(`  warning: ${warning}`);
      if (version.warnings.length > 10)
        say(`  … and ${version.warnings.length - 10} more warnings (redline lists --json)`);
    }
  } finally {
    await store.close();
  }
}
