import assert from "node:assert/strict";
import { test } from "node:test";
import latinLetters from "../resources/latin-letters.json" with { type: "json" };
import { countryCode, countryCodesIn } from "../src/names/countries.ts";
import { normalizeName, tokenize } from "../src/names/normalize.ts";

test("normalizeName folds case, strips marks, apostrophes and punctuation", () => {
  assert.equal(normalizeName("AL QA'IDA"), "al qaida");
  assert.equal(normalizeName("Ìsmail  DEMİR"), "ismail demir");
  assert.equal(normalizeName("ROSOBORONEKSPORT, O.A.O."), "rosoboroneksport o a o");
  assert.equal(normalizeName("ALMAZ\u2013ANTEY"), "almaz antey");
});

test("normalizeName removes zero-width characters, tatweel and full-width forms", () => {
  assert.equal(normalizeName("ME\u200BLLI"), "melli");
  assert.equal(normalizeName("ｂａｎｋ"), "bank");
  assert.equal(normalizeName("محـمد"), normalizeName("محمد"));
  assert.equal(normalizeName("می\u200Cخواهم"), "میخواهم");
});

test("normalizeName folds Latin letters that have no decomposition (ł, ø, ß, æ, đ)", () => {
  assert.equal(normalizeName("Łączyńska Wytwórnia Łodzi"), "laczynska wytwornia lodzi");
  assert.equal(normalizeName("Søren Østergaard"), "soren ostergaard");
  assert.equal(normalizeName("Großmann Æther Œuvre"), "grossmann aether oeuvre");
  assert.equal(normalizeName("Đorđević"), "dordevic");
});

test("resources/latin-letters.json folds lower-case letters to lower-case ASCII", () => {
  for (const [letter, ascii] of Object.entries(latinLetters.letters)) {
    assert.equal(letter, letter.toLowerCase(), letter);
    assert.equal(letter.normalize("NFD"), letter, `${letter} decomposes: marks already handle it`);
    assert.match(ascii, /^[a-z]+$/, letter);
  }
});

test("tokenize splits on separators and keeps digits", () => {
  assert.deepEqual(tokenize("11420 CORP."), ["11420", "corp"]);
  assert.deepEqual(tokenize("  "), []);
  assert.deepEqual(tokenize("KIM, Jong Un"), ["kim", "jong", "un"]);
});

test("countryCode reads names, list spellings and ISO codes", () => {
  assert.equal(countryCode("Russia"), "RU");
  assert.equal(countryCode("Russian Federation"), "RU");
  assert.equal(countryCode("ru"), "RU");
  assert.equal(countryCode("Korea, North"), "KP");
  assert.equal(countryCode("Burma"), "MM");
  assert.equal(countryCode("Turkey"), "TR");
  assert.equal(countryCode("Atlantis"), undefined);
  assert.deepEqual(countryCodesIn("Dzerzhinsk, Nizhny Novgorod Region, Russia"), ["RU"]);
});
