/**
 * Deterministic generator of realistic, multicultural sanctions-style entities for scale tests: persons from
 * eight naming cultures with spelling-variant aliases, companies with legal forms of many countries, and
 * vessels with IMO numbers. Name parts live in bench/data/*.json; this file only composes them.
 */
import { type Entity, emptyEntity, type NameKind } from "../src/model/entity.ts";
import arabic from "./data/arabic.json" with { type: "json" };
import chinese from "./data/chinese.json" with { type: "json" };
import companies from "./data/companies.json" with { type: "json" };
import english from "./data/english.json" with { type: "json" };
import korean from "./data/korean.json" with { type: "json" };
import persian from "./data/persian.json" with { type: "json" };
import russian from "./data/russian.json" with { type: "json" };
import spanish from "./data/spanish.json" with { type: "json" };
import turkish from "./data/turkish.json" with { type: "json" };
import vessels from "./data/vessels.json" with { type: "json" };
import { createRng, type Rng } from "./rng.ts";
import { nameKey } from "./text.ts";
import { asciify, transliterate } from "./variants.ts";

/** Naming cultures the generator knows. */
export type Culture =
  | "arabic"
  | "persian"
  | "russian"
  | "chinese"
  | "korean"
  | "spanish"
  | "english"
  | "turkish";

/** Rough shares of each culture among listed persons, after the shape of the OFAC list. */
const CULTURE_WEIGHTS: Record<Culture, number> = {
  arabic: 20,
  persian: 14,
  russian: 18,
  chinese: 12,
  korean: 6,
  spanish: 14,
  english: 8,
  turkish: 8,
};

type Flavor = Culture | "german";
const FLAVOR_WEIGHTS: Record<Flavor, number> = {
  english: 18,
  russian: 18,
  chinese: 15,
  persian: 12,
  arabic: 12,
  turkish: 7,
  spanish: 9,
  korean: 5,
  german: 4,
};

const SCHEMA_WEIGHTS = { person: 58, organization: 37, vessel: 5 };
const ALIAS_COUNT_WEIGHTS = { "0": 30, "1": 30, "2": 20, "3": 12, "4": 8 };

interface CultureTable {
  countries: string[];
  programs: string[];
  variants: string[][];
}
const TABLES: Record<Culture, CultureTable> = {
  arabic,
  persian,
  russian,
  chinese,
  korean,
  spanish,
  english,
  turkish,
};

/** A person name in parts, so that it can be rendered in several orders and shortened. */
export interface PersonName {
  culture: Culture;
  female: boolean;
  /** Given name(s), in order. */
  given: string[];
  /** Father's name, patronymic, second given name or maternal surname: the part people drop. */
  middle: string[];
  family: string[];
  /** Family name comes first in natural order (Chinese, Korean). */
  familyFirst: boolean;
}

/** Two syllables as one given name: "Xiaoming", "Jong-un" or "Jong Un", by the separator. */
function syllables(rng: Rng, parts: readonly string[], sep: string): string {
  const a = rng.pick(parts);
  const b = rng.pick(parts);
  if (a.length + b.length > 9) return a;
  return `${a}${sep}${sep === " " ? b : b.toLowerCase()}`;
}

function russianPatronymic(father: string, female: boolean): string {
  const exceptions = russian.patronymic.exceptions as Record<string, string[]>;
  const special = exceptions[father];
  if (special) return special[female ? 1 : 0] as string;
  const ends = female ? russian.patronymic.female : russian.patronymic.male;
  if (/[yi]$/.test(father)) return father.slice(0, -1) + ends.soft;
  if (/a$/.test(father)) return father.slice(0, -1) + ends.consonant;
  return father + ends.consonant;
}

function russianFeminine(family: string): string {
  for (const [m, f] of russian.feminine) {
    if (family.endsWith(m as string)) return family.slice(0, -(m as string).length) + f;
  }
  return family;
}

/** A random person name of one culture (or a culture drawn by the list's mix). */
export function randomPerson(
  rng: Rng,
  culture: Culture = rng.weighted(CULTURE_WEIGHTS),
  female = rng.chance(culture === "russian" ? 0.2 : 0.12),
): PersonName {
  const name: PersonName = { culture, female, given: [], middle: [], family: [], familyFirst: false };
  switch (culture) {
    case "arabic": {
      name.given.push(rng.pick(female ? arabic.female : arabic.male));
      const father = rng.next();
      if (father < 0.35) name.middle.push(female ? "bint" : rng.pick(["bin", "ibn"]), rng.pick(arabic.male));
      else if (father < 0.65) name.middle.push(rng.pick(arabic.male));
      if (rng.chance(0.85)) name.family.push(rng.pick(arabic.family));
      else name.family.push(rng.pick(arabic.male));
      break;
    }
    case "persian": {
      if (!female && rng.chance(0.1)) name.given.push(rng.pick(persian.prefixes));
      name.given.push(rng.pick(female ? persian.female : persian.male));
      if (rng.chance(0.12)) name.middle.push(rng.pick(persian.male));
      name.family.push(rng.pick(persian.family));
      break;
    }
    case "russian": {
      name.given.push(rng.pick(female ? russian.female : russian.male));
      if (rng.chance(0.8)) name.middle.push(russianPatronymic(rng.pick(russian.male), female));
      const family = rng.pick(russian.family);
      name.family.push(female ? russianFeminine(family) : family);
      break;
    }
    case "chinese": {
      name.familyFirst = true;
      name.family.push(rng.pick(chinese.family));
      name.given.push(rng.chance(0.35) ? rng.pick(chinese.given) : syllables(rng, chinese.given, ""));
      break;
    }
    case "korean": {
      name.familyFirst = true;
      name.family.push(rng.pick(korean.family));
      name.given.push(syllables(rng, korean.given, rng.pick([" ", "-", ""])));
      break;
    }
    case "spanish": {
      name.given.push(rng.pick(female ? spanish.female : spanish.male));
      if (rng.chance(0.2)) name.given.push(rng.pick(female ? spanish.female : spanish.male));
      name.family.push(rng.pick(spanish.family));
      if (rng.chance(0.7)) name.middle.push(rng.pick(spanish.family));
      break;
    }
    case "english": {
      name.given.push(rng.pick(female ? english.female : english.male));
      const middle = rng.next();
      if (middle < 0.25) name.middle.push(rng.pick(english.male));
      else if (middle < 0.45) name.middle.push(`${rng.pick(english.male).charAt(0)}.`);
      name.family.push(rng.pick(english.family));
      break;
    }
    case "turkish": {
      name.given.push(rng.pick(female ? turkish.female : turkish.male));
      if (rng.chance(0.15)) name.given.push(rng.pick(female ? turkish.female : turkish.male));
      name.family.push(rng.pick(turkish.family));
      break;
    }
  }
  return name;
}

/**
 * A person name as text. Spanish maternal surnames follow the paternal one; other middles follow the given
 * name. `listed` gives the list style "FAMILY, Given Middle"; otherwise natural order for the culture.
 */
export function renderPerson(p: PersonName, style: "natural" | "listed" | "western", drop = false): string {
  const middle = drop ? [] : p.middle;
  const familyPart = p.culture === "spanish" ? [...p.family, ...middle] : p.family;
  const givenPart = p.culture === "spanish" ? p.given : [...p.given, ...middle];
  const family = familyPart.join(" ");
  const given = givenPart.join(" ");
  if (style === "listed") return `${family.toUpperCase()}, ${given}`;
  if (style === "natural" && p.familyFirst) return `${family} ${given}`;
  return `${given} ${family}`;
}

interface VariantGroup {
  spellings: string[];
  patterns: RegExp[];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whole-word patterns; \b is ASCII-only in JS, so letters are told apart with Unicode classes. */
function wordPattern(spelling: string): RegExp {
  const tail = /\p{L}$/u.test(spelling) ? "(?!\\p{L})" : "";
  return new RegExp(`(?<!\\p{L})${escapeRegExp(spelling)}${tail}`, "iu");
}

// Compiled once: the 1M-entity run respells hundreds of thousands of names.
const VARIANT_GROUPS: Record<Culture, VariantGroup[]> = Object.fromEntries(
  Object.entries(TABLES).map(([culture, table]) => [
    culture,
    table.variants.map((spellings) => ({ spellings, patterns: spellings.map(wordPattern) })),
  ]),
) as Record<Culture, VariantGroup[]>;

function swapVariant(text: string, culture: Culture, rng: Rng): string | undefined {
  const hits: { group: VariantGroup; at: number }[] = [];
  for (const group of VARIANT_GROUPS[culture]) {
    const at = group.patterns.findIndex((p) => p.test(text));
    if (at >= 0) hits.push({ group, at });
  }
  if (hits.length === 0) return undefined;
  const { group, at } = rng.pick(hits);
  const current = group.spellings[at] as string;
  const others = group.spellings.filter((v) => v.toLowerCase() !== current.toLowerCase());
  if (others.length === 0) return undefined;
  return text.replace(group.patterns[at] as RegExp, rng.pick(others));
}

/** A respelling of one word of a name, by the culture's variant groups or by a transliteration rule. */
export function respell(text: string, culture: Culture | undefined, rng: Rng): string | undefined {
  if (culture && rng.chance(0.6)) {
    const swapped = swapVariant(text, culture, rng);
    if (swapped && swapped !== text) return swapped;
  }
  const words = text.split(" ");
  for (const i of rng.shuffle(words.map((_, i) => i))) {
    const changed = transliterate(words[i] as string, rng);
    if (changed) {
      words[i] = changed;
      return words.join(" ");
    }
  }
  return undefined;
}

function personAlias(p: PersonName, rng: Rng): { full: string; kind: NameKind } | undefined {
  const style = rng.pick(["natural", "listed", "western"] as const);
  switch (rng.weighted({ spelling: 45, short: 15, order: 10, ascii: 8, nickname: 12, other: 10 })) {
    case "spelling": {
      const full = respell(renderPerson(p, style), p.culture, rng);
      return full ? { full, kind: "aka" } : undefined;
    }
    case "short":
      return p.middle.length ? { full: renderPerson(p, style, true), kind: "aka" } : undefined;
    case "order":
      return { full: renderPerson(p, style === "listed" ? "western" : "listed"), kind: "aka" };
    case "ascii": {
      const table = p.culture === "turkish" ? turkish.ascii : [];
      const full = asciify(renderPerson(p, style), table);
      return { full, kind: "aka" };
    }
    case "nickname": {
      if (p.culture === "spanish")
        return { full: rng.pick(spanish.nicknames).toUpperCase(), kind: "weak-aka" };
      if (p.culture === "arabic" && !p.female)
        return { full: `${arabic.kunyaPrefix} ${rng.pick(arabic.male)}`, kind: "weak-aka" };
      if (p.culture === "persian" && !p.female)
        return { full: `Haj ${p.given[p.given.length - 1]}`, kind: "weak-aka" };
      return undefined;
    }
    default: {
      const other = randomPerson(rng, p.culture, p.female);
      other.family = p.family;
      return { full: renderPerson(other, style), kind: rng.chance(0.8) ? "aka" : "fka" };
    }
  }
}

/** A random company name of one flavour, with a legal form of a country that flavour belongs to. */
export function randomCompany(rng: Rng, flavor: Flavor = rng.weighted(FLAVOR_WEIGHTS)): string {
  let base: string;
  switch (flavor) {
    case "russian": {
      const roots = companies.russianRoots;
      const n = rng.chance(0.6) ? 2 : 3;
      let word = rng.pick(roots);
      for (let i = 1; i < n; i++) word += rng.pick(roots).toLowerCase();
      word += rng.pick(companies.russianTails).toLowerCase();
      base = rng.chance(0.2) ? `Torgovy Dom ${word}` : word;
      break;
    }
    case "chinese":
      base = `${rng.pick(companies.chinesePlaces)} ${rng.pick(companies.chineseBrands)} ${rng.pick(companies.sectors)}`;
      break;
    case "persian":
      base = `${rng.pick(companies.persianWords)} ${rng.chance(0.5) ? `${rng.pick(companies.persianWords)} ` : ""}${rng.pick(companies.persianSectors)}`;
      break;
    case "arabic":
      base = `${rng.pick(companies.arabicWords)} ${rng.pick(companies.arabicSectors)}`;
      break;
    case "turkish":
      base = `${rng.pick(companies.turkishWords)} ${rng.pick(companies.turkishSectors)}`;
      break;
    case "spanish":
      base =
        `${rng.pick(companies.spanishHeads)} ${rng.chance(0.5) ? rng.pick(spanish.family) : rng.pick(companies.words)} ${rng.chance(0.5) ? rng.pick(companies.spanishTails) : ""}`.trim();
      break;
    case "korean":
      base = `${rng.pick(companies.koreanWords)} ${rng.pick(companies.koreanSectors)}`;
      break;
    case "german":
      base = `${rng.pick(companies.germanHeads)} ${rng.pick(companies.germanSectors)}`;
      break;
    default:
      base = `${rng.pick(companies.words)} ${rng.chance(0.4) ? `${rng.pick(companies.words)} ` : ""}${rng.pick(companies.sectors)}`;
  }
  // North Korean trading names already end in "Corporation" or "Company" and mostly carry no other form.
  if (/(Corporation|Company|Bank)$/.test(base) && rng.chance(0.8)) return base;
  const forms = companies.legalForms.filter((f) => f.flavors.includes(flavor));
  const form = rng.pick(forms);
  return form.position === "prefix" ? `${form.form} ${base}` : `${base} ${form.form}`;
}

// Longest first, so that "Offshore SAL" is recognised before "SAL".
const LEGAL_FORMS = [...companies.legalForms].sort((a, b) => b.form.length - a.form.length);

/** The legal form a company name carries, and the name without it. */
function splitLegalForm(name: string): { base: string; form?: (typeof LEGAL_FORMS)[number] } {
  const upper = name.toUpperCase();
  for (const form of LEGAL_FORMS) {
    const f = form.form.toUpperCase();
    if (form.position === "prefix" && upper.startsWith(`${f} `))
      return { base: name.slice(f.length + 1), form };
    if (form.position === "suffix" && upper.endsWith(` ${f}`))
      return { base: name.slice(0, -f.length - 1), form };
  }
  return { base: name };
}

function stripLegalForm(name: string): string {
  return splitLegalForm(name).base;
}

function longLegalForm(name: string): string | undefined {
  const { base, form } = splitLegalForm(name);
  if (!form) return undefined;
  const long = name === name.toUpperCase() ? form.long.toUpperCase() : form.long;
  return form.position === "prefix" ? `${long} ${base}` : `${base} ${long}`;
}

function companyAlias(name: string, rng: Rng): { full: string; kind: NameKind } | undefined {
  switch (rng.weighted({ bare: 30, long: 20, spelling: 25, initials: 10, former: 15 })) {
    case "bare":
      return { full: stripLegalForm(name), kind: "aka" };
    case "long": {
      const full = longLegalForm(name);
      return full ? { full, kind: "aka" } : undefined;
    }
    case "spelling": {
      const full = respell(name, undefined, rng);
      return full ? { full, kind: "aka" } : undefined;
    }
    case "initials": {
      const words = stripLegalForm(name).split(/\s+/);
      if (words.length < 3) return undefined;
      return { full: words.map((w) => w.charAt(0).toUpperCase()).join(""), kind: "weak-aka" };
    }
    default:
      return { full: randomCompany(rng), kind: "fka" };
  }
}

/** IMO ship numbers carry a check digit: the weighted sum of the first six digits (weights 7..2), mod 10. */
export function imoNumber(rng: Rng): string {
  const digits = [1 + rng.int(9), ...Array.from({ length: 5 }, () => rng.int(10))];
  const check = digits.reduce((s, d, i) => s + d * (7 - i), 0) % 10;
  return [...digits, check].join("");
}

function vesselName(rng: Rng): string {
  const words = [rng.pick(vessels.words)];
  if (rng.chance(0.6)) words.push(rng.pick(vessels.words));
  if (rng.chance(0.35)) words.push(String(1 + rng.int(rng.chance(0.5) ? 9 : 150)));
  return words.join(" ").toUpperCase();
}

function birthDate(rng: Rng): { raw: string; date: string } {
  const year = 1940 + rng.int(60);
  if (rng.chance(0.4)) return { raw: String(year), date: String(year) };
  const month = String(1 + rng.int(12)).padStart(2, "0");
  const day = String(1 + rng.int(28)).padStart(2, "0");
  return { raw: `${year}-${month}-${day}`, date: `${year}-${month}-${day}` };
}

function addNames(
  entity: Entity,
  primary: string,
  aliases: () => { full: string; kind: NameKind } | undefined,
  rng: Rng,
) {
  entity.names.push({ full: primary, kind: "primary" });
  const seen = new Set([nameKey(primary)]);
  const wanted = Number(rng.weighted(ALIAS_COUNT_WEIGHTS));
  for (let tries = 0; entity.names.length - 1 < wanted && tries < wanted * 3; tries++) {
    const alias = aliases();
    if (!alias) continue;
    const key = nameKey(alias.full);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    entity.names.push(alias);
  }
}

/** Synthetic entities get OFAC-like ids far above the real list's numbers, so the two never collide. */
export const SYNTHETIC_ID_BASE = 50_000_000;

/** One synthetic entity; `n` is its ordinal, which fixes its id. */
export function syntheticEntity(n: number, rng: Rng): Entity {
  const sourceId = String(SYNTHETIC_ID_BASE + n);
  const kind = rng.weighted(SCHEMA_WEIGHTS);
  if (kind === "person") {
    const e = emptyEntity("ofac", sourceId, "Person");
    const p = randomPerson(rng);
    const table = TABLES[p.culture];
    const primary = renderPerson(p, rng.chance(0.6) ? "listed" : "natural");
    addNames(e, rng.chance(0.3) ? primary.toUpperCase() : primary, () => personAlias(p, rng), rng);
    e.programs.push(rng.pick(table.programs));
    if (rng.chance(0.15)) e.programs.push(rng.pick(table.programs));
    e.nationalities.push(rng.pick(table.countries));
    e.gender = p.female ? "Female" : "Male";
    if (rng.chance(0.7)) e.birthDates.push(birthDate(rng));
    if (rng.chance(0.15)) {
      const number = `${String.fromCharCode(65 + rng.int(26))}${String(rng.int(1e8)).padStart(8, "0")}`;
      e.identifiers.push({ type: "passport", label: "Passport", number, country: e.nationalities[0] });
    }
    return e;
  }
  if (kind === "organization") {
    const e = emptyEntity("ofac", sourceId, "Organization");
    const flavor = rng.weighted(FLAVOR_WEIGHTS);
    const primary = randomCompany(rng, flavor).toUpperCase();
    addNames(e, primary, () => companyAlias(primary, rng), rng);
    const table = TABLES[flavor === "german" ? "english" : flavor];
    e.programs.push(rng.pick(table.programs));
    e.addresses.push({ country: rng.pick(table.countries) });
    if (rng.chance(0.2)) {
      e.identifiers.push({
        type: "registration",
        label: "Registration Number",
        number: String(1e9 + rng.int(9e9)),
      });
    }
    return e;
  }
  const e = emptyEntity("ofac", sourceId, "Vessel");
  const name = vesselName(rng);
  addNames(
    e,
    name,
    () => ({
      full: rng.chance(0.5) ? `${rng.pick(vessels.prefixes)} ${name}` : vesselName(rng),
      kind: "fka",
    }),
    rng,
  );
  e.programs.push(rng.pick(["IRAN", "SDGT", "DPRK3", "VENEZUELA-EO13850", "RUSSIA-EO14024"]));
  const imo = imoNumber(rng);
  e.identifiers.push({ type: "imo", label: "Vessel Registration Identification", number: `IMO ${imo}` });
  e.vessel = { vesselType: rng.pick(vessels.types), flag: rng.pick(vessels.flags) };
  return e;
}

/** `count` synthetic entities, the same for the same seed. */
export function generateEntities(count: number, seed = 1): Entity[] {
  const rng = createRng(seed);
  const out: Entity[] = new Array(count);
  for (let n = 0; n < count; n++) out[n] = syntheticEntity(n, rng);
  return out;
}
