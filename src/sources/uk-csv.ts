/**
 * The UK Sanctions List (FCDO), the CSV that replaced OFSI's consolidated list in January 2026: a first line
 * "Report Date: 13-Feb-2026", then a 58-column header, then one row per name, rows of one designation sharing its
 * Unique ID (RUS0001). Name 6 is the family name (the whole name of an entity or ship), Name 1–5 the others.
 * Several values in one field are separated by "|".
 */
import { DataError } from "../errors.ts";
import {
  type Address,
  type Entity,
  emptyEntity,
  type Identifier,
  type IdentifierType,
  type Schema,
} from "../model/entity.ts";
import { Columns, type CsvRow, checkWidth, readCsvTable } from "./csv-table.ts";
import { addBirthDate, addName, dateValue, ensurePrimary, isoDate, pushNew, splitValues } from "./fields.ts";
import type { ParsedList } from "./types.ts";

/** Columns redline reads; the header has 58 in all. */
const REQUIRED = [
  "Unique ID",
  "Name 6",
  "Name 1",
  "Name 2",
  "Name 3",
  "Name 4",
  "Name 5",
  "Name type",
  "Alias strength",
  "Regime Name",
  "Designation Type",
  "Sanctions Imposed",
  "IMO number",
] as const;

const SCHEMAS: Record<string, Schema> = { individual: "Person", entity: "Organization", ship: "Vessel" };
const BAR = /\s*\|\s*/;

/** Parse a UK Sanctions List CSV into entities (source "uk"). */
export async function parseUkCsv(path: string): Promise<ParsedList> {
  const table = await readCsvTable(path, { skipLines: 1 });
  const first = table.preamble[0]?.[0]?.trim() ?? "";
  const report = /^Report Date:\s*(.+)$/i.exec(first);
  if (!report) {
    throw new DataError(
      `not a UK Sanctions List: the first line is "${first.slice(0, 40)}", expected "Report Date: …"`,
      {
        file: path,
        line: 1,
      },
    );
  }
  const published = isoDate(report[1]);
  const cols = new Columns(table);
  for (const c of REQUIRED) cols.need(c);
  const warnings: string[] = [];
  if (!published) warnings.push(`${path}:1: report date ${JSON.stringify(report[1])} is not a date`);
  const byId = new Map<string, Entity>();
  for (const row of table.rows) {
    checkWidth(table, row);
    const id = cols.get(row, "Unique ID");
    if (!id)
      throw new DataError("a row without its Unique ID", { file: path, line: row.line, field: "Unique ID" });
    let entity = byId.get(id);
    if (!entity) {
      const type = cols.get(row, "Designation Type")?.toLowerCase() ?? "";
      const schema = SCHEMAS[type];
      if (!schema) {
        warnings.push(
          `${path}:${row.line}: ${id} has designation type ${JSON.stringify(type)}; read as a legal entity`,
        );
      }
      entity = emptyEntity("uk", id, schema ?? "LegalEntity");
      byId.set(id, entity);
    }
    addRow(entity, row, cols, (message) => warnings.push(`${path}:${row.line}: ${message}`));
  }
  const entities = [...byId.values()];
  for (const e of entities) ensurePrimary(e);
  const nameless = entities.filter((e) => e.names.length === 0);
  for (const e of nameless) warnings.push(`${path}: ${e.sourceId} has no name; skipped`);
  const named = entities.filter((e) => e.names.length > 0);
  if (named.length === 0) throw new DataError("the file holds no list entries", { file: path });
  return { source: "uk", entities: named, ...(published ? { published } : {}), warnings };
}

function addRow(entity: Entity, row: CsvRow, cols: Columns, warn: (message: string) => void): void {
  const get = (name: string) => cols.get(row, name);
  const many = (name: string) => splitValues(get(name), BAR);
  const family = get("Name 6");
  const given = ["Name 1", "Name 2", "Name 3", "Name 4", "Name 5"].map(get).filter(Boolean).join(" ");
  const type = get("Name type")?.toLowerCase() ?? "";
  const weak = /low|weak/i.test(get("Alias strength") ?? "");
  const kind =
    type.startsWith("primary name") && !type.includes("variation") ? "primary" : weak ? "weak-aka" : "aka";
  if (family || given) {
    const person = entity.schema === "Person" && family && given;
    addName(entity, {
      full: person ? `${family}, ${given}` : [family, given].filter(Boolean).join(" "),
      kind,
      ...(person ? { parts: { family, given } } : {}),
    });
  }
  const nonLatin = get("Name non-latin script");
  if (nonLatin) {
    const lang = get("Non-latin script language");
    addName(entity, {
      full: nonLatin,
      kind: kind === "primary" ? "aka" : kind,
      ...(lang ? { note: lang } : {}),
    });
  }
  pushNew(entity.titles, get("Title"));
  for (const p of many("Position")) pushNew(entity.titles, p);
  for (const r of many("Regime Name")) pushNew(entity.programs, r);
  for (const s of many("Sanctions Imposed")) pushNew(entity.sanctionsInfo, s);
  const un = get("UN Reference Number");
  if (un && !entity.sameAs?.includes(`un:${un}`)) {
    entity.sameAs = [...(entity.sameAs ?? []), `un:${un}`];
    pushNew(entity.references, `UN ${un}`);
  }
  const group = get("OFSI Group ID");
  if (group) pushNew(entity.references, `OFSI Group ID ${group}`);
  const remarks = [get("Other Information"), get("UK Statement of Reasons")].filter((t): t is string => !!t);
  for (const r of remarks) {
    if (!entity.remarks?.includes(r)) entity.remarks = entity.remarks ? `${entity.remarks}\n\n${r}` : r;
  }
  const designated = get("Date Designated");
  if (designated) {
    const iso = isoDate(designated);
    if (iso) pushNew(entity.listedOn, iso);
    else warn(`Date Designated ${JSON.stringify(designated)} is not a date`);
  }
  for (const d of many("D.O.B")) addBirthDate(entity, dateValue(d));
  for (const n of many("Nationality(/ies)")) pushNew(entity.nationalities, n);
  const born = [get("Town of birth"), get("Country of birth")].filter(Boolean).join(", ");
  pushNew(entity.birthPlaces, born);
  const gender = get("Gender");
  if (gender) entity.gender ??= gender;
  addAddress(entity, row, cols);
  for (const p of many("Phone number")) pushNew(entity.phones, p);
  for (const w of many("Website")) pushNew(entity.websites, w);
  for (const e of many("Email address")) pushNew(entity.emails, e);
  addIds(entity, many("Passport number"), "passport", "Passport", get("Passport additional information"));
  addIds(
    entity,
    many("National Identifier number"),
    "national-id",
    "National Identifier",
    get("National Identifier additional information"),
  );
  addIds(entity, many("Business registration number (s)"), "registration", "Business registration number");
  addIds(
    entity,
    many("IMO number").map((n) => n.replace(/^IMO\s*/i, "")),
    "imo",
    "IMO number",
  );
  addIds(entity, many("Hull identification number (HIN)"), "other", "Hull identification number (HIN)");
  const facts: [string, string | undefined][] = [
    ["Type of entity", get("Type of entity")],
    ["Subsidiaries", get("Subsidiaries")],
    ["Parent company", get("Parent company")],
    ["Previous owner/operator", get("Previous owner/operator (s)")],
    ["Previous flags", get("Previous flags")],
    ["Length of ship", get("Length of ship")],
    ["Designation source", get("Designation source")],
    ["Last updated", get("Last Updated")],
  ];
  for (const [label, value] of facts) {
    if (!value) continue;
    entity.facts ??= [];
    if (!entity.facts.some((f) => f.label === label && f.value === value))
      entity.facts.push({ label, value });
  }
  if (entity.schema === "Vessel") {
    const vessel = entity.vessel ?? {};
    vessel.owner ??= get("Current owner/operator (s)");
    vessel.flag ??= get("Current believed flag of ship");
    vessel.vesselType ??= get("Type of ship");
    vessel.tonnage ??= get("Tonnage of ship");
    vessel.yearBuilt ??= get("Year Built");
    const set = Object.fromEntries(Object.entries(vessel).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length > 0) entity.vessel = set;
  }
}

function addAddress(entity: Entity, row: CsvRow, cols: Columns): void {
  const lines = [1, 2, 3, 4, 5, 6]
    .map((n) => cols.get(row, `Address Line ${n}`))
    .filter((l): l is string => !!l);
  const address: Address = {};
  if (lines.length > 0) address.street = lines.join(", ");
  const postal = cols.get(row, "Address Postal Code");
  if (postal) address.postalCode = postal;
  const country = cols.get(row, "Address Country");
  if (country) address.country = country;
  if (Object.keys(address).length === 0) return;
  const key = JSON.stringify(address);
  if (!entity.addresses.some((a) => JSON.stringify(a) === key)) entity.addresses.push(address);
}

function addIds(entity: Entity, numbers: string[], type: IdentifierType, label: string, note?: string): void {
  for (const number of numbers) {
    if (entity.identifiers.some((i) => i.type === type && i.number === number)) continue;
    const id: Identifier = { type, label, number, ...(note ? { note } : {}) };
    entity.identifiers.push(id);
  }
}
