import { ROMAN } from "../names/analyze.ts";
import { jaroWinkler } from "./jaro-winkler.ts";

/** How two tokens were found to correspond. */
export type TokenMatchHow = "exact" | "phonetic" | "fuzzy" | "initial" | "joined" | "nickname";

/** Tokens at least this Jaro-Winkler-similar count as one token with a spelling difference. */
export const FUZZY_TOKEN_MIN = 0.84;
/** Words shorter than this only match exactly (or by sound): Jaro-Winkler is too generous to them. */
export const MIN_FUZZY_LENGTH = 4;
/** A near-spelling that also sounds the same is worth at least this much. */
export const PHONETIC_SIMILARITY = 0.9;
/** A person's name part two letters away from the list's is one name spelt another way (Starkey / Starmer). */
export const PERSON_EDITS = 2;
/** A short form of a given name (Ted) meets its full name (Theodore) a little below the same name. */
export const NICKNAME_SIMILARITY = 0.9;
/** An initial agrees with many names: it supports a match but is far from proof. */
export const INITIAL_SIMILARITY = 0.6;

const DIGIT = /\d/;

/** True for a number: a token with a digit, or a roman numeral; numbers only match exactly (FUND II is not FUND III). */
export function isNumberToken(token: string): boolean {
  // Most words start with a letter no numeral starts with: the regular expressions only run for the rest.
  const first = token.charCodeAt(0);
  const romanStart = first === 105 || first === 118 || first === 120 || first === 108 || first === 99; // i v x l c
  return DIGIT.test(token) || (romanStart && ROMAN.test(token));
}

/**
 * Similarity of two different normalised tokens from their spelling and their sound, or null when they do not
 * correspond. Exact equality is handled by the caller.
 */
export function spellingSimilarity(
  q: string,
  c: string,
  soundAlike: boolean,
  strict = false,
): { similarity: number; how: TokenMatchHow } | null {
  if (isNumberToken(q) || isNumberToken(c)) return null;
  // Strict names (ships, aircraft) differ when one only adds letters to the other's end: STAR is not STARS.
  if (strict && (q.startsWith(c) || c.startsWith(q))) return null;
  const jw = jaroWinkler(q, c);
  // Stretch the scale so that a spelling difference always costs more than in raw Jaro-Winkler, and an
  // exact word beats a near one: 0.98 → 0.96, 0.92 → 0.84, 0.84 → 0.68.
  const fuzzy =
    q.length >= MIN_FUZZY_LENGTH && c.length >= MIN_FUZZY_LENGTH && jw >= (strict ? 0.92 : FUZZY_TOKEN_MIN);
  const spelled = fuzzy ? 2 * jw - 1 : 0;
  // Words that sound alike and look alike (Aleksandr / Alexander) are one name spelled two ways; sound
  // alone is not enough (Mohammed / Mahmoud share a key).
  if (soundAlike && !strict && jw >= 0.8 && spelled < PHONETIC_SIMILARITY) {
    return { similarity: PHONETIC_SIMILARITY, how: "phonetic" };
  }
  return fuzzy ? { similarity: spelled, how: "fuzzy" } : null;
}

/**
 * Whether two tokens are within `max` edits (insertions, deletions, substitutions, swaps of neighbours), without
 * computing more of the distance than that needs.
 */
export function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  // Optimal string alignment distance, row by row; a row whose smallest value passes max ends it.
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let least = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (prev2[j - 2] as number) + 1);
      cur[j] = d;
      if (d < least) least = d;
    }
    if (least > max) return false;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return (prev[n] as number) <= max;
}
