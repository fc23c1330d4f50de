/**
 * Transliteration of names from every script into Latin *readings*, so that a name written in Cyrillic, Arabic,
 * Hebrew, Greek, Hangul, Han, kana, Burmese or Thai meets its Latin spellings on the lists. Each script keeps several readings
 * because the lists and the documents do not agree on one convention (Yevgeniy, Evgenii, Evgeny, Jewgeni).
 * Every convention is a data table in resources/translit; this module only applies them. Pure: no I/O.
 *
 * A name is cut into runs of one script. Each run becomes *units* (a word, or a few words that are romanised
 * together such as عبد الرحمن), and each unit has a list of alternatives in *columns*: for the alphabets column k
 * is convention k, for Arabic and Hebrew names it is the k-th most usual spelling. Reading k of the whole name
 * takes column k of every unit (or the unit's last column), so that one reading is one consistent convention.
 */

import romanizeThai from "@dehoist/romanize-thai";
import anyAscii from "any-ascii";
import { translate as translateHanja } from "hanja/lib/translate.js";
import { pinyin } from "pinyin-pro";
import arabicLettersTable from "../../resources/translit/arabic-letters.json" with { type: "json" };
import arabicNamesTable from "../../resources/translit/arabic-names.json" with { type: "json" };
import cyrillicBgn from "../../resources/translit/cyrillic-bgn.json" with { type: "json" };
import cyrillicCommon from "../../resources/translit/cyrillic-common.json" with { type: "json" };
import cyrillicFrench from "../../resources/translit/cyrillic-french.json" with { type: "json" };
import cyrillicGerman from "../../resources/translit/cyrillic-german.json" with { type: "json" };
import cyrillicGost from "../../resources/translit/cyrillic-gost.json" with { type: "json" };
import cyrillicIcao from "../../resources/translit/cyrillic-icao.json" with { type: "json" };
import cyrillicLanguages from "../../resources/translit/cyrillic-languages.json" with { type: "json" };
import greekClassical from "../../resources/translit/greek-classical.json" with { type: "json" };
import greekElot from "../../resources/translit/greek-elot743.json" with { type: "json" };
import greekPhonetic from "../../resources/translit/greek-phonetic.json" with { type: "json" };
import hanBusinessWords from "../../resources/translit/han-business-words.json" with { type: "json" };
import hanSurnames from "../../resources/translit/han-surnames.json" with { type: "json" };
import hanWadeGiles from "../../resources/translit/han-wade-giles.json" with { type: "json" };
import hangulTable from "../../resources/translit/hangul.json" with { type: "json" };
import hebrewLettersTable from "../../resources/translit/hebrew-letters.json" with { type: "json" };
import hebrewNamesTable from "../../resources/translit/hebrew-names.json" with { type: "json" };
import japaneseNames from "../../resources/translit/japanese-names.json" with { type: "json" };
import kanaTable from "../../resources/translit/kana.json" with { type: "json" };
import koreanSurnames from "../../resources/translit/korean-surnames.json" with { type: "json" };
import { jaroWinkler } from "../match/jaro-winkler.ts";
import { burmeseWord } from "./burmese.ts";
import { normalizeName, tokenize } from "./normalize.ts";

/** Token spellings learned from the lists' own bilingual names, most frequent first. */
export interface LearnedReadings {
  /** Unit key (a word, or a compound such as عبد الرحمن, in the script's folded form) → Latin spellings. */
  readonly units: ReadonlyMap<string, readonly string[]>;
  /** Whole name (normalised original) → Latin names, for names whose words could not be paired. */
  readonly names: ReadonlyMap<string, readonly string[]>;
}

/** Options of latinReadings. */
export interface ReadingOptions {
  /** Most readings to return (default 4). */
  max?: number;
  learned?: LearnedReadings;
}

const DEFAULT_MAX = 4;

/** One word or word group of the original, with its Latin alternatives by column. */
interface Unit {
  /** Folded original for learned lookups; empty for Latin and neutral text, which is never learned. */
  key: string;
  alts: string[];
  /**
   * The alternatives are guesses per word, not conventions (unpointed Hebrew vowels): the right one of each word
   * may sit in different columns, so readings that mix columns are worth adding.
   */
  mix?: boolean;
}

/** Readings a name whose words are guessed one by one may have (columns, then mixes of columns). */
const MIXED_MAX = 8;

// ---------------------------------------------------------------------------------------------------------------
// Alphabet engine (Cyrillic, Greek): a letter table plus ordered context rules.

interface AlphabetRule {
  match: string;
  latin: string;
  after?: string[];
  before?: string[];
}

interface AlphabetLayer {
  letters?: Record<string, string>;
  rules?: AlphabetRule[];
}

interface AlphabetTable extends AlphabetLayer {
  name: string;
  source: string;
  classes?: Record<string, string>;
  languages?: Record<string, AlphabetLayer>;
}

/** A context test on the character next to a match; `undefined` is a word boundary. */
type Context = (ch: string | undefined) => boolean;

interface CompiledRule {
  match: string;
  latin: string;
  after?: Context;
  before?: Context;
}

interface Alphabet {
  letters: Map<string, string>;
  rules: Map<string, CompiledRule[]>;
}

function compileContext(items: string[], classes: Record<string, string>, boundary: string): Context {
  let atBoundary = false;
  const chars = new Set<string>();
  for (const item of items) {
    if (item === boundary) atBoundary = true;
    else for (const ch of classes[item] ?? item) chars.add(ch);
  }
  return (ch) => (ch === undefined ? atBoundary : chars.has(ch));
}

function compileAlphabet(table: AlphabetTable, lang?: string): Alphabet {
  const layer = lang ? table.languages?.[lang] : undefined;
  const letters = new Map(Object.entries({ ...table.letters, ...layer?.letters }));
  const classes = table.classes ?? {};
  const rules = new Map<string, CompiledRule[]>();
  // A layer that gives rules replaces the base rules: its letters usually invalidate them (Ukrainian е is never ye).
  const source = layer?.rules ?? table.rules ?? [];
  // Longer matches first, then table order: the first rule whose context fits wins (αυ before a voiced letter → av,
  // otherwise af).
  const ordered = source
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.match.length - a.r.match.length || a.i - b.i);
  for (const { r } of ordered) {
    const first = r.match[0] ?? "";
    const list = rules.get(first) ?? [];
    list.push({
      match: r.match,
      latin: r.latin,
      after: r.after ? compileContext(r.after, classes, "start") : undefined,
      before: r.before ? compileContext(r.before, classes, "end") : undefined,
    });
    rules.set(first, list);
  }
  return { letters, rules };
}

function fallbackChar(ch: string): string {
  return /[\p{N}]/u.test(ch) || ch.charCodeAt(0) >= 0x80 ? anyAscii(ch) : ch;
}

/** Romanise one lower-case word; `word[i - 1]` and `word[i + n]` are undefined at the edges, i.e. boundaries. */
function applyAlphabet(alphabet: Alphabet, word: string): string {
  let out = "";
  let i = 0;
  while (i < word.length) {
    const ch = word[i] as string;
    let matched = false;
    for (const rule of alphabet.rules.get(ch) ?? []) {
      if (!word.startsWith(rule.match, i)) continue;
      if (rule.after && !rule.after(word[i - 1])) continue;
      if (rule.before && !rule.before(word[i + rule.match.length])) continue;
      out += rule.latin;
      i += rule.match.length;
      matched = true;
      break;
    }
    if (matched) continue;
    out += alphabet.letters.get(ch) ?? fallbackChar(ch);
    i++;
  }
  return out;
}

/** A script served by several alphabet tables, each with optional language layers. */
class AlphabetScript {
  private readonly compiled = new Map<string, Alphabet[]>();

  constructor(
    private readonly tables: AlphabetTable[],
    private readonly languages: string[],
  ) {}

  conventions(lang: string): Alphabet[] {
    let list = this.compiled.get(lang);
    if (!list) {
      list = this.tables.map((t) => compileAlphabet(t, lang || undefined));
      this.compiled.set(lang, list);
    }
    return list;
  }

  units(words: string[], lang: string): Unit[] {
    const conventions = this.conventions(this.languages.includes(lang) ? lang : "");
    return words.map((word) => ({ key: word, alts: conventions.map((c) => applyAlphabet(c, word)) }));
  }
}

const WORDS = /[\p{L}\p{M}\p{N}]+/gu;

function words(text: string): string[] {
  return text.match(WORDS) ?? [];
}

/** Lower-case and drop combining marks except those in `keep`, which carry letters (й, ё, ї, ϊ). */
function foldMarks(text: string, keep: RegExp): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, (m) => (keep.test(m) ? m : ""))
    .normalize("NFC");
}

// ---------------------------------------------------------------------------------------------------------------
// Cyrillic

const CYRILLIC = new AlphabetScript(
  [cyrillicBgn, cyrillicIcao, cyrillicCommon, cyrillicGerman, cyrillicFrench, cyrillicGost],
  Object.keys(cyrillicLanguages.detect),
);
const CYRILLIC_DETECT = cyrillicLanguages.order.map(
  (lang) =>
    [lang, new RegExp((cyrillicLanguages.detect as Record<string, string>)[lang] ?? "$^", "u")] as const,
);
// Breve (й, ў) and diaeresis (ё, ї) make letters of their own; stress accents do not.
const CYRILLIC_KEEP = /[\u0306\u0308]/;

function cyrillicUnits(run: string): Unit[] {
  const text = foldMarks(run, CYRILLIC_KEEP);
  const lang = CYRILLIC_DETECT.find(([, pattern]) => pattern.test(text))?.[0] ?? "";
  return CYRILLIC.units(words(text), lang);
}

// ---------------------------------------------------------------------------------------------------------------
// Greek

const GREEK = new AlphabetScript([greekElot, greekPhonetic, greekClassical], []);
// The diaeresis (ϊ, ϋ) stops a vowel pair from being a digraph (Ευϊα); tonos and breathings carry nothing.
const GREEK_KEEP = /\u0308/;

function greekUnits(run: string): Unit[] {
  return GREEK.units(words(foldMarks(run, GREEK_KEEP)), "");
}

// ---------------------------------------------------------------------------------------------------------------
// Vowel-less scripts (Hebrew, Arabic): a word becomes consonant and vowel segments, then a filler vowel is put
// between consonants that the script leaves unvowelled.

interface Segment {
  latin: string;
  vowel: boolean;
}

/**
 * Where the filler vowel goes: "all" between every two consonants; "alternate" after the 1st, 3rd, … consonant of a
 * cluster, as the closed syllables of Semitic words fall (Hebrew משתלות mash-ta-lot, Arabic بلكلام bal-ka-lam);
 * "initial" only after the first consonant of a word; "none" nowhere.
 */
type Insertion = "initial" | "alternate" | "all" | "none";

function joinSegments(segments: Segment[], filler: string, insert: Insertion): string {
  let out = "";
  let consonants = 0;
  let cluster = 0;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as Segment;
    out += seg.latin;
    if (seg.vowel) {
      cluster = 0;
      continue;
    }
    consonants++;
    cluster++;
    const next = segments[i + 1];
    if (!next || next.vowel || insert === "none") continue;
    if (insert === "all" || (insert === "alternate" && cluster % 2 === 1) || consonants === 1) out += filler;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Hebrew

interface HebrewReading {
  name: string;
  consonants: Record<string, string>;
  fricatives: Record<string, string>;
  vowel: string;
  vav: string;
  yod: string;
  finalYod: string;
  finalHe: string;
  article: "joined" | "split";
  insert: Insertion;
}

const HEBREW = hebrewLettersTable as unknown as {
  finals: Record<string, string>;
  geresh: Record<string, string>;
  labials: string;
  readings: HebrewReading[];
  conjunction: { beforeLabial: string; other: string };
  points: Record<string, string>;
  pointMarks: {
    dagesh: string;
    shinDot: string;
    sinDot: string;
    sheva: string;
    holam: string;
    patah: string;
  };
};
const HEBREW_FINALS = new Map(Object.entries(HEBREW.finals));
const HEBREW_POINTS = new Map(Object.entries(HEBREW.points));
// Points and marks on Hebrew letters (U+0591–U+05C7 less the punctuation maqaf, paseq, sof pasuq, nun hafukha).
const HEBREW_MARK = /[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]/;
const HEBREW_VOWEL_POINT = /[\u05b0-\u05bb\u05c7]/;
const GERSHAYIM = /[\u05f4"]/g;
const GERESH = /[\u05f3']/;

function hebrewKey(word: string): string {
  return word.replace(/[\u0591-\u05c7]/g, (m) => (m === "\u05be" ? " " : "")).replace(GERSHAYIM, "\u05f4");
}

const HEBREW_NAMES = new Map(
  Object.entries(hebrewNamesTable.names).map(([k, v]) => [hebrewKey(k).replace(/\s+/g, ""), v] as const),
);

const HEBREW_WORDS = new Map(
  Object.entries((hebrewNamesTable as { words?: Record<string, string[]> }).words ?? {}).map(
    ([k, v]) => [hebrewKey(k), v] as const,
  ),
);
const HEBREW_AND = "\u05d5";

/** A company word read whole, translated and transliterated (תעשיות: industries, taasiyot); ושיווק: and marketing. */
function hebrewWord(key: string): string[] | undefined {
  const whole = HEBREW_WORDS.get(key);
  if (whole) return whole;
  if (!key.startsWith(HEBREW_AND)) return undefined;
  const rest = HEBREW_WORDS.get(key.slice(1));
  return rest ? rest.map((alt, i) => (i === 0 ? `and ${alt}` : `ve${alt}`)) : undefined;
}

interface HebrewLetter {
  ch: string;
  marks: string;
  final: boolean;
}

function hebrewLetters(word: string): HebrewLetter[] {
  const letters: HebrewLetter[] = [];
  for (const ch of word) {
    const last = letters[letters.length - 1];
    if (HEBREW_MARK.test(ch) || GERESH.test(ch)) {
      if (last) last.marks += ch;
      continue;
    }
    if (!/\p{L}/u.test(ch)) continue;
    const base = HEBREW_FINALS.get(ch);
    letters.push({ ch: base ?? ch, marks: "", final: base !== undefined });
  }
  return letters;
}

const isVowelLetter = (ch: string | undefined) => ch === "ו" || ch === "י";
const isGuttural = (ch: string | undefined) => ch === "א" || ch === "ע";

/** Unpointed word: guess the vowels from ו, י, final ה and the reading's filler vowel. */
function hebrewUnpointed(letters: HebrewLetter[], r: HebrewReading): string {
  const segments: Segment[] = [];
  let start = 0;
  const n = letters.length;
  let prefix = "";
  if (n >= 3 && letters[0]?.ch === "ו" && !isVowelLetter(letters[1]?.ch)) {
    const labial = HEBREW.labials.includes(letters[1]?.ch ?? "");
    prefix = labial ? HEBREW.conjunction.beforeLabial : HEBREW.conjunction.other;
    start = 1;
  }
  // The article ha- stands before a consonant or a consonantal י (הים ha-yam), not before the vowel ו.
  if (n - start >= 3 && letters[start]?.ch === "ה" && letters[start + 1]?.ch !== "ו") {
    prefix += r.article === "split" ? "ha " : "ha";
    start++;
  }
  for (let j = start; j < n; j++) {
    const { ch, marks, final } = letters[j] as HebrewLetter;
    const first = j === start;
    const last = j === n - 1;
    const prev = letters[j - 1]?.ch;
    const next = letters[j + 1]?.ch;
    const geresh = GERESH.test(marks) ? HEBREW.geresh[ch] : undefined;
    if (geresh) {
      segments.push({ latin: geresh, vowel: false });
    } else if (ch === "ו") {
      if (next === "ו") {
        segments.push({ latin: "v", vowel: false });
        j++;
      } else if (first || next === "י" || (prev === "ו" && !last)) {
        segments.push({ latin: r.consonants.ו ?? "v", vowel: false });
      } else if (prev === "י" && j - 1 > start) {
        // -יו- is a vowel after a glide: תעשיות taasiyot, ציוד tziyud, ניקיון nikayon.
        segments.push({ latin: `y${r.vav}`, vowel: true });
      } else {
        segments.push({ latin: r.vav, vowel: true });
      }
    } else if (ch === "י") {
      if (next === "י" && !first) {
        segments.push({ latin: "ai", vowel: true });
        j++;
      } else if (first || isVowelLetter(prev) || isGuttural(prev)) {
        segments.push({ latin: last && !first ? "i" : "y", vowel: !first && last });
      } else if (last) {
        segments.push({ latin: r.finalYod, vowel: true });
      } else {
        segments.push({ latin: r.yod, vowel: true });
      }
    } else if (ch === "ה" && last && !first) {
      segments.push({ latin: r.finalHe, vowel: true });
    } else if (isGuttural(ch) && last && !first) {
      segments.push({ latin: "a", vowel: true });
    } else if (isGuttural(ch) && first && isVowelLetter(next)) {
      // An initial א or ע before ו/י only carries the vowel that the next letter writes (אורי Uri, איתן Eitan).
    } else {
      const fricative = !first || final ? r.fricatives[ch] : undefined;
      segments.push({ latin: fricative ?? r.consonants[ch] ?? anyAscii(ch), vowel: false });
    }
  }
  return prefix + joinSegments(segments, r.vowel, r.insert);
}

/** The vowel a point gives; a sheva is heard only under the first letter of a word (roughly, the vocal sheva). */
function pointVowel(point: string | undefined, first: boolean): string {
  if (point === undefined) return "";
  if (point === HEBREW.pointMarks.sheva) return first ? "e" : "";
  return HEBREW_POINTS.get(point) ?? "";
}

/** Pointed word (niqqud): the points give the vowels, dagesh the plosives, the dots shin or sin. */
function hebrewPointed(letters: HebrewLetter[], r: HebrewReading): string {
  const m = HEBREW.pointMarks;
  let out = "";
  for (let j = 0; j < letters.length; j++) {
    const { ch, marks } = letters[j] as HebrewLetter;
    const vowelPoint = [...marks].find((c) => HEBREW_VOWEL_POINT.test(c));
    const dagesh = marks.includes(m.dagesh);
    const last = j === letters.length - 1;
    if (ch === "ו" && !vowelPoint && dagesh) {
      out += "u";
      continue;
    }
    if (ch === "ו" && vowelPoint === m.holam && j > 0) {
      out += "o";
      continue;
    }
    // Matres lectionis: an unpointed י, ה or א after a vowel only lengthens it.
    if (!vowelPoint && j > 0 && (ch === "י" || ch === "ה" || ch === "א")) continue;
    const geresh = GERESH.test(marks) ? HEBREW.geresh[ch] : undefined;
    let consonant: string;
    if (geresh) consonant = geresh;
    else if (ch === "ש") consonant = marks.includes(m.sinDot) ? "s" : "sh";
    else if (r.fricatives[ch] && !dagesh) consonant = r.fricatives[ch] ?? "";
    else consonant = r.consonants[ch] ?? anyAscii(ch);
    const vowel = pointVowel(vowelPoint, j === 0);
    // Furtive patah under a final guttural is said before it: נֹחַ is Noach.
    if (last && vowelPoint === m.patah && (ch === "ח" || ch === "ע" || ch === "ה")) out += vowel + consonant;
    else out += consonant + vowel;
  }
  return out;
}

function hebrewUnits(run: string): Unit[] {
  const units: Unit[] = [];
  // Maqaf and punctuation separate words; gershayim and geresh stay inside them (צה״ל, ג׳ורג׳).
  for (const word of run.split(/[\s\u05be\-.,;:!?()[\]/\\]+/)) {
    const key = hebrewKey(word);
    if (!key) continue;
    const known = HEBREW_NAMES.get(key);
    if (known) {
      units.push({ key, alts: [...known] });
      continue;
    }
    const translated = hebrewWord(key);
    if (translated) {
      units.push({ key, alts: [...translated], mix: true });
      continue;
    }
    const letters = hebrewLetters(word);
    if (letters.length === 0) continue;
    const pointed = [...word].some((c) => HEBREW_VOWEL_POINT.test(c));
    const read = pointed ? hebrewPointed : hebrewUnpointed;
    units.push({ key, alts: HEBREW.readings.map((r) => read(letters, r)), mix: !pointed });
  }
  return units;
}

// ---------------------------------------------------------------------------------------------------------------
// Arabic, Persian, Pashto, Urdu

interface ArabicConvention {
  consonants: Record<string, string>;
  waw: { consonant: string; vowel: string };
  ya: { consonant: string; vowel: string };
  alif: { initial: string; hamzaBelow: string; vowel: string; maqsura: string };
  tehMarbuta: string;
  finalHe: string;
  insert: Insertion;
  vowel: string;
}

const ARABIC_LETTERS = arabicLettersTable as unknown as {
  persianLetters: string;
  order: Record<"ar" | "fa", string[]>;
  conventions: Record<string, ArabicConvention>;
  harakat: Record<string, string>;
  fold: Record<string, string>;
  extraVowels: Record<string, string>;
};
const ARABIC_NAMES = arabicNamesTable as unknown as {
  article: { prefix: string; sun: string; patterns: string[] };
  prefixedArticle: Record<string, string[]>;
  abd: { prefix: string; patterns: string[] };
  suffixes: Record<string, string[]>;
  names: Record<string, string[]>;
};
const ARABIC_FOLD = new Map(Object.entries(ARABIC_LETTERS.fold));
const HARAKAT = new Map(Object.entries(ARABIC_LETTERS.harakat));
const SHADDA = "\u0651";
const ARABIC_MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]/g;
const ARABIC_MARK = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]/;

/** Folded spelling used for table lookups: no harakat, one form per letter (أ إ آ → ا, ة → ه, ی ى → ي, ک → ك). */
function arabicKey(word: string): string {
  let out = "";
  for (const ch of word.replace(ARABIC_MARKS, "")) out += ARABIC_FOLD.get(ch) ?? ch;
  return out;
}

const ARABIC_NAME_MAP = new Map(
  Object.entries(ARABIC_NAMES.names).map(([k, v]) => [arabicKey(k.replace(/\s+/g, "")), v] as const),
);
const ARTICLE = arabicKey(ARABIC_NAMES.article.prefix);
const ABD = arabicKey(ARABIC_NAMES.abd.prefix);
const SUN_LETTERS = new Set(ARABIC_NAMES.article.sun);
const SUFFIXES = Object.entries(ARABIC_NAMES.suffixes).map(([k, v]) => [arabicKey(k), v] as const);
const PREFIXED_ARTICLES = Object.entries(ARABIC_NAMES.prefixedArticle)
  .map(([k, v]) => [arabicKey(k), v] as const)
  .sort((a, b) => b[0].length - a[0].length);
const ARABIC_CONVENTIONS = {
  ar: ARABIC_LETTERS.order.ar.map((n) => ARABIC_LETTERS.conventions[n] as ArabicConvention),
  fa: ARABIC_LETTERS.order.fa.map((n) => ARABIC_LETTERS.conventions[n] as ArabicConvention),
};
const PERSIAN_LETTERS = new RegExp(`[${ARABIC_LETTERS.persianLetters}]`, "u");
const ALIFS = new Set(["ا", "أ", "إ", "آ", "ٱ"]);
const WAWS = new Set(["و", "ؤ"]);
const YAS = new Set(["ي", "ی", "ئ"]);

interface ArabicLetter {
  ch: string;
  harakah?: string;
  shadda: boolean;
}

function arabicLetters(word: string): ArabicLetter[] {
  const letters: ArabicLetter[] = [];
  for (const ch of word) {
    const last = letters[letters.length - 1];
    if (ch === SHADDA) {
      if (last) last.shadda = true;
    } else if (HARAKAT.has(ch)) {
      if (last) last.harakah = HARAKAT.get(ch);
    } else if (/[\p{L}\p{N}]/u.test(ch)) {
      letters.push({ ch, shadda: false });
    }
  }
  return letters;
}

/** Letter-by-letter reading of an Arabic-script word under one convention. */
function arabicByLetter(word: string, c: ArabicConvention): string {
  const letters = arabicLetters(word);
  const segments: Segment[] = [];
  const n = letters.length;
  for (let i = 0; i < n; i++) {
    const { ch, harakah, shadda } = letters[i] as ArabicLetter;
    const first = i === 0;
    const last = i === n - 1;
    const next = letters[i + 1]?.ch ?? "";
    const prevVowel = segments[segments.length - 1]?.vowel ?? false;
    if (ALIFS.has(ch)) {
      const latin = first ? (ch === "إ" ? c.alif.hamzaBelow : c.alif.initial) : c.alif.vowel;
      segments.push({ latin, vowel: true });
    } else if (ch === "ى") {
      segments.push({ latin: last ? c.alif.maqsura : c.ya.vowel, vowel: true });
    } else if (ch === "ة" || ch === "ۀ") {
      segments.push({ latin: c.tehMarbuta, vowel: true });
    } else if (WAWS.has(ch)) {
      const consonant = first || prevVowel || ALIFS.has(next) || harakah !== undefined;
      segments.push(
        consonant ? { latin: c.waw.consonant, vowel: false } : { latin: c.waw.vowel, vowel: true },
      );
    } else if (YAS.has(ch)) {
      const consonant = first || prevVowel || ALIFS.has(next) || harakah !== undefined;
      segments.push(consonant ? { latin: c.ya.consonant, vowel: false } : { latin: c.ya.vowel, vowel: true });
    } else if (ARABIC_LETTERS.extraVowels[ch] !== undefined) {
      segments.push({ latin: ARABIC_LETTERS.extraVowels[ch] ?? "", vowel: true });
    } else if ((ch === "ه" || ch === "ہ") && last && !first && !prevVowel) {
      segments.push({ latin: c.finalHe, vowel: /^[aeiou]/.test(c.finalHe) });
    } else if (ch === "ء") {
      // A hamza on the line only marks a glottal stop, which Latin spellings leave out.
    } else {
      const latin = c.consonants[ch] ?? (ch === "ھ" ? "h" : anyAscii(ch));
      segments.push({ latin: shadda ? latin + latin : latin, vowel: false });
    }
    if (harakah !== undefined && !segments[segments.length - 1]?.vowel)
      segments.push({ latin: harakah, vowel: true });
  }
  return joinSegments(segments, c.vowel, c.insert);
}

/** Apply patterns with {x} (and {sun}) to the alternatives of a word, column by column. */
function applyPatterns(patterns: readonly string[], xs: readonly string[], sun = "l"): string[] {
  const out: string[] = [];
  const n = Math.max(patterns.length, xs.length);
  for (let j = 0; j < n; j++) {
    const pattern = patterns[Math.min(j, patterns.length - 1)] ?? "{x}";
    const x = xs[Math.min(j, xs.length - 1)] ?? "";
    out.push(pattern.replace("{sun}", sun).replace("{x}", x));
  }
  return out;
}

/** Letters `from`..`to` of a word (harakat do not count and stay with their letter); `to` may be negative. */
function letterSlice(word: string, from: number, to?: number): string {
  const chars = [...word];
  const starts: number[] = [];
  chars.forEach((ch, i) => {
    if (!ARABIC_MARK.test(ch)) starts.push(i);
  });
  const begin = starts.at(from) ?? chars.length;
  const end = to === undefined ? chars.length : (starts.at(to) ?? chars.length);
  return chars.slice(begin, end).join("");
}

class ArabicReader {
  constructor(private readonly conventions: ArabicConvention[]) {}

  /** Readings of a word without article: the name table, a split into two known names, or letter by letter. */
  word(word: string): string[] {
    const key = arabicKey(word);
    const known = ARABIC_NAME_MAP.get(key);
    if (known) return [...known];
    return this.compound(key) ?? this.conventions.map((c) => arabicByLetter(word, c));
  }

  /** Persian writes compounds joined (محمدرضا, عبدالغنی): read them as two known names. */
  private compound(key: string): string[] | undefined {
    for (let cut = key.length - 2; cut >= 2; cut--) {
      const a = ARABIC_NAME_MAP.get(key.slice(0, cut));
      const b = a && ARABIC_NAME_MAP.get(key.slice(cut));
      if (!a || !b) continue;
      const out: string[] = [];
      const n = Math.max(a.length, b.length);
      for (let j = 0; j < n; j++) {
        const x = a[Math.min(j, a.length - 1)];
        const y = b[Math.min(j, b.length - 1)];
        out.push(`${x} ${y}`);
        if (j === 0) out.push(`${x}${y}`);
      }
      return out;
    }
    return undefined;
  }

  /** Readings of a word that starts with the article ال (or a preposition joined to it: وال، بال، لل). */
  private withArticle(word: string, key: string): string[] | undefined {
    for (const [prefix, patterns] of PREFIXED_ARTICLES) {
      if (key.startsWith(prefix) && key.length - prefix.length >= 2) {
        return applyPatterns(patterns, this.word(letterSlice(word, prefix.length)));
      }
    }
    if (!key.startsWith(ARTICLE) || key.length < ARTICLE.length + 2) return undefined;
    const xs = this.word(letterSlice(word, ARTICLE.length));
    // The article assimilates to a "sun" consonant: al-Rahman is said ar-Rahman.
    const sunLetter = SUN_LETTERS.has(key[ARTICLE.length] ?? "");
    const sun = sunLetter ? (/^(sh|th|dh|[a-z])/.exec(xs[0] ?? "")?.[0] ?? "l") : "l";
    return applyPatterns(ARABIC_NAMES.article.patterns, xs, sun);
  }

  /** Readings of one token on its own. */
  token(word: string, key: string): string[] {
    const known = ARABIC_NAME_MAP.get(key);
    if (known) return [...known];
    if (key.startsWith(ABD + ARTICLE) && key.length > ABD.length + ARTICLE.length + 1) {
      return applyPatterns(
        ARABIC_NAMES.abd.patterns,
        this.word(letterSlice(word, ABD.length + ARTICLE.length)),
      );
    }
    for (const [suffix, patterns] of SUFFIXES) {
      if (key.endsWith(suffix) && key.length - suffix.length >= 2) {
        return applyPatterns(patterns, this.word(letterSlice(word, 0, -suffix.length)));
      }
    }
    return this.withArticle(word, key) ?? this.word(word);
  }

  units(run: string): Unit[] {
    const tokens = words(run);
    const keys = tokens.map(arabicKey);
    const units: Unit[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const word = tokens[i] as string;
      const key = keys[i] as string;
      if (/^\p{N}+$/u.test(key)) {
        units.push({ key: "", alts: [anyAscii(word)] });
        continue;
      }
      const pair = this.pair(word, key, tokens[i + 1], keys[i + 1]);
      if (pair) {
        units.push(pair);
        i++;
        continue;
      }
      units.push({ key, alts: this.token(word, key) });
    }
    return units;
  }

  /** Two words romanised as one unit: a compound in the table, abd + al-X, or X + Allah / al-Din. */
  private pair(word: string, key: string, next?: string, nextKey?: string): Unit | undefined {
    if (next === undefined || nextKey === undefined) return undefined;
    const unit = (alts: string[]) => ({ key: `${key} ${nextKey}`, alts });
    const known = ARABIC_NAME_MAP.get(key + nextKey);
    if (known) return unit([...known]);
    if (key === ABD && nextKey.startsWith(ARTICLE) && nextKey.length > ARTICLE.length + 1) {
      return unit(applyPatterns(ARABIC_NAMES.abd.patterns, this.word(letterSlice(next, ARTICLE.length))));
    }
    const suffix = SUFFIXES.find(([s]) => s === nextKey)?.[1];
    if (suffix && key !== ABD) return unit(applyPatterns(suffix, this.word(word)));
    return undefined;
  }
}

const ARABIC_READERS = {
  ar: new ArabicReader(ARABIC_CONVENTIONS.ar),
  fa: new ArabicReader(ARABIC_CONVENTIONS.fa),
};

function arabicUnits(run: string): Unit[] {
  return ARABIC_READERS[PERSIAN_LETTERS.test(run) ? "fa" : "ar"].units(run);
}

// ---------------------------------------------------------------------------------------------------------------
// Hangul

type HangulConvention = "dprk" | "rok" | "rr" | "mr";
const HANGUL = hangulTable as unknown as {
  conventions: HangulConvention[];
  initials: Record<HangulConvention, string[]>;
  medials: Record<HangulConvention, string[]>;
  finals: Record<HangulConvention, string[]>;
  shBeforeI: HangulConvention[];
};
const KOREAN_SURNAMES = new Map(Object.entries(koreanSurnames.surnames));
const SYLLABLE_BASE = 0xac00;
const SYLLABLE_LAST = 0xd7a3;
// Jamo indices used by the sh rule: initial ㅅ, medial ㅣ.
const SIOS = 9;
const MEDIAL_I = 20;

function hangulSyllable(code: number, conv: HangulConvention): string {
  const s = code - SYLLABLE_BASE;
  const l = Math.floor(s / 588);
  const v = Math.floor((s % 588) / 28);
  const t = s % 28;
  const initial =
    l === SIOS && v === MEDIAL_I && HANGUL.shBeforeI.includes(conv) ? "sh" : HANGUL.initials[conv][l];
  return (initial ?? "") + (HANGUL.medials[conv][v] ?? "") + (HANGUL.finals[conv][t] ?? "");
}

function hangulWord(word: string, conv: HangulConvention): string[] {
  const out: string[] = [];
  for (const ch of word) {
    const code = ch.codePointAt(0) ?? 0;
    out.push(code >= SYLLABLE_BASE && code <= SYLLABLE_LAST ? hangulSyllable(code, conv) : anyAscii(ch));
  }
  return out;
}

/** Korean personal names are 2–4 syllables with a 1–2 syllable family name in front. */
function koreanSurname(word: string): string | undefined {
  const chars = [...word];
  if (chars.length < 2 || chars.length > 4) return undefined;
  const two = chars.slice(0, 2).join("");
  if (chars.length >= 3 && KOREAN_SURNAMES.has(two)) return two;
  return KOREAN_SURNAMES.has(chars[0] ?? "") ? chars[0] : undefined;
}

function hangulUnits(run: string): Unit[] {
  const units: Unit[] = [];
  const list = words(run);
  const conventions = HANGUL.conventions;
  // A lone surname syllable before other words is a spaced name (김 정은): the words after it are given names.
  const spaced = list.length > 1 && KOREAN_SURNAMES.has(list[0] ?? "");
  for (let w = 0; w < list.length; w++) {
    const word = list[w] as string;
    const surname = spaced ? (w === 0 ? word : undefined) : koreanSurname(word);
    const given = surname ? word.slice(surname.length) : word;
    const split = conventions.map((c) => hangulWord(given, c).join(" "));
    const joined = conventions.map((c) => hangulWord(given, c).join(""));
    const spellings = surname ? KOREAN_SURNAMES.get(surname) : undefined;
    if (spellings) units.push({ key: surname ?? "", alts: [...spellings, ...spellings] });
    if (!given) continue;
    // Names are written syllable by syllable (Kim Jong Un, Kim Jong-un) more often than joined (Kim Jongun).
    const person = spellings !== undefined || spaced;
    units.push({ key: given, alts: person ? [...split, ...joined] : [...joined, ...split] });
  }
  return units;
}

// ---------------------------------------------------------------------------------------------------------------
// Han (Chinese characters): pinyin from pinyin-pro, Wade–Giles from a syllable table.

const WADE_GILES = new Map(Object.entries(hanWadeGiles.syllables));
const HAN_COMPOUND_SURNAMES = new Set(hanSurnames.compound);

const HAN_DIGITS = new Map([..."〇一二三四五六七八九"].map((c, i) => [c, i]));
const HAN_TENS = new Map([
  ["十", 10],
  ["百", 100],
  ["千", 1000],
]);
// 第 and a Han numeral: an ordinal, as Japanese and Chinese ship and fund names number themselves (第十八 = No. 18).
const HAN_ORDINAL = /第([〇一二三四五六七八九十百千]+)/u;

/** The value of a Han numeral (十八 = 18, 二十一 = 21, 一〇五 = 105), or undefined when it is not one. */
export function hanNumber(numeral: string): number | undefined {
  let total = 0;
  let digit: number | undefined;
  let positional = "";
  for (const c of numeral) {
    const d = HAN_DIGITS.get(c);
    const scale = HAN_TENS.get(c);
    if (d !== undefined) {
      if (digit !== undefined) positional += String(digit);
      digit = d;
    } else if (scale !== undefined) {
      total += (digit ?? 1) * scale;
      digit = undefined;
    } else return undefined;
  }
  if (positional) return total === 0 ? Number(positional + String(digit ?? "")) : undefined;
  return total + (digit ?? 0);
}

function hanUnits(run: string): Unit[] {
  // Ordinals become numbers, read apart from the words around them: split keeps the numerals at odd places.
  const parts = run.split(HAN_ORDINAL);
  if (parts.length > 1) {
    return parts.flatMap((part, i) => {
      const value = i % 2 === 1 ? hanNumber(part) : undefined;
      if (value !== undefined) return [{ key: `第${part}`, alts: [String(value)] }];
      return hanWordUnits(i % 2 === 1 ? `第${part}` : part);
    });
  }
  return hanWordUnits(run);
}

function hanWordUnits(run: string): Unit[] {
  const units: Unit[] = [];
  for (const word of run.split(/[^\p{Script=Han}]+/u)) {
    if (!word) continue;
    const chars = [...word];
    // Chinese personal names are 2–4 characters; the family name reads differently (曾 zeng, 单 shan).
    const japanese = japaneseReading(chars);
    const business = hanBusinessReading(chars);
    const person = !business && ((chars.length >= 2 && chars.length <= 4) || japanese !== undefined);
    const py = pinyin(word, { toneType: "none", type: "array", surname: person ? "head" : "off" });
    const wg = py.map((s) => WADE_GILES.get(s) ?? s);
    if (!person) {
      const alts = business
        ? [py.join(" "), business, wg.join(" "), py.join("")]
        : [py.join(" "), wg.join(" "), py.join("")];
      units.push({ key: word, alts });
      continue;
    }
    const familyLength = HAN_COMPOUND_SURNAMES.has(chars.slice(0, 2).join("")) && chars.length >= 3 ? 2 : 1;
    const withGiven = (s: string[]) =>
      `${s.slice(0, familyLength).join("")} ${s.slice(familyLength).join("")}`;
    const korean = koreanReadings(chars);
    const alts = japanese
      ? [py.join(" "), japanese, wg.join(" "), ...korean.slice(0, 1), withGiven(py), withGiven(wg)]
      : [py.join(" "), withGiven(py), wg.join(" "), ...korean.slice(0, 1), withGiven(wg)];
    units.push({ key: word, alts: [...alts, ...korean.slice(1)] });
  }
  return units;
}

const HAN_BUSINESS = new Map(Object.entries(hanBusinessWords.words));
const HAN_BUSINESS_LONGEST = Math.max(...[...HAN_BUSINESS.keys()].map((k) => k.length));

/**
 * A Han company name with its generic words in English and the rest in pinyin joined per run, as its English
 * registered name writes it (沧澜远洋航运有限公司 → canglan ocean shipping co ltd); undefined when it has none.
 */
function hanBusinessReading(chars: string[]): string | undefined {
  const parts: string[] = [];
  let run = "";
  let found = false;
  const flush = () => {
    if (run) parts.push(pinyin(run, { toneType: "none", type: "array" }).join(""));
    run = "";
  };
  for (let i = 0; i < chars.length; ) {
    let matched = "";
    for (let n = Math.min(HAN_BUSINESS_LONGEST, chars.length - i); n >= 2; n--) {
      const piece = chars.slice(i, i + n).join("");
      if (HAN_BUSINESS.has(piece)) {
        matched = piece;
        break;
      }
    }
    if (matched) {
      flush();
      parts.push(HAN_BUSINESS.get(matched) as string);
      found = true;
      i += [...matched].length;
    } else {
      run += chars[i];
      i++;
    }
  }
  flush();
  return found ? parts.join(" ") : undefined;
}

const JAPANESE_SURNAMES = new Map(Object.entries(japaneseNames.surnames));
const JAPANESE_GIVEN = new Map(Object.entries(japaneseNames.given));

/** A Han-character name read the Japanese way (山田太郎 → Yamada Taro) when it is a known family and given name. */
function japaneseReading(chars: string[]): string | undefined {
  if (chars.length < 2 || chars.length > 7) return undefined;
  for (let cut = Math.min(3, chars.length - 1); cut >= 1; cut--) {
    const family = JAPANESE_SURNAMES.get(chars.slice(0, cut).join(""));
    const given = JAPANESE_GIVEN.get(chars.slice(cut).join(""));
    if (family && given) return `${family} ${given}`;
  }
  return undefined;
}

const HANJA_SURNAMES = new Map(Object.entries(hanSurnames.koreanReadings));

/**
 * A Han-character name read the Korean way (金正恩 → Kim Jong Un), as North and South Korean names are written
 * in Hanja: Sino-Korean syllables, then the Hangul conventions (DPRK first, then South Korean usage).
 */
function koreanReadings(chars: string[]): string[] {
  const first = chars[0] as string;
  const hangul =
    (HANJA_SURNAMES.get(first) ?? translateHanja(first, "SUBSTITUTION")) +
    translateHanja(chars.slice(1).join(""), "SUBSTITUTION");
  if (!/^\p{Script=Hangul}+$/u.test(hangul)) return [];
  const [surname, ...given] = [...hangul] as [string, ...string[]];
  const spellings = KOREAN_SURNAMES.get(surname);
  return (["dprk", "rok"] as const).map((conv, i) => {
    const family = spellings?.[i] ?? hangulWord(surname, conv).join("");
    return [family, ...hangulWord(given.join(""), conv)].join(" ");
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Japanese kana → Hepburn

const KANA = new Map(Object.entries(kanaTable.kana));
const KANA_DIGRAPHS = new Map(Object.entries(kanaTable.digraphs));
const SOKUON = "っ";
const CHOONPU = "ー";
const KATAKANA_FIRST = 0x30a1;
const KATAKANA_LAST = 0x30f6;
const KATAKANA_SHIFT = 0x60;

function toHiragana(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out += code >= KATAKANA_FIRST && code <= KATAKANA_LAST ? String.fromCodePoint(code - KATAKANA_SHIFT) : ch;
  }
  return out;
}

type KanaMark = "sokuon" | "choon";

function kanaSyllables(word: string): Array<string | KanaMark> {
  const out: Array<string | KanaMark> = [];
  const chars = [...toHiragana(word)];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const pair = KANA_DIGRAPHS.get(ch + (chars[i + 1] ?? ""));
    if (pair) {
      out.push(pair);
      i++;
    } else if (ch === SOKUON) out.push("sokuon");
    else if (ch === CHOONPU) out.push("choon");
    else out.push(KANA.get(ch) ?? anyAscii(ch));
  }
  return out;
}

type KanaStyle = "passport" | "wapuro" | "oh";

function kanaReading(syllables: Array<string | KanaMark>, style: KanaStyle): string {
  let out = "";
  for (let i = 0; i < syllables.length; i++) {
    const s = syllables[i] as string | KanaMark;
    const next = syllables[i + 1];
    const lastVowel = out[out.length - 1] ?? "";
    if (s === "sokuon") {
      if (typeof next === "string" && next !== "sokuon" && next !== "choon")
        out += next.startsWith("ch") ? "t" : next[0];
    } else if (s === "choon") {
      if (style === "wapuro") out += lastVowel;
      else if (style === "oh" && lastVowel === "o") out += "h";
    } else if (style !== "wapuro" && (s === "u" || s === "o") && lastVowel === "o") {
      // Passport Hepburn writes a long o once (Sato, Ono), or as oh on request (Satoh, Ohno).
      if (style === "oh") out += "h";
    } else if (style !== "wapuro" && s === "u" && lastVowel === "u") {
      // Long u is written once too (Yuki from ゆうき).
    } else if (s === "n" && style !== "wapuro" && typeof next === "string" && /^[bmp]/.test(next)) {
      out += "m";
    } else {
      out += s;
    }
  }
  return out;
}

function kanaUnits(run: string): Unit[] {
  return words(run).map((word) => {
    const syllables = kanaSyllables(word);
    return { key: word, alts: (["passport", "wapuro", "oh"] as const).map((s) => kanaReading(syllables, s)) };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Thai: the Royal Thai General System through @dehoist/romanize-thai (inherent vowels, final consonants).

// A consonant under the thanthakhat (์) is not pronounced (ประยุทธ์ Prayut, จันทร์ Chan).
const THAI_SILENT = /[\u0e01-\u0e2e]\u0e4c/gu;

function thaiWord(word: string): string {
  return romanizeThai(word.replace(THAI_SILENT, ""));
}

// ---------------------------------------------------------------------------------------------------------------
// Script runs

type RunKind =
  | "latin"
  | "neutral"
  | "cyrl"
  | "grek"
  | "hebr"
  | "arab"
  | "hang"
  | "hani"
  | "kana"
  | "mymr"
  | "thai"
  | "other";

const KIND_PATTERNS: ReadonlyArray<readonly [RunKind, RegExp]> = [
  ["latin", /\p{Script=Latin}/u],
  ["cyrl", /\p{Script=Cyrillic}/u],
  ["arab", /\p{Script=Arabic}/u],
  ["hebr", /\p{Script=Hebrew}/u],
  ["grek", /\p{Script=Greek}/u],
  ["hang", /\p{Script=Hangul}/u],
  ["hani", /\p{Script=Han}/u],
  ["kana", /[\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u],
  ["mymr", /\p{Script=Myanmar}/u],
  ["thai", /\p{Script=Thai}/u],
];
const MARK = /\p{M}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const ASCII_LETTER = /[A-Za-z]/;

// Script lookups by regular expression are the slow part of cutting runs; names reuse few characters.
const KIND_CACHE = new Map<string, RunKind | "mark">();

/** Kind of one character; "mark" joins the run it follows. */
function kindOf(ch: string): RunKind | "mark" {
  if (ch.charCodeAt(0) < 0x80) return ASCII_LETTER.test(ch) ? "latin" : "neutral";
  let kind = KIND_CACHE.get(ch);
  if (kind === undefined) {
    kind = MARK.test(ch) ? "mark" : (KIND_PATTERNS.find(([, p]) => p.test(ch))?.[0] ?? "neutral");
    if (kind === "neutral" && LETTER_OR_DIGIT.test(ch)) kind = "other";
    KIND_CACHE.set(ch, kind);
  }
  return kind;
}

interface Run {
  kind: RunKind;
  text: string;
}

/** Cut a text into runs of one script; spaces and punctuation between two letters of one script stay inside. */
function runs(text: string): Run[] {
  const out: Run[] = [];
  let current: Run | undefined;
  let pending = "";
  for (const ch of text) {
    const kind = kindOf(ch);
    if (kind === "mark") {
      if (current) current.text += pending + ch;
      else pending += ch;
      if (current) pending = "";
      continue;
    }
    if (kind === "neutral") {
      pending += ch;
      continue;
    }
    if (current && current.kind === kind) {
      current.text += pending + ch;
    } else {
      if (current) out.push(current);
      if (pending) out.push({ kind: "neutral", text: pending });
      current = { kind, text: ch };
    }
    pending = "";
  }
  if (current) out.push(current);
  if (pending) out.push({ kind: "neutral", text: pending });
  return out;
}

function runUnits(run: Run): Unit[] {
  switch (run.kind) {
    case "latin":
      return [{ key: "", alts: [run.text] }];
    case "neutral":
      return [{ key: "", alts: [anyAscii(run.text)] }];
    case "cyrl":
      return cyrillicUnits(run.text);
    case "grek":
      return greekUnits(run.text);
    case "hebr":
      return hebrewUnits(run.text);
    case "arab":
      return arabicUnits(run.text);
    case "hang":
      return hangulUnits(run.text);
    case "hani":
      return hanUnits(run.text);
    case "kana":
      return kanaUnits(run.text);
    case "mymr":
      return words(run.text).map((word) => ({ key: word, alts: burmeseWord(word) }));
    case "thai":
      return words(run.text).map((word) => ({ key: word, alts: [thaiWord(word), anyAscii(word)] }));
    default:
      return [{ key: "", alts: [anyAscii(run.text)] }];
  }
}

// Zero-width characters, tatweel and soft hyphen carry no letters (as in normalizeName); ZWNJ joins Persian words.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u0640\u00AD]/g;
// Below U+0370 there is only Latin, digits, punctuation and combining marks.
const FIRST_NON_LATIN = 0x0370;

function hasNonLatin(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= FIRST_NON_LATIN) return true;
  return false;
}

function prepare(text: string): string {
  return text.normalize("NFKC").replace(INVISIBLE, "");
}

function nameUnits(text: string): Unit[] {
  return runs(prepare(text)).flatMap(runUnits);
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** normalizeName, with a shortcut for the plain ASCII that the tables produce (same result, a fraction of the cost). */
function normalizeReading(text: string): string {
  if (!PRINTABLE_ASCII.test(text)) return normalizeName(text);
  return text
    .replace(/['`]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Readings column by column: learned spellings first (one column per learned rank), then the conventions. */
function combine(units: Unit[], max: number, learned: LearnedReadings | undefined, out: string[]): void {
  const seen = new Set(out);
  const push = (parts: string[]): boolean => {
    const reading = normalizeReading(parts.join(" "));
    if (reading && !seen.has(reading)) {
      seen.add(reading);
      out.push(reading);
    }
    return out.length >= max;
  };
  if (learned) {
    const known = units.map((u) => (u.key ? learned.units.get(u.key) : undefined));
    const depth = Math.max(0, ...known.map((k) => k?.length ?? 0));
    for (let j = 0; j < depth; j++) {
      const parts = units.map((u, i) => {
        const k = known[i];
        return k && k.length > 0
          ? (k[Math.min(j, k.length - 1)] ?? "")
          : (u.alts[Math.min(j, u.alts.length - 1)] ?? "");
      });
      if (push(parts)) return;
    }
  }
  const columns = Math.max(0, ...units.map((u) => u.alts.length));
  for (let k = 0; k < columns; k++) {
    if (push(units.map((u) => u.alts[Math.min(k, u.alts.length - 1)] ?? ""))) return;
  }
  // Mixes of columns, closest to the usual spelling first (the smallest sum of column ranks).
  const mixed = units.map((u, i) => (u.mix && u.alts.length > 1 ? i : -1)).filter((i) => i >= 0);
  if (mixed.length < 2 || mixed.length > 4) return;
  const ranks: number[][] = [[]];
  for (const i of mixed) {
    const size = Math.min(4, (units[i] as Unit).alts.length);
    const next: number[][] = [];
    for (const r of ranks) for (let k = 0; k < size; k++) next.push([...r, k]);
    ranks.splice(0, ranks.length, ...next);
  }
  const sum = (r: number[]) => r.reduce((a, b) => a + b, 0);
  ranks.sort((a, b) => sum(a) - sum(b));
  for (const r of ranks) {
    if (r.every((k) => k === r[0])) continue;
    const parts = units.map((u, i) => {
      const at = mixed.indexOf(i);
      return at < 0 ? (u.alts[0] ?? "") : (u.alts[r[at] as number] ?? "");
    });
    if (push(parts)) return;
  }
}

/** Distinct Latin readings of a name (normalised, most usual first); a Latin name is returned as it normalises. */
export function latinReadings(text: string, opts: ReadingOptions = {}): string[] {
  const max = Math.max(1, opts.max ?? DEFAULT_MAX);
  if (!hasNonLatin(text)) {
    const normal = normalizeName(text);
    return normal ? [normal] : [];
  }
  const out: string[] = [];
  const whole = opts.learned?.names.get(normalizeName(text));
  if (whole) for (const name of whole) if (out.length < max && !out.includes(name)) out.push(name);
  if (out.length < max) {
    const units = nameUnits(text);
    const limit = opts.max === undefined && units.some((u) => u.mix) ? MIXED_MAX : max;
    combine(units, limit, opts.learned, out);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Learning from bilingual list names

// A learned pair must look like a transliteration: the spelled-out unit and its Latin words must be this close.
const LEARN_MIN_SIMILARITY = 0.7;
// One unit can stand for up to this many Latin words (عبد الرحمن → abd al rahman).
const MAX_WORDS_PER_UNIT = 3;

function squash(s: string): string {
  return s.replace(/ /g, "");
}

/** Best similarity of a Latin span to any alternative of a unit. */
function unitSimilarity(unit: Unit, span: string): number {
  const target = squash(span);
  let best = 0;
  for (const alt of unit.alts) best = Math.max(best, jaroWinkler(squash(normalizeName(alt)), target));
  return best;
}

/** Pair each unit with 1–3 consecutive Latin words, in order, maximising similarity; undefined if none fits. */
function alignUnits(units: Unit[], latin: string[]): string[] | undefined {
  const n = units.length;
  const m = latin.length;
  // best[i][j]: best total similarity of the first i units over the first j words.
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(-1));
  const from: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  (best[0] as number[])[0] = 0;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      for (let w = 1; w <= Math.min(MAX_WORDS_PER_UNIT, j); w++) {
        const before = best[i - 1]?.[j - w] ?? -1;
        if (before < 0) continue;
        const sim = unitSimilarity(units[i - 1] as Unit, latin.slice(j - w, j).join(" "));
        if (sim < LEARN_MIN_SIMILARITY) continue;
        if (before + sim > (best[i]?.[j] ?? -1)) {
          (best[i] as number[])[j] = before + sim;
          (from[i] as number[])[j] = w;
        }
      }
    }
  }
  if ((best[n]?.[m] ?? -1) < 0) return undefined;
  const spans: string[] = new Array<string>(n);
  let j = m;
  for (let i = n; i > 0; i--) {
    const w = from[i]?.[j] ?? 1;
    spans[i - 1] = latin.slice(j - w, j).join(" ");
    j -= w;
  }
  return spans;
}

function ranked(counts: Map<string, Map<string, number>>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, spellings] of counts) {
    out.set(
      key,
      [...spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([spelling]) => spelling),
    );
  }
  return out;
}

function count(map: Map<string, Map<string, number>>, key: string, value: string): void {
  const inner = map.get(key) ?? new Map<string, number>();
  inner.set(value, (inner.get(value) ?? 0) + 1);
  map.set(key, inner);
}

/** Learn word spellings from pairs of one name in its original script and in Latin (e.g. UN NAME_ORIGINAL_SCRIPT). */
export function learnReadings(pairs: ReadonlyArray<{ original: string; latin: string }>): LearnedReadings {
  const units = new Map<string, Map<string, number>>();
  const names = new Map<string, Map<string, number>>();
  for (const { original, latin } of pairs) {
    if (!hasNonLatin(original)) continue;
    const latinWords = tokenize(latin);
    // Punctuation around the name says nothing; Latin words or numbers inside it carry no key to learn.
    const parts = nameUnits(original).filter((u) => u.key || normalizeName(u.alts[0] ?? "") !== "");
    if (latinWords.length === 0 || parts.length === 0 || parts.some((u) => !u.key)) continue;
    const spans = alignUnits(parts, latinWords);
    if (!spans) continue;
    for (const [i, u] of parts.entries()) count(units, u.key, spans[i] ?? "");
    count(names, normalizeName(original), latinWords.join(" "));
  }
  return { units: ranked(units), names: ranked(names) };
}
