/** Small helpers the list parsers share: names with their script, dates as publishers write them, de-duplication. */
import type { DateValue, Entity, Name } from "../model/entity.ts";
import { detectScript } from "../names/script.ts";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Push a value unless it is empty or already there. */
export function pushNew(list: string[], value: string | undefined): void {
  const v = value?.trim();
  if (v && !list.includes(v)) list.push(v);
}

/** Add a name unless the entity already has it (same text, any case); its script is recorded. */
export function addName(entity: Entity, name: Name): void {
  const full = name.full.replace(/\s+/g, " ").trim();
  if (!full) return;
  const key = full.toLowerCase();
  const existing = entity.names.find((n) => n.full.toLowerCase() === key);
  if (existing) {
    // A name given again as the primary name is the primary name.
    if (name.kind === "primary" && existing.kind !== "primary") existing.kind = "primary";
    return;
  }
  const script = detectScript(full);
  entity.names.push({ ...name, full, ...(script ? { script } : {}) });
}

/** Make the first name primary when the publisher marked none. */
export function ensurePrimary(entity: Entity): void {
  if (entity.names.length > 0 && !entity.names.some((n) => n.kind === "primary")) {
    const first = entity.names.find((n) => !n.script) ?? entity.names[0];
    if (first) first.kind = "primary";
  }
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A date as publishers write it, as ISO with the precision given: "2022-03-15", "15/03/2022" (day first, 00 for an
 * unknown day or month), "13-Feb-2026", "15 Mar 2022", "Mar 2022", "1961". Undefined when it is none of these.
 */
export function isoDate(text: string | undefined): string | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  const iso = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|T|\s)/.exec(t);
  if (iso) return [iso[1], iso[2], iso[3]].filter(Boolean).join("-");
  const dmy = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(t);
  if (dmy) {
    const [, d, m, y] = dmy.map(Number) as [number, number, number, number];
    if (m === 0) return String(y);
    if (m > 12 || d > 31) return undefined;
    return d === 0 ? `${y}-${pad(m)}` : `${y}-${pad(m)}-${pad(d)}`;
  }
  const named = /^(?:(\d{1,2})[-\s])?([A-Za-z]{3})[a-z]*\.?[-\s](\d{4})$/.exec(t);
  if (named) {
    const month = MONTHS.indexOf((named[2] as string).toLowerCase()) + 1;
    if (month === 0) return undefined;
    return named[1] ? `${named[3]}-${pad(month)}-${pad(Number(named[1]))}` : `${named[3]}-${pad(month)}`;
  }
  return undefined;
}

/** A birth date as published: with its ISO form when it can be read, else as text only. */
export function dateValue(raw: string, circa = false): DateValue {
  const text = raw.trim();
  const date = isoDate(text);
  return { raw: text, ...(date ? { date } : {}), ...(circa ? { circa: true } : {}) };
}

/** Add a birth date unless an equal one is there. */
export function addBirthDate(entity: Entity, value: DateValue | undefined): void {
  if (!value) return;
  const key = JSON.stringify(value);
  if (!entity.birthDates.some((d) => JSON.stringify(d) === key)) entity.birthDates.push(value);
}

/** Split a field that holds several values ("A; B", "A|B"), dropping empty parts. */
export function splitValues(text: string | undefined, separator: RegExp = /\s*;\s*/): string[] {
  if (!text) return [];
  return text
    .split(separator)
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}
