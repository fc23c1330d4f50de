/**
 * Text normalisation shared by indexing and querying, so that both sides of a comparison see the same form.
 * Pure: no I/O, runs in Node and browsers.
 */
import latinLetters from "../../resources/latin-letters.json" with { type: "json" };

// Zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM) and the Arabic tatweel carry no letters.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u0640\u00AD]/g;
// Apostrophes vanish (O'BRIEN = OBRIEN); every other punctuation or symbol separates tokens.
const APOSTROPHES = /['\u2018\u2019\u02BC\u02BB\u0060\u00B4]/g;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;
const FOLD = new Map(Object.entries(latinLetters.letters));
const FOLDABLE = new RegExp(`[${[...FOLD.keys()].join("")}]`, "g");

/** Normalise a name for comparison: NFKC, strip marks and invisibles, case fold, punctuation to spaces. */
export function normalizeName(text: string): string {
  return text
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .normalize("NFD")
    .replace(MARKS, "")
    .normalize("NFC")
    .replace(APOSTROPHES, "")
    .toLowerCase()
    .replace(FOLDABLE, (ch) => FOLD.get(ch) ?? ch)
    .replace(SEPARATORS, " ")
    .trim();
}

/** Split a name into normalised tokens. */
export function tokenize(text: string): string[] {
  const normal = normalizeName(text);
  return normal ? normal.split(" ") : [];
}
