import type { Entity } from "../model/entity.ts";
import { countryCode, countryCodesIn } from "../names/countries.ts";
import { MIN_IDENTIFIER_LENGTH, normalizeIdentifier } from "./name-index.ts";
import type { ScreenQuery } from "./types.ts";

/** A change to a name score because other facts agree or disagree. */
export interface Adjustment {
  reason: string;
  delta: number;
}

const YEAR = /\b(1[89]\d\d|20\d\d)\b/g;

/** Every birth year an entity's birth dates allow, ranges expanded. */
export function birthYears(entity: Entity): number[] {
  const years = new Set<number>();
  for (const d of entity.birthDates) {
    const from = d.from ? Number(d.from.slice(0, 4)) : undefined;
    const to = d.to ? Number(d.to.slice(0, 4)) : undefined;
    if (from && to && to >= from && to - from < 50) {
      for (let y = from; y <= to; y++) years.add(y);
    }
    const text = `${d.date ?? ""} ${d.raw}`;
    for (const m of text.matchAll(YEAR)) years.add(Number(m[1]));
  }
  return [...years];
}

/** Full birth dates (YYYY-MM-DD) an entity's list entry gives. */
function fullDates(entity: Entity): string[] {
  return entity.birthDates.map((d) => d.date).filter((d): d is string => d !== undefined && d.length === 10);
}

const BIRTH = {
  exact: 0.1,
  swapped: 0.05,
  month: 0.07,
  year: 0.05,
  differs: -0.15,
};

/**
 * How the query's birth date (YYYY, YYYY-MM or YYYY-MM-DD) compares with the list's: exact date, day and month
 * swapped (07/10 read as 10/07), same month, year within the list's years or ranges, or a different year.
 */
export function compareBirthDate(dob: string, entity: Entity): Adjustment | undefined {
  const years = birthYears(entity);
  if (years.length === 0) return undefined;
  const dates = fullDates(entity);
  if (dob.length === 10) {
    if (dates.includes(dob)) return { reason: `birth date ${dob} equals the list's`, delta: BIRTH.exact };
    const [y, m, d] = dob.split("-");
    const swapped = `${y}-${d}-${m}`;
    if (Number(d) <= 12 && dates.includes(swapped)) {
      return {
        reason: `birth date ${dob} equals the list's ${swapped} with day and month swapped`,
        delta: BIRTH.swapped,
      };
    }
  }
  if (dob.length >= 7) {
    const month = dob.slice(0, 7);
    if (entity.birthDates.some((d) => d.date?.slice(0, 7) === month)) {
      return { reason: `birth month ${month} agrees with the list`, delta: BIRTH.month };
    }
  }
  const year = Number(dob.slice(0, 4));
  if (years.includes(year)) {
    return { reason: `birth year ${year} agrees with the list (${years.join(", ")})`, delta: BIRTH.year };
  }
  // A year off by one is often a data-entry or calendar difference: neither support nor contradiction.
  if (years.some((y) => Math.abs(y - year) <= 1)) {
    return { reason: `birth year ${year} is one year from the list's (${years.join(", ")})`, delta: 0 };
  }
  return { reason: `birth year ${year} differs from the list (${years.join(", ")})`, delta: BIRTH.differs };
}

/** Every country an entity is tied to: nationality, citizenship, addresses, birth places. */
export function entityCountries(entity: Entity): Set<string> {
  const codes = new Set<string>();
  const add = (text: string | undefined) => {
    if (!text) return;
    for (const code of countryCodesIn(text)) codes.add(code);
  };
  entity.nationalities.forEach(add);
  entity.citizenships.forEach(add);
  entity.birthPlaces.forEach(add);
  for (const a of entity.addresses) add(a.country);
  return codes;
}

/** The entity's identifier that equals the query's, if any. */
export function identifierMatch(query: ScreenQuery, entity: Entity) {
  if (!query.id) return undefined;
  const wanted = normalizeIdentifier(query.id);
  if (wanted.length < MIN_IDENTIFIER_LENGTH) return undefined;
  return entity.identifiers.find((i) => normalizeIdentifier(i.number) === wanted);
}

/** Score changes from the query's birth date, country and identifier, each with its reason. */
export function factAdjustments(query: ScreenQuery, entity: Entity): Adjustment[] {
  const out: Adjustment[] = [];
  const id = identifierMatch(query, entity);
  if (id) out.push({ reason: `identifier ${id.label} ${id.number} equals the query's`, delta: 0 });
  if (query.dob && entity.schema === "Person") {
    const dob = compareBirthDate(query.dob, entity);
    if (dob) out.push(dob);
  }
  if (query.country) {
    const code = countryCode(query.country);
    const listed = entityCountries(entity);
    if (code && listed.size > 0) {
      out.push(
        listed.has(code)
          ? { reason: `country ${code} agrees with the list`, delta: 0.03 }
          : { reason: `country ${code} is not among the list's (${[...listed].join(", ")})`, delta: -0.05 },
      );
    }
  }
  return out;
}
