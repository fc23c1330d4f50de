import assert from "node:assert/strict";
import { test } from "node:test";
import caatsa from "../resources/caatsa.json" with { type: "json" };
import lsp from "../resources/caatsa-231-lsp.json" with { type: "json" };
import goods from "../resources/defence-systems.json" with { type: "json" };
import jurisdictions from "../resources/jurisdictions.json" with { type: "json" };
import { normalizeName } from "../src/names/normalize.ts";

test("jurisdictions: codes, levels, cited programs, and no term that names two places", () => {
  const owner = new Map<string, string>();
  for (const j of jurisdictions.jurisdictions) {
    assert.match(j.code, /^[A-Z]{2}(-\d{2})?$/, j.code);
    assert.ok(["comprehensive", "broad", "targeted"].includes(j.level), j.code);
    assert.ok(
      j.programs.length > 0 && j.programs.every((p) => p.citation.length > 10 && p.authority),
      j.code,
    );
    const terms = Object.values(j.terms).flat() as string[];
    assert.ok(terms.length > 0, j.code);
    for (const term of terms) {
      const key = normalizeName(term);
      const before = owner.get(key);
      assert.ok(before === undefined || before === j.code, `"${term}" names ${before} and ${j.code}`);
      owner.set(key, j.code);
    }
  }
  // Names that are also common words or other places are left out on purpose.
  for (const ambiguous of ["georgia", "jordan", "chad", "congo", "korea"])
    assert.ok(!owner.has(ambiguous), ambiguous);
});

test("List of Specified Persons: sector, date, citation and OFAC entry number of each entry", () => {
  assert.ok(lsp.entries.length >= 30);
  const names = new Set<string>();
  for (const e of lsp.entries) {
    assert.ok(["defense", "intelligence"].includes(e.sector), e.name);
    assert.match(e.added, /^\d{4}-\d{2}-\d{2}$/, e.name);
    assert.match(e.citation, /List of Specified Persons/, e.name);
    if ("ofac" in e) assert.match(String(e.ofac), /^\d+$/, e.name);
    assert.ok(!names.has(e.name), `${e.name} twice`);
    names.add(e.name);
  }
});

test("defence systems: every maker and exporter is on the List of Specified Persons, aliases are unique", () => {
  const names = new Set(lsp.entries.map((e) => e.name));
  const aliases = new Set<string>();
  for (const s of goods.systems) {
    for (const maker of [...s.makers, s.exporter]) assert.ok(names.has(maker), `${s.system}: ${maker}`);
    for (const a of s.aliases) {
      assert.ok(!aliases.has(normalizeName(a)), `${a} twice`);
      aliases.add(normalizeName(a));
    }
  }
});

test("CAATSA data: twelve §235 measures, precedents citing only those measures", () => {
  assert.deepEqual(
    caatsa.section235.measures.map((m) => m.paragraph),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  );
  for (const p of caatsa.precedents) {
    assert.ok(p.measures.length >= 5, `${p.country}: at least five measures`);
    assert.ok(p.measures.every((m) => m >= 1 && m <= 12));
    assert.match(p.date, /^\d{4}-\d{2}-\d{2}$/);
  }
  assert.equal(caatsa.section231.paths.length, 3);
});
