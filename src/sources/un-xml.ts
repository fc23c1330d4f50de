/**
 * Parser for the UN Security Council Consolidated List (XML, schema sc-sanctions.xsd): INDIVIDUAL → Person,
 * ENTITY → Organization. The file is streamed; each entry is gathered as a small element tree and mapped when it
 * closes, so memory holds the entities, never the whole document.
 */
import { SaxesParser } from "saxes";
import docTypes from "../../resources/un-document-types.json" with { type: "json" };
import { DataError } from "../errors.ts";
import {
  type Address,
  type DateValue,
  type Entity,
  emptyEntity,
  type Identifier,
  type IdentifierType,
  type Name,
  type NameKind,
  type Schema,
} from "../model/entity.ts";
import { detectScript } from "../names/script.ts";
import type { ParsedList } from "./types.ts";
import { streamXml } from "./xml-stream.ts";

const ROOT = "CONSOLIDATED_LIST";

// Entry elements and the container each must sit in; their children are named after them (INDIVIDUAL_ALIAS).
// An INDIVIDUAL anywhere else is not an entry, so a stray element cannot add a phantom one.
const RECORDS = new Map<string, { parent: string; schema: Schema }>([
  ["INDIVIDUAL", { parent: "INDIVIDUALS", schema: "Person" }],
  ["ENTITY", { parent: "ENTITIES", schema: "Organization" }],
]);

const NAME_PARTS = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"] as const;
// sc-sanctions.xsd declares default="na" for SECOND..FOURTH_NAME, and the value leaks into the file as data.
const XSD_NAME_DEFAULT = "na";

// Individuals use Good/Low, entities a.k.a./f.k.a.; n.k.a. has not been seen but would mean what it says.
const QUALITIES = new Map<string, NameKind>([
  ["good", "aka"],
  ["a.k.a.", "aka"],
  ["a.k.a", "aka"],
  ["aka", "aka"],
  ["low", "weak-aka"],
  ["f.k.a.", "fka"],
  ["f.k.a", "fka"],
  ["fka", "fka"],
  ["n.k.a.", "nka"],
  ["n.k.a", "nka"],
  ["nka", "nka"],
]);

// The TYPE_OF_DATE values in the lists seen so far; an empty <TYPE_OF_DATE/> also occurs, always with no date.
const DATE_TYPES = new Set(["EXACT", "APPROXIMATELY", "BETWEEN"]);

const MONTHS = new Map<string, number>([
  ["jan", 1],
  ["january", 1],
  ["feb", 2],
  ["february", 2],
  ["mar", 3],
  ["march", 3],
  ["apr", 4],
  ["april", 4],
  ["may", 5],
  ["jun", 6],
  ["june", 6],
  ["jul", 7],
  ["july", 7],
  ["aug", 8],
  ["august", 8],
  ["sep", 9],
  ["sept", 9],
  ["september", 9],
  ["oct", 10],
  ["october", 10],
  ["nov", 11],
  ["november", 11],
  ["dec", 12],
  ["december", 12],
]);

const DOC_RULES = docTypes.rules as ReadonlyArray<{ contains: string; type: IdentifierType }>;

// Ten or so documents carry their number in NOTE or TYPE_OF_DOCUMENT2 instead of NUMBER ("Tunisian passport
// number L 191609 issued on ...", "... (tazkira) number 57388"). Reading it back is a guess, kept narrow: a token
// with a digit right after a word that announces a number, or a note that starts with a long number.
const NUMBER_AFTER_WORD =
  /\b(?:number|no\.?|ssn|code:?|card)\s+((?:[A-Z]{1,3}-?\s)?[A-Z0-9][A-Z0-9\-/.]*\d[A-Z0-9]*)/i;
const LEADING_NUMBER = /^([A-Z0-9\-/]*\d{5,}[A-Z0-9\-/]*)(?=\s|$)/i;
const EXPIRY_IN_NOTE = /\bexpir(?:es|ed|ation date)\b:?\s*(?:on\s+)?(.+?)\.?$/i;
const ISSUE_IN_NOTE = /\bissued on\s+(\d{1,2}\s+[A-Za-z]+\.?\s+\d{4})/i;
// Alias notes sometimes carry the alias in its own script ("original script: Абу Банат", "In Arabic: ...").
const SCRIPT_IN_NOTE = /\b(?:original script|in arabic)\s*:\s*(.+)$/i;
const BRACKETED_WRITING = /^(.+?)\s*\((?:original script\s*:\s*)?([^()]+)\)$/i;
const APPROXIMATELY = /^approx(?:\.|imately)?$/i;
const BETWEEN_MONTHS = /^between\s+([A-Za-z]+)\.?\s+and\s+([A-Za-z]+)\.?\s+(\d{4})$/i;

/** One element of an entry, with its text and children, as read from the stream. */
interface El {
  name: string;
  text: string;
  children: El[];
  line: number;
}

interface Context {
  file: string;
  warnings: string[];
  unknownDateTypes: Set<string>;
}

/** Bookkeeping for the id checks that need the whole file. */
interface Keyed {
  entity: Entity;
  ref?: string;
  dataId?: string;
  line: number;
}

/** Parse a UN Security Council consolidated list XML file into entities (source "un"). */
export async function parseUnXml(path: string): Promise<ParsedList> {
  const ctx: Context = { file: path, warnings: [], unknownDateTypes: new Set() };
  const keyed: Keyed[] = [];
  const parser = new SaxesParser();
  const open: string[] = [];
  const entry: El[] = [];
  let published: string | undefined;
  let rootSeen = false;
  let rootClosed = false;

  parser.on("opentag", (tag) => {
    const parent = open.at(-1);
    if (parent === undefined) {
      if (tag.name !== ROOT) {
        throw new DataError(`not a UN consolidated list: root element is <${tag.name}>, expected <${ROOT}>`, {
          file: path,
          line: parser.line,
        });
      }
      rootSeen = true;
      published = clean(tag.attributes.dateGenerated);
    }
    open.push(tag.name);
    const el: El = { name: tag.name, text: "", children: [], line: parser.line };
    const top = entry.at(-1);
    if (top) {
      top.children.push(el);
      entry.push(el);
    } else if (parent !== undefined && RECORDS.get(tag.name)?.parent === parent) {
      entry.push(el);
    }
  });
  const onText = (text: string) => {
    const top = entry.at(-1);
    if (top) top.text += text;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", () => {
    open.pop();
    if (open.length === 0) rootClosed = true;
    const el = entry.pop();
    if (el && entry.length === 0) {
      const k = mapEntry(el, ctx);
      if (k) keyed.push(k);
    }
  });

  const lastLine = await streamXml(parser, path, {
    name: ROOT,
    seen: () => rootSeen,
    closed: () => rootClosed,
  });
  if (keyed.length === 0) {
    throw new DataError("no INDIVIDUAL or ENTITY entries: empty or truncated list", {
      file: path,
      line: lastLine,
    });
  }
  if (published === undefined) ctx.warnings.push(`${path}: no dateGenerated on <${ROOT}>`);
  rekey(keyed, ctx);
  return { source: "un", entities: keyed.map((k) => k.entity), published, warnings: ctx.warnings };
}

/**
 * REFERENCE_NUMBER is the id people cite, so it is the sourceId; an entry whose reference number is missing or
 * shared with another entry is keyed by DATAID instead, so that no id ever points at two entries.
 */
function rekey(keyed: Keyed[], ctx: Context): void {
  const byRef = new Map<string, Keyed[]>();
  for (const k of keyed) {
    if (k.ref === undefined) continue;
    const group = byRef.get(k.ref);
    if (group) group.push(k);
    else byRef.set(k.ref, [k]);
  }
  for (const [ref, group] of byRef) {
    if (group.length < 2) continue;
    const lines = group.map((k) => k.line).join(", ");
    ctx.warnings.push(
      `${ctx.file}:${group[0]?.line}: REFERENCE_NUMBER ${ref} is used by ${group.length} entries (lines ${lines}); they are keyed by DATAID`,
    );
    for (const k of group) {
      if (k.dataId === undefined) continue;
      setSourceId(k.entity, k.dataId);
      k.entity.references.push(ref);
    }
  }
  const seen = new Set<string>();
  for (const k of keyed) {
    if (!seen.has(k.entity.id)) {
      seen.add(k.entity.id);
      continue;
    }
    const base = k.entity.sourceId;
    let n = 2;
    while (seen.has(`un:${base}#${n}`)) n++;
    setSourceId(k.entity, `${base}#${n}`);
    seen.add(k.entity.id);
    ctx.warnings.push(`${ctx.file}:${k.line}: id un:${base} is not unique; this entry is un:${base}#${n}`);
  }
}

function setSourceId(entity: Entity, sourceId: string): void {
  entity.sourceId = sourceId;
  entity.id = `${entity.source}:${sourceId}`;
}

function mapEntry(el: El, ctx: Context): Keyed | undefined {
  const warn = (line: number, message: string) => ctx.warnings.push(`${ctx.file}:${line}: ${message}`);
  const schema = RECORDS.get(el.name)?.schema ?? "LegalEntity";
  const dataId = field(el, "DATAID");
  const ref = field(el, "REFERENCE_NUMBER");
  const sourceId = ref ?? dataId;
  if (sourceId === undefined) {
    warn(el.line, `${el.name} without REFERENCE_NUMBER or DATAID skipped`);
    return undefined;
  }
  if (ref === undefined)
    warn(el.line, `${el.name} DATAID ${dataId} has no REFERENCE_NUMBER; keyed by DATAID`);

  const entity = emptyEntity("un", sourceId, schema);
  if (dataId !== undefined) entity.references.push(`DATAID:${dataId}`);
  pushNew(entity.programs, field(el, "UN_LIST_TYPE"));
  const listedOn = field(el, "LISTED_ON");
  if (listedOn !== undefined) {
    const iso = isoDate(listedOn);
    if (iso) pushNew(entity.listedOn, iso);
    else warn(el.line, `LISTED_ON ${JSON.stringify(listedOn)} is not a date`);
  }
  const gender = field(el, "GENDER");
  if (gender !== undefined) entity.gender = gender;
  for (const t of [...values(el, "TITLE"), ...values(el, "DESIGNATION")]) pushNew(entity.titles, t);
  for (const n of values(el, "NATIONALITY")) pushNew(entity.nationalities, n);
  pushNew(entity.nationalities, field(el, "NATIONALITY2"));
  // COMMENTS1 keeps its line breaks: they sometimes separate statements.
  const comments = kid(el, "COMMENTS1")?.text.trim();
  if (comments) entity.remarks = comments;

  addPrimaryName(entity, el);
  const original = field(el, "NAME_ORIGINAL_SCRIPT");
  if (original !== undefined) addName(entity, withScript({ full: original, kind: "aka" }));

  for (const alias of kids(el, `${el.name}_ALIAS`)) addAlias(entity, alias, warn);
  for (const a of kids(el, `${el.name}_ADDRESS`)) {
    const address = toAddress(a);
    if (address) entity.addresses.push(address);
  }
  for (const d of kids(el, `${el.name}_DATE_OF_BIRTH`)) {
    const type = field(d, "TYPE_OF_DATE")?.toUpperCase();
    if (type !== undefined && !DATE_TYPES.has(type) && !ctx.unknownDateTypes.has(type)) {
      ctx.unknownDateTypes.add(type);
      warn(d.line, `unknown TYPE_OF_DATE ${JSON.stringify(type)}; read from the values it carries`);
    }
    addBirthDate(entity, birthDate(d, type));
  }
  for (const p of kids(el, `${el.name}_PLACE_OF_BIRTH`)) {
    pushNew(
      entity.birthPlaces,
      place([p, "STREET"], [p, "CITY"], [p, "STATE_PROVINCE"], [p, "COUNTRY"], [p, "NOTE"]),
    );
  }
  // After the entry's own birth data, so that it comes first; the UN ties these to one alias, the model cannot.
  for (const alias of kids(el, `${el.name}_ALIAS`)) addAliasBirth(entity, alias);
  for (const d of kids(el, `${el.name}_DOCUMENT`)) {
    const doc = toIdentifier(d);
    if (typeof doc === "string") {
      // A document without any number is no identifier, but what the UN says about it is still evidence.
      entity.remarks = entity.remarks
        ? `${entity.remarks}\n\nDocument without number: ${doc}`
        : `Document without number: ${doc}`;
    } else if (doc) {
      entity.identifiers.push(doc);
    }
  }
  return { entity, ref, dataId, line: el.line };
}

/**
 * The primary name is FIRST..FOURTH_NAME joined in order. The UN does not say which part is the given or the
 * family name; given = FIRST_NAME and family = last part is redline's guess, wrong for names written family name
 * first (most DPRK entries). `parts.other` keeps the published split for anyone who knows better.
 */
function addPrimaryName(entity: Entity, el: El): void {
  if (entity.schema !== "Person") {
    const full = field(el, "FIRST_NAME");
    if (full !== undefined) addName(entity, withScript({ full, kind: "primary" }));
    return;
  }
  const first = field(el, "FIRST_NAME");
  const parts = NAME_PARTS.map((p) => field(el, p)).filter(
    (v): v is string => v !== undefined && v !== XSD_NAME_DEFAULT,
  );
  if (parts.length === 0) return;
  const name: Name = withScript({ full: parts.join(" "), kind: "primary", parts: { other: parts } });
  if (parts.length >= 2 && name.parts) {
    if (first !== undefined) name.parts.given = first;
    name.parts.family = parts.at(-1);
  }
  addName(entity, name);
}

function addAlias(entity: Entity, alias: El, warn: (line: number, message: string) => void): void {
  const full = field(alias, "ALIAS_NAME");
  // The UN writes an empty <QUALITY/><ALIAS_NAME/> pair for "no alias"; it is not a name.
  if (full === undefined) return;
  const quality = field(alias, "QUALITY");
  let kind = quality === undefined ? undefined : QUALITIES.get(quality.toLowerCase());
  if (kind === undefined) {
    warn(
      alias.line,
      `alias ${JSON.stringify(full)} has QUALITY ${JSON.stringify(quality ?? "")}; read as aka`,
    );
    kind = "aka";
  }
  const note = field(alias, "NOTE");
  for (const w of writings(full)) {
    const name: Name = withScript({ full: w, kind });
    if (note !== undefined) name.note = note;
    addName(entity, name);
  }
  const inScript = note?.match(SCRIPT_IN_NOTE)?.[1]?.trim();
  if (inScript && detectScript(inScript)) addName(entity, withScript({ full: inScript, kind }));
}

function addAliasBirth(entity: Entity, alias: El): void {
  const born = field(alias, "DATE_OF_BIRTH");
  if (born !== undefined) {
    const date = isoDate(born);
    addBirthDate(entity, date ? { raw: born, date } : { raw: born });
  }
  pushNew(entity.birthPlaces, place([alias, "CITY_OF_BIRTH"], [alias, "COUNTRY_OF_BIRTH"]));
}

/**
 * Some aliases carry a second writing in brackets: "Jin Tiesan (金铁三)", "Amir Khazmat (original script: Амир
 * Хазмат)", "أبو شيماء (Abu-Shaima; Abu- Shayma)". When the two sides are in different scripts each writing is a
 * name of its own, so that both can be transliterated and matched; brackets in one script are left alone.
 */
function writings(full: string): string[] {
  const m = full.match(BRACKETED_WRITING);
  const outer = m?.[1]?.trim();
  const inner = m?.[2]?.trim();
  if (!outer || !inner || detectScript(outer) === detectScript(inner)) return [full];
  const inners = inner
    .split(";")
    .map((w) => w.trim())
    .filter((w) => w.length > 0);
  return [outer, ...inners];
}

function withScript(name: Name): Name {
  const script = detectScript(name.full);
  if (script) name.script = script;
  return name;
}

function addName(entity: Entity, name: Name): void {
  const key = name.full.toLowerCase();
  if (entity.names.some((n) => n.full.toLowerCase() === key)) return;
  entity.names.push(name);
}

function addBirthDate(entity: Entity, value: DateValue | undefined): void {
  if (!value) return;
  const key = JSON.stringify(value);
  if (entity.birthDates.some((d) => JSON.stringify(d) === key)) return;
  entity.birthDates.push(value);
}

/**
 * One INDIVIDUAL_DATE_OF_BIRTH. TYPE_OF_DATE says how to read it, but the values present decide what is set:
 * DATE or YEAR → date, FROM_YEAR/TO_YEAR → range, APPROXIMATELY (or a NOTE saying so) → circa. A NOTE that names
 * a month ("Sep.", "Nov. 1973") refines the date; any other NOTE is kept in `raw`.
 */
function birthDate(d: El, type: string | undefined): DateValue | undefined {
  const date = field(d, "DATE");
  const year = field(d, "YEAR");
  const from = field(d, "FROM_YEAR");
  const to = field(d, "TO_YEAR");
  let note = field(d, "NOTE");
  let circa = type === "APPROXIMATELY";
  if (note !== undefined && APPROXIMATELY.test(note)) {
    circa = true;
    note = undefined;
  }

  let value: DateValue;
  let fromNote = false;
  if (date !== undefined) {
    const iso = isoDate(date);
    value = iso ? { raw: date, date: iso } : { raw: date };
  } else if (year !== undefined) {
    const month = note === undefined ? undefined : MONTHS.get(monthWord(note));
    if (month !== undefined) {
      value = { raw: `${note} ${year}`, date: `${year}-${pad(month)}` };
      note = undefined;
    } else {
      value = { raw: year, date: year };
    }
  } else if (from !== undefined || to !== undefined) {
    value = { raw: from !== undefined && to !== undefined ? `${from} to ${to}` : (from ?? to ?? "") };
    if (from !== undefined) value.from = from;
    if (to !== undefined) value.to = to;
  } else if (note !== undefined) {
    value = dateFromText(note);
    note = undefined;
    fromNote = true;
  } else {
    return undefined;
  }
  if (circa) {
    value.circa = true;
    if (!fromNote) value.raw = `circa ${value.raw}`;
  }
  if (note !== undefined) value.raw += ` (${note})`;
  return value;
}

/** A date written out in a NOTE: "Nov. 1973", "Between Aug. and Sep. 1977"; anything else is kept as text only. */
function dateFromText(text: string): DateValue {
  const between = text.match(BETWEEN_MONTHS);
  if (between) {
    const m1 = MONTHS.get(monthWord(between[1] ?? ""));
    const m2 = MONTHS.get(monthWord(between[2] ?? ""));
    if (m1 !== undefined && m2 !== undefined) {
      return { raw: text, from: `${between[3]}-${pad(m1)}`, to: `${between[3]}-${pad(m2)}` };
    }
  }
  const date = textDate(text);
  return date ? { raw: text, date } : { raw: text };
}

/** "2013-02-18", "18 Feb. 2013", "10 March 2019", "Nov. 1973" or "1973" as ISO with the precision given. */
function textDate(text: string): string | undefined {
  const iso = isoDate(text);
  if (iso) return iso;
  const dmy = text.match(/^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$/);
  if (dmy) {
    const month = MONTHS.get(monthWord(dmy[2] ?? ""));
    return month === undefined ? undefined : `${dmy[3]}-${pad(month)}-${pad(Number(dmy[1]))}`;
  }
  const my = text.match(/^([A-Za-z]+)\.?\s+(\d{4})$/);
  if (my) {
    const month = MONTHS.get(monthWord(my[1] ?? ""));
    return month === undefined ? undefined : `${my[2]}-${pad(month)}`;
  }
  return undefined;
}

/** The ISO date at the start of an xs:date ("2015-04-07-04:00" carries a time zone) or a bare year/month. */
function isoDate(text: string): string | undefined {
  return text.match(/^\d{4}(?:-\d{2}(?:-\d{2})?)?(?=$|[Z+-]|T)/)?.[0];
}

function monthWord(text: string): string {
  return text.trim().replace(/\.$/, "").toLowerCase();
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function toAddress(a: El): Address | undefined {
  const address: Address = {};
  const set = (key: keyof Address, tag: string) => {
    const v = field(a, tag);
    if (v !== undefined) address[key] = v;
  };
  set("street", "STREET");
  set("city", "CITY");
  set("region", "STATE_PROVINCE");
  set("postalCode", "ZIP_CODE");
  set("country", "COUNTRY");
  set("note", "NOTE");
  return Object.keys(address).length > 0 ? address : undefined;
}

/** Place parts joined as one readable string; the last part is a NOTE when the caller passes one. */
function place(...parts: Array<[El, string]>): string | undefined {
  const texts: string[] = [];
  let note: string | undefined;
  for (const [el, tag] of parts) {
    const v = field(el, tag);
    if (v === undefined) continue;
    if (tag === "NOTE") note = v;
    else texts.push(v);
  }
  const main = texts.join(", ");
  if (note === undefined) return main || undefined;
  if (!main) return note;
  return note.startsWith("(") ? `${main} ${note}` : `${main} (${note})`;
}

/**
 * One INDIVIDUAL_DOCUMENT as an Identifier, or, when no number can be found, a line of text for the remarks.
 * The type comes from resources/un-document-types.json, TYPE_OF_DOCUMENT2 first because it is the more specific.
 */
function toIdentifier(d: El): Identifier | string | undefined {
  const type1 = field(d, "TYPE_OF_DOCUMENT");
  const type2 = field(d, "TYPE_OF_DOCUMENT2")?.replace(/\s*:$/, "");
  const note = field(d, "NOTE");
  const issuing = field(d, "ISSUING_COUNTRY");
  const countryOfIssue = field(d, "COUNTRY_OF_ISSUE");
  const city = field(d, "CITY_OF_ISSUE");
  const dateOfIssue = field(d, "DATE_OF_ISSUE");
  const stated = field(d, "NUMBER") ?? numberIn(type2);
  const numberInNote = stated === undefined && note !== undefined ? numberIn(note, true) : undefined;
  const number = stated ?? numberInNote;
  if (d.children.every((c) => clean(c.text) === undefined)) return undefined;

  const label =
    type1 && type2 && type1.toLowerCase() !== type2.toLowerCase()
      ? `${type1} (${type2})`
      : (type1 ?? type2 ?? "Document");
  const notes = [
    note,
    city === undefined ? undefined : `issued in ${city}`,
    countryOfIssue !== undefined && issuing !== undefined && countryOfIssue !== issuing
      ? `country of issue: ${countryOfIssue}`
      : undefined,
  ].filter((v): v is string => v !== undefined);
  const country = issuing ?? countryOfIssue;
  const issued =
    dateOfIssue ?? (note === undefined ? undefined : textDate(note.match(ISSUE_IN_NOTE)?.[1] ?? ""));

  if (number === undefined) {
    return [label, country, issued === undefined ? undefined : `issued ${issued}`, ...notes]
      .filter((v) => v !== undefined)
      .join("; ");
  }
  // A note that holds the number also says what the document is ("SSN ...", "Italian Fiscal Code: ...").
  const noteType = numberInNote === undefined ? undefined : docType(note);
  const id: Identifier = { type: docType(type2) ?? noteType ?? docType(type1) ?? "other", label, number };
  if (country !== undefined) id.country = country;
  if (issued !== undefined) id.issued = issued;
  const expiry = note?.match(EXPIRY_IN_NOTE)?.[1];
  const expires = expiry === undefined ? undefined : textDate(expiry.trim());
  if (expires !== undefined) id.expires = expires;
  if (notes.length > 0) id.note = notes.join("; ");
  return id;
}

function numberIn(text: string | undefined, leading = false): string | undefined {
  if (text === undefined) return undefined;
  const found = text.match(NUMBER_AFTER_WORD)?.[1] ?? (leading ? text.match(LEADING_NUMBER)?.[1] : undefined);
  return found?.trim();
}

function docType(label: string | undefined): IdentifierType | undefined {
  if (label === undefined) return undefined;
  const key = label.toLowerCase().replace(/[\u2018\u2019]/g, "'");
  return DOC_RULES.find((r) => key.includes(r.contains))?.type;
}

function kid(el: El, name: string): El | undefined {
  return el.children.find((c) => c.name === name);
}

function kids(el: El, name: string): El[] {
  return el.children.filter((c) => c.name === name);
}

/** Text of the first child named `name`, whitespace collapsed; undefined when absent or empty. */
function field(el: El, name: string): string | undefined {
  const child = kid(el, name);
  return child ? clean(child.text) : undefined;
}

/** Texts of every VALUE under every child named `name` (TITLE, DESIGNATION, NATIONALITY). */
function values(el: El, name: string): string[] {
  return kids(el, name)
    .flatMap((c) => kids(c, "VALUE"))
    .map((v) => clean(v.text))
    .filter((v): v is string => v !== undefined);
}

// Line breaks inside short fields come from the UN wrapping text at a fixed width, not from meaning.
function clean(text: string | undefined): string | undefined {
  const v = text?.replace(/\s+/g, " ").trim();
  return v ? v : undefined;
}

function pushNew(list: string[], value: string | undefined): void {
  if (value !== undefined && !list.includes(value)) list.push(value);
}
