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
  | "un-xml"
  | "eu-xml"
  | "eu-csv"
  | "uk-csv"
  | "us-csl";

/** One list version to import: a format, a source and its files. */
export type ImportJob =
  | {
      format: "ofac-csv";
      source: "ofac" | "ofac-cons";
      files: { main: string; alt?: string; add?: string; comments?: string };
    }
  | { format: "ofac-xml"; source: "ofac" | "ofac-cons"; files: { main: string } }
  | { format: "un-xml"; source: "un"; files: { main: string } }
  | { format: "eu-xml" | "eu-csv"; source: "eu"; files: { main: string } }
  | { format: "uk-csv"; source: "uk"; files: { main: string } }
  | { format: "us-csl"; source: "us-csl"; files: { main: string } };

/** The single-file formats: the source each one is, and how it is named in messages. */
const SINGLE: Record<
  "un-xml" | "eu-xml" | "eu-csv" | "uk-csv" | "us-csl",
  { source: SourceId; title: string }
> = {
  "un-xml": { source: "un", title: "a UN list" },
  "eu-xml": { source: "eu", title: "an EU Financial Sanctions File" },
  "eu-csv": { source: "eu", title: "an EU Financial Sanctions File" },
  "uk-csv": { source: "uk", title: "the UK Sanctions List" },
  "us-csl": { source: "us-csl", title: "the US Consolidated Screening List" },
};

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
    const bytes = buffer.subarray(0, bytesRead);
    // OFAC writes Windows-1252; the EU, UK and US CSL files are UTF-8, often with a byte-order mark.
    const utf8 = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return new TextDecoder(utf8 ? "utf-8" : "windows-1252").decode(bytes);
  } finally {
    await handle.close();
  }
}

/** Tell the list formats redline reads apart by their content; undefined when it is none of them. */
export async function sniffFile(path: string): Promise<FileKind | undefined> {
  const text = (await head(path)).replace(/^\uFEFF/, "");
  const trimmed = text.trimStart();
  if (trimmed.startsWith("<")) {
    const root = /<(?!\?|!)(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(trimmed)?.[1];
    if (root === "sdnList") return "ofac-xml";
    if (root === "CONSOLIDATED_LIST") return "un-xml";
    if (root === "export" && /eu\.europa\.ec\/fpi\/fsd\/export|sanctionEntity/.test(trimmed)) return "eu-xml";
    return undefined;
  }
  if (/^[[{]/.test(trimmed)) {
    return /"(?:entity_number|source_list_url|alt_names)"\s*:/.test(trimmed) ? "us-csl" : undefined;
  }
  const line = trimmed.split(/\r?\n/, 1)[0] ?? "";
  if (/^"?Report Date:/i.test(line)) return "uk-csv";
  if (/(^|;)"?Entity_LogicalId"?(;|$)/.test(line)) return "eu-csv";
  if (/^"?(?:_id"?,"?)?source"?,"?entity_number"?,/.test(line)) return "us-csl";
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
    } else if (kind in SINGLE) {
      const format = kind as keyof typeof SINGLE;
      const { source, title } = SINGLE[format];
      if (hint && hint !== source) throw new DataError(`this is ${title}, not ${hint}`, { file });
      jobs.push({ format, source, files: { main: file } } as ImportJob);
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
      `${what}: not a list file redline can read (OFAC CSV or XML, UN XML, EU XML or CSV, UK CSV, US CSL CSV or JSON); is the file complete?`,
      skipped.length === 1 && skipped[0] ? { file: skipped[0] } : {},
    );
  }
  return jobs;
}
