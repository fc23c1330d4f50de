/**
 * Burmese (Myanmar script) into Latin readings. Burmese writes a word as a run of syllables without spaces; each
 * syllable is an onset (consonant and medials) and a rhyme (vowel signs and a killed final), read here in the
 * conventional romanisation of Myanmar passports and registers. Generic words and loanwords of company names
 * are read whole from the table. Pure: no I/O.
 */
import anyAscii from "any-ascii";
import burmeseTable from "../../resources/translit/burmese.json" with { type: "json" };

interface BurmeseTable {
  consonants: Record<string, string>;
  independentVowels: Record<string, string[]>;
  medialY: Record<string, string>;
  medialH: Record<string, string>;
  rhymes: Record<string, string[]>;
  digits: Record<string, string>;
  words: Record<string, string>;
}
const TABLE = burmeseTable as BurmeseTable;
const CONSONANTS = new Map(Object.entries(TABLE.consonants));
const INDEPENDENT = new Map(Object.entries(TABLE.independentVowels));
const DIGITS = new Map(Object.entries(TABLE.digits));
const WORDS = new Map(Object.entries(TABLE.words));
const LONGEST_WORD = Math.max(...[...WORDS.keys()].map((w) => w.length));

const ASAT = "\u103a";
const VIRAMA = "\u1039";
const DOT_BELOW = "\u1037";
const VISARGA = "\u1038";
const MEDIAL_Y = "\u103b";
const MEDIAL_R = "\u103c";
const MEDIAL_W = "\u103d";
const MEDIAL_H = "\u103e";
// Dependent vowel signs and the anusvara: what a rhyme is made of, besides a killed final.
const VOWEL_SIGN = /[\u102b-\u1032\u1036]/;

interface Syllable {
  /** Source text of the syllable (for matching whole words of the table). */
  text: string;
  onset: string;
  medials: string;
  vowels: string;
  final: string;
  /** A reading fixed in advance (plain and spelled out): an independent vowel, a digit, another character. */
  fixed?: [string, string];
  digit?: boolean;
}

/** Cut one Burmese word into syllables. */
export function burmeseSyllables(word: string): Syllable[] {
  const chars = [...word];
  const out: Syllable[] = [];
  let cur: Syllable | undefined;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (CONSONANTS.has(ch)) {
      // A consonant killed by asat (or stacked by virama) closes the syllable before it.
      let j = i + 1;
      while (chars[j] === DOT_BELOW) j++;
      if (cur && !cur.fixed && (chars[j] === ASAT || chars[j] === VIRAMA)) {
        cur.final += ch + ASAT;
        cur.text += chars.slice(i, j + 1).join("");
        i = j;
        // Kinzi (င်္): the virama after the killed final only says the next consonant is stacked.
        if (chars[i + 1] === VIRAMA) {
          cur.text += VIRAMA;
          i++;
        }
        continue;
      }
      cur = { text: ch, onset: ch, medials: "", vowels: "", final: "" };
      out.push(cur);
      continue;
    }
    const vowel = INDEPENDENT.get(ch);
    const digit = DIGITS.get(ch);
    if (vowel !== undefined || digit !== undefined || !cur) {
      const latin = digit ?? anyAscii(ch);
      const fixed: [string, string] = [vowel?.[0] ?? latin, vowel?.[1] ?? vowel?.[0] ?? latin];
      cur = { text: ch, onset: "", medials: "", vowels: "", final: "", fixed, digit: digit !== undefined };
      out.push(cur);
      continue;
    }
    cur.text += ch;
    if (ch === MEDIAL_Y || ch === MEDIAL_R || ch === MEDIAL_W || ch === MEDIAL_H) cur.medials += ch;
    else if (VOWEL_SIGN.test(ch) || ch === ASAT) cur.vowels += ch;
    else if (ch !== DOT_BELOW && ch !== VISARGA && ch !== VIRAMA) cur.vowels += ch;
  }
  return out;
}

/** The two readings of one syllable: plain (Yadana) and spelled out (Yadanar). */
function readSyllable(s: Syllable): [string, string] {
  if (s.fixed) return s.fixed;
  const rhymeKey = s.vowels + s.final;
  const w = s.medials.includes(MEDIAL_W);
  const absorbed = w ? TABLE.rhymes[MEDIAL_W + rhymeKey] : undefined;
  const rhyme = absorbed ??
    TABLE.rhymes[rhymeKey] ?? [
      (TABLE.rhymes[s.vowels]?.[0] ?? "a") + (CONSONANTS.get(s.final.replace(ASAT, "")) ?? ""),
      (TABLE.rhymes[s.vowels]?.[1] ?? "a") + (CONSONANTS.get(s.final.replace(ASAT, "")) ?? ""),
    ];
  let onset = CONSONANTS.get(s.onset) ?? "";
  if (s.medials.includes(MEDIAL_Y) || s.medials.includes(MEDIAL_R))
    onset = TABLE.medialY[s.onset] ?? `${onset}y`;
  if (s.medials.includes(MEDIAL_H)) onset = TABLE.medialH[s.onset] ?? `h${onset}`;
  if (w && !absorbed) onset += "w";
  return [onset + (rhyme[0] ?? "a"), onset + (rhyme[1] ?? rhyme[0] ?? "a")];
}

type Piece = { word: string } | { syllable: [string, string]; digit: boolean };

/** A word as pieces: whole words of the table (longest first) and single syllables. */
function pieces(word: string): Piece[] {
  const syllables = burmeseSyllables(word);
  const out: Piece[] = [];
  for (let i = 0; i < syllables.length; ) {
    let end = -1;
    let known = "";
    let text = "";
    for (let j = i; j < syllables.length; j++) {
      text += (syllables[j] as Syllable).text;
      if (text.length > LONGEST_WORD) break;
      const word = WORDS.get(text);
      if (word !== undefined) {
        end = j;
        known = word;
      }
    }
    if (end >= 0) {
      out.push({ word: known });
      i = end + 1;
    } else {
      const syllable = syllables[i] as Syllable;
      out.push({ syllable: readSyllable(syllable), digit: syllable.digit === true });
      i++;
    }
  }
  return out;
}

/**
 * Latin alternatives of one Burmese word, by column: syllables apart (as personal names are written: Kyaw Zaw
 * Htun) in the plain and the spelled-out reading, then syllables joined (as places and brands are: Shwepyithar).
 */
export function burmeseWord(word: string): string[] {
  const parts = pieces(word);
  const read = (style: 0 | 1, joined: boolean): string => {
    let text = "";
    let previous: Piece | undefined;
    for (const p of parts) {
      const isSyllable = "syllable" in p;
      const value = isSyllable ? p.syllable[style] : p.word;
      // Numbers are one token however the syllables are spaced.
      const glued =
        previous && "syllable" in previous && isSyllable && (joined || (previous.digit && p.digit));
      text += (text && !glued ? " " : "") + value;
      previous = p;
    }
    return text;
  };
  return [read(0, false), read(1, false), read(0, true), read(1, true)];
}
