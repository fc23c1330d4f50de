/**
 * Words of a text with their character spans, in the forms the name index knows: normalised as names are,
 * possessives dropped (Putin's → putin), words glued by lost markup split at a case change (saidRosoboronexport),
 * and non-Latin words with their Latin readings. Pure: no I/O.
 */
import { normalizeName } from "../names/normalize.ts";
import { latinReadings } from "../names/transliterate.ts";

/** One word of the text. */
export interface TextToken {
  /** Span in the prepared text, end exclusive. */
  start: number;
  end: number;
  /** The normalised word as written (its script kept): what jurisdiction terms are matched against. */
  norm: string;
  /** Latin forms to look up in the name index (the word itself, or its readings). */
  forms: string[];
  /** Written in capitals (ISIS, IRGC), which makes a short alias count. */
  upper: boolean;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*/gu;
const POSSESSIVE = /['’]s$/i;
// A lower-case run of three or more letters followed by a capital: two words that lost the space between them.
const GLUED = /(?<=\p{Ll}{3})(?=\p{Lu}\p{Ll})/u;
const NON_LATIN = /[^\u0020-\u024f\u1e00-\u1eff]/;

const readingsCache = new Map<string, string[]>();
// Words repeat: each distinct spelling is normalised once.
const normCache = new Map<string, string>();

function normalized(piece: string): string {
  let norm = normCache.get(piece);
  if (norm === undefined) {
    norm = normalizeName(piece);
    if (normCache.size > 100_000) normCache.clear();
    normCache.set(piece, norm);
  }
  return norm;
}

/** No name has a word this long; longer runs of letters (encoded data, noise) are not looked up. */
const MAX_WORD = 64;

function formsOf(word: string, norm: string): string[] {
  if (word.length > MAX_WORD) return [];
  if (!NON_LATIN.test(word)) return [norm];
  let forms = readingsCache.get(norm);
  if (!forms) {
    forms = [...new Set(latinReadings(word, { max: 3 }).flatMap((r) => r.split(" ")))].slice(0, 6);
    if (readingsCache.size > 50_000) readingsCache.clear();
    readingsCache.set(norm, forms);
  }
  return forms;
}

/** The words of a text, in order. */
export function textTokens(text: string): TextToken[] {
  const out: TextToken[] = [];
  for (const m of text.matchAll(WORD)) {
    let start = m.index ?? 0;
    let word = m[0];
    const possessive = POSSESSIVE.exec(word);
    if (possessive) word = word.slice(0, possessive.index);
    for (const piece of word.split(GLUED)) {
      const norm = normalized(piece);
      if (norm) {
        const end = start + piece.length;
        out.push({
          start,
          end,
          norm,
          forms: formsOf(piece, norm),
          upper: piece.length > 1 && piece === piece.toUpperCase() && piece !== piece.toLowerCase(),
        });
      }
      start += piece.length;
    }
  }
  return out;
}
