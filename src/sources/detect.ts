import { open, readdir, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { parse } from "csv-parse/sync";
import { DataError } from "../errors.ts";
import type { SourceId } from "../model/entity.ts";

/** What a file turned out to be, judged from its first bytes. */
export type FileKind =
  | "ofac-csv-main"
  | "ofac-csv-alt"
  | "ofac-csv-add"
  | "ofac-csv-comments"
  | "ofac-xml"
  | "un-xml";

/** One list version to import: a format, a source and its files. */
export type ImportJob =
  | {
      format: "ofac-csv";
      source: "ofac" | "ofac-cons";
      files: { main: string; alt?: string; add?: string; comments?: string };
    }
  | { format: "ofac-xml"; source: "ofac" | "ofac-cons"; files: { main: string } }
  | { format: "un-xml"; source: "un"; files: { main: string } };

const SNIFF_BYTES = 64 * 1024;
// OFAC's CSV tables differ only in their column count.
const CSV_KIND_BY_COLUMNS: Record<number, FileKind> = {
  12: "ofac-csv-main",
  6: "ofac-csv-add",
  5: "ofac-csv-alt",
  2: "ofac-csv-comments",
};

async function head(path: string): Promise<string> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return new TextDecoder("windows-1252").decode(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** Tell an OFAC CSV table, OFAC XML or UN XML file from its content; undefined when it is none of them. */
export async function sniffFile(path: string): Promise<FileKind | undefined> {
  const text = (await head(path)).replace(/^\uFEFF/, "");
  const trimmed = text.trimStart();
  if (trimmed.startsWith("<")) {
    const root = /<(?!\?|!)([A-Za-z_][\w.-]*)/.exec(trimmed)?.[1];
    if (root === "sdnList") return "ofac-xml";
    if (root === "CONSOLIDATED_LIST") return "un-xml";
    return undefined;
  }
  if (!/^\d+,/.test(trimmed)) return undefined;
  const firstLine = trimmed.split(/\r?\n/, 1)[0] ?? "";
  try {
    const [record] = parse(firstLine, { relax_quotes: true, relax_column_count: true }) as string[][];
    return record ? CSV_KIND_BY_COLUMNS[record.length] : undefined;
  } catch {
    return undefined;
  }
}

async function expand(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      throw new DataError("no such file or folder", { file: path });
    }
    if (info.isDirectory()) {
      const entries = (await readdir(path)).sort();
      for (const name of entries) {
        const full = join(path, name);
        if ((await stat(full)).isFile() && !name.startsWith(".")) out.push(full);
      }
    } else {
      out.push(path);
    }
  }
  return out;
}

function ofacSourceFromName(path: string, hint?: SourceId): "ofac" | "ofac-cons" {
  if (hint === "ofac" || hint === "ofac-cons") return hint;
  return /(^|[/\\])cons(_|olidated)/i.test(basename(path)) ? "ofac-cons" : "ofac";
}

/**
 * Turn files and folders into import jobs: each file's format is read from its content; OFAC CSV tables
 * in one folder are grouped into one set (SDN and consolidated sets apart, by OFAC's file names).
 */
export async function planImport(paths: string[], hint?: SourceId): Promise<ImportJob[]> {
  const files = await expand(paths);
  const jobs: ImportJob[] = [];
  const csvSets = new Map<
    string,
    { source: "ofac" | "ofac-cons"; parts: Partial<Record<FileKind, string>> }
  >();
  const skipped: string[] = [];
  for (const file of files) {
    const kind = await sniffFile(file);
    if (!kind) {
      skipped.push(file);
      continue;
    }
    if (kind === "ofac-xml") {
      jobs.push({ format: "ofac-xml", source: ofacSourceFromName(file, hint), files: { main: file } });
    } else if (kind === "un-xml") {
      if (hint && hint !== "un") throw new DataError(`this is a UN list, not ${hint}`, { file });
      jobs.push({ format: "un-xml", source: "un", files: { main: file } });
    } else {
      const source = ofacSourceFromName(file, hint);
      const key = `${dirname(file)}|${source}`;
      const set = csvSets.get(key) ?? { source, parts: {} };
      const existing = set.parts[kind];
      if (existing) {
        throw new DataError(
          `two ${kind.replace("ofac-csv-", "")} tables for one list: ${existing} and ${file}`,
          {
            file,
          },
        );
      }
      set.parts[kind] = file;
      csvSets.set(key, set);
    }
  }
  for (const { source, parts } of csvSets.values()) {
    const main = parts["ofac-csv-main"];
    if (!main) {
      const some = Object.values(parts)[0];
      throw new DataError(
        "OFAC alias/address/comments table without its main table (sdn.csv or cons_prim.csv)",
        {
          ...(some ? { file: some } : {}),
        },
      );
    }
    jobs.push({
      format: "ofac-csv",
      source,
      files: {
        main,
        ...(parts["ofac-csv-alt"] ? { alt: parts["ofac-csv-alt"] } : {}),
        ...(parts["ofac-csv-add"] ? { add: parts["ofac-csv-add"] } : {}),
        ...(parts["ofac-csv-comments"] ? { comments: parts["ofac-csv-comments"] } : {}),
      },
    });
  }
  if (jobs.length === 0) {
    const what = skipped.length === 1 ? skipped[0] : `${skipped.length} files`;
    throw new DataError(
      `${what}: not a list file redline can read (OFAC CSV or XML, UN XML); is the file complete?`,
      skipped.length === 1 && skipped[0] ? { file: skipped[0] } : {},
    );
  }
  return jobs;
}
