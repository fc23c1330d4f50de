import assert from "node:assert/strict";
import { test } from "node:test";
import lspTable from "../resources/caatsa-231-lsp.json" with { type: "json" };
import { Catalog } from "../src/catalog.ts";
import { planImport } from "../src/sources/detect.ts";
import { importJob } from "../src/sources/import.ts";
import { ensureBuiltinLists, LSP_PROGRAM, parseLsp } from "../src/sources/lsp.ts";
import { SqliteStore } from "../src/store/sqlite.ts";
import { DEMO } from "./helpers/cli.ts";
import { tempDir } from "./helpers/tmp.ts";

test("the List of Specified Persons table: the 2017 entities and the 2018 additions, persons among them", () => {
  const entries = lspTable.entries;
  const added = (date: string) => entries.filter((e) => e.added === date);
  assert.ok(added("2017-10-27").length >= 39, "the entities of 27 October 2017");
  const later = added("2018-09-20");
  assert.ok(later.length >= 29, "the additions of 20 September 2018");
  assert.ok(later.some((e) => e.type === "person"));
  for (const e of later) assert.match(e.citation, /20 September 2018/, e.name);
  for (const name of [
    "Viktor Borisovich Netyksho",
    "Yevgeniy Viktorovich Prigozhin",
    "Internet Research Agency LLC",
  ]) {
    assert.ok(
      later.some((e) => e.name === name),
      name,
    );
  }
  const ids = new Set(entries.map((e) => e.id));
  assert.equal(ids.size, entries.length, "ids are unique");
  for (const e of entries) assert.match(e.id, /^[a-z0-9-]+$/, e.id);
});

test("the LSP as a list: one entry per table row, program CAATSA-231-LSP, date added, citation, and the OFAC entry it cites", async () => {
  const { source, entities, published } = await parseLsp();
  assert.equal(source, "lsp");
  assert.equal(published, "2018-09-20", "the list's latest addition, not the day the table was reviewed");
  assert.equal(entities.length, lspTable.entries.length);
  for (const e of entities) assert.deepEqual(e.programs, [LSP_PROGRAM]);
  const roe = entities.find((e) => e.id === "lsp:rosoboronexport");
  assert.equal(roe?.schema, "Organization");
  assert.deepEqual(roe?.sameAs, ["ofac:18782"]);
  assert.deepEqual(roe?.listedOn, ["2017-10-27"]);
  assert.ok(roe?.facts?.some((f) => f.label === "Citation" && /List of Specified Persons/.test(f.value)));
  assert.deepEqual(roe?.addresses, [{ country: "Russia" }]);
  const officer = entities.find((e) => e.id === "lsp:netyksho");
  assert.equal(officer?.schema, "Person");
  assert.deepEqual(officer?.sameAs, ["ofac:26180"]);
  // The list does not say where a person is from.
  assert.deepEqual(officer?.addresses, []);
});

test("the LSP comes with the first official list of a data directory, once, and again when the table changes", async () => {
  const store = SqliteStore.open(tempDir());
  try {
    assert.deepEqual(await ensureBuiltinLists(store), [], "an empty data directory stays empty");
    for (const job of await planImport([DEMO], "ofac")) await importJob(store, job);
    const current = await store.currentVersions();
    const lsp = current.find((v) => v.source === "lsp");
    assert.ok(lsp, "loaded with the first list");
    assert.equal(lsp.entities, lspTable.entries.length);
    assert.deepEqual(Object.keys(lsp.checksums), ["caatsa-231-lsp.json"]);
    assert.deepEqual(await ensureBuiltinLists(store), [], "the same table is not stored twice");
    // A data directory made by an older redline holds an older table: it is replaced.
    await store.saveListVersion({
      source: "lsp",
      checksums: { "caatsa-231-lsp.json": "0".repeat(64) },
      warnings: [],
      entities: [],
    });
    const [renewed] = await ensureBuiltinLists(store);
    assert.ok(renewed && renewed.id > lsp.id);
    assert.equal(renewed.entities, lspTable.entries.length);
    // Loading a catalog does the same, so `serve` after an upgrade screens against the new table.
    await store.saveListVersion({ source: "lsp", checksums: {}, warnings: [], entities: [] });
    const catalog = await Catalog.load(store);
    assert.equal(catalog.versions.find((v) => v.source === "lsp")?.entities, lspTable.entries.length);
  } finally {
    await store.close();
  }
});
