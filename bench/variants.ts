/**
 * Spelling changes shared by the synthetic list (aliases) and the query generator (perturbations): typing
 * mistakes, transliteration variants, case and punctuation noise. Each takes a Rng so results repeat.
 */
import translit from "./data/translit.json" with { type: "json" };
import type { Rng } from "./rng.ts";

interface TranslitRule {
  from: string;
  to: string;
  at?: string;
}

const RULES: readonly TranslitRule[] = translit.rules;
const DOUBLING = new Set(translit.doubling);

const KEYBOARD_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
/** Keys next to each letter on a QWERTY keyboard: substitution typos mostly hit a neighbour. */
const NEIGHBOURS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  KEYBOARD_ROWS.forEach((row, r) => {
    for (let i = 0; i < row.length; i++) {
      let near = (row[i - 1] ?? "") + (row[i + 1] ?? "");
      for (const other of [KEYBOARD_ROWS[r - 1], KEYBOARD_ROWS[r + 1]]) {
        if (other) near += (other[i - 1] ?? "") + (other[i] ?? "");
      }
      map.set(row[i] as string, near);
    }
  });
  return map;
})();

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** Give a changed word the letter case of the word it came from (ALL CAPS, Title or lower). */
export function recase(original: string, changed: string): string {
  const letters = original.replace(/[^\p{L}]/gu, "");
  if (letters.length > 1 && letters === letters.toUpperCase()) return changed.toUpperCase();
  const first = original.charAt(0);
  if (first && first === first.toUpperCase() && first !== first.toLowerCase()) {
    return changed.charAt(0).toUpperCase() + changed.slice(1).toLowerCase();
  }
  return changed.toLowerCase();
}

function occurrences(word: string, part: string, at: string | undefined): number[] {
  if (at === "start") return word.startsWith(part) ? [0] : [];
  if (at === "end")
    return word.endsWith(part) && word.length > part.length ? [word.length - part.length] : [];
  const out: number[] = [];
  for (let i = word.indexOf(part); i >= 0; i = word.indexOf(part, i + 1)) out.push(i);
  return out;
}

const VOWEL = /[aeiouy]/;

/** Hasan ↔ Hassan, Osama ↔ Ossama: a consonant between vowels doubled, or a double letter made single. */
function doubling(lower: string, rng: Rng): string | undefined {
  const doubled = lower.match(/([a-z])\1/);
  if (doubled?.index !== undefined) return lower.slice(0, doubled.index) + lower.slice(doubled.index + 1);
  const spots: number[] = [];
  for (let i = 1; i < lower.length - 1; i++) {
    const c = lower[i] as string;
    if (DOUBLING.has(c) && VOWEL.test(lower[i - 1] as string) && VOWEL.test(lower[i + 1] as string))
      spots.push(i);
  }
  if (spots.length === 0) return undefined;
  const i = rng.pick(spots);
  return lower.slice(0, i + 1) + lower.slice(i);
}

/** One transliteration-style respelling of a word (ks↔x, kh↔h, y↔i↔j, -iy/-y/-ii, doubled letters…), or undefined. */
export function transliterate(word: string, rng: Rng): string | undefined {
  const lower = word.toLowerCase();
  // Short words are mostly particles and legal forms (bin, al, OOO), which nobody respells.
  if (!/^[a-z]+$/.test(lower) || lower.length < 4) return undefined;
  const options: string[] = [];
  for (const rule of RULES) {
    for (const i of occurrences(lower, rule.from, rule.at)) {
      options.push(lower.slice(0, i) + rule.to + lower.slice(i + rule.from.length));
    }
  }
  const fresh = options.filter((o) => o !== lower);
  // Doubling is one kind of change among many; as one option per letter it would crowd out the rest.
  const doubled = fresh.length === 0 || rng.chance(0.25) ? doubling(lower, rng) : undefined;
  if (doubled) return recase(word, doubled);
  return fresh.length ? recase(word, rng.pick(fresh)) : undefined;
}

/** The four classic single-edit typing mistakes. */
export type TypoKind = "substitution" | "transposition" | "deletion" | "insertion";

/** One typing mistake in a word of 4+ letters; the first letter is kept most of the time, as in real typos. */
export function typo(word: string, rng: Rng, kind: TypoKind): string | undefined {
  const lower = word.toLowerCase();
  if (lower.length < 4 || !/^[a-z]+$/.test(lower)) return undefined;
  const start = rng.chance(0.1) ? 0 : 1;
  const i = start + rng.int(lower.length - start);
  const c = lower[i] as string;
  let out: string;
  switch (kind) {
    case "substitution": {
      const near = NEIGHBOURS.get(c) ?? LETTERS;
      out = lower.slice(0, i) + rng.pick([...near]) + lower.slice(i + 1);
      break;
    }
    case "transposition": {
      const j = Math.min(i, lower.length - 2);
      out = lower.slice(0, j) + lower[j + 1] + lower[j] + lower.slice(j + 2);
      break;
    }
    case "deletion":
      out = lower.slice(0, i) + lower.slice(i + 1);
      break;
    case "insertion": {
      const near = NEIGHBOURS.get(c) ?? LETTERS;
      out = lower.slice(0, i) + rng.pick([...near, c]) + lower.slice(i);
      break;
    }
  }
  return out === lower ? undefined : recase(word, out);
}

/** Strip diacritics with a culture's own table first (Turkish ı, ş…), then generic Unicode folding. */
export function asciify(text: string, table: readonly (readonly string[])[] = []): string {
  let out = text;
  for (const [from, to] of table) out = out.split(from as string).join(to as string);
  return out.normalize("NFKD").replace(/\p{M}+/gu, "");
}

/** The same name in another letter case: lower, UPPER, Title or mIxEd. */
export function caseNoise(text: string, rng: Rng): string {
  switch (rng.int(4)) {
    case 0:
      return text.toLowerCase();
    case 1:
      return text.toUpperCase();
    case 2:
      return text
        .toLowerCase()
        .replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
    default:
      return [...text].map((ch) => (rng.chance(0.5) ? ch.toUpperCase() : ch.toLowerCase())).join("");
  }
}

/** Punctuation and spacing as people type it: dropped, added, hyphens for spaces and back. */
export function punctuationNoise(text: string, rng: Rng): string {
  switch (rng.int(5)) {
    case 0:
      return text.replace(/[.,'’"()-]/g, (ch) => (ch === "-" ? " " : "")).replace(/\s+/g, " ");
    case 1:
      return text.replace(/\s+/g, (s) => (rng.chance(0.3) ? "-" : s));
    case 2:
      return `${text.replace(/\s+/g, "  ")} `;
    case 3:
      return text.replace(/\s+/, ", ");
    default:
      return `${text}.`;
  }
}
