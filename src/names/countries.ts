import table from "../../resources/countries.json" with { type: "json" };
import { normalizeName } from "./normalize.ts";

const byName = new Map<string, string>();
for (const { code, name, aliases } of table.countries) {
  byName.set(code.toLowerCase(), code);
  byName.set(normalizeName(name), code);
  for (const alias of aliases) byName.set(normalizeName(alias), code);
}

/** ISO 3166-1 alpha-2 code for a country name, alias or code as lists and customers write it. */
export function countryCode(text: string): string | undefined {
  return byName.get(normalizeName(text));
}

/** Country codes named anywhere in a free-text place ("Tehran, Iran" → IR), trying the last parts first. */
export function countryCodesIn(place: string): string[] {
  const whole = countryCode(place);
  if (whole) return [whole];
  const parts = place
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean)
    .reverse();
  const out: string[] = [];
  for (const part of parts) {
    const code = countryCode(part);
    if (code && !out.includes(code)) out.push(code);
  }
  return out;
}
