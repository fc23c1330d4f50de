/**
 * The EU Financial Sanctions Files (schema v1.1, namespace http://eu.europa.ec/fpi/fsd/export), shared by the XML
 * and the CSV reader: both hand over each sanctioned entity as an EuRecord whose attribute names are the XML's
 * (wholeName, countryIso2Code, identificationTypeCode…), and this module turns it into an Entity.
 */
import idTable from "../../resources/eu-identification-types.json" with { type: "json" };
import {
  type Address,
  type DateValue,
  type Entity,
  emptyEntity,
  type Identifier,
  type IdentifierType,
  type NameKind,
  type Schema,
} from "../model/entity.ts";
import { addBirthDate, addName, ensurePrimary, isoDate, pushNew } from "./fields.ts";

/** Attributes of one element, by the XML attribute name. */
export type Attrs = Record<string, string>;

/** One sanctionEntity as both readers deliver it. */
export interface EuRecord {
  /** Line the entity starts on (XML) or its first row (CSV). */
  line: number;
  /** logicalId, designationDate, designationDetails, unitedNationId, euReferenceNumber. */
  entity: Attrs;
  remarks: string[];
  /** programme, numberTitle, publicationDate, entryIntoForceDate, regulationType, publicationUrl. */
  regulation: Attrs;
  /** code ("person", "enterprise") and classificationCode ("P", "E"). */
  subject: Attrs;
  names: Attrs[];
  citizenships: Attrs[];
  births: Attrs[];
  addresses: Attrs[];
  ids: Attrs[];
}

/** A blank record to fill. */
export function emptyEuRecord(line: number): EuRecord {
  return {
    line,
    entity: {},
    remarks: [],
    regulation: {},
    subject: {},
    names: [],
    citizenships: [],
    births: [],
    addresses: [],
    ids: [],
  };
}

const ID_CODES = idTable.codes as Record<string, IdentifierType>;
const ID_DESCRIPTIONS = idTable.descriptions as { contains: string; type: IdentifierType }[];

/** The IdentifierType of an EU identification type code and description (resources/eu-identification-types.json). */
export function euIdentifierType(code: string | undefined, description: string | undefined): IdentifierType {
  const byCode = code ? ID_CODES[code.toLowerCase()] : undefined;
  if (byCode) return byCode;
  const text = description?.toLowerCase() ?? "";
  return ID_DESCRIPTIONS.find((d) => text.includes(d.contains))?.type ?? "other";
}

const val = (a: Attrs, key: string): string | undefined => {
  const v = a[key]?.trim();
  return v ? v : undefined;
};

const isTrue = (v: string | undefined) => v !== undefined && /^(true|1|yes)$/i.test(v);

// The EU writes an unknown country as code "00" with the description "UNKNOWN".
function country(a: Attrs): string | undefined {
  const description = val(a, "countryDescription");
  const code = val(a, "countryIso2Code");
  if (description && !/^unknown$/i.test(description)) return description;
  return code && code !== "00" ? code : undefined;
}

function schemaOf(r: EuRecord): Schema | undefined {
  // The XML writes code="person" classificationCode="P"; the CSV has been seen with the two the other way round.
  const values = [val(r.subject, "classificationCode"), val(r.subject, "code")].map((v) => v?.toLowerCase());
  if (values.some((v) => v === "p" || v === "person")) return "Person";
  if (values.some((v) => v === "e" || v === "enterprise")) return "Organization";
  return undefined;
}

/** Turn one EU record into an entity (source "eu"); problems that do not stop the import go to `warn`. */
export function euEntity(r: EuRecord, warn: (line: number, message: string) => void): Entity | undefined {
  const logicalId = val(r.entity, "logicalId");
  if (!logicalId) {
    warn(r.line, "a sanctionEntity without logicalId skipped");
    return undefined;
  }
  const schema = schemaOf(r);
  if (!schema) {
    warn(r.line, `entity ${logicalId} has subject type ${JSON.stringify(r.subject)}; read as a legal entity`);
  }
  const entity = emptyEntity("eu", logicalId, schema ?? "LegalEntity");
  pushNew(entity.references, val(r.entity, "euReferenceNumber"));
  const un = val(r.entity, "unitedNationId");
  if (un) {
    entity.references.push(`UN ${un}`);
    entity.sameAs = [`un:${un}`];
  }
  const designated = isoDate(val(r.entity, "designationDate"));
  if (designated) entity.listedOn.push(designated);
  pushNew(entity.programs, val(r.regulation, "programme"));
  const remarks = r.remarks.map((t) => t.trim()).filter(Boolean);
  if (remarks.length > 0) entity.remarks = [...new Set(remarks)].join("\n\n");
  const facts = [
    ["Regulation", val(r.regulation, "numberTitle")],
    ["Regulation published", val(r.regulation, "publicationDate")],
    ["Regulation URL", val(r.regulation, "publicationUrl")],
    ["Designation details", val(r.entity, "designationDetails")],
  ].filter((p): p is [string, string] => p[1] !== undefined);
  if (facts.length > 0) entity.facts = facts.map(([label, value]) => ({ label, value }));

  for (const n of r.names) addEuName(entity, n);
  ensurePrimary(entity);
  if (entity.names.length === 0) {
    warn(r.line, `entity ${logicalId} has no name; skipped`);
    return undefined;
  }
  for (const c of r.citizenships) pushNew(entity.citizenships, country(c));
  for (const b of r.births) {
    addBirthDate(entity, euBirthDate(b));
    const place = [val(b, "place"), val(b, "city"), val(b, "region"), country(b)].filter(Boolean).join(", ");
    pushNew(entity.birthPlaces, place);
  }
  for (const a of r.addresses) addEuAddress(entity, a);
  for (const i of r.ids) {
    const id = euIdentifier(i);
    if (id) entity.identifiers.push(id);
  }
  return entity;
}

function addEuName(entity: Entity, n: Attrs): void {
  const first = val(n, "firstName");
  const middle = val(n, "middleName");
  const last = val(n, "lastName");
  const full = val(n, "wholeName") ?? [first, middle, last].filter(Boolean).join(" ");
  if (!full) return;
  const strong = val(n, "strong");
  // strong="true" marks the entity's main names; an alias the EU itself does not vouch for is a weak one.
  const kind: NameKind = strong !== undefined && !isTrue(strong) ? "weak-aka" : "aka";
  const lang = val(n, "nameLanguage")?.toLowerCase();
  addName(entity, {
    full,
    kind:
      kind === "aka" && isTrue(strong) && !entity.names.some((x) => x.kind === "primary") ? "primary" : kind,
    ...(lang ? { lang } : {}),
    ...(first || last
      ? {
          parts: {
            ...(first ? { given: first } : {}),
            ...(middle ? { middle } : {}),
            ...(last ? { family: last } : {}),
          },
        }
      : {}),
  });
  pushNew(entity.titles, val(n, "function"));
  pushNew(entity.titles, val(n, "title"));
  const gender = val(n, "gender");
  if (gender === "M" || gender === "F") entity.gender ??= gender === "M" ? "Male" : "Female";
}

const pad = (n: string) => n.padStart(2, "0");

function euBirthDate(b: Attrs): DateValue | undefined {
  const circa = isTrue(val(b, "circa"));
  const full = val(b, "birthdate");
  const year = val(b, "year");
  const month = val(b, "monthOfYear");
  const day = val(b, "dayOfMonth");
  const from = val(b, "yearRangeFrom");
  const to = val(b, "yearRangeTo");
  const c = circa ? { circa: true } : {};
  if (full) {
    const date = isoDate(full);
    return { raw: full, ...(date ? { date } : {}), ...c };
  }
  if (year) {
    const date = month ? (day ? `${year}-${pad(month)}-${pad(day)}` : `${year}-${pad(month)}`) : year;
    return { raw: date, date, ...c };
  }
  if (from || to)
    return { raw: `${from ?? "?"} to ${to ?? "?"}`, ...(from ? { from } : {}), ...(to ? { to } : {}), ...c };
  return undefined;
}

function addEuAddress(entity: Entity, a: Attrs): void {
  const address: Address = {};
  const street = [val(a, "street"), val(a, "poBox") ? `PO Box ${val(a, "poBox")}` : undefined].filter(
    Boolean,
  );
  if (street.length > 0) address.street = street.join(", ");
  const city = val(a, "city") ?? val(a, "place");
  if (city) address.city = city;
  const region = val(a, "region");
  if (region) address.region = region;
  const zip = val(a, "zipCode");
  if (zip) address.postalCode = zip;
  const c = country(a);
  if (c) address.country = c;
  if (Object.keys(address).length > 0) entity.addresses.push(address);
  // Contact details come as "key=value" pairs (XML contactInfo) or as text (CSV Address_ContactInfo).
  for (const line of (val(a, "contactInfo") ?? "").split(/\s*;\s*/).filter(Boolean)) {
    const [key, ...rest] = line.split("=");
    const value = rest.join("=").trim() || line;
    const k = (rest.length > 0 ? key : line)?.toLowerCase() ?? "";
    if (/mail/.test(k)) pushNew(entity.emails, value.replace(/^e-?mail:?\s*/i, ""));
    else if (/web|url/.test(k)) pushNew(entity.websites, value.replace(/^web(site)?:?\s*/i, ""));
    else if (/phone|fax|tel/.test(k)) pushNew(entity.phones, value.replace(/^(phone|tel|fax):?\s*/i, ""));
  }
}

function euIdentifier(i: Attrs): Identifier | undefined {
  const number = val(i, "number") ?? val(i, "latinNumber");
  if (!number) return undefined;
  const code = val(i, "identificationTypeCode");
  const description = val(i, "identificationTypeDescription");
  const id: Identifier = {
    type: euIdentifierType(code, description),
    label: description ?? code ?? "Identification",
    number,
  };
  const c = country(i);
  if (c) id.country = c;
  const issued = isoDate(val(i, "issueDate"));
  if (issued) id.issued = issued;
  const expires = isoDate(val(i, "validTo"));
  if (expires) id.expires = expires;
  const notes = [
    isTrue(val(i, "knownFalse")) ? "known to be false" : undefined,
    isTrue(val(i, "knownExpired")) ? "known to be expired" : undefined,
    isTrue(val(i, "diplomatic")) ? "diplomatic" : undefined,
    isTrue(val(i, "reportedLost")) ? "reported lost" : undefined,
    isTrue(val(i, "revokedByIssuer")) ? "revoked by the issuer" : undefined,
    val(i, "nameOnDocument") ? `name on document: ${val(i, "nameOnDocument")}` : undefined,
    val(i, "issuedBy") ? `issued by ${val(i, "issuedBy")}` : undefined,
    val(i, "latinNumber") && val(i, "number") ? `in Latin letters: ${val(i, "latinNumber")}` : undefined,
  ].filter(Boolean);
  if (notes.length > 0) id.note = notes.join("; ");
  return id;
}
