/**
 * The entity model: plain types, no behaviour. Close to FollowTheMoney so that an export to it is a mapping,
 * not a redesign: `schema` uses FtM's schema names and most fields map to one FtM property.
 */

/**
 * Lists redline can load. Each source has one active list version at a time. `lsp` is the State Department's
 * CAATSA §231 List of Specified Persons, which ships with redline (resources/caatsa-231-lsp.json).
 */
export type SourceId = "ofac" | "ofac-cons" | "un" | "eu" | "uk" | "us-csl" | "lsp";

/** Every source, in the order lists are shown. */
export const SOURCE_IDS: readonly SourceId[] = ["ofac", "ofac-cons", "un", "eu", "uk", "us-csl", "lsp"];

/** FtM schema of a list entry; `LegalEntity` when the publisher does not say person or organisation. */
export type Schema = "Person" | "Organization" | "Vessel" | "Aircraft" | "LegalEntity";

/**
 * How a name relates to the entry: `primary` is the listed name; `aka` a strong (good-quality) alias;
 * `weak-aka` a low-quality alias (OFAC "weak", UN "Low"); `fka` formerly known as; `nka` now known as.
 */
export type NameKind = "primary" | "aka" | "weak-aka" | "fka" | "nka";

/** One name of an entry, as published. */
export interface Name {
  /** The whole name as published (e.g. "AL-BAGHDADI, Abu Bakr" or "ROSOBORONEKSPORT OAO"). */
  full: string;
  kind: NameKind;
  /** ISO 15924 script code when the name is not in Latin script (e.g. "Arab", "Cyrl", "Hang"). */
  script?: string;
  /** Language of the name when the publisher says (ISO 639-1). */
  lang?: string;
  /** Parts when the publisher splits them. */
  parts?: NameParts;
  /** The publisher's note on this name (UN alias NOTE, e.g. "nom de guerre", "previously listed as"). */
  note?: string;
}

export interface NameParts {
  given?: string;
  middle?: string;
  family?: string;
  /** UN lists split names into FIRST..FOURTH_NAME without saying which is which. */
  other?: string[];
}

/**
 * A date as published, which may be exact, a year, a month, a range or approximate.
 * `date` is ISO 8601 with the precision the publisher gave (YYYY, YYYY-MM or YYYY-MM-DD).
 */
export interface DateValue {
  /** Original text, e.g. "circa 1966", "1958 to 1960", "27 Oct 1972". */
  raw: string;
  date?: string;
  /** Inclusive range bounds (ISO, publisher's precision) when the publisher gave a range. */
  from?: string;
  to?: string;
  circa?: boolean;
}

/** Kinds of identifier that redline understands; anything else is kept as `other` with its label. */
export type IdentifierType =
  | "passport"
  | "national-id"
  | "tax-id"
  | "registration"
  | "swift-bic"
  | "imo"
  | "mmsi"
  | "crypto"
  | "drivers-license"
  | "ssn"
  | "cedula"
  | "curp"
  | "aircraft-serial"
  | "aircraft-tail"
  | "lei"
  | "duns"
  | "other";

export interface Identifier {
  type: IdentifierType;
  /** The label as published, e.g. "Passport", "NIT #", "Digital Currency Address - XBT". */
  label: string;
  number: string;
  /** Issuing country as published (a name, not a code). */
  country?: string;
  issued?: string;
  expires?: string;
  note?: string;
}

export interface Address {
  street?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
  note?: string;
}

export interface VesselDetails {
  callSign?: string;
  vesselType?: string;
  tonnage?: string;
  grossRegisteredTonnage?: string;
  flag?: string;
  owner?: string;
  yearBuilt?: string;
}

export interface AircraftDetails {
  model?: string;
  manufactureDate?: string;
  operator?: string;
  serialNumber?: string;
  tailNumber?: string;
}

/** Relations between entries, named as OFAC publishes them. */
export type LinkRelation = "linked-to" | "subsidiary-of" | "owned-or-controlled-by" | "associate-of";

export interface Link {
  relation: LinkRelation;
  /** The other party's name as written in the source. */
  name: string;
  /** redline entity id of the other party when it was resolved. */
  targetId?: string;
}

/** A CAATSA §235 measure recorded in OFAC remarks ("CAATSA Section 235 Information: ... Sec. 235(a)(n)"). */
export interface Caatsa235Measure {
  measure: string;
  /** The §235(a) paragraph number, 1–12. */
  paragraph: number;
}

/** A labelled statement from the publisher that has no field of its own (e.g. OFAC "Target Type"). */
export interface LabelledFact {
  label: string;
  value: string;
}

/** One entry of one list. */
export interface Entity {
  /** redline id: `${source}:${sourceId}`. */
  id: string;
  source: SourceId;
  /** The publisher's own id (OFAC ent_num, UN DATAID or reference number). */
  sourceId: string;
  /** The list version this entry was loaded from (set by the store). */
  listVersion?: number;
  schema: Schema;
  names: Name[];
  programs: string[];
  /** Dates the entry was listed (ISO). */
  listedOn: string[];
  addresses: Address[];
  birthDates: DateValue[];
  birthPlaces: string[];
  nationalities: string[];
  citizenships: string[];
  gender?: string;
  /** Titles and designations (e.g. "Chief of Staff", OFAC Title column). */
  titles: string[];
  identifiers: Identifier[];
  vessel?: VesselDetails;
  aircraft?: AircraftDetails;
  links: Link[];
  websites: string[];
  emails: string[];
  phones: string[];
  /**
   * OFAC sanctions statements: "Additional Sanctions Information -" values (e.g. "Subject to Secondary
   * Sanctions"), and other statements kept whole ("Secondary sanctions risk: …", directive determinations).
   */
  sanctionsInfo: string[];
  caatsa235: Caatsa235Measure[];
  /** Dates an organisation was established or incorporated (OFAC "Organization Established Date"). */
  incorporationDates?: DateValue[];
  /** Other labelled statements, e.g. OFAC "Organization Type", "Target Type", "Former Vessel Flag". */
  facts?: LabelledFact[];
  /** Free text the publisher attached; OFAC remarks in full (continuations merged). */
  remarks?: string;
  /** Other publisher references (e.g. UN reference number "QDe.115"). */
  references: string[];
  /** The publisher's list inside a source that bundles several (US CSL: "SDN", "SSI", "EL", "DPL"…). */
  list?: string;
  /**
   * Entries of other lists that the publisher itself says are this party, as redline ids: the OFAC entry of a
   * US CSL row ("ofac:18782"), the UN entry an EU or UK listing implements ("un:QDi.001").
   */
  sameAs?: string[];
}

/** A loaded version of one list. */
export interface ListVersion {
  id: number;
  source: SourceId;
  /** Publication date from the file (ISO), if the file carries one. */
  published?: string;
  importedAt: string;
  entities: number;
  names: number;
  /** SHA-256 of each input file, by file name. */
  checksums: Record<string, string>;
  warnings: string[];
  /** Set when the version is not an official list (the built-in demo data). */
  note?: string;
}

/** A blank entity with every array present, so parsers only fill in what they find. */
export function emptyEntity(source: SourceId, sourceId: string, schema: Schema): Entity {
  return {
    id: `${source}:${sourceId}`,
    source,
    sourceId,
    schema,
    names: [],
    programs: [],
    listedOn: [],
    addresses: [],
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
    references: [],
  };
}
