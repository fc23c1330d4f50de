/**
 * OFAC legacy delimited files: the SDN set (sdn.csv, alt.csv, add.csv, sdn_comments.csv) and the non-SDN
 * consolidated set (cons_prim.csv, cons_alt.csv, cons_add.csv, cons_comments.csv), which share one format.
 * Spec: OFAC dat_spec.txt / cons_dat_spec.txt. The files have no header, CRLF line ends, a 0x1A byte after the
 * last line, the unquoted null token "-0- ", several programs in one field as "A] [B", and Windows-1252 text.
 */
import { createReadStream } from "node:fs";
import { pipeline, Transform, type TransformCallback } from "node:stream";
import { parse } from "csv-parse";
import { DataError } from "../errors.ts";
import {
  type Address,
  type Entity,
  emptyEntity,
  type NameKind,
  type Schema,
  type VesselDetails,
} from "../model/entity.ts";
import { mergeRemarkFacts, ofacName, parseOfacRemarks } from "./ofac-remarks.ts";
import type { ParsedList } from "./types.ts";

/** The files of one OFAC delimited set, by role; only `main` is required. */
export interface OfacCsvFiles {
  main: string;
  alt?: string;
  add?: string;
  comments?: string;
}

/** One record of an OFAC delimited file, with nulls as null and the line it starts on. */
interface OfacRecord {
  line: number;
  fields: (string | null)[];
}

const SUB = "\u001a";

/** Windows-1252 0x80–0x9F; the five bytes it leaves undefined map to the same C1 code point, as WHATWG does. */
const CP1252_C1 =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/**
 * Node 20's TextDecoder("windows-1252") decodes 0x80–0x9F as ISO-8859-1 C1 controls (fixed in later Node
 * versions), which would turn OFAC's smart quotes into control characters; this puts them right either way.
 */
function fixC1(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80] as string);
}

/**
 * Decodes Windows-1252 and drops the 0x1A end-of-file byte OFAC writes after the last line. A 0x1A anywhere
 * else is passed through, so that the CSV parser rejects the record as corrupted.
 */
class OfacTextDecoder extends Transform {
  private readonly decoder = new TextDecoder("windows-1252");
  /** A trailing 0x1A (and line ends after it) held back until it is known to be the end of the file. */
  private pending = "";
  sawEofMarker = false;

  constructor() {
    // Hand csv-parse strings, so that it never has to decode bytes itself.
    super({ encoding: "utf8" });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const text = this.pending + fixC1(this.decoder.decode(chunk, { stream: true }));
    const cut = eofMarkerStart(text);
    this.pending = text.slice(cut);
    if (cut > 0) this.push(text.slice(0, cut));
    done();
  }

  override _flush(done: TransformCallback): void {
    const text = this.pending + fixC1(this.decoder.decode());
    const cut = eofMarkerStart(text);
    if (cut < text.length) this.sawEofMarker = true;
    if (cut > 0) this.push(text.slice(0, cut));
    done();
  }
}

/** Index of a 0x1A that only line ends follow, or the text length when there is none. */
function eofMarkerStart(text: string): number {
  let i = text.length;
  while (i > 0 && (text[i - 1] === "\r" || text[i - 1] === "\n")) i--;
  return i > 0 && text[i - 1] === SUB ? i - 1 : text.length;
}

/** OFAC's null: "-0-" followed by a space, written without quotes. */
const nullToken = (field: string): string | null => (field.trim() === "-0-" ? null : field);

function lineBreaks(fields: readonly (string | null)[]): number {
  let n = 0;
  for (const f of fields) {
    if (!f) continue;
    const m = f.match(/\r\n|\r|\n/g);
    if (m) n += m.length;
  }
  return n;
}

const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted field is not closed",
  CSV_INVALID_CLOSING_QUOTE: "a quote inside a quoted field",
  INVALID_OPENING_QUOTE: "a quote inside an unquoted field",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "text after a closing quote",
  CSV_MAX_RECORD_SIZE: "a record is too long",
};

/**
 * Stream the records of one OFAC delimited file, checking each has `width` fields and a numeric first field.
 * Line numbers are counted here because csv-parse counts a CRLF inside a quoted field as two lines.
 */
async function* readOfacFile(
  path: string,
  width: number,
  onEnd: (sawEofMarker: boolean) => void,
): AsyncGenerator<OfacRecord> {
  let nextLine = 1;
  const decoder = new OfacTextDecoder();
  const parser = parse({
    relax_column_count: true,
    on_record: (record: string[]) => {
      const line = nextLine;
      nextLine += 1 + lineBreaks(record);
      return { line, fields: record.map(nullToken) } as unknown as string[];
    },
  });
  const source = createReadStream(path);
  pipeline(source, decoder, parser, () => {
    // Errors reach the consumer through the parser's async iterator.
  });
  try {
    for await (const item of parser) {
      const rec = item as OfacRecord;
      // A blank line carries no record; OFAC writes none, but it is not worth refusing a file for.
      if (rec.fields.length === 1 && rec.fields[0] === "") continue;
      if (rec.fields.length !== width) {
        throw new DataError(
          `expected ${width} fields, found ${rec.fields.length}: the file is truncated or corrupted`,
          { file: path, line: rec.line },
        );
      }
      const key = rec.fields[0];
      if (!key || !/^\d+$/.test(key.trim())) {
        throw new DataError(`ent_num ${JSON.stringify(key)} is not a number: the file is corrupted`, {
          file: path,
          line: rec.line,
          field: "ent_num",
        });
      }
      yield rec;
    }
  } catch (err) {
    if (err instanceof DataError) throw err;
    const e = err as NodeJS.ErrnoException & { code?: string };
    const problem = e.code ? CSV_PROBLEMS[e.code] : undefined;
    if (problem || e.code?.startsWith("CSV_")) {
      throw new DataError(`${problem ?? e.message}: the file is truncated or corrupted`, {
        file: path,
        line: nextLine,
      });
    }
    if (typeof e.code === "string") throw new DataError(`cannot read the file: ${e.message}`, { file: path });
    throw err;
  } finally {
    source.destroy();
  }
  onEnd(decoder.sawEofMarker);
}

const SCHEMAS: Record<string, Schema> = {
  individual: "Person",
  vessel: "Vessel",
  aircraft: "Aircraft",
  entity: "Organization",
};

const ALT_KINDS: Record<string, NameKind> = { aka: "aka", fka: "fka", nka: "nka" };

/** "SDGT] [IRGC" → ["SDGT", "IRGC"]: OFAC strips the outer brackets of a bracketed list. */
export function splitOfacPrograms(field: string): string[] {
  return field
    .split(/\]\s*\[/)
    .map((p) => p.replace(/^\s*\[|\]\s*$/g, "").trim())
    .filter((p) => p.length > 0);
}

/** The list warns, not fails, when a file lacks the end-of-file byte: some mirrors trim it. */
function eofCheck(path: string, warnings: string[]) {
  return (saw: boolean) => {
    if (!saw) warnings.push(`${path}: no end-of-file marker (0x1A); the file may be truncated`);
  };
}

interface Continuation {
  text: string;
  line: number;
  used: boolean;
}

/** Read a comments (spillover) file: remark text that did not fit the main table, by ent_num. */
async function readComments(path: string, warnings: string[]): Promise<Map<string, Continuation>> {
  const out = new Map<string, Continuation>();
  for await (const rec of readOfacFile(path, 2, eofCheck(path, warnings))) {
    const key = (rec.fields[0] as string).trim();
    const text = rec.fields[1] ?? "";
    const prev = out.get(key);
    if (prev) prev.text += text;
    else out.set(key, { text, line: rec.line, used: false });
  }
  return out;
}

function entityFromMain(rec: OfacRecord, source: "ofac" | "ofac-cons", extra: string | undefined): Entity {
  const [entNum, name, type, program, title, callSign, vessType, tonnage, grt, flag, owner, remarks] =
    rec.fields;
  const schema: Schema = type ? (SCHEMAS[type.trim().toLowerCase()] ?? "LegalEntity") : "Organization";
  const entity = emptyEntity(source, (entNum as string).trim(), schema);
  if (name) entity.names.push(ofacName(name.trim(), "primary", schema));
  if (program) entity.programs.push(...splitOfacPrograms(program));
  if (title) entity.titles.push(...title.split(/;\s+/).map((t) => t.trim()));
  const vessel: VesselDetails = {};
  if (callSign) vessel.callSign = callSign.trim();
  if (vessType) vessel.vesselType = vessType.trim();
  if (tonnage) vessel.tonnage = tonnage.trim();
  if (grt) vessel.grossRegisteredTonnage = grt.trim();
  if (flag) vessel.flag = flag.trim();
  if (owner) vessel.owner = owner.trim();
  if (Object.keys(vessel).length > 0) entity.vessel = vessel;
  // The spillover text continues the remark exactly where it was cut, often mid-word.
  const fullRemarks = (remarks ?? "") + (extra ?? "");
  if (fullRemarks.trim()) {
    entity.remarks = fullRemarks.trim();
    mergeRemarkFacts(entity, parseOfacRemarks(entity.remarks, schema, { titles: entity.titles }));
  }
  return entity;
}

/**
 * Parse an OFAC delimited set (SDN or consolidated non-SDN) from files on disk into entities with ids
 * `${source}:${ent_num}`. Corrupted or truncated files throw DataError naming file and line; alias or address
 * rows for an unknown ent_num become warnings.
 */
export async function parseOfacCsv(files: OfacCsvFiles, source: "ofac" | "ofac-cons"): Promise<ParsedList> {
  const warnings: string[] = [];
  const spill = files.comments
    ? await readComments(files.comments, warnings)
    : new Map<string, Continuation>();

  const byNum = new Map<string, { entity: Entity; line: number }>();
  const entities: Entity[] = [];
  for await (const rec of readOfacFile(files.main, 12, eofCheck(files.main, warnings))) {
    const key = (rec.fields[0] as string).trim();
    const seen = byNum.get(key);
    if (seen) {
      throw new DataError(
        `ent_num ${key} appears twice (first on line ${seen.line}): the file is corrupted`,
        {
          file: files.main,
          line: rec.line,
        },
      );
    }
    const cont = spill.get(key);
    if (cont) cont.used = true;
    const entity = entityFromMain(rec, source, cont?.text);
    if (entity.schema === "LegalEntity") {
      warnings.push(`${files.main}, line ${rec.line}: unknown SDN_Type ${JSON.stringify(rec.fields[2])}`);
    }
    byNum.set(key, { entity, line: rec.line });
    entities.push(entity);
  }
  for (const [key, cont] of spill) {
    if (!cont.used) {
      warnings.push(
        `${files.comments}, line ${cont.line}: remarks for ent_num ${key}, which ${files.main} lacks`,
      );
    }
  }

  if (files.alt) {
    const path = files.alt;
    for await (const rec of readOfacFile(path, 5, eofCheck(path, warnings))) {
      const [entNum, altNum, altType, altName] = rec.fields;
      const owner = byNum.get((entNum as string).trim())?.entity;
      if (!owner) {
        warnings.push(
          `${path}, line ${rec.line}: alias ${altNum} for ent_num ${entNum}, which ${files.main} lacks`,
        );
        continue;
      }
      if (!altName?.trim()) {
        warnings.push(`${path}, line ${rec.line}: alias ${altNum} has no name`);
        continue;
      }
      const typeKey = (altType ?? "").toLowerCase().replace(/[^a-z]/g, "");
      let kind = ALT_KINDS[typeKey];
      if (!kind) {
        warnings.push(`${path}, line ${rec.line}: unknown alt_type ${JSON.stringify(altType)}, read as aka`);
        kind = "aka";
      }
      owner.names.push(ofacName(altName.trim(), kind, owner.schema));
    }
  }

  if (files.add) {
    const path = files.add;
    for await (const rec of readOfacFile(path, 6, eofCheck(path, warnings))) {
      const [entNum, addNum, street, cityLine, country, note] = rec.fields;
      const owner = byNum.get((entNum as string).trim())?.entity;
      if (!owner) {
        warnings.push(
          `${path}, line ${rec.line}: address ${addNum} for ent_num ${entNum}, which ${files.main} lacks`,
        );
        continue;
      }
      const address: Address = {};
      if (street?.trim()) address.street = street.trim();
      // OFAC gives city, state/province and postal code as one field; it is kept whole, as published.
      if (cityLine?.trim()) address.city = cityLine.trim();
      if (country?.trim()) address.country = country.trim();
      if (note?.trim()) address.note = note.trim();
      // OFAC lists an all-null address row for many entries; it says nothing and would show as a blank.
      if (Object.keys(address).length > 0) owner.addresses.push(address);
    }
  }

  return { source, entities, warnings };
}
