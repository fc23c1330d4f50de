import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import arabicLetters from "../resources/translit/arabic-letters.json" with { type: "json" };
import arabicNames from "../resources/translit/arabic-names.json" with { type: "json" };
import burmese from "../resources/translit/burmese.json" with { type: "json" };
import cyrillicBgn from "../resources/translit/cyrillic-bgn.json" with { type: "json" };
import cyrillicCommon from "../resources/translit/cyrillic-common.json" with { type: "json" };
import cyrillicFrench from "../resources/translit/cyrillic-french.json" with { type: "json" };
import cyrillicGerman from "../resources/translit/cyrillic-german.json" with { type: "json" };
import cyrillicGost from "../resources/translit/cyrillic-gost.json" with { type: "json" };
import cyrillicIcao from "../resources/translit/cyrillic-icao.json" with { type: "json" };
import cyrillicLanguages from "../resources/translit/cyrillic-languages.json" with { type: "json" };
import greekClassical from "../resources/translit/greek-classical.json" with { type: "json" };
import greekElot from "../resources/translit/greek-elot743.json" with { type: "json" };
import greekPhonetic from "../resources/translit/greek-phonetic.json" with { type: "json" };
import hanBusiness from "../resources/translit/han-business-words.json" with { type: "json" };
import hanSurnames from "../resources/translit/han-surnames.json" with { type: "json" };
import hanWadeGiles from "../resources/translit/han-wade-giles.json" with { type: "json" };
import hangul from "../resources/translit/hangul.json" with { type: "json" };
import hebrewLetters from "../resources/translit/hebrew-letters.json" with { type: "json" };
import hebrewNames from "../resources/translit/hebrew-names.json" with { type: "json" };
import japaneseNames from "../resources/translit/japanese-names.json" with { type: "json" };
import kana from "../resources/translit/kana.json" with { type: "json" };
import koreanSurnames from "../resources/translit/korean-surnames.json" with { type: "json" };

const DIR = new URL("../resources/translit/", import.meta.url);
// What a table may produce: lower-case ASCII letters; name tables may have several words.
const LATIN = /^[a-z]*$/;
const LATIN_WORDS = /^[a-z]+( [a-z]+)*$/;

function assertLatin(value: unknown, where: string, pattern = LATIN): void {
  assert.equal(typeof value, "string", where);
  assert.match(value as string, pattern, where);
}

/** Every character of `key` matches `script`, or is one of `extra`. */
function assertScript(key: string, script: RegExp, where: string, extra = ""): void {
  assert.ok(key.length > 0, `${where}: empty key`);
  for (const ch of key) assert.ok(script.test(ch) || extra.includes(ch), `${where}: "${ch}" in "${key}"`);
}

test("every table has a source note", () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith(".json"));
  assert.ok(files.length >= 22);
  for (const file of files) {
    const table = JSON.parse(readFileSync(new URL(file, DIR), "utf8")) as { source?: unknown };
    assert.equal(typeof table.source, "string", file);
    assert.ok((table.source as string).length > 40, `${file}: source note too short`);
  }
});

type Alphabet = {
  name: string;
  classes?: Record<string, string>;
  letters: Record<string, string>;
  rules: Array<{ match: string; latin: string; after?: string[]; before?: string[] }>;
  languages?: Record<string, { letters?: Record<string, string>; rules?: Alphabet["rules"] }>;
};

function checkAlphabet(table: Alphabet, script: RegExp, languages: string[]): void {
  const where = table.name;
  for (const [key, value] of Object.entries(table.letters)) {
    assert.equal([...key].length, 1, `${where}: letter key "${key}"`);
    assertScript(key, script, where);
    assert.equal(key, key.toLowerCase(), `${where}: "${key}" is not lower case`);
    assertLatin(value, `${where}: ${key}`);
  }
  const classes = table.classes ?? {};
  for (const [name, chars] of Object.entries(classes)) assertScript(chars, script, `${where} class ${name}`);
  const checkRules = (rules: Alphabet["rules"], at: string) => {
    for (const rule of rules) {
      assertScript(rule.match, script, at);
      assertLatin(rule.latin, `${at}: ${rule.match}`);
      for (const [side, boundary] of [
        ["after", "start"],
        ["before", "end"],
      ] as const) {
        for (const item of rule[side] ?? []) {
          if (item === boundary || item in classes) continue;
          assertScript(item, script, `${at}: ${rule.match} ${side} "${item}"`);
        }
      }
    }
  };
  checkRules(table.rules, where);
  for (const [lang, layer] of Object.entries(table.languages ?? {})) {
    assert.ok(languages.includes(lang), `${where}: unknown language ${lang}`);
    for (const [key, value] of Object.entries(layer.letters ?? {})) {
      assert.ok(key in table.letters, `${where}/${lang}: ${key} is not a letter of the base table`);
      assertLatin(value, `${where}/${lang}: ${key}`);
    }
    checkRules(layer.rules ?? [], `${where}/${lang}`);
  }
}

test("Cyrillic conventions: the same letters in each, lower-case Cyrillic to ASCII, rules well formed", () => {
  const tables = [
    cyrillicBgn,
    cyrillicIcao,
    cyrillicCommon,
    cyrillicGerman,
    cyrillicFrench,
    cyrillicGost,
  ] as Alphabet[];
  const languages = Object.keys(cyrillicLanguages.detect);
  assert.deepEqual([...languages].sort(), [...cyrillicLanguages.order].sort());
  for (const pattern of Object.values(cyrillicLanguages.detect))
    assert.doesNotThrow(() => new RegExp(pattern, "u"));
  const letters = Object.keys(cyrillicBgn.letters).sort();
  // The 33 letters of Russian are all there.
  for (const ch of "абвгдеёжзийклмнопрстуфхцчшщъыьэюя") assert.ok(letters.includes(ch), ch);
  for (const table of tables) {
    checkAlphabet(table, /\p{Script=Cyrillic}/u, languages);
    assert.deepEqual(Object.keys(table.letters).sort(), letters, `${table.name} covers other letters`);
  }
});

test("Greek conventions: lower-case Greek to ASCII, the same letters in each", () => {
  const tables = [greekElot, greekPhonetic, greekClassical] as Alphabet[];
  const letters = Object.keys(greekElot.letters).sort();
  for (const ch of "αβγδεζηθικλμνξοπρσςτυφχψω") assert.ok(letters.includes(ch), ch);
  for (const table of tables) {
    checkAlphabet(table, /\p{Script=Greek}/u, []);
    assert.deepEqual(Object.keys(table.letters).sort(), letters, table.name);
  }
});

test("Hangul jamo tables have 19, 21 and 28 entries per convention", () => {
  const sizes = { initials: 19, medials: 21, finals: 28 } as const;
  for (const [part, size] of Object.entries(sizes) as Array<[keyof typeof sizes, number]>) {
    const table = hangul[part] as Record<string, string[]>;
    assert.equal(table.jamo?.length, size, part);
    for (const jamo of table.jamo ?? []) if (jamo) assertScript(jamo, /\p{Script=Hangul}/u, part);
    for (const conv of hangul.conventions) {
      assert.equal(table[conv]?.length, size, `${part}.${conv}`);
      for (const v of table[conv] ?? []) assertLatin(v, `${part}.${conv}`);
    }
  }
  for (const conv of hangul.shBeforeI) assert.ok(hangul.conventions.includes(conv));
});

test("Korean surnames: one or two syllables, one spelling per convention", () => {
  assert.deepEqual(koreanSurnames.conventions, hangul.conventions);
  for (const [key, spellings] of Object.entries(koreanSurnames.surnames)) {
    assert.ok([...key].length <= 2, key);
    assertScript(key, /[\uac00-\ud7a3]/u, "surname");
    assert.equal(spellings.length, koreanSurnames.conventions.length, key);
    for (const s of spellings) assertLatin(s, key, LATIN_WORDS);
  }
});

test("Han tables: Wade–Giles keyed by pinyin syllables, compound surnames of two characters", () => {
  const entries = Object.entries(hanWadeGiles.syllables);
  assert.ok(entries.length > 150);
  for (const [pinyin, wg] of entries) {
    assert.match(pinyin, /^[a-zü]+$/, pinyin);
    assertLatin(wg, pinyin, LATIN_WORDS);
  }
  assert.equal(hanWadeGiles.syllables.zhong, "chung");
  assert.equal(hanWadeGiles.syllables.xi, "hsi");
  for (const name of hanSurnames.compound) {
    assert.equal([...name].length, 2, name);
    assertScript(name, /\p{Script=Han}/u, "compound surname");
  }
});

test("kana table: hiragana keys of one or two kana, Hepburn values", () => {
  for (const [key, value] of Object.entries(kana.kana)) {
    assert.equal([...key].length, 1, key);
    assertScript(key, /\p{Script=Hiragana}/u, "kana");
    assertLatin(value, key, LATIN_WORDS);
  }
  for (const [key, value] of Object.entries(kana.digraphs)) {
    assert.equal([...key].length, 2, key);
    assertScript(key, /\p{Script=Hiragana}/u, "digraph");
    assertLatin(value, key, LATIN_WORDS);
  }
  // Every basic hiragana from あ to ん is there.
  for (let code = 0x3042; code <= 0x3093; code++) {
    const ch = String.fromCodePoint(code);
    if ("ぃぅぇぉっゃゅょゎ".includes(ch)) continue;
    assert.ok(ch in kana.kana, ch);
  }
});

test("Burmese table: Myanmar-script keys, Latin values, two columns per rhyme and vowel", () => {
  const myanmar = /\p{Script=Myanmar}/u;
  for (const [key, value] of Object.entries(burmese.consonants)) {
    assertScript(key, myanmar, "consonant");
    assertLatin(value, key);
  }
  for (const table of [burmese.medialY, burmese.medialH]) {
    for (const [key, value] of Object.entries(table)) {
      assert.ok(key in burmese.consonants, `medial onset of a non-consonant ${key}`);
      assertLatin(value, key);
    }
  }
  for (const [key, value] of Object.entries({ ...burmese.rhymes, ...burmese.independentVowels })) {
    if (key) assertScript(key, myanmar, "rhyme");
    assert.equal(value.length, 2, key);
    for (const v of value) assertLatin(v, key);
  }
  for (const [key, value] of Object.entries(burmese.digits)) assert.match(value, /^[0-9]$/, key);
  for (const [key, value] of Object.entries(burmese.words)) {
    assertScript(key, myanmar, "word");
    assertLatin(value, key, LATIN_WORDS);
  }
});

test("Han business words: two Han characters or more, English words", () => {
  for (const [word, english] of Object.entries(hanBusiness.words)) {
    assert.ok([...word].length >= 2, word);
    assertScript(word, /\p{Script=Han}/u, "business word");
    assertLatin(english, word, LATIN_WORDS);
  }
});

test("Japanese names table: Han-character keys (with the 々 repeat mark), Hepburn values", () => {
  for (const table of [japaneseNames.surnames, japaneseNames.given]) {
    assert.ok(Object.keys(table).length >= 80);
    for (const [key, value] of Object.entries(table)) {
      assertScript(key, /\p{Script=Han}/u, "Japanese name", "々");
      assertLatin(value, key);
    }
  }
});

test("Hebrew tables: letters, final forms, points, readings and names", () => {
  const hebrew = /\p{Script=Hebrew}/u;
  for (const [finalForm, base] of Object.entries(hebrewLetters.finals)) {
    assertScript(finalForm, hebrew, "final");
    assertScript(base, hebrew, "final base");
  }
  for (const [letter, latin] of Object.entries(hebrewLetters.geresh)) {
    assertScript(letter, hebrew, "geresh");
    assertLatin(latin, letter);
  }
  for (const [point, latin] of Object.entries(hebrewLetters.points)) {
    assert.match(point, /^[\u05b0-\u05c7]$/, "point");
    assertLatin(latin, "point");
  }
  assert.ok(hebrewLetters.readings.length >= 2);
  for (const reading of hebrewLetters.readings) {
    // All 22 letters have a value in every reading.
    assert.equal(Object.keys(reading.consonants).length, 22, reading.name);
    for (const [letter, latin] of Object.entries({ ...reading.consonants, ...reading.fricatives })) {
      assert.equal([...letter].length, 1, letter);
      assertScript(letter, hebrew, reading.name);
      assertLatin(latin, `${reading.name}: ${letter}`);
    }
    for (const field of ["vowel", "vav", "yod", "finalYod", "finalHe"] as const)
      assertLatin(reading[field], field);
    assert.ok(["joined", "split"].includes(reading.article), reading.name);
    assert.ok(["initial", "alternate", "all", "none"].includes(reading.insert), reading.name);
  }
  for (const [name, spellings] of Object.entries(hebrewNames.names)) {
    assertScript(name, hebrew, "hebrew name", ' "');
    assert.ok(spellings.length > 0, name);
    for (const s of spellings) assertLatin(s, name, LATIN_WORDS);
  }
  // Company words: the English word first, the transliteration second; never also a name.
  for (const [word, [english, translit, ...rest]] of Object.entries(hebrewNames.words)) {
    assertScript(word, hebrew, "hebrew word", '"');
    assertLatin(english, word, LATIN_WORDS);
    assertLatin(translit, word, LATIN_WORDS);
    assert.equal(rest.length, 0, word);
    assert.ok(!(word in hebrewNames.names), `${word} is both a name and a word`);
  }
});

test("Arabic tables: letters per convention, folding, harakat, names and patterns", () => {
  const arabic = /\p{Script=Arabic}/u;
  const conventions = Object.entries(arabicLetters.conventions);
  for (const order of Object.values(arabicLetters.order)) {
    assert.deepEqual([...order].sort(), conventions.map(([name]) => name).sort());
  }
  const letters = Object.keys(arabicLetters.conventions.english.consonants).sort();
  for (const [name, conv] of conventions) {
    assert.deepEqual(Object.keys(conv.consonants).sort(), letters, name);
    for (const [letter, latin] of Object.entries(conv.consonants)) {
      assert.equal([...letter].length, 1, letter);
      assertScript(letter, arabic, name);
      assertLatin(latin, `${name}: ${letter}`);
    }
    for (const latin of [
      ...Object.values(conv.waw),
      ...Object.values(conv.ya),
      ...Object.values(conv.alif),
    ]) {
      assertLatin(latin, name);
    }
    assertLatin(conv.tehMarbuta, name);
    assertLatin(conv.finalHe, name);
    assertLatin(conv.vowel, name);
    assert.ok(["initial", "alternate", "all", "none"].includes(conv.insert), name);
  }
  for (const [from, to] of Object.entries(arabicLetters.fold)) {
    assertScript(from, arabic, "fold");
    if (to) assertScript(to, arabic, "fold");
  }
  for (const [mark, latin] of Object.entries(arabicLetters.harakat)) {
    assert.match(mark, /^\p{M}$/u, "haraka");
    assertLatin(latin, "haraka");
  }
  for (const [letter, latin] of Object.entries(arabicLetters.extraVowels)) {
    assertScript(letter, arabic, "extra vowel");
    assertLatin(latin, letter);
  }
  assertScript(arabicLetters.persianLetters, arabic, "persian letters");

  const names = Object.entries(arabicNames.names);
  assert.ok(names.length >= 300, `only ${names.length} names`);
  for (const [name, spellings] of names) {
    assertScript(name, arabic, "arabic name", " ");
    assert.ok(spellings.length > 0, name);
    for (const s of spellings) assertLatin(s, name, LATIN_WORDS);
  }
  const patterns = [
    ...arabicNames.article.patterns,
    ...arabicNames.abd.patterns,
    ...Object.values(arabicNames.prefixedArticle).flat(),
    ...Object.values(arabicNames.suffixes).flat(),
  ];
  for (const p of patterns) {
    assert.ok(p.includes("{x}"), p);
    assertLatin(p.replace("{x}", "x").replace("{sun}", "s"), p, LATIN_WORDS);
  }
  for (const key of [
    arabicNames.article.prefix,
    arabicNames.article.sun,
    arabicNames.abd.prefix,
    ...Object.keys(arabicNames.prefixedArticle),
    ...Object.keys(arabicNames.suffixes),
  ]) {
    assertScript(key, arabic, "affix");
  }
});
