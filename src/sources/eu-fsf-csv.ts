/**
 * The EU Financial Sanctions Files as semicolon-separated CSV (v1.1): one row per name, address, birth date,
 * identification or citizenship of an entity, the entity's own columns repeated on each, rows grouped by
 * Entity_LogicalId. Columns are named Section_Attribute after the XML (NameAlias_WholeName = nameAlias@wholeName).
 * The file may start with a byte-order mark and has quotes inside unquoted fields, which are read as text.
 */
import { DataError } from "../errors.ts";
import type { Entity } from "../model/entity.ts";
import { Columns, type CsvRow, readCsvTable } from "./csv-table.ts";
import { type Attrs, type EuRecord, emptyEuRecord, euEntity } from "./eu-fsf.ts";
import { isoDate } from "./fields.ts";
import type { ParsedList } from "./types.ts";

type Target =
  | { kind: "entity" | "regulation" | "subject"; attr: string }
  | { kind: "remark" }
  | { kind: "section"; section: "names" | "citizenships" | "births" | "addresses" | "ids"; attr: string };

const SECTION_PREFIXES: Record<string, "names" | "citizenships" | "births" | "addresses" | "ids"> = {
  namealias: "names",
  citizenship: "citizenships",
  birthdate: "births",
  address: "addresses",
  identification: "ids",
};

// CSV attribute names that differ from the XML's.
const RENAMES: Record<string, string> = {
  "births.birthDate": "birthdate",
  "births.day": "dayOfMonth",
  "births.month": "monthOfYear",
  "ids.typeCode": "identificationTypeCode",
  "ids.typeDescription": "identificationTypeDescription",
  "ids.issuedDate": "issueDate",
};

const lcfirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Where a column's value goes, or undefined for columns redline does not read (the per-detail regulations). */
function target(column: string): Target | undefined {
  const [head, ...rest] = column.split("_");
  const section = head?.toLowerCase() ?? "";
  if (section === "entity") {
    const name = rest.join("_");
    if (name === "Remark") return { kind: "remark" };
    if (name === "SubjectType") return { kind: "subject", attr: "code" };
    if (name === "SubjectType_ClassificationCode") return { kind: "subject", attr: "classificationCode" };
    if (rest[0] === "Regulation") {
      const attr = lcfirst(rest.slice(1).join("_"));
      return { kind: "regulation", attr: attr === "type" ? "regulationType" : attr };
    }
    if (name === "EU_ReferenceNumber") return { kind: "entity", attr: "euReferenceNumber" };
    return { kind: "entity", attr: lcfirst(name) };
  }
  const list = SECTION_PREFIXES[section];
  if (!list || rest.length !== 1 || rest[0] === "Remark" || rest[0] === "RegulationLanguage")
    return undefined;
  const attr = lcfirst(rest[0] as string);
  return { kind: "section", section: list, attr: RENAMES[`${list}.${attr}`] ?? attr };
}

/** Parse an EU Financial Sanctions Files CSV export into entities (source "eu"). */
export async function parseEuCsv(path: string): Promise<ParsedList> {
  const table = await readCsvTable(path, { delimiter: ";", lenientQuotes: true });
  const cols = new Columns(table);
  const idColumn = cols.need("Entity_LogicalId");
  cols.need("NameAlias_WholeName");
  const targets = table.header.map(target);
  const dateColumn = cols.find("fileGenerationDate");
  const warnings: string[] = [];
  const warn = (line: number, message: string) => warnings.push(`${path}:${line}: ${message}`);

  const records = new Map<string, { record: EuRecord; seen: Set<string> }>();
  let published: string | undefined;
  for (const row of table.rows) {
    if (row.fields.length > table.header.length + 1 || row.fields.length <= idColumn) {
      throw new DataError(
        `the row has ${row.fields.length} fields where the header has ${table.header.length}; is the file complete?`,
        { file: path, line: row.line },
      );
    }
    const id = row.fields[idColumn]?.trim();
    if (!id)
      throw new DataError("a row without Entity_LogicalId", {
        file: path,
        line: row.line,
        field: "Entity_LogicalId",
      });
    if (published === undefined && dateColumn !== undefined) published = isoDate(row.fields[dateColumn]);
    let entry = records.get(id);
    if (!entry) {
      entry = { record: emptyEuRecord(row.line), seen: new Set() };
      records.set(id, entry);
    }
    addRow(entry.record, entry.seen, row, targets);
  }
  const entities: Entity[] = [];
  for (const { record } of records.values()) {
    const entity = euEntity(record, warn);
    if (entity) entities.push(entity);
  }
  if (entities.length === 0) throw new DataError("the file holds no list entries", { file: path });
  if (!published) warnings.push(`${path}: no fileGenerationDate`);
  return { source: "eu", entities, ...(published ? { published } : {}), warnings };
}

/** Fold one row into its entity: the entity's own columns once, each detail (a name, an address…) once. */
function addRow(record: EuRecord, seen: Set<string>, row: CsvRow, targets: (Target | undefined)[]): void {
  const sections: Partial<Record<string, Attrs>> = {};
  row.fields.forEach((raw, i) => {
    const t = targets[i];
    const value = raw.trim();
    if (!t || !value) return;
    if (t.kind === "remark") {
      if (!record.remarks.includes(value)) record.remarks.push(value);
    } else if (t.kind === "entity") record.entity[t.attr] ??= value;
    else if (t.kind === "regulation") record.regulation[t.attr] ??= value;
    else if (t.kind === "subject") record.subject[t.attr] ??= value;
    else if (t.kind === "section") {
      const attrs = sections[t.section] ?? {};
      attrs[t.attr] = value;
      sections[t.section] = attrs;
    }
  });
  for (const [section, attrs] of Object.entries(sections) as [keyof typeof SECTION_KEYS, Attrs][]) {
    // A detail repeats on every row that lists another detail of the entity; its logical id tells them apart.
    const { logicalId, ...content } = attrs;
    if (Object.keys(content).length === 0) continue;
    const key = `${section}|${logicalId ?? JSON.stringify(content)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    record[SECTION_KEYS[section]].push(attrs);
  }
}

const SECTION_KEYS = {
  names: "names",
  citizenships: "citizenships",
  births: "births",
  addresses: "addresses",
  ids: "ids",
} as const;
