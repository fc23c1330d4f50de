import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import type { ListVersion, SourceId } from "../model/entity.ts";
import type { Store } from "../store/store.ts";
import { planImport } from "./detect.ts";
import { type DownloadOptions, downloadSource } from "./download.ts";
import { importJob } from "./import.ts";

/** Every source `redline update` fetches by default. */
export const UPDATABLE_SOURCES: readonly SourceId[] = ["ofac", "ofac-cons", "un", "eu", "uk", "us-csl"];

export interface UpdateOptions extends Omit<DownloadOptions, "destDir"> {
  /** Folder for temporary downloads (inside the data directory). */
  workDir: string;
}

/** What happened to one source in an update. */
export type UpdateOutcome = { source: SourceId; version: ListVersion } | { source: SourceId; error: Error };

/**
 * Download one source's official files and import them as a new version. The files are checked by the
 * downloader and again by the parser before anything is stored; the version in service stays until then.
 */
export async function updateSource(
  store: Store,
  source: SourceId,
  opts: UpdateOptions,
): Promise<ListVersion> {
  const { workDir, ...download } = opts;
  const destDir = await mkdtemp(join(workDir, `${source}-`));
  try {
    const fetched = await downloadSource(source, { ...download, destDir });
    const jobs = await planImport(Object.values(fetched.files), source);
    let version: ListVersion | undefined;
    for (const job of jobs) {
      version = await importJob(store, job, fetched.lastModified ? { published: fetched.lastModified } : {});
    }
    if (!version) throw new Error(`${source}: the download held no list`);
    return version;
  } finally {
    await rm(destDir, { recursive: true, force: true });
  }
}

/** Update several sources one after the other; one source's failure does not stop the others. */
export async function updateSources(
  store: Store,
  sources: readonly SourceId[],
  opts: UpdateOptions,
): Promise<UpdateOutcome[]> {
  const outcomes: UpdateOutcome[] = [];
  for (const source of sources) {
    try {
      outcomes.push({ source, version: await updateSource(store, source, opts) });
    } catch (error) {
      outcomes.push({ source, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  return outcomes;
}
