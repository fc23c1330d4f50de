import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { DataError } from "../src/errors.ts";
import { parseUkCsv } from "../src/sources/uk-csv.ts";
import { tempDir } from "./helpers/tmp.ts";

const FILE = "test/fixtures/uk/UK-Sanctions-List.csv";

test("UK Sanctions List: the Report Date line, 58 columns, one entry per Unique ID from its name rows", async () => {
  const { source, entities, published, warnings } = await parseUkCsv(FILE);
  assert.equal(source, "uk");
  assert.deepEqual(warnings, []);
  assert.equal(published, "2026-11-20");
  const header = readFileSync(FILE, "utf8").split("\r\n")[1]?.split(",");
  assert.equal(header?.length, 58);
  assert.deepEqual(
    entities.map((e) => [e.id, e.schema]),
    [
      ["uk:RUS0255", "Person"],
      ["uk:RUS2176", "Vessel"],
      ["uk:AQD0003", "Organization"],
    ],
  );
  const [person, ship, group] = entities;
  // Name 6 is the family name; a primary name, an alias of good and of low quality, and the non-Latin writing.
  assert.deepEqual(
    person?.names.map((n) => [n.full, n.kind, n.script ?? ""]),
    [
      ["PRIGOZHIN, Yevgeniy Viktorovich", "primary", ""],
      ["Евгений Викторович ПРИГОЖИН", "aka", "Cyrl"],
      ["PRIGOZHIN, Evgeny Viktorovich", "aka", ""],
      ["PRIGOZHIN, Yevgeny", "weak-aka", ""],
    ],
  );
  assert.deepEqual(person?.names[0]?.parts, { family: "PRIGOZHIN", given: "Yevgeniy Viktorovich" });
  assert.deepEqual(person?.birthDates, [{ raw: "01/06/1961", date: "1961-06-01" }]);
  assert.deepEqual(person?.sanctionsInfo, ["Asset freeze", "Travel Ban"]);
  assert.deepEqual(person?.programs, ["The Russia (Sanctions) (EU Exit) Regulations 2019"]);
  assert.deepEqual(person?.listedOn, ["2022-03-16"]);
  assert.deepEqual(person?.birthPlaces, ["Leningrad, Russia"]);
  // The ship: IMO number without its "IMO" prefix, the same sanction written twice kept once, ship details.
  assert.deepEqual(ship?.identifiers, [{ type: "imo", label: "IMO number", number: "9826902" }]);
  assert.deepEqual(ship?.sanctionsInfo, ["Shipping sanctions: (see 'Other information')"]);
  assert.deepEqual(ship?.vessel, {
    owner: "Stream Ship Management FZCO",
    flag: "Gabon",
    vesselType: "Oil Tanker",
    yearBuilt: "2019",
  });
  assert.match(ship?.remarks ?? "", /IMO 9826902/);
  // A UN designation carries the UN reference number that ties it to the UN list.
  assert.deepEqual(group?.sameAs, ["un:QDe.115"]);
  assert.deepEqual(
    group?.names.map((n) => n.full),
    ["AL-QAIDA IN IRAQ", "AQI", "ISLAMIC STATE OF IRAQ"],
  );
});

test("UK Sanctions List: a missing Report Date line, a missing column or a short row is refused naming where", async () => {
  const dir = tempDir();
  const text = readFileSync(FILE, "utf8");
  const noDate = join(dir, "no-date.csv");
  writeFileSync(noDate, text.split("\r\n").slice(1).join("\r\n"));
  await assert.rejects(parseUkCsv(noDate), (e: DataError) => {
    assert.ok(e instanceof DataError);
    assert.equal(e.where.line, 1);
    assert.match(e.message, /expected "Report Date: …"/);
    return true;
  });
  const noImo = join(dir, "no-imo.csv");
  writeFileSync(noImo, text.replace(",IMO number,", ",IMO,"));
  await assert.rejects(parseUkCsv(noImo), (e: DataError) => {
    assert.deepEqual(e.where, { file: noImo, line: 2, field: "IMO number" });
    return true;
  });
  const short = join(dir, "short.csv");
  const lines = text.split("\r\n");
  lines[4] = lines[4]?.split(",").slice(0, 20).join(",") ?? "";
  writeFileSync(short, lines.join("\r\n"));
  await assert.rejects(parseUkCsv(short), (e: DataError) => {
    assert.equal(e.where.line, 5);
    assert.match(e.message, /20 fields where the header has 58/);
    return true;
  });
});
