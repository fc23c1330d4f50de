/**
 * The US Consolidated Screening List (trade.gov): the export-screening lists of Commerce (EL, DPL, UVL, MEU), State
 * (ISN, DTC) and the Treasury (SDN, SSI, FSE, PLC, CMIC, NS-MBS, CAPTA) in one file, one row per listing. Two CSV
 * layouts are in use: the current one (29 columns, first `_id`) and the one before 2020 (28 columns, no `_id`, with
 * identifier lists written "COUNTRY, number, label" instead of "label, number, COUNTRY"); and the JSON download
 * (`{"results": [...]}` with arrays instead of "; "-joined text). Treasury rows carry OFAC's entry number, which ties
 * them to the OFAC lists.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { DataError } from "../errors.ts";
import { type Address, type Entity, emptyEntity, type Schema } from "../model/entity.ts";
import { Columns, checkWidth, readCsvTable } from "./csv-table.ts";
import { addBirthDate, addName, dateValue, ensurePrimary, isoDate, pushNew, splitValues } from "./fields.ts";
import { applyLabelledValue, emptyRemarkFacts, mergeRemarkFacts, ofacName } from "./ofac-remarks.ts";
import type { ParsedList } from "./types.ts";

/** Columns both CSV layouts have; the current layout adds `_id` in front. */
const COLUMNS = [
  "source",
  "entity_number",
  "type",
  "programs",
  "name",
  "title",
  "addresses",
  "federal_register_notice",
  "start_date",
  "end_date",
  "standard_order",
  "license_requirement",
  "license_policy",
  "call_sign",
  "vessel_type",
  "gross_tonnage",
  "gross_registered_tonnage",
  "vessel_flag",
  "vessel_owner",
  "remarks",
  "source_list_url",
  "alt_names",
  "citizenships",
  "dates_of_birth",
  "nationalities",
  "places_of_birth",
  "source_information_url",
  "ids",
] as const;

type Column = (typeof COLUMNS)[number];

/** How a layout writes one identifier: label first (2020 on) or last (before). */
type IdOrder = "label-first" | "label-last";

const SCHEMAS: Record<string, Schema> = {
  individual: "Person",
  entity: "Organization",
  vessel: "Vessel",
  aircraft: "Aircraft",
};

// BIS appends this to Entity List names; it is a statement about the listing, not part of the name.
const SUCCESSOR_CLAUSE = /;?\s*and any successor,? sub-units?,? or subsidiar(?:y|ies) thereof\.?$/i;

/** One listing, whichever file it came from, with multi-valued fields as arrays. */
interface CslRecord {
  line: number;
  id?: string;
  fields: Partial<Record<Column, string>>;
  altNames: string[];
  addresses: Address[];
  ids: { label: string; number: string; country?: string; issued?: string; expires?: string }[];
  rawIds: string[];
  datesOfBirth: string[];
  nationalities: string[];
  citizenships: string[];
  placesOfBirth: string[];
  programs: string[];
}

/** Parse a US Consolidated Screening List file, CSV (either layout) or JSON (source "us-csl"). */
export async function parseUsCsl(path: string): Promise<ParsedList> {
  const head = (
    await readFile(path, "utf8").catch((error: Error) => {
      throw new DataError(`cannot read the file: ${error.message}`, { file: path });
    })
  )
    .replace(/^\uFEFF/, "")
    .trimStart();
  const { records, order } = /^[[{]/.test(head) ? fromJson(path, head) : await fromCsv(path);
  const warnings: string[] = [];
  const entities: Entity[] = [];
  const seen = new Map<string, number>();
  for (const r of records) {
    const entity = toEntity(r, order, path, warnings);
    if (!entity) continue;
    const before = seen.get(entity.id);
    if (before !== undefined) {
      // The same listing twice: a second row of one Treasury entry (rare) gets its own id, never a silent merge.
      let n = 2;
      while (seen.has(`${entity.id}#${n}`)) n++;
      warnings.push(
        `${path}:${r.line}: ${entity.id} already on line ${before}; this row is ${entity.id}#${n}`,
      );
      entity.sourceId = `${entity.sourceId}#${n}`;
      entity.id = `us-csl:${entity.sourceId}`;
    }
    seen.set(entity.id, r.line);
    entities.push(entity);
  }
  if (entities.length === 0) throw new DataError("the file holds no list entries", { file: path });
  return { source: "us-csl", entities, warnings };
}

async function fromCsv(path: string): Promise<{ records: CslRecord[]; order: IdOrder }> {
  const table = await readCsvTable(path);
  const cols = new Columns(table);
  const current = table.header[0] === "_id";
  if (!current && table.header[0] !== "source") {
    throw new DataError(
      `not a Consolidated Screening List: the header starts "${table.header[0] ?? ""}", expected "_id" or "source"`,
      { file: path, line: table.headerLine },
    );
  }
  for (const c of COLUMNS) cols.need(c);
  const order: IdOrder = current ? "label-first" : "label-last";
  const records = table.rows.map((row): CslRecord => {
    checkWidth(table, row);
    const fields: Partial<Record<Column, string>> = {};
    for (const c of COLUMNS) {
      const v = cols.get(row, c);
      if (v !== undefined) fields[c] = v;
    }
    const id = current ? cols.get(row, "_id") : undefined;
    return {
      line: row.line,
      ...(id ? { id } : {}),
      fields,
      altNames: splitValues(fields.alt_names),
      addresses: splitValues(fields.addresses).map(csvAddress),
      ids: [],
      rawIds: splitValues(fields.ids),
      datesOfBirth: splitValues(fields.dates_of_birth),
      nationalities: splitValues(fields.nationalities),
      citizenships: splitValues(fields.citizenships),
      placesOfBirth: splitValues(fields.places_of_birth),
      programs: splitValues(fields.programs),
    };
  });
  return { records, order };
}

/** "Street, City, State, Postal code, CC": the last part is the country when it is a two-letter code. */
function csvAddress(text: string): Address {
  const parts = text.split(/\s*,\s*/).filter(Boolean);
  const last = parts.at(-1);
  if (last && /^[A-Z]{2}$/.test(last) && parts.length > 1) {
    return { street: parts.slice(0, -1).join(", "), country: last };
  }
  if (last && /^[A-Z]{2}$/.test(last)) return { country: last };
  return { street: text };
}

function fromJson(path: string, text: string): { records: CslRecord[]; order: IdOrder } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DataError(`malformed JSON: ${(error as Error).message}; is the file complete?`, { file: path });
  }
  const results = Array.isArray(data) ? data : (data as { results?: unknown })?.results;
  if (!Array.isArray(results)) {
    throw new DataError('not a Consolidated Screening List: no "results" array', {
      file: path,
      field: "results",
    });
  }
  const records = results.map((item, i): CslRecord => {
    const where = { file: path, field: `results[${i}]` };
    if (typeof item !== "object" || item === null) throw new DataError("a result is not an object", where);
    const o = item as Record<string, unknown>;
    const fields: Partial<Record<Column, string>> = {};
    for (const c of COLUMNS) {
      const v = o[c];
      if (typeof v === "string" && v.trim()) fields[c] = v.trim();
      else if (typeof v === "number") fields[c] = String(v);
    }
    const list = (key: string): string[] => {
      const v = o[key];
      if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string" && x.trim() !== "");
      return typeof v === "string" ? splitValues(v) : [];
    };
    const addresses = Array.isArray(o.addresses)
      ? o.addresses.map((a): Address => {
          const x = a as Record<string, string | null>;
          const address: Address = {};
          if (x.address) address.street = x.address;
          if (x.city) address.city = x.city;
          if (x.state) address.region = x.state;
          if (x.postal_code) address.postalCode = x.postal_code;
          if (x.country) address.country = x.country;
          return address;
        })
      : list("addresses").map(csvAddress);
    const ids = Array.isArray(o.ids)
      ? o.ids
          .map((d) => d as Record<string, string | null>)
          .filter((d) => d.type && d.number)
          .map((d) => ({
            label: d.type as string,
            number: d.number as string,
            ...(d.country ? { country: d.country } : {}),
            ...(d.issue_date ? { issued: d.issue_date } : {}),
            ...(d.expiration_date ? { expires: d.expiration_date } : {}),
          }))
      : [];
    const id = typeof o.id === "string" ? o.id : typeof o._id === "string" ? o._id : undefined;
    return {
      line: i + 1,
      ...(id ? { id } : {}),
      fields,
      altNames: list("alt_names"),
      addresses,
      ids,
      rawIds: Array.isArray(o.ids) ? [] : list("ids"),
      datesOfBirth: list("dates_of_birth"),
      nationalities: list("nationalities"),
      citizenships: list("citizenships"),
      placesOfBirth: list("places_of_birth"),
      programs: list("programs"),
    };
  });
  return { records, order: "label-first" };
}

/** The list code inside the source name: "Entity List (EL) - Bureau of Industry and Security" → EL. */
export function cslListCode(source: string): string {
  const inner = /\(([^()]+)\)/.exec(source)?.[1];
  if (!inner) return "CSL";
  return inner
    .replace(/\s+List$/i, "")
    .replace(/^NS-/i, "")
    .trim()
    .toUpperCase();
}

function toEntity(r: CslRecord, order: IdOrder, file: string, warnings: string[]): Entity | undefined {
  const f = r.fields;
  const where = `${file}:${r.line}`;
  if (!f.source)
    throw new DataError("a row without its source list", { file, line: r.line, field: "source" });
  const rawName = f.name?.replace(SUCCESSOR_CLAUSE, "").trim();
  if (!rawName) {
    warnings.push(`${where}: a ${f.source} row without a name skipped`);
    return undefined;
  }
  const list = cslListCode(f.source);
  const type = f.type?.toLowerCase();
  const schema = (type && SCHEMAS[type]) || "LegalEntity";
  if (type && !SCHEMAS[type])
    warnings.push(`${where}: unknown type ${JSON.stringify(f.type)}; read as a legal entity`);
  const treasury =
    /treasury/i.test(f.source) && f.entity_number !== undefined && /^\d+$/.test(f.entity_number);
  const key = treasury ? f.entity_number : (r.id ?? stableId(r));
  const entity = emptyEntity("us-csl", `${list}-${key}`, schema);
  entity.list = list;
  if (treasury) {
    entity.sameAs = [`${list === "SDN" ? "ofac" : "ofac-cons"}:${f.entity_number}`];
    entity.references.push(`OFAC entry ${f.entity_number}`);
  }
  if (r.id && treasury) entity.references.push(`CSL id ${r.id}`);
  addName(entity, ofacName(rawName, "primary", schema));
  if (rawName !== f.name) pushNew(entity.sanctionsInfo, "and any successor, sub-unit, or subsidiary thereof");
  for (const alt of r.altNames) addName(entity, ofacName(alt, "aka", schema));
  ensurePrimary(entity);
  for (const p of r.programs) pushNew(entity.programs, p);
  pushNew(entity.titles, f.title);
  entity.addresses.push(...r.addresses);
  const start = isoDate(f.start_date);
  if (start) entity.listedOn.push(start);
  else if (f.start_date) warnings.push(`${where}: start_date ${JSON.stringify(f.start_date)} is not a date`);
  for (const d of r.datesOfBirth)
    addBirthDate(entity, dateValue(d.replace(/^circa\s+/i, ""), /^circa/i.test(d)));
  for (const n of r.nationalities) pushNew(entity.nationalities, n);
  for (const c of r.citizenships) pushNew(entity.citizenships, c);
  for (const p of r.placesOfBirth) pushNew(entity.birthPlaces, p);
  if (f.remarks) entity.remarks = f.remarks;
  const facts = [
    ["Source list", f.source],
    ["Federal Register notice", f.federal_register_notice],
    ["End date", f.end_date],
    ["Standard order", f.standard_order],
    ["License requirement", f.license_requirement],
    ["License policy", f.license_policy],
    ["Source list URL", f.source_list_url],
    ["Source information URL", f.source_information_url],
  ].filter((p): p is [string, string] => p[1] !== undefined);
  entity.facts = facts.map(([label, value]) => ({ label, value }));
  if (schema === "Vessel") {
    const vessel = {
      ...(f.call_sign ? { callSign: f.call_sign } : {}),
      ...(f.vessel_type ? { vesselType: f.vessel_type } : {}),
      ...(f.gross_tonnage ? { tonnage: f.gross_tonnage } : {}),
      ...(f.gross_registered_tonnage ? { grossRegisteredTonnage: f.gross_registered_tonnage } : {}),
      ...(f.vessel_flag ? { flag: f.vessel_flag } : {}),
      ...(f.vessel_owner ? { owner: f.vessel_owner } : {}),
    };
    if (Object.keys(vessel).length > 0) entity.vessel = vessel;
  }
  const idFacts = emptyRemarkFacts();
  for (const id of r.ids) {
    applyLabelledValue(idFacts, id.label, id.number, schema, {
      ...(id.country ? { country: id.country } : {}),
      ...(id.issued ? { issued: id.issued } : {}),
      ...(id.expires ? { expires: id.expires } : {}),
    });
  }
  for (const raw of r.rawIds) {
    const id = splitId(raw, order);
    if (id)
      applyLabelledValue(idFacts, id.label, id.value, schema, id.country ? { country: id.country } : {});
    else
      warnings.push(`${where}: identifier ${JSON.stringify(raw)} has no label and number; kept in remarks`);
  }
  mergeRemarkFacts(entity, idFacts);
  return entity;
}

/**
 * One "; "-separated identifier of the CSV: "Passport, 836238033, KP" (label first) or "US, 80-0890696, Tax ID No."
 * (label last). A statement such as "Secondary sanctions risk:, North Korea …, sections 510.201 and 510.210" has
 * commas inside its value: everything between the label and a trailing country code is the value.
 */
function splitId(
  raw: string,
  order: IdOrder,
): { label: string; value: string; country?: string } | undefined {
  const parts = raw.split(/\s*,\s+/);
  if (parts.length < 2) return undefined;
  if (order === "label-first") {
    const [label, ...rest] = parts;
    const country = rest.length > 1 && /^[A-Z]{2}$/.test(rest.at(-1) ?? "") ? rest.pop() : undefined;
    return { label: label as string, value: rest.join(", "), ...(country ? { country } : {}) };
  }
  // Label last; the label is whatever the OFAC label table knows, tried from the longest tail.
  const country = parts.length > 2 && /^[A-Z]{2}$/.test(parts[0] ?? "") ? parts.shift() : undefined;
  const label = parts.pop() as string;
  const value = parts.join(", ");
  if (!value) return undefined;
  // A label has letters; "Subject to Directive 3, Executive Order 13662 Directive Determination -" is a
  // statement with its label last, read by the same rules as OFAC's remarks.
  if (!/[A-Za-z]/.test(label)) return undefined;
  return { label, value, ...(country ? { country } : {}) };
}

/** A stable id for a row the publisher gives none: the same row gets the same id in every version. */
function stableId(r: CslRecord): string {
  const f = r.fields;
  const key = [f.source, f.name, f.addresses, f.federal_register_notice, f.start_date].join("|");
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}
