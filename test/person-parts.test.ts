import assert from "node:assert/strict";
import { test } from "node:test";
import nicknameTable from "../resources/given-name-nicknames.json" with { type: "json" };
import table from "../resources/person-name-parts.json" with { type: "json" };
import { normalizeName, tokenize } from "../src/names/normalize.ts";
import {
  isHonorific,
  isParticle,
  joinParticles,
  nicknameReadings,
  stripHonorifics,
} from "../src/names/person-parts.ts";

function strip(text: string): { tokens: string[]; removed: string[] } {
  return stripHonorifics(tokenize(text));
}

function glue(text: string): string[] {
  return joinParticles(tokenize(text));
}

// --- the table --------------------------------------------------------------------------------------------

test("every title, suffix and particle is written as tokenize() leaves it", () => {
  const sequences = [
    ...table.titles.sequences,
    ...table.ambiguousTitles.sequences,
    ...table.suffixes.sequences,
    ...table.particles.groups.flatMap((g) => [...(g.forms ?? []), ...(g.assimilated ?? [])]),
    ...Object.keys(table.notStripped.words),
  ];
  for (const sequence of sequences) assert.equal(tokenize(sequence).join(" "), sequence, `"${sequence}"`);
});

test("titles are listed once, either as plain or as ambiguous, and never among the words kept on purpose", () => {
  const titles = [...table.titles.sequences, ...table.ambiguousTitles.sequences];
  assert.equal(new Set(titles).size, titles.length);
  assert.equal(new Set(table.suffixes.sequences).size, table.suffixes.sequences.length);
  for (const word of Object.keys(table.notStripped.words)) assert.ok(!titles.includes(word), word);
});

test("each particle spelling belongs to one group; assimilated articles start with a vowel", () => {
  const seen = new Set<string>();
  for (const group of table.particles.groups) {
    for (const form of [...(group.forms ?? []), ...(group.assimilated ?? [])]) {
      assert.ok(!seen.has(form), `particle "${form}" listed twice`);
      seen.add(form);
    }
    for (const form of group.assimilated ?? []) assert.match(form, /^[aeiou][a-z]+$/);
    if (group.glue !== undefined) assert.match(group.glue, /^[a-z]+$/);
  }
  for (const rule of table.particles.compounds.rules) {
    assert.ok(rule.minRest >= 2);
    for (const prefix of [...(rule.prefixes ?? []), ...(rule.vowelPrefixes ?? [])])
      assert.match(prefix, /^[a-z]+$/);
  }
});

// --- stripping titles -------------------------------------------------------------------------------------

test("titles are stripped from the front, longest first and repeatedly", () => {
  assert.deepEqual(strip("H.E. Dr. Mohammed bin Rashid"), {
    tokens: ["mohammed", "bin", "rashid"],
    removed: ["h e", "dr"],
  });
  assert.deepEqual(strip("His Excellency General Qasem Soleimani").removed, ["his excellency", "general"]);
  assert.deepEqual(strip("Lt. Gen. Ivan Petrov"), { tokens: ["ivan", "petrov"], removed: ["lt gen"] });
  assert.deepEqual(strip("Brigadier General Ali Hajizadeh").removed, ["brigadier general"]);
  assert.deepEqual(strip("Hojatoleslam val-Moslemin Ali Akbar Ahmadian").removed, [
    "hojatoleslam val moslemin",
  ]);
  assert.deepEqual(strip("Grand Ayatollah Ali Sistani").tokens, ["ali", "sistani"]);
  assert.deepEqual(strip("Al-Hajj Yahya Jammeh"), { tokens: ["yahya", "jammeh"], removed: ["al hajj"] });
  assert.deepEqual(strip("Mullah Mohammed Omar").tokens, ["mohammed", "omar"]);
  assert.deepEqual(strip("Prof. Dr. Ing. Hans Weber").removed, ["prof", "dr", "ing"]);
  assert.deepEqual(strip("MR. JOHN SMITH").tokens, ["john", "smith"]);
});

test("generational suffixes are stripped from the end", () => {
  assert.deepEqual(strip("DELOS REYES, Feliciano Semborio, Jr."), {
    tokens: ["delos", "reyes", "feliciano", "semborio"],
    removed: ["jr"],
  });
  assert.deepEqual(strip("Dr. John Smith III").removed, ["dr", "iii"]);
  assert.deepEqual(strip("Aguino Arboleda, Onofre Junior").tokens, ["aguino", "arboleda", "onofre"]);
});

test("stripping never leaves a name empty", () => {
  assert.deepEqual(strip("Dr"), { tokens: ["dr"], removed: [] });
  assert.deepEqual(strip("Mr. Dr."), { tokens: ["dr"], removed: ["mr"] });
  assert.deepEqual(strip("General"), { tokens: ["general"], removed: [] });
  assert.deepEqual(strip("Jr"), { tokens: ["jr"], removed: [] });
  assert.deepEqual(strip("Mr Jr"), { tokens: ["jr"], removed: ["mr"] });
  assert.deepEqual(stripHonorifics([]), { tokens: [], removed: [] });
});

test("titles that are also names are stripped only before two more tokens", () => {
  assert.deepEqual(strip("Sheikh Hasina"), { tokens: ["sheikh", "hasina"], removed: [] });
  assert.deepEqual(strip("Sheikh Mohammed bin Rashid").tokens, ["mohammed", "bin", "rashid"]);
  assert.deepEqual(strip("Eng Lim").tokens, ["eng", "lim"]);
  assert.deepEqual(strip("Eng. Mohammed Ali").tokens, ["mohammed", "ali"]);
  assert.deepEqual(strip("Major Tom").tokens, ["major", "tom"]);
  assert.deepEqual(strip("Seyed Ali Khamenei").tokens, ["ali", "khamenei"]);
});

test("titles are only stripped at the front, and name-like titles are kept", () => {
  assert.deepEqual(strip("Abu Mahdi al-Muhandis").tokens, ["abu", "mahdi", "al", "muhandis"]);
  assert.deepEqual(strip("Mohammed General Trading").tokens, ["mohammed", "general", "trading"]);
  for (const name of [
    "Amir Khan Muttaqi",
    "Sultan bin Zayed",
    "Said Jalili",
    "Hafiz Muhammad Saeed",
    "Tun Moe Myint",
  ]) {
    assert.deepEqual(strip(name).removed, [], name);
  }
});

test("the input tokens are not changed", () => {
  const tokens = tokenize("Dr. John Smith Jr.");
  const copy = [...tokens];
  stripHonorifics(tokens);
  joinParticles(tokens);
  assert.deepEqual(tokens, copy);
});

test("isHonorific knows single-token titles", () => {
  for (const t of ["dr", "mr", "sheikh", "general", "hajji", "mullah", "ayatollah", "sayyid"])
    assert.ok(isHonorific(t), t);
  for (const t of ["amir", "said", "khan", "mohammed", "h"]) assert.ok(!isHonorific(t), t);
});

// --- particles --------------------------------------------------------------------------------------------

test("isParticle knows particles before a name; an assimilated article needs the matching consonant after it", () => {
  for (const t of [
    "al",
    "el",
    "ul",
    "bin",
    "ibn",
    "bint",
    "abu",
    "umm",
    "abd",
    "abdul",
    "van",
    "von",
    "de",
    "della",
  ]) {
    assert.ok(isParticle(t, "karim"), t);
    // The last word of a name is a name (KO TAE BIN), not a particle leading into another.
    assert.ok(!isParticle(t, undefined), t);
  }
  assert.ok(!isParticle("as", undefined));
  assert.ok(isParticle("as", "salam"));
  assert.ok(isParticle("ash", "shabaab"));
  assert.ok(isParticle("ud", "din"));
  assert.ok(!isParticle("an", "jung"));
  assert.ok(!isParticle("as", "a"));
  for (const t of ["smith", "mohammed", "khan", "o"]) assert.ok(!isParticle(t, "karim"), t);
});

test("particles glue to the next token in one spelling", () => {
  assert.deepEqual(glue("Abu Bakr al-Baghdadi"), ["abubakr", "albaghdadi"]);
  assert.deepEqual(glue("Osama bin Laden"), ["osama", "binladen"]);
  assert.deepEqual(glue("Ibn Taymiyya"), ["bintaymiyya"]);
  assert.deepEqual(glue("Juan de la Cruz"), ["juan", "delacruz"]);
  assert.deepEqual(glue("Ludwig van der Berg"), ["ludwig", "vanderberg"]);
  assert.deepEqual(glue("Iyad ag Ghali"), ["iyad", "agghali"]);
  assert.deepEqual(glue("Mujib ur Rahman"), ["mujib", "alrahman"]);
  assert.deepEqual(glue("Nur ad-Din"), ["nur", "aldin"]);
  assert.deepEqual(glue("Ayman az-Zawahiri"), ["ayman", "alzawahiri"]);
  assert.deepEqual(glue("Kim Jong Un"), ["kim", "jong", "un"]);
  assert.deepEqual(glue("An Jung Geun"), ["an", "jung", "geun"]);
  assert.deepEqual(glue("John Smith"), ["john", "smith"]);
  assert.deepEqual(joinParticles([]), []);
});

test("a particle with nothing after it stays as it is", () => {
  assert.deepEqual(glue("Pedro de"), ["pedro", "de"]);
  assert.deepEqual(glue("al"), ["al"]);
});

test("spellings of one Arabic name meet in one glued form", () => {
  const groups = [
    [
      "Abd al-Rahman",
      "Abdul Rahman",
      "Abdel Rahman",
      "Abd ar-Rahman",
      "Abdur Rahman",
      "Abdurrahman",
      "Abdulrahman",
      "Abderrahman",
      "Abdirahman",
      "Abd el Rahman",
      "Abdelrahman",
    ],
    ["Abd al-Aziz", "Abdul Aziz", "Abdulaziz", "Abdelaziz", "Abd el-Aziz"],
    ["Abdullah", "Abdallah", "Abdellah"],
    ["al-Qaida", "Al Qaida", "el Qaida", "AL-QAIDA"],
    ["Abu al-Fazl", "Abul Fazl", "Abolfazl", "Abulfazl"],
    ["Saud bin Abd al-Aziz", "Saud bin Abdulaziz", "Saud ibn Abdelaziz"],
  ];
  for (const group of groups) {
    const expected = glue(group[0] as string);
    for (const spelling of group) assert.deepEqual(glue(spelling), expected, `${spelling} vs ${group[0]}`);
  }
  assert.deepEqual(glue("Abd al-Rahman"), ["abdalrahman"]);
});

test("short names that merely start like a compound are left alone", () => {
  for (const name of ["abdi", "abdou", "abdo", "abdulla", "abdalla"])
    assert.deepEqual(glue(name), [name], name);
});

test("nickname readings put each full name in the short form's place, at most a few", () => {
  assert.deepEqual(nicknameReadings(["ted", "doe"]), [
    { tokens: ["theodore", "doe"], at: 0 },
    { tokens: ["edward", "doe"], at: 0 },
  ]);
  assert.deepEqual(nicknameReadings(["john", "doe"]), []);
  assert.equal(nicknameReadings(["alex", "alex", "alex"]).length, 4);
});

test("the nickname table is written as normalisation leaves names, without a name standing for itself", () => {
  for (const [short, full] of Object.entries(nicknameTable.nicknames)) {
    assert.equal(normalizeName(short), short);
    for (const name of full) {
      assert.equal(normalizeName(name), name, `${short}: ${name}`);
      assert.notEqual(name, short);
    }
  }
});
