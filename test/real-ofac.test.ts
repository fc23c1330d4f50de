// Integration test against real OFAC files kept outside the project (../shared/data/lists); skipped without them.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import type { Entity } from "../src/model/entity.ts";
import { parseOfacCsv } from "../src/sources/ofac-csv.ts";
import { parseOfacRemarks } from "../src/sources/ofac-remarks.ts";
import { parseOfacXml } from "../src/sources/ofac-xml.ts";

const root = fileURLToPath(new URL("../../shared/data/lists/", import.meta.url));
const data = (path: string) => `${root}${path}`;
const absent = !existsSync(root);
const SKIP = "…/shared/data absent";

function byId(entities: Entity[], sourceId: string): Entity {
  const e = entities.find((x) => x.sourceId === sourceId);
  assert.ok(e, `entity ${sourceId}`);
  return e;
}

const aliasCount = (entities: Entity[]) =>
  entities.reduce(
    (n, e) => n + e.names.filter((x) => x.kind === "aka" || x.kind === "fka" || x.kind === "nka").length,
    0,
  );

test("SDN 2021 set: 8,976 entities, every alias and address attached", async (t) => {
  if (absent) return t.skip(SKIP);
  const dir = "ofac_sdn/2021-07_moov_bench/";
  const files = {
    main: data(`${dir}sdn.csv`),
    alt: data(`${dir}alt.csv`),
    add: data(`${dir}add.csv`),
    comments: data(`${dir}sdn_comments.csv`),
  };
  const list = await parseOfacCsv(files, "ofac");
  assert.equal(list.entities.length, 8976);
  // This copy of sdn_comments.csv lacks its 0x1A; nothing else may be amiss.
  assert.deepEqual(list.warnings, [
    `${files.comments}: no end-of-file marker (0x1A); the file may be truncated`,
  ]);
  // Aliases in the remarks are weak-aka, so every aka/fka/nka name comes from an alt.csv row.
  assert.equal(aliasCount(list.entities), 11910);
  // Every one of the 13,837 address rows is attached (no warning above); 2,397 are all-null and left out.
  assert.equal(
    list.entities.reduce((n, e) => n + e.addresses.length, 0),
    13837 - 2397,
  );

  const isil = byId(list.entities, "8759");
  assert.equal(isil.names[0]?.full, "ISLAMIC STATE OF IRAQ AND THE LEVANT");
  assert.ok(isil.names.some((n) => n.full === "DAESH" && n.kind === "aka"));
  assert.deepEqual(isil.programs, ["FTO", "SDGT"]);

  // ent 12300's remarks run on in sdn_comments.csv, cut mid-name ("PROMO RAI" + "Z S.A.S.").
  const cifuentes = byId(list.entities, "12300");
  assert.ok(cifuentes.links.some((l) => l.name === "PROMO RAIZ S.A.S."));
  assert.equal(cifuentes.links.at(-1)?.name, "R D I S.A.");
});

test("SDN 2024 sdn.csv alone: 14,965 entities; remark coverage", async (t) => {
  if (absent) return t.skip(SKIP);
  const list = await parseOfacCsv({ main: data("ofac_sdn/2024-05-03_jackdwyer/sdn.csv") }, "ofac");
  assert.equal(list.entities.length, 14965);
  assert.deepEqual(list.warnings, []);
  const bySchema = new Map<string, number>();
  for (const e of list.entities) bySchema.set(e.schema, (bySchema.get(e.schema) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(bySchema), {
    Person: 6854,
    Organization: 6884,
    Vessel: 851,
    Aircraft: 376,
  });
  assert.equal(list.entities.filter((e) => e.programs.includes("CAATSA - RUSSIA")).length, 54);

  let segments = 0;
  let unrecognised = 0;
  for (const e of list.entities) {
    if (!e.remarks) continue;
    const f = parseOfacRemarks(e.remarks, e.schema, { titles: e.titles });
    segments += f.segments;
    unrecognised += f.unrecognised.length;
  }
  assert.ok(segments > 60000, `${segments} statements`);
  assert.ok(unrecognised / segments < 0.01, `${unrecognised} of ${segments} statements not understood`);

  const roe = byId(list.entities, "18782");
  assert.equal(roe.names[0]?.full, "ROSOBORONEKSPORT OAO");
  assert.deepEqual(roe.programs, ["SYRIA", "UKRAINE-EO13662", "IRAN-CON-ARMS-EO", "RUSSIA-EO14024"]);
});

test("CAATSA rows: EDD has measures 2, 7, 8, 9, 12; SSB has 1, 2, 3, 4, 12", async (t) => {
  if (absent) return t.skip(SKIP);
  const sdn = await parseOfacCsv({ main: data("caatsa/sdn_caatsa_rows_2024-05-03.csv") }, "ofac");
  assert.equal(sdn.entities.length, 69);
  const paragraphs = (e: Entity) => e.caatsa235.map((m) => m.paragraph).sort((a, b) => a - b);
  const edd = byId(sdn.entities, "24837");
  assert.equal(edd.names[0]?.full, "EQUIPMENT DEVELOPMENT DEPARTMENT");
  assert.deepEqual(paragraphs(edd), [2, 7, 8, 9, 12]);
  assert.deepEqual(paragraphs(byId(sdn.entities, "24838")), [7, 8, 9, 11]);
  assert.deepEqual(paragraphs(byId(sdn.entities, "30822")), [2, 7, 8, 9, 10]);
  const cons = await parseOfacCsv({ main: data("caatsa/cons_caatsa_rows_2025-12-19.csv") }, "ofac-cons");
  const ssb = byId(cons.entities, "27016");
  assert.equal(ssb.id, "ofac-cons:27016");
  assert.deepEqual(paragraphs(ssb), [1, 2, 3, 4, 12]);
  assert.ok(ssb.names.some((n) => n.full === "SSB" && n.kind === "weak-aka"));
});

test("non-SDN 2025 set: 442 entities, every alias and address attached", async (t) => {
  if (absent) return t.skip(SKIP);
  const dir = "ofac_non_sdn/2025-12_moov/";
  const list = await parseOfacCsv(
    {
      main: data(`${dir}cons_prim.csv`),
      alt: data(`${dir}cons_alt.csv`),
      add: data(`${dir}cons_add.csv`),
      comments: data(`${dir}cons_comments.csv`),
    },
    "ofac-cons",
  );
  assert.equal(list.entities.length, 442);
  assert.deepEqual(list.warnings, []);
  // All 574 address rows are attached (no warnings); 52 are all-null and left out.
  assert.equal(
    list.entities.reduce((n, e) => n + e.addresses.length, 0),
    574 - 52,
  );
  assert.deepEqual(
    byId(list.entities, "27016")
      .caatsa235.map((m) => m.paragraph)
      .sort((a, b) => a - b),
    [1, 2, 3, 4, 12],
  );
  // ent 17016's remarks continue in cons_comments.csv mid-word ("'Effec" + "tive Date").
  assert.ok(byId(list.entities, "17016").remarks?.includes("'Effective Date (EO 14024 Directive)'"));
});

test("non-SDN 2018 consolidated.xml: 639 entities, as its Record_Count says", async (t) => {
  if (absent) return t.skip(SKIP);
  const list = await parseOfacXml(data("ofac_non_sdn/2018-04_perchrh_xml/consolidated.xml"), "ofac-cons");
  assert.equal(list.entities.length, 639);
  assert.equal(list.declaredCount, 639);
  assert.equal(list.published, "2018-04-06");
  assert.deepEqual(list.warnings, []);
  const names = list.entities.flatMap((e) => e.names);
  // 45 weak a.k.a. and 1 weak f.k.a.; 1,024 strong a.k.a. and 185 strong f.k.a.
  assert.equal(names.filter((n) => n.kind === "weak-aka").length, 46);
  assert.equal(names.filter((n) => n.kind === "aka").length, 1024);
  assert.equal(names.filter((n) => n.kind === "fka").length, 185);
  const markazi = byId(list.entities, "4632");
  assert.equal(markazi.names[0]?.full, "BANK MARKAZI JOMHOURI ISLAMI IRAN");
  assert.match(
    markazi.sanctionsInfo[0] ?? "",
    /^Not on the SDN List and Not Subject to Secondary Sanctions; U\.S\. Persons/,
  );
});
