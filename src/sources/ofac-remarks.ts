/**
 * OFAC remarks: the `;`-separated statements OFAC packs into the Remarks column of its delimited files
 * (and, as `idType`/`idNumber` pairs, into the idList of its legacy XML). This module turns them into
 * entity facts; the CSV and XML parsers share it so both formats yield the same model.
 * Pure: no I/O.
 */
import idTable from "../../resources/ofac-identifier-types.json" with { type: "json" };
import type {
  AircraftDetails,
  Caatsa235Measure,
  DateValue,
  Entity,
  Identifier,
  IdentifierType,
  LabelledFact,
  Link,
  LinkRelation,
  Name,
  NameKind,
  NameParts,
  Schema,
  VesselDetails,
} from "../model/entity.ts";

/** What the remarks of one entry say, ready to merge into the entity. */
export interface RemarkFacts {
  /** Aliases written in the remarks (OFAC puts its weak a.k.a. there). */
  names: Name[];
  birthDates: DateValue[];
  birthPlaces: string[];
  nationalities: string[];
  citizenships: string[];
  gender?: string;
  titles: string[];
  identifiers: Identifier[];
  links: Link[];
  websites: string[];
  emails: string[];
  phones: string[];
  sanctionsInfo: string[];
  caatsa235: Caatsa235Measure[];
  listedOn: string[];
  incorporationDates: DateValue[];
  facts: LabelledFact[];
  vessel: VesselDetails;
  aircraft: AircraftDetails;
  /** Number of statements the remarks held (after re-joining values that themselves contain `;`). */
  segments: number;
  /** Statements no rule understood; they remain readable in `entity.remarks`. */
  unrecognised: string[];
}

/** Details that come with an identifier: from the remark text, or from the XML id element. */
export interface IdentifierExtras {
  country?: string;
  issued?: string;
  expires?: string;
}

/** Things the caller already knows about the entry that help to read its remarks. */
export interface RemarkContext {
  /** Titles from the Title column: OFAC repeats them in the remarks without a label. */
  titles?: readonly string[];
}

/** A blank RemarkFacts. */
export function emptyRemarkFacts(): RemarkFacts {
  return {
    names: [],
    birthDates: [],
    birthPlaces: [],
    nationalities: [],
    citizenships: [],
    titles: [],
    identifiers: [],
    links: [],
    websites: [],
    emails: [],
    phones: [],
    sanctionsInfo: [],
    caatsa235: [],
    listedOn: [],
    incorporationDates: [],
    facts: [],
    vessel: {},
    aircraft: {},
    segments: 0,
    unrecognised: [],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Dates

const MONTH_NAMES =
  "january february march april may june july august september october november december".split(" ");

/** Month number by full name and by three-letter abbreviation ("Oct", "October"; also "Sept"). */
const MONTHS = new Map<string, string>([
  ...MONTH_NAMES.flatMap((name, i): [string, string][] => {
    const n = String(i + 1).padStart(2, "0");
    return [
      [name, n],
      [name.slice(0, 3), n],
    ];
  }),
  ["sept", "09"],
]);

const monthNumber = (word: string) => MONTHS.get(word.toLowerCase().replace(/\.$/, ""));

function isoDate(text: string): string | undefined {
  const s = text.trim();
  let m = /^(\d{1,2})\s+([A-Za-z]+\.?)\s+(\d{4})$/.exec(s);
  if (m) {
    const month = monthNumber(m[2] as string);
    const day = Number(m[1]);
    if (month && day >= 1 && day <= 31) return `${m[3]}-${month}-${String(day).padStart(2, "0")}`;
    return undefined;
  }
  m = /^([A-Za-z]+\.?)\s+(\d{4})$/.exec(s);
  if (m) {
    const month = monthNumber(m[1] as string);
    return month ? `${m[2]}-${month}` : undefined;
  }
  // A bare year, or a date already in ISO form.
  return /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(s) ? s : undefined;
}

/**
 * Read an OFAC date as published: "27 Oct 1972", "Oct 1972", "1962", "circa 1966", "1958 to 1960",
 * "circa 1979-1981". Returns undefined when the text is not a date in any of these forms.
 */
export function parseOfacDate(raw: string): DateValue | undefined {
  const text = raw.trim().replace(/\.$/, "");
  let body = text;
  let circa = false;
  const c = /^(?:circa|approximately|approx\.)\s+(.*)$/i.exec(body);
  if (c) {
    circa = true;
    body = c[1] as string;
  }
  const range = /^(.+?)\s+to\s+(.+)$/i.exec(body) ?? /^(\d{4})\s*-\s*(\d{4})$/.exec(body);
  if (range) {
    const from = isoDate(range[1] as string);
    const to = isoDate(range[2] as string);
    if (!from || !to) return undefined;
    return { raw: text, from, to, ...(circa ? { circa } : {}) };
  }
  const date = isoDate(body);
  if (!date) return undefined;
  return { raw: text, date, ...(circa ? { circa } : {}) };
}

/** The OFAC date as ISO text when it can be read, else as published. */
function isoOrRaw(text: string): string {
  const d = parseOfacDate(text);
  return d?.date ?? text.trim();
}

// ---------------------------------------------------------------------------------------------------------
// Names

/** Split an OFAC person name "FAMILY, Given Middle" into parts; undefined when it has no comma. */
export function splitPersonName(full: string): NameParts | undefined {
  const comma = full.indexOf(",");
  if (comma < 0) return undefined;
  const family = full.slice(0, comma).trim();
  const given = full.slice(comma + 1).trim();
  if (!family || !given) return undefined;
  return { family, given };
}

/** A Name as OFAC publishes it, with parts for a person's "FAMILY, Given" form. */
export function ofacName(full: string, kind: NameKind, schema: Schema): Name {
  const name: Name = { full, kind };
  if (schema === "Person") {
    const parts = splitPersonName(full);
    if (parts) name.parts = parts;
  }
  return name;
}

// ---------------------------------------------------------------------------------------------------------
// Identifier labels (data table in resources/ofac-identifier-types.json)

interface IdTableEntry {
  type: string;
  labels?: string[];
  patterns?: string[];
  value?: string;
  strip?: string;
  fallback?: boolean;
  caseSensitive?: boolean;
  digitOptional?: boolean;
}

interface IdMatcher {
  type: IdentifierType;
  /** Matches the whole label (XML idType). */
  whole: RegExp;
  /** Matches the label at the start of a remark statement, with its separator. */
  prefix: RegExp;
  value?: RegExp;
  strip?: RegExp;
  fallback: boolean;
  /** In remarks a number must hold a digit ("passport place of issue: …" is prose), unless this is set. */
  digitOptional: boolean;
  /** Lower-case first character of the label when it is a fixed letter, to skip hopeless candidates fast. */
  first?: string;
  order: number;
}

/** Every IdentifierType, so that a type misspelt in the JSON table fails at load rather than leaking through. */
const ID_TYPES: Record<IdentifierType, true> = {
  passport: true,
  "national-id": true,
  "tax-id": true,
  registration: true,
  "swift-bic": true,
  imo: true,
  mmsi: true,
  crypto: true,
  "drivers-license": true,
  ssn: true,
  cedula: true,
  curp: true,
  "aircraft-serial": true,
  "aircraft-tail": true,
  lei: true,
  duns: true,
  other: true,
};

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** What may stand between a label and its value: "Label value", "Label: value", "Label - value", "Label, value". */
const SEP = String.raw`(?:\s*[:,]\s*|\s+-\s+|\s+)`;

function firstLetter(source: string): string | undefined {
  const c = source[0];
  return c && /[A-Za-z0-9]/.test(c) ? c.toLowerCase() : undefined;
}

function compileIdTable(): IdMatcher[] {
  const out: IdMatcher[] = [];
  const entries = (idTable as { entries: IdTableEntry[] }).entries;
  entries.forEach((e, order) => {
    if (!Object.hasOwn(ID_TYPES, e.type))
      throw new Error(`ofac-identifier-types.json: unknown type ${e.type}`);
    const flags = e.caseSensitive ? "" : "i";
    const sources = [...(e.labels ?? []).map(escapeRe), ...(e.patterns ?? [])];
    for (const src of sources) {
      out.push({
        type: e.type as IdentifierType,
        whole: new RegExp(`^(?:${src})$`, flags),
        prefix: new RegExp(`^(${src})${SEP}(?=\\S)`, flags),
        ...(e.value ? { value: new RegExp(e.value, "i") } : {}),
        ...(e.strip ? { strip: new RegExp(e.strip, "i") } : {}),
        fallback: e.fallback === true,
        digitOptional: e.digitOptional === true,
        ...(firstLetter(src) ? { first: firstLetter(src) } : {}),
        order,
      });
    }
  });
  return out;
}

const ID_MATCHERS = compileIdTable();

/** Normalise a label as published for comparison: trim, collapse spaces, drop a trailing ":" or " -". */
function cleanLabel(label: string): string {
  return label
    .replace(/\s+/g, " ")
    .trim()
    .replace(/\s*[:-]$/, "")
    .trim();
}

function pickId(candidates: { m: IdMatcher; labelLength: number }[]) {
  let best: { m: IdMatcher; labelLength: number } | undefined;
  for (const c of candidates) {
    if (!best) {
      best = c;
      continue;
    }
    if (c.m.fallback !== best.m.fallback) {
      if (!c.m.fallback) best = c;
      continue;
    }
    if (c.labelLength !== best.labelLength) {
      if (c.labelLength > best.labelLength) best = c;
      continue;
    }
    if (!!c.m.value !== !!best.m.value) {
      if (c.m.value) best = c;
      continue;
    }
    if (c.m.order < best.m.order) best = c;
  }
  return best?.m;
}

/**
 * The IdentifierType of an OFAC identifier label (remarks prefix or XML idType), looked up in
 * resources/ofac-identifier-types.json; `value` lets labels such as "Vessel Registration Identification"
 * resolve to "imo" when the number is an IMO number. Undefined when the label is not an identifier label.
 */
export function classifyIdentifierLabel(label: string, value?: string): IdentifierType | undefined {
  return findIdMatcher(label, value)?.type;
}

function findIdMatcher(label: string, value: string | undefined): IdMatcher | undefined {
  const clean = cleanLabel(label);
  const candidates = ID_MATCHERS.filter(
    (m) => m.whole.test(clean) && (!m.value || (value !== undefined && m.value.test(value.trim()))),
  ).map((m) => ({ m, labelLength: clean.length }));
  return pickId(candidates);
}

/** Split "G025057 (Egypt) issued 23 Jun 1999 expires 05 Feb 2004" into its parts. */
function parseIdentifierValue(value: string): { number: string } & IdentifierExtras {
  let rest = value.trim();
  const out: IdentifierExtras = {};
  const dates = /^(.*?)(?:\s+issued\s+(.+?))?(?:\s+expires\s+(.+?))?$/i.exec(rest);
  if (dates) {
    rest = (dates[1] as string).trim();
    if (dates[2]) out.issued = isoOrRaw(dates[2]);
    if (dates[3]) out.expires = isoOrRaw(dates[3]);
  }
  const paren = /^(.*?)\s*\(([^()]+)\)$/.exec(rest);
  // A bracketed part with digits is part of the number ("No. (5777731)"), not an issuing country.
  if (paren && (paren[1] as string).trim() && !/\d/.test(paren[2] as string)) {
    rest = (paren[1] as string).trim();
    out.country = (paren[2] as string).trim();
  }
  return { number: rest.replace(/(?<=\d)\.$/, ""), ...out };
}

function makeIdentifier(
  m: IdMatcher | undefined,
  label: string,
  number: string,
  extras: IdentifierExtras,
): Identifier {
  const id: Identifier = { type: m?.type ?? "other", label: cleanLabel(label), number: number.trim() };
  if (m?.strip) id.number = id.number.replace(m.strip, "").trim();
  if (extras.country) id.country = extras.country;
  if (extras.issued) id.issued = extras.issued;
  if (extras.expires) id.expires = extras.expires;
  return id;
}

// ---------------------------------------------------------------------------------------------------------
// Other labelled statements

interface ApplyContext {
  /** The label as written. */
  label: string;
  value: string;
  /** The whole statement, "Label value", for rules that keep the statement as written. */
  statement: string;
  schema: Schema;
}

interface FactRule {
  /** Regular-expression source for the label, matched case-insensitively at the start of a statement. */
  label: string;
  /** Store the facts; false when the value does not fit (the statement then counts as not understood). */
  apply: (facts: RemarkFacts, ctx: ApplyContext) => boolean;
  /** The label alone is the whole statement ("all offices worldwide"). */
  bare?: boolean;
  /**
   * The start of a following statement that is really the rest of this value: OFAC does not escape "; "
   * inside a value ("Not on the SDN List and Not Subject to Secondary Sanctions; U.S. Persons Must…").
   */
  continuation?: RegExp;
}

const pushTo =
  (field: "birthPlaces" | "nationalities" | "citizenships" | "titles" | "websites" | "emails" | "phones") =>
  (f: RemarkFacts, c: ApplyContext) => {
    f[field].push(c.value);
    return true;
  };

const statement = (f: RemarkFacts, c: ApplyContext) => {
  f.sanctionsInfo.push(c.statement);
  return true;
};

const fact = (label?: string) => (f: RemarkFacts, c: ApplyContext) => {
  f.facts.push({ label: label ?? cleanLabel(c.label), value: c.value });
  return true;
};

const link = (relation: LinkRelation) => (f: RemarkFacts, c: ApplyContext) => {
  f.links.push({ relation, name: c.value });
  return true;
};

const CAATSA = /^(.*?)[.\s]*\bSec\.?\s*235\s*\(\s*a\s*\)\s*\(\s*(\d+)\s*\)\.?$/i;

const FACT_RULES: FactRule[] = [
  {
    label: "DOB",
    apply: (f, c) => {
      f.birthDates.push(parseOfacDate(c.value) ?? { raw: c.value });
      return true;
    },
  },
  { label: "POB", apply: pushTo("birthPlaces") },
  { label: "nationality", apply: pushTo("nationalities") },
  { label: "citizen(?:ship)?", apply: pushTo("citizenships") },
  {
    label: "Gender",
    apply: (f, c) => {
      if (!/^(?:male|female)$/i.test(c.value)) return false;
      f.gender ??= c.value.toLowerCase();
      return true;
    },
  },
  { label: "(?:Alternate )?Title", apply: pushTo("titles") },
  { label: "Website", apply: pushTo("websites") },
  { label: "E-?mail(?: Address)?", apply: pushTo("emails") },
  { label: "(?:Phone|Telephone)(?: Number| No\\.)?", apply: pushTo("phones") },
  { label: "Fax(?: No\\.)?", apply: fact("Fax") },
  { label: "Telex", apply: fact("Telex") },
  { label: "Linked To", apply: link("linked-to") },
  { label: "Subsidiary Of", apply: link("subsidiary-of") },
  { label: "Owned or Controlled By", apply: link("owned-or-controlled-by") },
  { label: "Associate Of", apply: link("associate-of") },
  {
    label: "[afn]\\.k\\.a\\.",
    apply: (f, c) => {
      const full = c.value.replace(/^['"‘’]\s*/, "").replace(/\s*['"‘’]$/, "");
      if (!full) return false;
      // OFAC keeps only weak aliases in the remarks (dat_spec.txt), whether a.k.a., f.k.a. or n.k.a.
      f.names.push(ofacName(full, "weak-aka", c.schema));
      return true;
    },
  },
  {
    label: "Additional Sanctions Information",
    continuation: /^U\.S\. Persons Must\b/,
    apply: (f, c) => {
      f.sanctionsInfo.push(c.value);
      return true;
    },
  },
  {
    label: "CAATSA Section 235 Information",
    apply: (f, c) => {
      const m = CAATSA.exec(c.value);
      if (!m) return false;
      const paragraph = Number(m[2]);
      if (paragraph < 1 || paragraph > 12) return false;
      const measure = (m[1] as string).trim().replace(/\.$/, "");
      f.caatsa235.push({ measure, paragraph });
      return true;
    },
  },
  { label: "Secondary sanctions risk", apply: statement },
  {
    label: "Transactions Prohibited For Persons Owned or Controlled By U\\.S\\. Financial Institutions",
    apply: statement,
  },
  {
    label: "Executive Order \\d+ (?:Directive Determination|Directive Information|information)",
    apply: statement,
  },
  { label: "IFCA Determination", apply: statement },
  { label: "United States financial institutions are prohibited", apply: statement },
  {
    label: "Listing Date(?: \\([^)]*\\))?",
    apply: (f, c) => {
      const d = parseOfacDate(c.value);
      if (d?.date) f.listedOn.push(d.date);
      f.sanctionsInfo.push(c.statement);
      return true;
    },
  },
  { label: "Effective Date(?: \\([^)]*\\))?", apply: statement },
  { label: "Purchase/Sales For Divestment Date(?: \\([^)]*\\))?", apply: statement },
  { label: "(?:and )?all (?:other )?(?:offices|branches|locations) worldwide", bare: true, apply: statement },
  { label: "For more information[^:]*", apply: fact() },
  {
    label: "Organization Established Date",
    apply: (f, c) => {
      f.incorporationDates.push(parseOfacDate(c.value) ?? { raw: c.value });
      return true;
    },
  },
  { label: "Organization Type", apply: fact() },
  { label: "Target Type", apply: fact() },
  { label: "Registration Country", apply: fact() },
  { label: "Issuer Name", apply: fact() },
  { label: "ethnicity", apply: fact("Ethnicity") },
  { label: "Rank", apply: fact() },
  { label: "(?:Former|Other) Vessel (?:Flag|Type|Call Sign)", apply: fact() },
  { label: "Nationality of Registration", apply: fact() },
  {
    label: "Vessel Year of Build",
    apply: (f, c) => {
      f.vessel.yearBuilt ??= c.value;
      return true;
    },
  },
  {
    label: "Vessel Flag",
    apply: (f, c) => {
      f.vessel.flag ??= c.value;
      return true;
    },
  },
  {
    label: "Aircraft Model",
    apply: (f, c) => {
      f.aircraft.model ??= c.value;
      return true;
    },
  },
  {
    label: "Aircraft Operator",
    apply: (f, c) => {
      f.aircraft.operator ??= c.value;
      return true;
    },
  },
  {
    label: "Aircraft Manufacture Date",
    apply: (f, c) => {
      f.aircraft.manufactureDate ??= isoOrRaw(c.value);
      return true;
    },
  },
];

/** Statements recognised by the shape of their value alone: OFAC sometimes drops the label. */
const SHAPES: { shape: RegExp; rule: FactRule }[] = [
  { shape: /^[^\s@;,]+@[^\s@;,]+\.[A-Za-z]{2,}$/, rule: { label: "Email Address", apply: pushTo("emails") } },
  { shape: /^(?:https?:\/\/|www\.)\S+$/i, rule: { label: "Website", apply: pushTo("websites") } },
];

interface CompiledRule {
  rule: FactRule;
  whole: RegExp;
  prefix: RegExp;
  first?: string;
}

const RULES: CompiledRule[] = FACT_RULES.map((rule) => ({
  rule,
  whole: new RegExp(`^(?:${rule.label})$`, "i"),
  prefix: rule.bare ? new RegExp(`^(${rule.label})$`, "i") : new RegExp(`^(${rule.label})${SEP}(?=\\S)`, "i"),
  ...(firstLetter(rule.label) ? { first: firstLetter(rule.label) } : {}),
}));

// ---------------------------------------------------------------------------------------------------------
// One statement

type Target =
  | { kind: "rule"; rule: FactRule; label: string; value: string; statement: string }
  | { kind: "id"; matcher: IdMatcher; label: string; value: string }
  | { kind: "title"; value: string };

/** Find what a statement is, by the longest label it starts with. */
function classify(statementText: string, titles: ReadonlySet<string>): Target | undefined {
  if (titles.has(titleKey(statementText))) return { kind: "title", value: statementText };
  const first = statementText[0]?.toLowerCase();
  let best: Target | undefined;
  let bestLength = -1;
  for (const r of RULES) {
    if (r.first && r.first !== first) continue;
    const m = r.prefix.exec(statementText);
    if (!m) continue;
    const label = m[1] as string;
    if (label.length > bestLength) {
      bestLength = label.length;
      best = {
        kind: "rule",
        rule: r.rule,
        label,
        value: statementText.slice(m[0].length).trim(),
        statement: statementText,
      };
    }
  }
  const idCandidates: { m: IdMatcher; labelLength: number; label: string; value: string }[] = [];
  for (const m of ID_MATCHERS) {
    if (m.first && m.first !== first) continue;
    const hit = m.prefix.exec(statementText);
    if (!hit) continue;
    const value = statementText.slice(hit[0].length).trim();
    if (m.value && !m.value.test(value)) continue;
    if (!m.digitOptional && !/\d/.test(value)) continue;
    idCandidates.push({ m, labelLength: (hit[1] as string).length, label: hit[1] as string, value });
  }
  const id = pickId(idCandidates);
  if (id) {
    const c = idCandidates.find((x) => x.m === id) as (typeof idCandidates)[number];
    // A guessed (fallback) identifier label never beats a statement rule.
    const wins = id.fallback ? best === undefined : c.labelLength > bestLength;
    if (wins) best = { kind: "id", matcher: id, label: c.label, value: c.value };
  }
  if (best) return best;
  const shape = SHAPES.find((s) => s.shape.test(statementText));
  if (shape)
    return { kind: "rule", rule: shape.rule, label: "", value: statementText, statement: statementText };
  return undefined;
}

/** Titles are compared without the closing period the remarks may add or drop. */
const titleKey = (t: string) => t.trim().replace(/\.$/, "");

/** Split remarks into statements at "; " (OFAC's separator); a bare ";" inside a word is left alone. */
function splitStatements(remarks: string): string[] {
  let text = remarks.trim();
  // OFAC closes the remarks with a period, except that a closing abbreviation ("S.A.") keeps its own.
  if (text.endsWith(".") && !/(?:^|[\s.,])[A-Za-z]\.[A-Za-z]\.$/.test(text)) text = text.slice(0, -1);
  return text
    .split(/;(?=\s|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const ALT = /^alt\.\s+/i;

/**
 * Turn the OFAC remarks field into structured facts: dates and places of birth, nationality, gender,
 * identifiers, links, weak aliases, sanctions statements, CAATSA §235 measures, vessel and aircraft
 * details. Statements it does not understand are listed in `unrecognised`; the caller keeps the full text.
 */
export function parseOfacRemarks(remarks: string, schema: Schema, context: RemarkContext = {}): RemarkFacts {
  const facts = emptyRemarkFacts();
  const titles = new Set((context.titles ?? []).map(titleKey));
  const parsed: { text: string; target: Target | undefined }[] = [];
  for (const raw of splitStatements(remarks)) {
    const text = raw.replace(ALT, "");
    // The XML wraps links in brackets: "(Linked To: X)".
    const unwrapped = /^\((Linked To:[^()]*(?:\([^()]*\)[^()]*)*)\)$/i.exec(text)?.[1] ?? text;
    const target = classify(unwrapped, titles);
    const prev = parsed[parsed.length - 1];
    if (!target && prev?.target?.kind === "rule" && prev.target.rule.continuation?.test(text)) {
      prev.target.value += `; ${raw}`;
      prev.target.statement += `; ${raw}`;
      prev.text += `; ${raw}`;
      continue;
    }
    parsed.push({ text: raw, target });
  }
  facts.segments = parsed.length;
  for (const { text, target } of parsed) {
    if (!target || !applyTarget(facts, target, schema)) facts.unrecognised.push(text);
  }
  return facts;
}

function applyTarget(facts: RemarkFacts, target: Target, schema: Schema): boolean {
  switch (target.kind) {
    case "title":
      facts.titles.push(target.value);
      return true;
    case "rule":
      return target.rule.apply(facts, {
        label: target.label,
        value: target.value,
        statement: target.statement,
        schema,
      });
    case "id": {
      const parts = parseIdentifierValue(target.value);
      const id = makeIdentifier(target.matcher, target.label, parts.number, parts);
      if (!id.number) return false;
      addIdentifier(facts, id);
      return true;
    }
  }
}

function addIdentifier(facts: RemarkFacts, id: Identifier) {
  facts.identifiers.push(id);
  if (id.type === "aircraft-serial" && /Manufacturer/i.test(id.label))
    facts.aircraft.serialNumber ??= id.number;
  if (id.type === "aircraft-tail" && !/Previous/i.test(id.label)) facts.aircraft.tailNumber ??= id.number;
}

/**
 * Record one labelled value that arrives already split (an XML idList entry: idType, idNumber, idCountry…),
 * through the same rules as the remarks. Labels that are neither a known statement nor a known identifier
 * are kept as an identifier of type "other".
 */
export function applyLabelledValue(
  facts: RemarkFacts,
  label: string,
  value: string,
  schema: Schema,
  extras: IdentifierExtras = {},
): void {
  const clean = cleanLabel(label);
  const v = value.trim();
  const written = `${label.trim()} ${v}`;
  for (const r of RULES) {
    if (!r.whole.test(clean)) continue;
    if (r.rule.apply(facts, { label: clean, value: v, statement: written, schema })) return;
  }
  const id = makeIdentifier(findIdMatcher(clean, v), clean, v, extras);
  if (id.number) addIdentifier(facts, id);
}

// ---------------------------------------------------------------------------------------------------------
// Merge into an entity

function addUnique<T>(target: T[], items: readonly T[], key: (x: T) => string) {
  const seen = new Set(target.map(key));
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    target.push(item);
  }
}

const same = (s: string) => s;

/** Merge remark facts into an entity without duplicating what the entity already has. */
export function mergeRemarkFacts(entity: Entity, facts: RemarkFacts): void {
  addUnique(entity.names, facts.names, (n) => `${n.kind}|${n.full}`);
  addUnique(entity.birthDates, facts.birthDates, (d) => d.raw);
  addUnique(entity.birthPlaces, facts.birthPlaces, same);
  addUnique(entity.nationalities, facts.nationalities, same);
  addUnique(entity.citizenships, facts.citizenships, same);
  if (facts.gender && !entity.gender) entity.gender = facts.gender;
  addUnique(entity.titles, facts.titles, same);
  addUnique(
    entity.identifiers,
    facts.identifiers,
    (i) => `${i.type}|${i.label}|${i.number}|${i.country ?? ""}|${i.issued ?? ""}|${i.expires ?? ""}`,
  );
  addUnique(entity.links, facts.links, (l) => `${l.relation}|${l.name}`);
  addUnique(entity.websites, facts.websites, same);
  addUnique(entity.emails, facts.emails, same);
  addUnique(entity.phones, facts.phones, same);
  addUnique(entity.sanctionsInfo, facts.sanctionsInfo, same);
  addUnique(entity.caatsa235, facts.caatsa235, (m) => `${m.paragraph}|${m.measure}`);
  addUnique(entity.listedOn, facts.listedOn, same);
  if (facts.incorporationDates.length > 0) {
    entity.incorporationDates ??= [];
    addUnique(entity.incorporationDates, facts.incorporationDates, (d) => d.raw);
  }
  if (facts.facts.length > 0) {
    entity.facts ??= [];
    addUnique(entity.facts, facts.facts, (f) => `${f.label}|${f.value}`);
  }
  if (Object.keys(facts.vessel).length > 0) entity.vessel = { ...facts.vessel, ...entity.vessel };
  if (Object.keys(facts.aircraft).length > 0) entity.aircraft = { ...facts.aircraft, ...entity.aircraft };
}
