/**
 * Text helpers the benchmark uses on its own side (query generation, peers, answer keys). They are
 * deliberately independent of redline's normaliser, so that the benchmark does not move when the engine's
 * internals change, and peers do not get redline's transliteration for free.
 */

const MARKS = /\p{M}+/gu;
const APOSTROPHES = /['\u2018\u2019\u02BC\u0060\u00B4]/g;
const NON_ALNUM = /[^\p{L}\p{N}]+/gu;

/** Lower case, no diacritics, apostrophes removed, every other non-letter a single space. */
export function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(MARKS, "")
    .replace(/ı/g, "i")
    .replace(APOSTROPHES, "")
    .toLowerCase()
    .replace(NON_ALNUM, " ")
    .trim();
}

/** Folded tokens of a name. */
export function foldTokens(text: string): string[] {
  const f = fold(text);
  return f ? f.split(" ") : [];
}

/** Order-free identity of a name: its folded tokens, sorted and deduplicated. */
export function nameKey(text: string): string {
  return [...new Set(foldTokens(text))].sort().join(" ");
}

/** A person name published as "FAMILY, Given Middle" in natural order ("Given Middle FAMILY"). */
export function naturalOrder(name: string): string {
  const comma = name.indexOf(",");
  if (comma < 0) return name;
  const family = name.slice(0, comma).trim();
  const given = name.slice(comma + 1).trim();
  return given ? `${given} ${family}` : family;
}
