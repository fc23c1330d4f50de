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
  const queryYear = query.dob ? Number(query.dob.slice(0, 4)) : undefined;
  if (queryYear && entity.schema === "Person") {
    const years = birthYears(entity);
    if (years.length > 0) {
      const close = years.some((y) => Math.abs(y - queryYear) <= 1);
      out.push(
        close
          ? { reason: `birth year ${queryYear} agrees with the list (${years.join(", ")})`, delta: 0.05 }
          : { reason: `birth year ${queryYear} differs from the list (${years.join(", ")})`, delta: -0.15 },
      );
    }
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
