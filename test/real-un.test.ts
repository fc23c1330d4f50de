import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import type { Entity } from "../src/model/entity.ts";
import type { ParsedList } from "../src/sources/types.ts";
import { parseUnXml } from "../src/sources/un-xml.ts";

// The real list lives outside the repository, next to it; these tests skip where it is absent.
const FILE = fileURLToPath(
  new URL("../../shared/data/lists/un/UN_consolidated_2026-02-27.xml", import.meta.url),
);
const PRESENT = existsSync(FILE);

let parsed: Promise<ParsedList> | undefined;
const list = () => {
  parsed ??= parseUnXml(FILE);
  return parsed;
};

async function entry(sourceId: string): Promise<Entity> {
  const e = (await list()).entities.find((x) => x.sourceId === sourceId);
  assert.ok(e, `${sourceId} in the real list`);
  return e;
}

test("real UN list: 730 individuals and 273 entities, published 2026-02-27, no warnings", async (t) => {
  if (!PRESENT) return t.skip("../shared/data absent");
  const r = await list();
  assert.equal(r.source, "un");
  assert.equal(r.published?.slice(0, 10), "2026-02-27");
  assert.equal(r.entities.filter((e) => e.schema === "Person").length, 730);
  assert.equal(r.entities.filter((e) => e.schema === "Organization").length, 273);
  assert.equal(new Set(r.entities.map((e) => e.id)).size, 1003, "ids are unique");
  assert.ok(
    r.entities.every((e) => /^[A-Z]{2}[ie]\.\d{3}$/.test(e.sourceId)),
    "every id is a reference number",
  );
  assert.deepEqual(r.warnings, []);
});

test("real UN list: an Arabic original-script name and a passport", async (t) => {
  if (!PRESENT) return t.skip("../shared/data absent");
  const asiri = await entry("QDi.291");
  assert.equal(asiri.names[0]?.full, "IBRAHIM HASSAN TALI AL-ASIRI");
  assert.deepEqual(asiri.names[1], { full: "إبراهيم حسن طالع العسيري", kind: "aka", script: "Arab" });
  assert.deepEqual(asiri.programs, ["Al-Qaida"]);
  const passport = asiri.identifiers.find((i) => i.type === "passport");
  assert.equal(passport?.number, "F654645");
  assert.equal(passport?.country, "Saudi Arabia");
  assert.equal(passport?.issued, "2005-04-30");
});

test("real UN list: BETWEEN dates with an 'Approximately' note are circa ranges", async (t) => {
  if (!PRESENT) return t.skip("../shared/data absent");
  const e = await entry("TAi.002");
  assert.ok(e.birthDates.some((d) => d.from === "1955" && d.to === "1958" && d.circa === true));
  const plain = await entry("CDi.030");
  assert.ok(plain.birthDates.some((d) => d.from === "1973" && d.to === "1974" && d.circa === undefined));
});

test("real UN list: DPRK entries, a Korean name kept as split, a month read from a NOTE", async (t) => {
  if (!PRESENT) return t.skip("../shared/data absent");
  const dprk = (await list()).entities.filter((e) => e.programs.includes("DPRK"));
  assert.ok(dprk.some((e) => e.schema === "Organization"));
  assert.ok(dprk.some((e) => e.names.some((n) => n.script === "Hani")));
  // RI is the family name: the given/family guess is wrong here, which is why parts.other keeps the UN's split.
  assert.deepEqual((await entry("KPi.002")).names[0]?.parts?.other, ["RI", "JE-SON"]);
  const kony = await entry("CFi.009");
  assert.ok(kony.birthDates.some((d) => d.raw === "August 1961" && d.date === "1961-08"));
});

test("real UN list: every quality maps and no empty value survives", async (t) => {
  if (!PRESENT) return t.skip("../shared/data absent");
  const r = await list();
  const kinds = new Set(r.entities.flatMap((e) => e.names.map((n) => n.kind)));
  assert.deepEqual([...kinds].sort(), ["aka", "fka", "primary", "weak-aka"]);
  const empty = r.entities.filter((e) =>
    JSON.stringify(e, (_k, v) => (typeof v === "string" && v.trim() === "" ? "<EMPTY>" : v)).includes(
      "<EMPTY>",
    ),
  );
  assert.deepEqual(
    empty.map((e) => e.id),
    [],
  );
});
