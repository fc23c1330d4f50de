import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parse } from "csv-parse/sync";
import { DataError } from "../src/errors.ts";
import { cslListCode, parseUsCsl } from "../src/sources/us-csl.ts";
import { tempDir } from "./helpers/tmp.ts";

const DIR = "test/fixtures/us-csl";
const SAMPLES = "../shared/data/lists/us_csl";

test("US CSL, current layout (29 columns, _id first): lists, OFAC entry numbers, identifiers written label first", async () => {
  const { source, entities, warnings } = await parseUsCsl(join(DIR, "consolidated.csv"));
  assert.equal(source, "us-csl");
  assert.deepEqual(warnings, []);
  assert.deepEqual(
    entities.map((e) => [e.id, e.list, e.schema]),
    [
      ["us-csl:SDN-18782", "SDN", "Organization"],
      ["us-csl:SSI-18782", "SSI", "Organization"],
      ["us-csl:EL-66f6ab3f26234b75a9093fce79ef0ce0", "EL", "LegalEntity"],
      ["us-csl:SDN-52291", "SDN", "Person"],
    ],
  );
  const [sdn, ssi, el, person] = entities;
  // Treasury rows carry OFAC's entry number: the SDN row is the SDN entry, the SSI row the non-SDN one.
  assert.deepEqual(sdn?.sameAs, ["ofac:18782"]);
  assert.deepEqual(ssi?.sameAs, ["ofac-cons:18782"]);
  assert.equal(el?.sameAs, undefined);
  assert.deepEqual(sdn?.programs, ["UKRAINE-EO13662", "IRAN-CON-ARMS-EO", "RUSSIA-EO14024", "SYRIA"]);
  assert.equal(sdn?.names.length, 6);
  assert.deepEqual(
    sdn?.identifiers.map((i) => [i.type, i.number, i.country]),
    [
      ["registration", "1117746521452", "RU"],
      ["tax-id", "7718852163", "RU"],
    ],
  );
  assert.ok(
    sdn?.sanctionsInfo.includes("Executive Order 13662 Directive Determination - Subject to Directive 3"),
  );
  assert.deepEqual(sdn?.websites, ["www.roe.ru"]);
  assert.deepEqual(sdn?.addresses, [{ street: "27 Stromynka Street, Moscow, 107076", country: "RU" }]);
  assert.deepEqual(el?.listedOn, ["2022-03-03"]);
  assert.ok(el?.facts?.some((f) => f.label === "License policy" && f.value === "Policy of denial."));
  assert.deepEqual(person?.birthDates, [{ raw: "1978-12-05", date: "1978-12-05" }]);
  assert.deepEqual(person?.nationalities, ["KP"]);
  assert.equal(person?.gender, "male");
  assert.deepEqual(
    person?.identifiers.map((i) => [i.type, i.number, i.country]),
    [["passport", "836238033", "KP"]],
  );
  assert.deepEqual(
    person?.addresses.map((a) => a.country),
    ["CN", "KP"],
  );
});

test("US CSL, 2019 layout (28 columns, no _id): identifiers written label last, vessels with their IMO number", async () => {
  const { entities } = await parseUsCsl(join(DIR, "csl-2019.csv"));
  assert.deepEqual(
    entities.map((e) => e.id),
    ["us-csl:SDN-18782", "us-csl:SDN-27304"],
  );
  const [roe, tanker] = entities;
  assert.deepEqual(
    roe?.identifiers.map((i) => [i.type, i.number, i.country]),
    [
      ["registration", "1117746521452", "RU"],
      ["tax-id", "7718852163", "RU"],
    ],
  );
  assert.deepEqual(roe?.websites, ["www.roe.ru"]);
  assert.equal(tanker?.schema, "Vessel");
  assert.deepEqual(
    tanker?.identifiers.map((i) => [i.type, i.number]),
    [["imo", "9116412"]],
  );
  assert.deepEqual(tanker?.vessel, {
    callSign: "9BQX",
    vesselType: "Crude Oil Tanker",
    tonnage: "299988",
    flag: "Iran",
  });
});

test("US CSL JSON: results with arrays and identifier objects read like the CSV", async () => {
  const { entities } = await parseUsCsl(join(DIR, "consolidated.json"));
  assert.deepEqual(
    entities.map((e) => e.id),
    ["us-csl:SDN-18782", "us-csl:EL-66f6ab3f26234b75a9093fce79ef0ce0"],
  );
  assert.deepEqual(entities[0]?.sameAs, ["ofac:18782"]);
  assert.deepEqual(entities[0]?.addresses, [
    { street: "27 Stromynka Street", city: "Moscow", postalCode: "107076", country: "RU" },
  ]);
  assert.deepEqual(
    entities[0]?.identifiers.map((i) => [i.type, i.number, i.country]),
    [["registration", "1117746521452", "RU"]],
  );
  assert.deepEqual(entities[1]?.listedOn, ["2022-03-03"]);
});

test("US CSL: list codes from the source names; the Entity List's successor clause is not part of a name", async () => {
  assert.equal(cslListCode("Entity List (EL) - Bureau of Industry and Security"), "EL");
  assert.equal(cslListCode("Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department"), "MBS");
  assert.equal(cslListCode("Capta List (CAP) - Treasury Department"), "CAP");
  const file = join(tempDir(), "consolidated.csv");
  const [header] = readFileSync(join(DIR, "consolidated.csv"), "utf8").split("\n");
  const columns = header?.split(",") ?? [];
  const row = columns.map((c) =>
    c === "source"
      ? "Nonproliferation Sanctions (ISN) - State Department"
      : c === "name"
        ? "Example Trading Company; and any successor, sub-unit, or subsidiary thereof"
        : "",
  );
  writeFileSync(file, `${header}\n${row.map((v) => `"${v}"`).join(",")}\n`);
  const { entities } = await parseUsCsl(file);
  assert.equal(entities[0]?.names[0]?.full, "Example Trading Company");
  assert.deepEqual(entities[0]?.sanctionsInfo, ["and any successor, sub-unit, or subsidiary thereof"]);
  // A row without an id of its own gets one from its content, the same in every version.
  assert.match(entities[0]?.id ?? "", /^us-csl:ISN-[0-9a-f]{16}$/);
  assert.equal((await parseUsCsl(file)).entities[0]?.id, entities[0]?.id);
});

test("US CSL: a file that is not the list, or a row of the wrong width, is refused naming where", async () => {
  const dir = tempDir();
  const other = join(dir, "other.csv");
  writeFileSync(other, "name,source\nx,y\n");
  await assert.rejects(parseUsCsl(other), (e: DataError) => {
    assert.ok(e instanceof DataError);
    assert.equal(e.where.line, 1);
    assert.match(e.message, /expected "_id" or "source"/);
    return true;
  });
  const short = join(dir, "short.csv");
  const lines = readFileSync(join(DIR, "consolidated.csv"), "utf8").split("\n");
  lines[2] = `${lines[2]?.split('","').slice(0, 10).join('","')}"`;
  writeFileSync(short, lines.join("\n"));
  await assert.rejects(parseUsCsl(short), (e: DataError) => {
    assert.equal(e.where.line, 3);
    assert.match(e.message, /10 fields where the header has 29/);
    return true;
  });
  const json = join(dir, "bad.json");
  writeFileSync(json, '{"total": 1, "sources_used": []}');
  await assert.rejects(parseUsCsl(json), /no "results" array/);
});

test("US CSL samples from trade.gov (2025, 29 columns; 2019, 28 columns) import with their row counts", async (t) => {
  if (!existsSync(SAMPLES)) {
    t.skip(`${SAMPLES} is absent`);
    return;
  }
  for (const [file, columns] of [
    ["consolidated_sample_2025.csv", 29],
    ["csl_sample_2019.csv", 28],
  ] as const) {
    const path = join(SAMPLES, file);
    const rows = parse(readFileSync(path, "utf8"), { bom: true }) as string[][];
    assert.equal(rows[0]?.length, columns, file);
    const { entities, warnings } = await parseUsCsl(path);
    assert.deepEqual(warnings, [], file);
    assert.equal(entities.length, rows.length - 1, `${file}: one entry per row`);
  }
});
