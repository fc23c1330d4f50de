import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { Catalog } from "../src/catalog.ts";
import { planImport } from "../src/sources/detect.ts";
import { importJob } from "../src/sources/import.ts";
import { demoStore } from "./helpers/api.ts";

const CONS = fileURLToPath(new URL("./fixtures/ofac-cons/", import.meta.url));

test("a reload with nothing new keeps the index it has, whatever order the store lists versions in", async () => {
  // ofac is version 1, the built-in LSP 2, ofac-cons 3: stored in id order, served official lists first.
  const { store } = await demoStore();
  const first = await Catalog.load(store);
  for (const job of await planImport([CONS], "ofac-cons")) await importJob(store, job);
  await first.reload();
  assert.deepEqual(
    first.versions.map((v) => v.source),
    ["ofac", "ofac-cons", "lsp"],
  );
  const served = first.versions;
  await first.reload();
  assert.equal(first.versions, served, "the same snapshot, not a rebuild");
  await store.close();
});
