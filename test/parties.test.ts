import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { Catalog } from "../src/catalog.ts";
import { NameIndex } from "../src/match/name-index.ts";
import { PartyIndex } from "../src/match/parties.ts";
import { type Entity, emptyEntity, type Schema, type SourceId } from "../src/model/entity.ts";
import { planImport } from "../src/sources/detect.ts";
import { importJob } from "../src/sources/import.ts";
import { SqliteStore } from "../src/store/sqlite.ts";
import { tempDir } from "./helpers/tmp.ts";

function entry(
  source: SourceId,
  id: string,
  schema: Schema,
  name: string,
  extra: Partial<Entity> = {},
): Entity {
  const e = emptyEntity(source, id, schema);
  e.names.push({ full: name, kind: "primary" });
  return Object.assign(e, extra);
}

function groups(entities: Entity[]): { members: string[]; reasons: string[] }[] {
  const index = new NameIndex(entities);
  const parties = PartyIndex.build(index);
  return Array.from({ length: parties.size }, (_, g) => ({
    members: parties.members(g).map((e) => (index.entities[e] as Entity).id),
    reasons: parties.ties(g).map((t) => t.reason),
  }));
}

test("parties: the same IMO number ties two lists' entries; one list's two entries stay two parties", () => {
  const imo = (n: string) => ({ identifiers: [{ type: "imo" as const, label: "IMO", number: n }] });
  assert.deepEqual(
    groups([
      entry("ofac", "1", "Vessel", "OCEAN STAR", imo("9826902")),
      entry("uk", "RUS1", "Vessel", "KOROLEV PROSPECT", imo("IMO 9826902")),
      entry("ofac", "2", "Vessel", "SEA PEARL", imo("9116412")),
      entry("ofac", "3", "Vessel", "SEA PEARL II", imo("9116412")),
    ]),
    [{ members: ["ofac:1", "uk:RUS1"], reasons: ["same IMO number 9826902"] }],
  );
});

test("parties: passports of different issuing countries are different documents", () => {
  const passport = (n: string, country: string) => ({
    identifiers: [{ type: "passport" as const, label: "Passport", number: n, country }],
  });
  assert.deepEqual(
    groups([
      entry("ofac", "1", "Person", "ALPHA, Ahmad", passport("A1234567", "Iran")),
      entry("un", "X.1", "Person", "BETA GAMMA", passport("A1234567", "Egypt")),
    ]),
    [],
  );
  assert.equal(
    groups([
      entry("ofac", "1", "Person", "ALPHA, Ahmad", passport("A1234567", "Iran")),
      entry("un", "X.1", "Person", "AHMAD ALPHA", passport("A1234567", "IR")),
    ]).length,
    1,
  );
});

test("parties: the same name ties persons only with an agreeing birth date, organisations with an agreeing country", () => {
  const born = (date: string) => ({ birthDates: [{ raw: date, date }] });
  const at = (country: string) => ({ addresses: [{ country }] });
  assert.deepEqual(
    groups([
      entry("ofac", "1", "Person", "HAQQANI, Yahya", born("1982")),
      entry("un", "TAi.169", "Person", "YAHYA HAQQANI", born("1982")),
      entry("eu", "7", "Person", "Yahya Haqqani", born("1975")),
      entry("uk", "AFG1", "Person", "Yahya HAQQANI", at("Afghanistan")),
    ]),
    [
      {
        members: ["ofac:1", "un:TAi.169"],
        reasons: ['same name "haqqani yahya" and birth year 1982'],
      },
    ],
  );
  assert.deepEqual(
    groups([
      entry("ofac", "1", "Organization", "ACME TRADING LLC", at("Russia")),
      entry("uk", "RUS1", "Organization", "ACME TRADING OOO", at("Russia")),
      entry("eu", "9", "Organization", "ACME TRADING"),
      entry("un", "X", "Person", "ACME TRADING", at("Russia")),
    ]).map((g) => g.members),
    [["ofac:1", "uk:RUS1"]],
  );
});

test("parties: a publisher's own reference ties entries, and no party gets two entries of one list", () => {
  const found = groups([
    entry("ofac", "18782", "Organization", "ROSOBORONEKSPORT OAO"),
    entry("ofac-cons", "18782", "Organization", "ROSOBORONEKSPORT OAO"),
    entry("lsp", "rosoboronexport", "Organization", "Rosoboronexport OJSC", { sameAs: ["ofac:18782"] }),
    entry("us-csl", "SDN-18782", "Organization", "ROSOBORONEKSPORT OAO", {
      list: "SDN",
      sameAs: ["ofac:18782"],
    }),
    entry("us-csl", "SSI-18782", "Organization", "ROSOBORONEKSPORT OAO", {
      list: "SSI",
      sameAs: ["ofac-cons:18782"],
    }),
    // A second SDN row citing the same number is a second listing of the SDN list: not merged.
    entry("us-csl", "SDN-18782#2", "Organization", "OTHER", { list: "SDN", sameAs: ["ofac:18782"] }),
  ]);
  assert.equal(found.length, 1);
  assert.deepEqual(found[0]?.members, [
    "ofac:18782",
    "ofac-cons:18782",
    "us-csl:SDN-18782",
    "us-csl:SSI-18782",
    "lsp:rosoboronexport",
  ]);
  assert.ok(found[0]?.reasons.includes("OFAC entry number 18782 on both lists"));
  assert.ok(found[0]?.reasons.includes("lsp:rosoboronexport cites OFAC entry number 18782"));
});

async function catalogOf(paths: string[]): Promise<{ catalog: Catalog; store: SqliteStore }> {
  const store = SqliteStore.open(tempDir());
  for (const job of await planImport(paths)) await importJob(store, job);
  return { catalog: await Catalog.load(store), store };
}

test("Rosoboronexport over OFAC SDN, non-SDN, UN, US CSL and the LSP: one party with every listing that mentions it", async () => {
  const { catalog, store } = await catalogOf([
    "test/fixtures/ofac",
    "test/fixtures/ofac-cons",
    "test/fixtures/un/consolidated.xml",
    "test/fixtures/us-csl/consolidated.csv",
  ]);
  try {
    assert.deepEqual(catalog.versions.map((v) => v.source).sort(), [
      "lsp",
      "ofac",
      "ofac-cons",
      "un",
      "us-csl",
    ]);
    const answer = catalog.screen({ name: "Rosoboronexport" });
    const roe = answer.parties.filter((p) => p.listings.some((l) => /18782|rosoboronexport/.test(l.id)));
    assert.equal(roe.length, 1, "one party");
    const [party] = roe;
    assert.equal(party?.party, "ofac:18782");
    assert.deepEqual(party?.listings.map((l) => l.id).sort(), [
      "lsp:rosoboronexport",
      "ofac-cons:18782",
      "ofac:18782",
      "us-csl:SDN-18782",
      "us-csl:SSI-18782",
    ]);
    assert.equal(party?.match, true);
    // Each listing keeps its own source and id; the hits keep every field they had and say their party.
    const csl = party?.listings.find((l) => l.id === "us-csl:SSI-18782");
    assert.deepEqual([csl?.source, csl?.list, csl?.sourceId], ["us-csl", "SSI", "SSI-18782"]);
    for (const hit of answer.hits.filter((h) => party?.listings.some((l) => l.id === h.id))) {
      assert.equal(hit.party, "ofac:18782");
      assert.ok(hit.explanation.summary && hit.programs && hit.sourceId);
    }
    assert.ok(party?.ties.length && party.ties.every((t) => t.reason.length > 0));
  } finally {
    await store.close();
  }
});

test("an EU and a UN listing of one person are one party (the EU cites the UN reference)", async () => {
  const { catalog, store } = await catalogOf([
    "test/fixtures/un/consolidated.xml",
    "test/fixtures/eu/sanctions.xml",
  ]);
  try {
    const [party] = catalog.screen({ name: "Ayman al-Zawahiri" }).parties;
    assert.deepEqual(party?.listings.map((l) => l.id).sort(), ["eu:3090", "un:QDi.006"]);
  } finally {
    await store.close();
  }
});

test("Rosoboronexport over the real OFAC, non-SDN, UN and US CSL files and the LSP", async (t) => {
  const base = "../shared/data/lists";
  if (!existsSync(base)) {
    t.skip(`${base} is absent`);
    return;
  }
  const { catalog, store } = await catalogOf([
    `${base}/ofac_sdn/2021-07_moov_bench`,
    `${base}/ofac_non_sdn/2025-12_moov`,
    `${base}/un/UN_consolidated_2026-02-27.xml`,
    `${base}/us_csl/consolidated_sample_2025.csv`,
  ]);
  try {
    const answer = catalog.screen({ name: "Rosoboronexport" });
    const party = answer.parties[0];
    assert.equal(party?.party, "ofac:18782");
    for (const id of ["ofac:18782", "ofac-cons:18782", "lsp:rosoboronexport"]) {
      assert.ok(
        party?.listings.some((l) => l.id === id),
        id,
      );
    }
    assert.ok(catalog.groupedParties > 100, `${catalog.groupedParties} parties listed more than once`);
  } finally {
    await store.close();
  }
});
