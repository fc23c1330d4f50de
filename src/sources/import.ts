import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { DataError } from "../errors.ts";
import type { ListVersion } from "../model/entity.ts";
import type { Store } from "../store/store.ts";
import type { ImportJob } from "./detect.ts";
import { parseEuCsv } from "./eu-fsf-csv.ts";
import { parseEuXml } from "./eu-fsf-xml.ts";
import { resolveLinks } from "./links.ts";
import { ensureBuiltinLists } from "./lsp.ts";
import { parseOfacCsv } from "./ofac-csv.ts";
import { parseOfacXml } from "./ofac-xml.ts";
import type { ParsedList } from "./types.ts";
import { parseUkCsv } from "./uk-csv.ts";
import { parseUnXml } from "./un-xml.ts";
import { parseUsCsl } from "./us-csl.ts";

/** A new version with fewer entries than this share of the current one is refused as probably incomplete. */
export const MIN_SHARE_OF_CURRENT = 0.5;

export interface ImportOptions {
  /** Publication date to record when the file carries none (e.g. the HTTP Last-Modified of a download). */
  published?: string;
  /** Accept a version that shrinks the list by more than half. */
  allowShrink?: boolean;
  /** Marks the version as not an official list (the built-in demo data). */
  note?: string;
}

/** SHA-256 of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Parse the files of one job with the parser for its format. */
export async function parseJob(job: ImportJob): Promise<ParsedList> {
  switch (job.format) {
    case "ofac-csv":
      return parseOfacCsv(job.files, job.source);
    case "ofac-xml":
      return parseOfacXml(job.files.main, job.source);
    case "un-xml":
      return parseUnXml(job.files.main);
    case "eu-xml":
      return parseEuXml(job.files.main);
    case "eu-csv":
      return parseEuCsv(job.files.main);
    case "uk-csv":
      return parseUkCsv(job.files.main);
    case "us-csl":
      return parseUsCsl(job.files.main);
  }
}

function checkComplete(
  job: ImportJob,
  parsed: ParsedList,
  current: ListVersion | undefined,
  opts: ImportOptions,
) {
  const file = job.files.main;
  if (parsed.entities.length === 0) throw new DataError("the file holds no list entries", { file });
  if (parsed.declaredCount !== undefined && parsed.declaredCount !== parsed.entities.length) {
    throw new DataError(
      `the file declares ${parsed.declaredCount} entries but ${parsed.entities.length} were read; is it complete?`,
      { file },
    );
  }
  if (current && !opts.allowShrink && parsed.entities.length < current.entities * MIN_SHARE_OF_CURRENT) {
    throw new DataError(
      `only ${parsed.entities.length} entries where the version in service has ${current.entities}; ` +
        "refusing a list that shrank by more than half (use --allow-shrink if this is right)",
      { file },
    );
  }
}

/**
 * Import one job: parse and check everything first, then store it as a new version in one transaction,
 * so a failure at any point leaves the version in service untouched.
 */
export async function importJob(
  store: Store,
  job: ImportJob,
  opts: ImportOptions = {},
): Promise<ListVersion> {
  const parsed = await parseJob(job);
  const current = (await store.currentVersions()).find((v) => v.source === job.source);
  checkComplete(job, parsed, current, opts);
  resolveLinks(parsed.entities);
  const checksums: Record<string, string> = {};
  for (const path of Object.values(job.files)) checksums[basename(path)] = await sha256File(path);
  const published = parsed.published ?? opts.published;
  const version = await store.saveListVersion({
    source: job.source,
    ...(published ? { published } : {}),
    checksums,
    warnings: parsed.warnings,
    entities: parsed.entities,
    ...(opts.note ? { note: opts.note } : {}),
  });
  // The first official list of a data directory brings the built-in List of Specified Persons with it.
  await ensureBuiltinLists(store);
  return version;
}
