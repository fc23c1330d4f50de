import assert from "node:assert/strict";
import { test } from "node:test";
import companyWords from "../resources/company-words.json" with { type: "json" };
import { analyzeName, nameParts } from "../src/names/analyze.ts";
import { normalizeName } from "../src/names/normalize.ts";
import { latinReadings } from "../src/names/transliterate.ts";

const plain = (t: string) => [normalizeName(t)];

test("a name with a former name in it reads as both names", () => {
  assert.deepEqual(
    nameParts("Ocean Pioneer (ex-Cape Diamond)").map((p) => [p.part, p.text]),
    [
      ["whole", "Ocean Pioneer (ex-Cape Diamond)"],
      ["main", "Ocean Pioneer"],
      ["former", "Cape Diamond"],
    ],
  );
  assert.deepEqual(
    nameParts("Wheatland Glory f/k/a Pacific Sower")
      .map((p) => p.text)
      .slice(1),
    ["Wheatland Glory", "Pacific Sower"],
  );
});

test("notes, branches, addresses, c/o and form labels are not part of the name", () => {
  const main = (t: string) => nameParts(t).find((p) => p.part === "main")?.text;
  assert.equal(main("Kisumu Lakeside Motors Ltd (Kakamega Branch)"), "Kisumu Lakeside Motors Ltd");
  assert.equal(main("Coastline Agro Supplies Ltd - Malindi Branch"), "Coastline Agro Supplies Ltd");
  assert.equal(
    main("Tidewell Process Equipment Inc, 12250 Brevard Ln, Pasadena TX 77506"),
    "Tidewell Process Equipment Inc",
  );
  assert.equal(main("Rancho Vercel SA de CV c/o Aduanas Pedraza"), "Rancho Vercel SA de CV");
  assert.equal(main("BENEFICIARY: Kalliosaari Trading Oy"), "Kalliosaari Trading Oy");
  assert.equal(main("GroupeDiarraImportExport"), "Groupe Diarra Import Export");
  assert.equal(nameParts("GUZMAN LOERA, Joaquin").length, 1, "a list name's comma is not an address");
  assert.equal(nameParts("MT GOLDEN KINNAREE, Laem Chabang", "Vessel")[1]?.text, "MT GOLDEN KINNAREE");
});

test("vessel prefixes, abbreviations, NO. before numbers and roman numerals", () => {
  const readings = (t: string) => analyzeName(t, "Vessel", plain).map((v) => v.reading);
  assert.ok(readings("M/V Pelgarra Glory").includes("pelgarra glory"));
  assert.ok(readings("CHAO LE NO. 8").includes("chao le 8"));
  assert.deepEqual(analyzeName("Harrowvane Intl Freight Svcs", "Organization", plain)[0]?.tokens, [
    "harrowvane",
    "international",
    "freight",
    "services",
  ]);
  assert.deepEqual(analyzeName("WATTLE STAR III", "Vessel", plain)[0]?.kinds, ["word", "word", "number"]);
});

test("abbreviations written over several tokens: a dot inside (F.LLI), or read together (IND. E COM.)", () => {
  const tokens = (t: string) => analyzeName(t, "Organization", plain)[0]?.tokens;
  assert.deepEqual(tokens("F.lli Rossetti"), ["fratelli", "rossetti"]);
  assert.deepEqual(tokens("Malharia Vale Ind. e Com. Ltda"), [
    "malharia",
    "vale",
    "industria",
    "e",
    "comercio",
    "~ltd",
  ]);
  // COM alone is the .com of a web name.
  assert.deepEqual(tokens("Example.com"), ["example", "com"]);
});

test("number words, initials run together, repeated words and digits for letters give extra readings", () => {
  const readings = (t: string, schema: "Person" | "Organization" = "Organization") =>
    analyzeName(t, schema, plain).map((v) => v.reading);
  assert.ok(readings("Brigade Forty-Four").includes("brigade 44"));
  assert.ok(readings("1st International Bank").includes("1 international bank"));
  assert.ok(readings("First International Bank").includes("1 international bank"));
  assert.ok(readings("A.B.C. Company").some((r) => r.startsWith("abc ")));
  assert.ok(readings("Sergey Sergey Shoigu", "Person").includes("sergey shoigu"));
  assert.ok(readings("Ig0r Sech1n", "Person").includes("igor sechin"));
});

test("several former names, and the years they were borne, are read apart", () => {
  const formers = (text: string) =>
    nameParts(text, "Vessel")
      .filter((p) => p.part === "former")
      .map((p) => p.text);
  assert.deepEqual(formers("MV Karachi Crescent (ex Mandvi Bay, ex Wanshan Pearl)"), [
    "Mandvi Bay",
    "Wanshan Pearl",
  ]);
  assert.deepEqual(formers("Theodosia K (ex-Lindos Harrier until 2019)"), ["Lindos Harrier"]);
  assert.deepEqual(formers("Lyra (ex Atlas, 2015-2018)"), ["Atlas"]);
  // A number that is part of the former name stays.
  assert.deepEqual(formers("Lyra (ex Atlas 2019)"), ["Atlas 2019"]);
  // The longest marker wins: "formerly known as" is not "formerly" and a name "known as …".
  assert.deepEqual(formers("Kenari Food Sdn. Bhd. (formerly known as Kenari Frozen Foods Sdn. Bhd.)"), [
    "Kenari Frozen Foods Sdn. Bhd.",
  ]);
  // A country after a vessel's name is its flag, not part of the name.
  assert.deepEqual(
    nameParts("Kalliopi Dawn (Malta)", "Vessel").map((p) => p.text),
    ["Kalliopi Dawn (Malta)", "Kalliopi Dawn"],
  );
});

test("a country in parentheses stays part of an organisation's name", () => {
  const main = nameParts("Bank of China (Hong Kong) Limited").find((p) => p.part === "main")?.text;
  assert.equal(main, "Bank of China Hong Kong Limited");
});

test("a legal form written first that belongs at the end is also read at the end", () => {
  const readings = analyzeName("S.A. PESCABRAVA", "Organization", plain).map((v) => v.reading);
  assert.ok(readings.includes("pescabrava ~sa"), readings.join(" | "));
  assert.deepEqual(
    analyzeName("ROSOBORONEKSPORT OAO", "Organization", plain).map((v) => v.reading),
    ["rosoboroneksport ~ojsc"],
  );
});

test("the Latin reading of a Burmese or Chinese name has no particles: LA and NA are syllables", () => {
  const kindsOf = (text: string) =>
    analyzeName(text, "Organization", (t) => latinReadings(t)).map((v) => v.kinds);
  for (const kinds of kindsOf("ရတနာမင်္ဂလာ ကုန်သွယ်ရေး")) assert.ok(!kinds.includes("particle"), `${kinds}`);
  // Nor are they glued to the next word (la + trading).
  const readings = analyzeName("ရွှေမင်္ဂလာ ကုန်သွယ်ရေး", "Organization", (t) => latinReadings(t)).map(
    (v) => v.reading,
  );
  assert.ok(
    readings.every((r) => !r.includes("latrading")),
    `${readings}`,
  );
  // In a Latin name they are particles as ever.
  assert.ok(kindsOf("Banco de la Nacion")[0]?.includes("particle"));
});

test("the trade-word table is written as normalisation leaves words, one English reading each", () => {
  for (const [language, words] of Object.entries(companyWords.languages)) {
    for (const [word, english] of Object.entries(words)) {
      assert.equal(normalizeName(word), word, `${language} ${word}`);
      assert.ok(!word.includes(" "), `${language} ${word}`);
      assert.equal(normalizeName(english), english, `${language} ${word}: ${english}`);
    }
  }
});

test("U.S. in an organisation's name is the United States, not in a person's; FORTY 4 is 44", () => {
  const tokens = (t: string, schema: "Organization" | "Person") => analyzeName(t, schema, plain)[0]?.tokens;
  assert.deepEqual(tokens("U.S. Department of Energy", "Organization"), [
    "united",
    "states",
    "department",
    "of",
    "energy",
  ]);
  assert.deepEqual(tokens("U. S. Grant", "Person"), ["u", "s", "grant"]);
  assert.deepEqual(tokens("Battalion Forty 4", "Organization"), ["battalion", "44"]);
  assert.deepEqual(tokens("Battalion Forty Four", "Organization"), ["battalion", "44"]);
  // The Romanian legal form with its article (societatea, "the company") is the same form.
  assert.deepEqual(tokens("Societatea cu Raspundere Limitata Nord Trans", "Organization"), [
    "~srl",
    "nord",
    "trans",
  ]);
});
