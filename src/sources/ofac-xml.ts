/**
 * OFAC legacy XML (sdn.xml, consolidated.xml; namespace http://tempuri.org/sdnList.xsd): root <sdnList> with
 * <publshInformation> (OFAC's spelling) and one <sdnEntry> per listing. The file is streamed; each entry is
 * gathered as a small element tree and mapped when it closes. Identifiers and the statements the delimited files
 * keep in their remarks come here as idList entries, and go through the same rules (ofac-remarks.ts).
 */
import { SaxesParser } from "saxes";
import { DataError } from "../errors.ts";
import { type Address, type Entity, emptyEntity, type NameKind, type Schema } from "../model/entity.ts";
import {
  applyLabelledValue,
  emptyRemarkFacts,
  type IdentifierExtras,
  mergeRemarkFacts,
  parseOfacDate,
  parseOfacRemarks,
  splitPersonName,
} from "./ofac-remarks.ts";
import type { ParsedList } from "./types.ts";
import { streamXml } from "./xml-stream.ts";

const ROOT = "sdnList";
const ENTRY = "sdnEntry";

const SCHEMAS: Record<string, Schema> = {
  individual: "Person",
  entity: "Organization",
  vessel: "Vessel",
  aircraft: "Aircraft",
};

interface El {
  name: string;
  text: string;
  children: El[];
  line: number;
}

const child = (el: El, name: string): El | undefined => el.children.find((c) => c.name === name);
const children = (el: El, name: string): El[] => el.children.filter((c) => c.name === name);

/** Text of a child element, trimmed; undefined when absent or empty. */
function text(el: El | undefined, name: string): string | undefined {
  const t = el ? child(el, name)?.text.trim() : undefined;
  return t ? t : undefined;
}

/** Items of a list element: <nationalityList><nationality>…</nationality></nationalityList>. */
const items = (el: El, list: string, item: string): El[] => children(child(el, list) ?? emptyEl, item);
const emptyEl: El = { name: "", text: "", children: [], line: 0 };

/** The name as the delimited files write it: "LAST, First" for a person, the last name alone otherwise. */
function fullName(last: string | undefined, first: string | undefined): string | undefined {
  if (last && first) return `${last}, ${first}`;
  return last ?? first;
}

/**
 * A weak alias is weak-aka whatever its type, as in the delimited files, where OFAC moves every weak alias
 * (a.k.a., f.k.a. or n.k.a.) into the remarks; a strong one is aka, fka or nka by its type.
 */
function akaKind(type: string | undefined, category: string | undefined): NameKind {
  if ((category ?? "").trim().toLowerCase() === "weak") return "weak-aka";
  const t = (type ?? "").toLowerCase().replace(/[^a-z]/g, "");
  return t === "fka" ? "fka" : t === "nka" ? "nka" : "aka";
}

/** "04/06/2018" (MM/DD/YYYY) → "2018-04-06". */
function usDate(value: string | undefined): string | undefined {
  const m = value ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim()) : null;
  if (!m) return undefined;
  return `${m[3]}-${(m[1] as string).padStart(2, "0")}-${(m[2] as string).padStart(2, "0")}`;
}

function isoOrRaw(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return parseOfacDate(value)?.date ?? usDate(value) ?? value;
}

function mapEntry(el: El, source: "ofac" | "ofac-cons", path: string, warnings: string[]): Entity {
  const uid = text(el, "uid");
  if (!uid || !/^\d+$/.test(uid)) {
    throw new DataError(`<${ENTRY}> has no numeric <uid>: the file is corrupted`, {
      file: path,
      line: el.line,
    });
  }
  const type = text(el, "sdnType");
  let schema: Schema = "Organization";
  if (type) {
    const known = SCHEMAS[type.toLowerCase()];
    if (!known)
      warnings.push(`${path}, line ${el.line}: entry ${uid} has unknown sdnType ${JSON.stringify(type)}`);
    schema = known ?? "LegalEntity";
  }
  const entity = emptyEntity(source, uid, schema);

  const last = text(el, "lastName");
  const first = text(el, "firstName");
  const primary = fullName(last, first);
  if (primary) {
    entity.names.push({
      full: primary,
      kind: "primary",
      ...(schema === "Person" && last && first ? { parts: { family: last, given: first } } : {}),
    });
  }
  for (const aka of items(el, "akaList", "aka")) {
    const l = text(aka, "lastName");
    const f = text(aka, "firstName");
    const full = fullName(l, f);
    if (!full) continue;
    const kind = akaKind(text(aka, "type"), text(aka, "category"));
    const parts =
      schema === "Person" ? (l && f ? { family: l, given: f } : splitPersonName(full)) : undefined;
    entity.names.push({ full, kind, ...(parts ? { parts } : {}) });
  }

  for (const p of items(el, "programList", "program")) {
    const t = p.text.trim();
    if (t) entity.programs.push(t);
  }
  const title = text(el, "title");
  if (title) entity.titles.push(...title.split(/;\s+/).map((t) => t.trim()));

  for (const a of items(el, "addressList", "address")) {
    const address: Address = {};
    const street = ["address1", "address2", "address3"]
      .map((n) => text(a, n))
      .filter(Boolean)
      .join(", ");
    if (street) address.street = street;
    const city = text(a, "city");
    if (city) address.city = city;
    const region = text(a, "stateOrProvince");
    if (region) address.region = region;
    const postalCode = text(a, "postalCode");
    if (postalCode) address.postalCode = postalCode;
    const country = text(a, "country");
    if (country) address.country = country;
    entity.addresses.push(address);
  }
  for (const n of items(el, "nationalityList", "nationality")) {
    const c = text(n, "country");
    if (c) entity.nationalities.push(c);
  }
  for (const n of items(el, "citizenshipList", "citizenship")) {
    const c = text(n, "country");
    if (c) entity.citizenships.push(c);
  }
  for (const d of items(el, "dateOfBirthList", "dateOfBirthItem")) {
    const raw = text(d, "dateOfBirth");
    if (raw) entity.birthDates.push(parseOfacDate(raw) ?? { raw });
  }
  for (const p of items(el, "placeOfBirthList", "placeOfBirthItem")) {
    const place = text(p, "placeOfBirth");
    if (place) entity.birthPlaces.push(place);
  }

  const vesselInfo = child(el, "vesselInfo");
  if (vesselInfo) {
    const v = {
      callSign: text(vesselInfo, "callSign"),
      vesselType: text(vesselInfo, "vesselType"),
      flag: text(vesselInfo, "vesselFlag"),
      owner: text(vesselInfo, "vesselOwner"),
      tonnage: text(vesselInfo, "tonnage"),
      grossRegisteredTonnage: text(vesselInfo, "grossRegisteredTonnage"),
    };
    const defined = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined));
    if (Object.keys(defined).length > 0) entity.vessel = defined;
  }

  const facts = emptyRemarkFacts();
  for (const id of items(el, "idList", "id")) {
    const label = text(id, "idType");
    const value = text(id, "idNumber");
    if (!label || !value) {
      warnings.push(`${path}, line ${id.line}: entry ${uid} has an <id> without idType or idNumber`);
      continue;
    }
    const extras: IdentifierExtras = {};
    const country = text(id, "idCountry");
    if (country) extras.country = country;
    const issued = isoOrRaw(text(id, "issueDate"));
    if (issued) extras.issued = issued;
    const expires = isoOrRaw(text(id, "expirationDate"));
    if (expires) extras.expires = expires;
    applyLabelledValue(facts, label, value, schema, extras);
  }
  mergeRemarkFacts(entity, facts);

  const remarks = text(el, "remarks");
  if (remarks) {
    entity.remarks = remarks;
    mergeRemarkFacts(entity, parseOfacRemarks(remarks, schema, { titles: entity.titles }));
  }
  return entity;
}

/**
 * Parse an OFAC legacy XML list (sdn.xml or consolidated.xml) into entities with ids `${source}:${uid}`, with
 * the file's Publish_Date and Record_Count. A malformed or truncated file throws DataError naming file and line.
 */
export async function parseOfacXml(path: string, source: "ofac" | "ofac-cons"): Promise<ParsedList> {
  const warnings: string[] = [];
  const entities: Entity[] = [];
  const seen = new Map<string, number>();
  const parser = new SaxesParser({ xmlns: true });
  const stack: El[] = [];
  let depth = 0;
  let rootSeen = false;
  let rootClosed = false;
  let publishDate: string | undefined;
  let recordCount: string | undefined;
  // The publication block is small and read in full; entries are mapped one at a time as they close.
  let collecting: "entry" | "publish" | undefined;

  parser.on("opentag", (tag) => {
    const name = tag.local;
    if (depth === 0) {
      if (name !== ROOT) {
        throw new DataError(
          `not an OFAC legacy XML list: root element is <${tag.name}>, expected <${ROOT}>`,
          {
            file: path,
            line: parser.line,
          },
        );
      }
      rootSeen = true;
    }
    depth++;
    const el: El = { name, text: "", children: [], line: parser.line };
    if (collecting) {
      stack.at(-1)?.children.push(el);
      stack.push(el);
    } else if (depth === 2 && (name === ENTRY || name === "publshInformation")) {
      collecting = name === ENTRY ? "entry" : "publish";
      stack.push(el);
    }
  });
  const onText = (t: string) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", () => {
    depth--;
    if (depth === 0) rootClosed = true;
    if (!collecting) return;
    const el = stack.pop() as El;
    if (stack.length > 0) return;
    if (collecting === "publish") {
      publishDate = text(el, "Publish_Date");
      recordCount = text(el, "Record_Count");
    } else {
      const entity = mapEntry(el, source, path, warnings);
      const first = seen.get(entity.sourceId);
      if (first !== undefined) {
        throw new DataError(
          `uid ${entity.sourceId} appears twice (first on line ${first}): the file is corrupted`,
          {
            file: path,
            line: el.line,
          },
        );
      }
      seen.set(entity.sourceId, el.line);
      entities.push(entity);
    }
    collecting = undefined;
  });

  await streamXml(parser, path, {
    name: ROOT,
    seen: () => rootSeen,
    closed: () => rootClosed,
  });

  const published = usDate(publishDate);
  if (publishDate && !published) {
    warnings.push(`${path}: Publish_Date ${JSON.stringify(publishDate)} is not MM/DD/YYYY`);
  }
  let declaredCount: number | undefined;
  if (recordCount !== undefined) {
    if (/^\d+$/.test(recordCount)) declaredCount = Number(recordCount);
    else warnings.push(`${path}: Record_Count ${JSON.stringify(recordCount)} is not a number`);
  }
  if (declaredCount !== undefined && declaredCount !== entities.length) {
    warnings.push(`${path}: Record_Count says ${declaredCount} entries, ${entities.length} were read`);
  }
  return {
    source,
    entities,
    ...(published ? { published } : {}),
    ...(declaredCount !== undefined ? { declaredCount } : {}),
    warnings,
  };
}
