import assert from "node:assert/strict";
import { test } from "node:test";
import { compareNames } from "../src/match/compare.ts";
import { compareBirthDate } from "../src/match/facts.ts";
import { jaro, jaroWinkler } from "../src/match/jaro-winkler.ts";
import { NameIndex } from "../src/match/name-index.ts";
import { toQuery } from "../src/match/query.ts";
import { ALERT_THRESHOLD, candidateRecords, screen } from "../src/match/screen.ts";
import { withinEdits } from "../src/match/token-sim.ts";
import { type Entity, emptyEntity } from "../src/model/entity.ts";

function entity(
  id: string,
  schema: Entity["schema"],
  names: [string, Entity["names"][number]["kind"]][],
  extra: Partial<Entity> = {},
): Entity {
  const e = emptyEntity("ofac", id, schema);
  e.names = names.map(([full, kind]) => ({ full, kind }));
  e.programs = ["SDGT"];
  return { ...e, ...extra };
}

const entities = [
  entity("8759", "Organization", [
    ["ISLAMIC STATE OF IRAQ AND THE LEVANT", "primary"],
    ["DAESH", "aka"],
    ["AL HAYAT", "weak-aka"],
  ]),
  entity("6366", "Organization", [
    ["AL QA'IDA", "primary"],
    ["AL QAIDA", "aka"],
  ]),
  entity("35096", "Person", [["PUTIN, Vladimir Vladimirovich", "primary"]], {
    birthDates: [{ raw: "07 Oct 1952", date: "1952-10-07" }],
    nationalities: ["Russia"],
  }),
  entity(
    "18782",
    "Organization",
    [
      ["ROSOBORONEKSPORT OAO", "primary"],
      ["ROSOBORONEXPORT", "aka"],
    ],
    {
      identifiers: [{ type: "tax-id", label: "Tax ID No.", number: "7718852163", country: "Russia" }],
    },
  ),
  entity("1", "Organization", [["11420 CORPORATION", "primary"]]),
  entity("2", "Vessel", [["DAESH STAR", "primary"]]),
];
const index = new NameIndex(entities);

test("jaro and jaroWinkler agree with the published reference values", () => {
  assert.equal(jaro("", "abc"), 0);
  assert.equal(jaroWinkler("abc", "abc"), 1);
  assert.ok(Math.abs(jaro("martha", "marhta") - 0.9444) < 1e-3);
  assert.ok(Math.abs(jaroWinkler("martha", "marhta") - 0.9611) < 1e-3);
  assert.ok(Math.abs(jaroWinkler("dixon", "dicksonx") - 0.8133) < 1e-3);
});

test("an exact alias match scores 1 and is first, with an explanation naming the alias", () => {
  const hits = screen(index, { name: "DAESH" });
  assert.equal(hits[0]?.sourceId, "8759");
  assert.equal(hits[0]?.score, 1);
  assert.equal(hits[0]?.match, true);
  assert.equal(hits[0]?.matchedName, "DAESH");
  assert.equal(hits[0]?.name, "ISLAMIC STATE OF IRAQ AND THE LEVANT");
  assert.match(hits[0]?.explanation.summary ?? "", /alias \(a\.k\.a\.\) "DAESH"/);
  assert.ok((hits[1]?.score ?? 0) < 1, "a longer name containing the token scores lower");
});

test("word order and punctuation do not matter; a missing middle name lowers the score a little", () => {
  const [hit] = screen(index, { name: "Vladimir Putin" });
  assert.equal(hit?.sourceId, "35096");
  assert.ok(hit && hit.score >= ALERT_THRESHOLD && hit.score < 1, `score ${hit?.score}`);
  assert.deepEqual(hit?.explanation.unmatchedCandidate, ["vladimirovich"]);
});

test("misspellings are found through the bigram index and marked fuzzy", () => {
  const [hit] = screen(index, { name: "Rosoboronexport" });
  assert.equal(hit?.sourceId, "18782");
  const [fuzzy] = screen(index, { name: "Rosoboroneksprt" });
  assert.equal(fuzzy?.sourceId, "18782");
  assert.ok(["fuzzy", "phonetic"].includes(fuzzy?.explanation.pairs[0]?.how ?? ""));
  assert.ok((fuzzy?.score ?? 0) < 1);
});

test("numbers only match exactly", () => {
  assert.equal(screen(index, { name: "11421 CORPORATION" }).length, 0);
  assert.equal(screen(index, { name: "11420 CORPORATION" })[0]?.score, 1);
  // Roman numerals are numbers too: a fund or trust series is not its neighbour.
  const series = compareNames("Wattle Star II", "Wattle Star III", { type: "organization" });
  assert.ok(series.score < ALERT_THRESHOLD && !series.explanation?.pairs.some((p) => p.query === "ii"));
});

test("a list entry of another kind than the query asked for is lowered and says why", () => {
  const hits = screen(index, { name: "DAESH", type: "vessel" });
  assert.ok(hits.some((h) => h.sourceId === "2"));
  const org = hits.find((h) => h.sourceId === "8759");
  assert.equal(org?.score, 0.8);
  assert.match(org?.explanation.summary ?? "", /is an Organization, not a vessel/);
});

test("weak aliases are penalised and say so", () => {
  const [hit] = screen(index, { name: "AL HAYAT" });
  assert.equal(hit?.score, 0.95);
  assert.match(hit?.explanation.summary ?? "", /weak alias/);
});

test("birth year, country and identifiers adjust the score with reasons", () => {
  const agree = screen(index, { name: "Vladimir Putin", dob: "1952", country: "RU" })[0];
  const differ = screen(index, { name: "Vladimir Putin", dob: "1980", country: "FR" })[0];
  const plain = screen(index, { name: "Vladimir Putin" })[0];
  assert.ok(agree && plain && agree.score > plain.score);
  assert.ok(differ === undefined || (plain && differ.score < plain.score));
  assert.equal(agree?.explanation.adjustments.length, 2);
  const byId = screen(index, { name: "Rosobor Export", id: "7718852163" })[0];
  assert.equal(byId?.sourceId, "18782");
  assert.match(byId?.explanation.summary ?? "", /identifier Tax ID No\. 7718852163/);
});

test("limit and minScore bound the answer; a query with no known token returns nothing", () => {
  assert.equal(screen(index, { name: "DAESH" }, { limit: 1 }).length, 1);
  assert.equal(screen(index, { name: "DAESH" }, { minScore: 0.99 }).length, 1);
  assert.deepEqual(screen(index, { name: "Zyxwvut Qqqq" }), []);
  assert.deepEqual(screen(index, { name: "!!!" }), []);
});

test("toQuery names the bad field", () => {
  assert.throws(() => toQuery({ name: " " }), /name is empty/);
  assert.throws(
    () => toQuery({ name: "X", type: "ship" }),
    (e: Error & { where?: { field?: string } }) => e.where?.field === "type",
  );
  assert.throws(() => toQuery({ name: "X", dob: "12/1990" }), /not a date/);
  assert.throws(() => toQuery({ name: "A\u0001B" }), /control characters/);
  assert.deepEqual(toQuery({ name: " Kim ", type: "Person", dob: "1984" }), {
    name: "Kim",
    type: "person",
    dob: "1984",
  });
});

test("birth dates compare exactly, with day and month swapped, by month, by year and by range", () => {
  const person = entity("9", "Person", [["LI, Shangfu", "primary"]], {
    birthDates: [
      { raw: "07 Oct 1952", date: "1952-10-07" },
      { raw: "1958 to 1960", from: "1958", to: "1960" },
    ],
  });
  const reasons = (dob: string) => compareBirthDate(dob, person);
  assert.equal(reasons("1952-10-07")?.delta, 0.1);
  assert.match(reasons("1952-07-10")?.reason ?? "", /day and month swapped/);
  assert.equal(reasons("1952-10")?.delta, 0.07);
  assert.equal(reasons("1959")?.delta, 0.05);
  assert.equal(reasons("1961")?.delta, 0);
  assert.equal(reasons("1980")?.delta, -0.15);
  assert.equal(compareBirthDate("1980", entity("10", "Person", [["X", "primary"]])), undefined);
});

test("ofac mode scores as OFAC's search tool, through the index, with its own explanation", () => {
  const [hit] = screen(index, { name: "Vladimir Putin" }, { mode: "ofac" });
  assert.equal(hit?.sourceId, "35096");
  assert.equal(hit?.score, 1);
  assert.match(hit?.explanation.summary ?? "", /^OFAC mode: .*PUTIN ~ PUTIN/);
  assert.deepEqual(screen(index, { name: "Zyxwvut" }, { mode: "ofac" }), []);
});

test("a screen can be limited to some lists or leave some out", () => {
  const un = emptyEntity("un", "QDe.115", "Organization");
  un.names.push({ full: "DAESH", kind: "primary" });
  const both = new NameIndex([...entities, un]);
  const sources = (opts: Parameters<typeof screen>[2]) =>
    screen(both, { name: "DAESH" }, opts).map((h) => h.source);
  assert.ok(sources({}).includes("un") && sources({}).includes("ofac"));
  assert.deepEqual([...new Set(sources({ includeLists: ["un"] }))], ["un"]);
  assert.ok(!sources({ excludeLists: ["un"] }).includes("un"));
  assert.ok(!sources({ mode: "ofac", excludeLists: ["ofac"] }).includes("ofac"));
});

test("retrieval keeps every record that can reach the minimum score and drops those that cannot", () => {
  // Enough entries for document frequencies to weigh the words; MOHAMMED and ALI are common, as on real lists.
  const syllables = ["ka", "ro", "mi", "tu", "se", "lan", "dor", "vek", "pa", "zu", "ni", "go"];
  const word = (n: number) =>
    `${syllables[n % 12]}${syllables[Math.floor(n / 12) % 12]}${syllables[Math.floor(n / 144) % 12]}`.toUpperCase();
  const people: Entity[] = [];
  for (let i = 0; i < 520; i++)
    people.push(entity(`p${i}`, "Person", [[`${word(i)} ${word(i + 700)}`, "primary"]]));
  for (let i = 0; i < 30; i++) {
    people.push(entity(`m${i}`, "Person", [[`MOHAMMED ${word(i + 1400)} ${word(i + 1500)}`, "primary"]]));
    people.push(entity(`a${i}`, "Person", [[`ALI ${word(i + 1600)} ${word(i + 1700)}`, "primary"]]));
  }
  people.push(
    entity("x1", "Person", [["ALI, Mohammed", "primary"]]),
    entity("x2", "Person", [["M. ALI", "primary"]]),
    entity("x3", "Person", [[`MUHAMMAD ALY ${word(1900)}`, "primary"]]),
    entity("x4", "Organization", [["ALI MOHAMMED TRADING COMPANY", "primary"]]),
    entity("x5", "LegalEntity", [[`MOHAMMED ALI ${word(1901)}`, "primary"]]),
  );
  const idx = new NameIndex(people);
  for (const type of [undefined, "person", "organization"] as const) {
    const query = { name: "Mohammed Ali", ...(type ? { type } : {}) };
    const kept = new Set(candidateRecords(idx, query, 0.7).map((r) => idx.record(r).entity));
    // With no minimum nothing is pruned: every name that scores 0.7 must have been among the candidates.
    const all = screen(idx, query, { minScore: 0, limit: 1000 });
    assert.ok(all.length > 60, `${all.length} hits without a minimum`);
    const strong = all.filter((h) => h.score >= 0.7).map((h) => h.id);
    assert.ok(
      strong.includes("ofac:x1") && (type === "organization" || strong.includes("ofac:x2")),
      `${strong}`,
    );
    for (const id of strong)
      assert.ok(
        [...kept].some((e) => idx.entities[e as number]?.id === id),
        `${id} pruned`,
      );
    // A record that shares only one common word with the query is not worth aligning.
    assert.ok(kept.size < 20, `${kept.size} candidates kept`);
  }
});

test("a person's extra middle name costs less than a different one, and a one-word alias gains nothing from it", () => {
  const score = (query: string, listed: string) => compareNames(query, listed, { type: "person" }).score;
  const extra = score("Noor Mohammad Haqqani Saqib", "Noor Mohammad Saqib");
  const different = score("Noor Mohammad Haqqani Saqib", "Noor Mohammad Wazir Saqib");
  assert.ok(extra >= ALERT_THRESHOLD, `extra middle name ${extra}`);
  assert.ok(different < extra - 0.05, `different middle name ${different} against ${extra}`);
  // The list side's extra names cost the same as the query side's.
  assert.equal(score("Noor Mohammad Saqib", "Noor Mohammad Haqqani Saqib") >= ALERT_THRESHOLD, true);
  assert.ok(score("Walter Adams Brown", "Adams") < ALERT_THRESHOLD);
});

test("a person's name that stands where the other side has a different one is a different name, however common", () => {
  const person = (query: string, listed: string) => compareNames(query, listed, { type: "person" });
  // ABDUL is a particle and weighs little; where the list has WAHID it is a contradiction, not a missing particle.
  const replaced = person("NASIR AHMAD ABDUL KARIMI", "NASIR AHMAD WAHID KARIMI");
  assert.ok(replaced.score < ALERT_THRESHOLD, `${replaced.score}`);
  assert.match(
    replaced.explanation?.summary ?? "",
    /query words not found: abdul; list words not in query: wahid/,
  );
  // A particle the list leaves out costs little.
  assert.ok(person("NASIR AHMAD ABDUL KARIMI", "NASIR AHMAD KARIMI").score >= ALERT_THRESHOLD);
  // The last word of a name is a name, even when it is spelt like a particle.
  assert.ok(person("KO TAE BIN", "KO TAE HUN").score < ALERT_THRESHOLD);
});

test("edit distance within a bound: substitutions, insertions, deletions and swapped neighbours", () => {
  assert.ok(withinEdits("starkey", "starmer", 2));
  assert.ok(!withinEdits("starkey", "starmer", 1));
  assert.ok(withinEdits("abiyot", "abiy", 2));
  assert.ok(withinEdits("martha", "marhta", 1));
  assert.ok(!withinEdits("lukashevich", "lukashenko", 2));
  assert.ok(!withinEdits("ab", "abcde", 2));
  assert.ok(withinEdits("", "ab", 2));
});

test("a person's name part two letters away is the same name spelt another way; a company's word is not", () => {
  const listed = new NameIndex([
    entity("p1", "Person", [["Dariusz Kowalczyk", "primary"]]),
    entity("p2", "Person", [["Teodor Brankovic", "primary"]]),
    entity("o1", "Organization", [["Kowalczyk Freight", "primary"]]),
  ]);
  const top = (name: string, type: "person" | "organization") =>
    screen(listed, { name, type }, { minScore: 0 })[0];
  // Two substitutions that change the sound (Kowalczyk / Kowarczyl): found by lookups, scored by spelling.
  const two = top("Dariusz Kowarczyl", "person");
  assert.equal(two?.id, "ofac:p1");
  assert.ok((two?.score ?? 0) >= ALERT_THRESHOLD, two?.explanation.summary);
  assert.match(two?.explanation.summary ?? "", /"kowarczyl" ≈ "kowalczyk" \(fuzzy/);
  // Two letters more on the list's side.
  assert.ok((top("Teodor Bankovi", "person")?.score ?? 0) >= ALERT_THRESHOLD);
  // Only beside a name part that is the same: two near names are two doubts, not one name.
  assert.ok((top("Darius Kowarczyl", "person")?.score ?? 1) < ALERT_THRESHOLD);
  // Three letters away is another name.
  assert.ok((top("Dariusz Kowarczel", "person")?.score ?? 1) < ALERT_THRESHOLD);
  // A company's words are vocabulary: two letters make another word.
  assert.ok((top("Kowarczyl Freight", "organization")?.score ?? 1) < ALERT_THRESHOLD);
});

test("words written apart on one side and together on the other meet as one, and say so", () => {
  const org = (query: string, listed: string) => compareNames(query, listed, { type: "organization" });
  const apostrophe = org("O'Brannagh Freight Ltd", "O Brannagh Freight Ltd");
  assert.ok(apostrophe.score >= ALERT_THRESHOLD, apostrophe.explanation?.summary);
  assert.match(apostrophe.explanation?.summary ?? "", /"obrannagh" ≈ "o brannagh" \(joined, 0\.95\)/);
  // Split in different places on the two sides (a hyphen moved by a typist).
  const person = compareNames("PAK SONGC-HOL", "PAK SONG-CHOL", { type: "person" });
  assert.ok(person.score >= ALERT_THRESHOLD, person.explanation?.summary);
  assert.match(person.explanation?.summary ?? "", /"songc hol" ≈ "song chol" \(joined/);
  // Letters that spell the list's word only with another word's letters are no join.
  assert.ok(org("Bran Nagh Freight Ltd", "Brannigan Freight Ltd").score < ALERT_THRESHOLD);
});

test("a Burmese name's syllables meet the Latin spelling's words wherever it cuts them", () => {
  const org = (query: string, listed: string) => compareNames(query, listed, { type: "organization" });
  // Query in Burmese: its syllables (shwe min ga la) are looked up joined into the list's words.
  const burmese = org("ရွှေမင်္ဂလာ ကုန်သွယ်ရေး", "Shwe Mingalar Trading");
  assert.ok(burmese.score >= ALERT_THRESHOLD, burmese.explanation?.summary);
  assert.match(burmese.explanation?.summary ?? "", /query read as "shwe mingala trading"/);
  // List name in Burmese: a Latin word meets a run of its syllables spelt a little differently (yadana / ya ta na).
  const listed = org("Yadana Myaing Trading", "ရတနာမြိုင် ကုန်သွယ်ရေး");
  assert.ok(listed.score >= ALERT_THRESHOLD, listed.explanation?.summary);
  assert.match(listed.explanation?.summary ?? "", /"yadana" ≈ "ya ta na" \(joined/);
});

test("trade words written in Latin letters in their own language meet their English (GVINO = wine)", () => {
  const org = (query: string, listed: string) => compareNames(query, listed, { type: "organization" }).score;
  assert.ok(org("Beridze Ghvino LLC", "Beridze Wine LLC") >= ALERT_THRESHOLD);
  assert.ok(org("ბერიძე ღვინო", "Beridze Wine") >= ALERT_THRESHOLD);
  assert.ok(org("Vardanyan Hats LLC", "Vardanyan Bread LLC") >= ALERT_THRESHOLD);
  assert.ok(org("Mizrahi Hovalot Ltd", "Mizrahi Transport Ltd") >= ALERT_THRESHOLD);
  // Another trade is another company.
  assert.ok(org("Beridze Ghvino LLC", "Beridze Bread LLC") < ALERT_THRESHOLD);
  // A person's name is not translated.
  assert.ok(compareNames("Kat Vardanyan", "Milk Vardanyan", { type: "person" }).score < ALERT_THRESHOLD);
});

test("a short given name meets the full names it stands for, a little below the same name", () => {
  const person = (query: string, listed: string) => compareNames(query, listed, { type: "person" });
  const ted = person("Ted Varga", "Theodore Varga");
  assert.ok(ted.score >= ALERT_THRESHOLD && ted.score < 1, `${ted.score}`);
  assert.match(ted.explanation?.summary ?? "", /"ted" ≈ "theodore" \(nickname, 0\.90\)/);
  assert.ok(person("Ted Varga", "Edward Varga").score >= ALERT_THRESHOLD);
  assert.ok(person("Sasha Petrenko", "Aleksandr Petrenko").score >= ALERT_THRESHOLD);
  // A short form is not any name: Ted is not Thomas.
  assert.ok(person("Ted Varga", "Thomas Varga").score < ALERT_THRESHOLD);
  // A company's words are not nicknames.
  assert.ok(compareNames("Ben Line Shipping", "Benjamin Line Shipping", { type: "organization" }).score < 1);
});

test("a query of unknown kind is also read as a person: a surname spelt like a legal form, a title", () => {
  const people = new NameIndex([
    entity("p1", "Person", [["PAO, Yu Liang", "primary"]]),
    entity("p2", "Person", [["AL-HAJJ, Yahya", "primary"]]),
  ]);
  for (const [name, id] of [
    ["PAO, Yu Liang", "ofac:p1"],
    ["Yu Liang Pao", "ofac:p1"],
    ["AL-HAJJ, Yahya", "ofac:p2"],
  ] as const) {
    const [hit] = screen(people, { name });
    assert.equal(hit?.id, id, name);
    assert.equal(hit?.score, 1, `${name}: ${hit?.explanation.summary}`);
  }
});

test("an exact whole match of a generic-word name is a match; initials run together meet legal forms", () => {
  const org = (query: string, listed: string) => compareNames(query, listed, { type: "organization" }).score;
  assert.equal(org("Société Générale S.A.", "Societe Generale S.A."), 1);
  assert.ok(org("Trading Company LLC", "Trading Company") < ALERT_THRESHOLD);
  assert.equal(org("P.T. Astra International", "PT Astra International"), 1);
  assert.equal(org("S.C. Johnson & Son, Inc.", "SC Johnson & Son, Inc."), 1);
});

test("names in the same syllabic script are compared as written, after folding traditional characters", () => {
  const person = (query: string, listed: string) => compareNames(query, listed, { type: "person" });
  // Readings collapse these (gao shi, kim jong un), the characters do not.
  const kanji = person("高石早苗", "高市早苗");
  assert.ok(kanji.score < ALERT_THRESHOLD, `${kanji.score}`);
  assert.match(kanji.explanation?.summary ?? "", /compared character by character/);
  assert.ok(person("김종은", "김정은").score < ALERT_THRESHOLD);
  // Legal forms and trade words are shared by many companies: the names left differ (Aoba / Aoki).
  const org = (query: string, listed: string) => compareNames(query, listed, { type: "organization" }).score;
  assert.ok(org("青葉株式会社", "青木株式会社") < ALERT_THRESHOLD);
  assert.ok(org("青葉株式会社", "青葉") >= ALERT_THRESHOLD);
  // A ship numbered 8 is not the ship numbered 18.
  assert.ok(compareNames("第八明星丸", "第十八明星丸", { type: "vessel" }).score < ALERT_THRESHOLD);
  // The same name in traditional and simplified characters, or across scripts, is unaffected.
  assert.equal(person("習近平", "习近平").score, 1);
  assert.equal(person("金正恩", "Kim Jong Un").score, 1);
});

test("legal forms of different countries lower a match and say so; forms used in many countries do not", () => {
  const org = (query: string, listed: string) => compareNames(query, listed, { type: "organization" });
  const foreign = org("Korvessa Industrial GmbH", "Korvessa Industrial Sdn. Bhd.");
  assert.ok(foreign.score < ALERT_THRESHOLD, `${foreign.score}`);
  assert.match(
    foreign.explanation?.summary ?? "",
    /legal forms of different countries \(GmbH.*in DE.*Sdn\. Bhd\..*in MY\)/,
  );
  assert.match(
    foreign.explanation?.summary ?? "",
    /query words not found: GmbH; list words not in query: Sdn\. Bhd\./,
  );
  // Same country (GmbH, AG) or a form of many countries (LLC, S.A.): no such adjustment.
  for (const [a, b] of [
    ["Siemens AG", "Siemens GmbH"],
    ["Rosneft Trading S.A.", "Rosneft Trading LLC"],
  ] as const) {
    assert.doesNotMatch(org(a, b).explanation?.summary ?? "", /different countries/, `${a} / ${b}`);
  }
});

test("a given name and a father's name swapped around bin are another person", () => {
  const person = (query: string, listed: string) => compareNames(query, listed, { type: "person" });
  const swapped = person("SALMAN BIN MUHAMMAD AL-RAWI", "MUHAMMAD BIN SALMAN AL-RAWI");
  assert.ok(swapped.score < ALERT_THRESHOLD, `${swapped.score}`);
  assert.match(swapped.explanation?.summary ?? "", /father's name \(after bin\) are swapped/);
  // The same order, written the way a list writes it, is the same person.
  assert.equal(person("AL-RAWI, Muhammad bin Salman", "MUHAMMAD BIN SALMAN AL-RAWI").score, 1);
});

test("vessel names are strict in Latin but not across scripts, where spellings are conventions", () => {
  const vessel = (query: string, listed: string) => compareNames(query, listed, { type: "vessel" }).score;
  assert.ok(vessel("HADAR HACARMEL", "HADAR HAKARAMAL") < ALERT_THRESHOLD);
  assert.ok(vessel("HADAR HACARMEL", "הדר הכרמל") >= ALERT_THRESHOLD);
  assert.ok(vessel("הדר הכרמל", "HADAR HACARMEL") >= ALERT_THRESHOLD);
});

test("a ship's name that adds letters to the end is another ship; a vessel prefix makes a name a ship's", () => {
  const score = (query: string, listed: string, type?: "vessel" | "organization") =>
    compareNames(query, listed, type ? { type } : {}).score;
  assert.ok(score("CORAL STAR", "CORAL STARS", "vessel") < ALERT_THRESHOLD);
  // A typist's slip inside the name is still the same ship.
  assert.ok(score("CORAL STAR", "CORAL SATR", "vessel") >= ALERT_THRESHOLD);
  // Filed as a company, but named as a ship.
  assert.ok(score("MV Estrela do Norte", "MV Estrelas do Norte", "organization") < ALERT_THRESHOLD);
  // A company's name is not strict: a plural is the same word.
  assert.ok(
    score("Estrela Shipping Lines Ltd", "Estrela Shipping Line Ltd", "organization") >= ALERT_THRESHOLD,
  );
});

test("a vessel query against a name with a legal form meets the ship's owner, not the ship, and says so", () => {
  const owner = compareNames("CORAL HORIZON", "Coral Horizon Shipping Ltd", { type: "vessel" });
  assert.ok(owner.score < ALERT_THRESHOLD, `${owner.score}`);
  assert.match(owner.explanation?.summary ?? "", /legal form \(Ltd\): it names a company, not a vessel/);
  assert.ok(compareNames("CORAL HORIZON", "MV CORAL HORIZON", { type: "vessel" }).score >= ALERT_THRESHOLD);
});

test("a number in parentheses is part of a company's name", () => {
  const org = (query: string, listed: string) => compareNames(query, listed, { type: "organization" }).score;
  assert.ok(org("Tzuriel Nekhasim (2011) Ltd", "Tzuriel Nekhasim (2016) Ltd") < ALERT_THRESHOLD);
  assert.equal(org("Maagan Shipping Agencies (1998) Ltd", "MAAGAN SHIPPING AGENCIES (1998) LTD"), 1);
});
