// The `ofac` scoring mode against what is publicly known of OFAC's Sanctions List Search, and against scores
// captured from the live tool (../shared/data/opensanctions/nomenklatura/ofac_parity_fixtures.csv; skipped without it).
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { parse } from "csv-parse/sync";
import { ofacExplain, ofacScore, soundex } from "../src/match/ofac-mode.ts";

const FIXTURE = new URL(
  "../../shared/data/opensanctions/nomenklatura/ofac_parity_fixtures.csv",
  import.meta.url,
);

test("an exact match scores 100, whatever the case (FAQ 248: a minimum score of 100 returns exact matches)", () => {
  assert.equal(ofacScore("PUTIN, Vladimir Vladimirovich", "PUTIN, Vladimir Vladimirovich"), 100);
  assert.equal(ofacScore("rosoboroneksport oao", "ROSOBORONEKSPORT OAO"), 100);
  assert.equal(ofacScore("Z", "Z"), 100);
});

test("published examples", () => {
  // moov-io/watchman#338 (2021): "emma daniels" returned one result at OFAC, EMMA at 87 %, and not EMMA LLC.
  assert.equal(ofacScore("emma daniels", "EMMA"), 87);
  assert.ok(ofacScore("emma daniels", "EMMA LLC") < 87);
  // moov-io/watchman#141: "Maduro" returned four results at 100, Nicolas MADURO MOROS among them.
  assert.equal(ofacScore("Maduro", "MADURO MOROS, Nicolas"), 100);
  // opensanctions/nomenklatura plans/ofac-name-matcher.md, captured from the live tool (SDN list of 2026-04-30).
  assert.equal(ofacScore("VLADIMIR PUTIN", "PUTIN, Vladimir"), 100);
  assert.equal(ofacScore("VLADIMIR PUTIN", "PUTIN, Vladimir Vladimirovich"), 100);
  assert.equal(ofacScore("VLADIMIR PUTIN", "VLADIMIR BILIY"), 90);
  assert.equal(ofacScore("PUTIN VLADIMIR", "TURIN, Vladimir"), 92);
  assert.equal(ofacScore("GEORGE BUSH", "GEORGIOU, Georgios"), 86);
  assert.equal(ofacScore("GEORGE BUSH", "GEORGY MASLOV"), 85);
  // moov-io/watchman#115: OFAC lists nothing for George Bush at 80 %, although HASWANI, George is listed.
  assert.ok(ofacScore("GEORGE BUSH", "HASWANI, George") < 80);
});

test("name parts meet in any order; the whole name is compared as typed and as published", () => {
  for (const q of ["VLADIMIR PUTIN", "PUTIN VLADIMIR", "putin, vladimir"]) {
    assert.equal(ofacScore(q, "PUTIN, Vladimir"), 100, q);
  }
  // The same two words reversed: the whole-name technique sees different strings (OFAC lists GEORGIOU, Georgios
  // for GEORGE BUSH at 80 and nothing for BUSH GEORGE).
  assert.ok(ofacScore("BUSH GEORGE", "GEORGIOU, Georgios") < 80);
  const forward = ofacExplain("GEORGE BUSH", "HASWANI, George");
  const reversed = ofacExplain("BUSH GEORGE", "HASWANI, George");
  assert.equal(forward.score, 50);
  assert.equal(forward.composite, reversed.composite);
  assert.ok(reversed.wholeName > forward.wholeName);
  // The list name is not reordered to "George HASWANI": that string would score 88 against GEORGE BUSH.
  assert.ok(forward.wholeName < 0.5);
});

test("the first-letter and edit-distance filter of FAQ 249 decides which parts may meet", () => {
  // OSAMA may not meet USAMA: the score is the whole-name one, as at OFAC (84, not 96).
  const osama = ofacExplain("OSAMA BIN LADEN", "USAMA BIN LADEN NETWORK");
  assert.equal(osama.score, 84);
  assert.deepEqual(osama.parts[0], { query: "OSAMA", list: "", jaroWinkler: 0, soundex: false });
  assert.match(osama.summary, /OSAMA unmatched.*USAMA.*first letter differs/);
  // BUSH shares B with BOUTROS but is less than 50 % similar by edit distance, so it counts 0: OFAC shows 57.
  assert.equal(ofacScore("GEORGE BUSH", "OBEID, Boutros Georges"), 57);
  // No part of ALQAEDA passes against AL / QAEDA, so OFAC never lists "AL QAEDA" for it, whole names equal or not.
  const alqaeda = ofacExplain("ALQAEDA", "AL QAEDA");
  assert.equal(alqaeda.wholeName, 1);
  assert.equal(alqaeda.candidate, false);
  assert.equal(alqaeda.score, 0);
  assert.match(alqaeda.summary, /^not a candidate/);
  // No transliteration: a Cyrillic query finds no Latin name.
  assert.equal(ofacScore("Владимир Путин", "PUTIN, Vladimir"), 0);
  assert.equal(ofacScore("", "PUTIN, Vladimir"), 0);
});

test("American Soundex", () => {
  const codes = {
    Robert: "R163",
    Rupert: "R163",
    Rubin: "R150",
    Ashcraft: "A261",
    Tymczak: "T522",
    Pfister: "P236",
    Honeyman: "H555",
    Lee: "L000",
    Jackson: "J250",
    Washington: "W252",
    "O'Brien": "O165",
  };
  for (const [word, code] of Object.entries(codes)) assert.equal(soundex(word), code, word);
  assert.equal(soundex("Путин"), "");
  assert.equal(soundex(""), "");
});

test("Soundex agreement is reported per part but does not move the score", () => {
  const typo = ofacExplain("VLADIMIR PUTNI", "PUTIN, Vladimir");
  assert.deepEqual(
    typo.parts.map((p) => [p.query, p.list, p.soundex]),
    [
      ["VLADIMIR", "VLADIMIR", true],
      ["PUTNI", "PUTIN", true],
    ],
  );
  assert.equal(typo.score, 98);
  assert.equal(ofacExplain("PUTIN", "PUNTI, Pere").parts[0]?.soundex, false);
  // PUTIN and PATINO share P350, yet OFAC shows 85, close to their Jaro-Winkler, not 100.
  const patino = ofacExplain("PUTIN", "PATINO FOMEQUE, Victor Hugo");
  assert.equal(patino.parts[0]?.soundex, true);
  assert.equal(patino.score, Math.round((patino.parts[0]?.jaroWinkler ?? 0) * 100));
  assert.ok(patino.score < 90);
});

test("Jaro-Winkler with the prefix bonus over up to five characters, whatever the Jaro value", () => {
  // VLADIMIRPUTIN ~ VLADIMIRBILIY: Jaro 0.795; five shared letters lift it to 0.897 (four would give 0.877, 88).
  const biliy = ofacExplain("VLADIMIR PUTIN", "VLADIMIR BILIY");
  assert.ok(Math.abs(biliy.wholeName - 0.8974) < 0.0001);
  assert.equal(biliy.score, 90);
  // Below Jaro 0.7 the bonus still applies: GEORGEBUSH ~ GEORGIEVAELENAALEKSANDROVNA has Jaro 0.653; OFAC shows 83.
  assert.equal(ofacScore("GEORGE BUSH", "GEORGIEVA, Elena Aleksandrovna"), 83);
  // A shorter shared prefix earns only its own length: JOHNSMITH ~ JOHNDAMIEN, four letters, 85.
  assert.equal(ofacScore("JOHN SMITH", "JOHN, Damien"), 85);
  assert.equal(ofacScore("VLADIMR PUTIN", "PUTIN, Vladimir"), 99);
});

test("how parts are formed and combined", () => {
  // Query parts of one or two letters do not count.
  assert.equal(ofacScore("KIM JONG UN", "KIM, Jong Man"), 100);
  assert.equal(ofacScore("KIM IL SUNG", "KIM, Song"), 93);
  assert.match(ofacExplain("KIM JONG UN", "KIM, Jong Man").summary, /short query parts not counted: UN/);
  assert.equal(ofacScore("J.P. MORGAN", "MORGAN HUERTA, Jose Arnoldo"), 100);
  // ... unless they are all there is.
  assert.equal(ofacScore("Z", "DONCOALTRADE SP Z O O"), 100);
  // Unmatched list parts cost nothing; an unmatched query part counts 0 in the mean.
  assert.equal(ofacScore("PUTIN", "PUTIN, Vladimir Vladimirovich"), 100);
  assert.equal(ofacExplain("GEORGE BUSH", "HASWANI, George").composite, 0.5);
  // Hyphens separate parts, apostrophes vanish.
  assert.equal(ofacScore("BASHIR UD DIN", "MAHMOOD, Sultan Bashir-Ud-Din"), 100);
  assert.equal(ofacScore("ABD AL RAHMAN", "'ABD AL-RAHMAN"), 100);
  // In the whole name a hyphen is kept as a character, so AL-QAEDA and AL QAEDA score differently against AL QAIDA.
  assert.equal(ofacScore("AL-QAEDA", "AL QAIDA"), 90);
  assert.equal(ofacScore("AL QAEDA", "AL QAIDA"), 94);
  assert.equal(ofacScore("BASHIR-UD-DIN", "Bashir"), 91);
  // Zero-width characters do not split a part.
  assert.equal(ofacScore("VLADI\u200BMIR PUTIN", "PUTIN, Vladimir"), 100);
});

test("the explanation is the computation", () => {
  const e = ofacExplain("VLADIMIR PUTIN", "POTANIN, Vladimir");
  assert.equal(e.score, ofacScore("VLADIMIR PUTIN", "POTANIN, Vladimir"));
  assert.equal(e.score, Math.round(Math.max(e.wholeName, e.composite) * 100));
  assert.equal(e.composite, e.parts.reduce((s, p) => s + p.jaroWinkler, 0) / e.parts.length);
  assert.deepEqual(
    e.parts.map((p) => [p.query, p.list]),
    [
      ["VLADIMIR", "VLADIMIR"],
      ["PUTIN", "POTANIN"],
    ],
  );
  assert.match(e.summary, /whole name VLADIMIRPUTIN ~ POTANINVLADIMIR/);
  assert.match(e.summary, /composite = mean of 2 parts/);
  assert.match(e.summary, /score = higher of the two/);
});

test("parity with scores captured from OFAC's Sanctions List Search", (t) => {
  if (!existsSync(FIXTURE)) return t.skip("../shared/data absent");
  const rows = parse(readFileSync(FIXTURE, "utf8"), { columns: true }) as Record<string, string>[];
  assert.ok(rows.length >= 150);
  let within5 = 0;
  let within1 = 0;
  const far: string[] = [];
  for (const row of rows) {
    const query = row.query_name as string;
    const listName = row.result_name as string;
    const expected = Number(row.ofac_score);
    const score = ofacScore(query, listName);
    // -1: OFAC did not list the name at the slider used for those captures (80); HASWANI, George, -1 there,
    // appears at 50 in a capture at slider 50. Agreement is then scoring below 80.
    const gap = expected < 0 ? Math.max(0, score - 79) : Math.abs(score - expected);
    if (gap <= 5) within5++;
    if (gap <= 1) within1++;
    if (gap > 5) far.push(`${query} | ${listName}: OFAC ${expected}, redline ${score}`);
  }
  const share5 = within5 / rows.length;
  const share1 = within1 / rows.length;
  t.diagnostic(`within 5 points: ${within5}/${rows.length} (${share5.toFixed(3)})`);
  t.diagnostic(`within 1 point: ${within1}/${rows.length} (${share1.toFixed(3)})`);
  for (const line of far) t.diagnostic(`off by more than 5: ${line}`);
  assert.ok(share5 >= 0.95, `within 5 points: ${share5}`);
  assert.ok(share1 >= 0.9, `within 1 point: ${share1}`);
});
