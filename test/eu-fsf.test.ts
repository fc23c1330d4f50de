import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { DataError } from "../src/errors.ts";
import type { Entity } from "../src/model/entity.ts";
import { parseEuCsv } from "../src/sources/eu-fsf-csv.ts";
import { parseEuXml } from "../src/sources/eu-fsf-xml.ts";
import { tempDir } from "./helpers/tmp.ts";

const XML = "test/fixtures/eu/sanctions.xml";
const CSV = "test/fixtures/eu/sanctions.csv";

const byId = (entities: Entity[], id: string): Entity => {
  const e = entities.find((x) => x.id === id);
  assert.ok(e, `${id} is parsed`);
  return e;
};

test("EU XML: entities with regulation, subject type, names (strong or not, in their script), citizenship, birth date, address and identification", async () => {
  const { entities, published, warnings, source } = await parseEuXml(XML);
  assert.equal(source, "eu");
  assert.deepEqual(warnings, []);
  assert.equal(published, "2026-11-20T10:15:02.123+01:00");
  assert.deepEqual(
    entities.map((e) => e.id),
    ["eu:13", "eu:3090", "eu:9017"],
  );
  const saddam = byId(entities, "eu:13");
  assert.equal(saddam.schema, "Person");
  assert.deepEqual(
    saddam.names.map((n) => [n.full, n.kind, n.script ?? "", n.lang ?? ""]),
    [
      ["Saddam Hussein Al-Tikriti", "primary", "", ""],
      // strong="false": the EU does not vouch for this alias.
      ["Abu Ali", "weak-aka", "", ""],
      ["صدام حسين التكريتي", "aka", "Arab", "ar"],
    ],
  );
  assert.deepEqual(saddam.names[0]?.parts, { given: "Saddam", family: "Hussein Al-Tikriti" });
  assert.deepEqual(saddam.programs, ["IRQ"]);
  assert.deepEqual(saddam.birthDates, [{ raw: "1937-04-28", date: "1937-04-28" }]);
  assert.deepEqual(saddam.birthPlaces, ["al-Awja, near Tikrit, IRAQ"]);
  assert.deepEqual(saddam.citizenships, ["IRAQ"]);
  assert.equal(saddam.gender, "Male");
  assert.deepEqual(saddam.references, ["EU.27.28"]);
  assert.equal(saddam.sameAs, undefined);

  const zawahiri = byId(entities, "eu:3090");
  // The UN reference the EU listing implements ties it to the UN entry.
  assert.deepEqual(zawahiri.sameAs, ["un:QDi.006"]);
  assert.deepEqual(zawahiri.identifiers, [
    { type: "passport", label: "National passport", number: "1084010", country: "EGYPT" },
  ]);
  // An address of unknown country ("00", "UNKNOWN") with nothing else is no address.
  assert.deepEqual(zawahiri.addresses, []);
  assert.deepEqual(zawahiri.titles, ["Operational and Military Leader of Jihad Group", "Dr"]);

  const komid = byId(entities, "eu:9017");
  assert.equal(komid.schema, "Organization");
  assert.deepEqual(komid.listedOn, ["2009-04-24"]);
  assert.deepEqual(komid.addresses, [
    { street: "Central District", city: "Pyongyang", country: "NORTH KOREA" },
  ]);
  assert.deepEqual(komid.emails, ["komid@example.invalid"]);
  assert.deepEqual(komid.phones, ["+850 2 000 0000"]);
  assert.ok(komid.facts?.some((f) => f.label === "Regulation" && f.value === "2017/1509 (OJ L224)"));
});

test("EU CSV: byte-order mark, quotes inside unquoted fields, a quoted field over two lines; one entity from many rows", async () => {
  const { entities, published, warnings } = await parseEuCsv(CSV);
  assert.deepEqual(warnings, []);
  assert.equal(published, "2026-11-20");
  assert.deepEqual(
    entities.map((e) => e.id),
    ["eu:13", "eu:3090", "eu:9017"],
  );
  const saddam = byId(entities, "eu:13");
  assert.equal(saddam.remarks, 'Listed pursuant to "UNSC RESOLUTION 1483"');
  assert.deepEqual(
    saddam.names.map((n) => n.full),
    ["Saddam Hussein Al-Tikriti", "Abu Ali"],
  );
  assert.deepEqual(saddam.birthDates, [{ raw: "1937-04-28", date: "1937-04-28" }]);
  const zawahiri = byId(entities, "eu:3090");
  assert.match(zawahiri.remarks ?? "", /Jihad group;\r?\nnow a close associate/);
  // The identification repeated on two rows is one identifier.
  assert.equal(zawahiri.identifiers.length, 1);
  assert.deepEqual(zawahiri.sameAs, ["un:QDi.006"]);
  assert.equal(byId(entities, "eu:9017").schema, "Organization");
});

test("EU XML and CSV of the same list give the same entries, names and identifiers", async () => {
  const xml = await parseEuXml(XML);
  const csv = await parseEuCsv(CSV);
  const key = (e: Entity) => ({
    id: e.id,
    schema: e.schema,
    primary: e.names.find((n) => n.kind === "primary")?.full,
    identifiers: e.identifiers.map((i) => `${i.type} ${i.number}`),
    programs: e.programs,
    births: e.birthDates.map((d) => d.date),
  });
  assert.deepEqual(csv.entities.map(key), xml.entities.map(key));
});

test("EU files: a wrong root, a cut-off XML, a missing column and a broken row are refused naming file, line and field", async () => {
  const dir = tempDir();
  const wrong = join(dir, "wrong.xml");
  writeFileSync(wrong, '<?xml version="1.0"?>\n<sdnList></sdnList>\n');
  await assert.rejects(parseEuXml(wrong), (e: DataError) => {
    assert.ok(e instanceof DataError);
    assert.match(
      e.toString(),
      /wrong\.xml, line 2: not an EU Financial Sanctions File: root element is <sdnList>/,
    );
    return true;
  });
  const cut = join(dir, "cut.xml");
  const xml = readFileSync(XML, "utf8");
  writeFileSync(cut, xml.slice(0, xml.indexOf("</sanctionEntity>", xml.indexOf('logicalId="3090"'))));
  await assert.rejects(parseEuXml(cut), /truncated|not closed/);

  const noName = join(dir, "no-name.csv");
  writeFileSync(noName, "\uFEFFfileGenerationDate;Entity_LogicalId;Entity_SubjectType\n20/11/2026;13;P\n");
  await assert.rejects(parseEuCsv(noName), (e: DataError) => {
    assert.deepEqual(e.where, { file: noName, line: 1, field: "NameAlias_WholeName" });
    return true;
  });
  const wide = join(dir, "wide.csv");
  writeFileSync(
    wide,
    "fileGenerationDate;Entity_LogicalId;NameAlias_WholeName\n20/11/2026;13;Saddam Hussein Al-Tikriti\n20/11/2026;13;Abu Ali;x;y\n",
  );
  await assert.rejects(parseEuCsv(wide), (e: DataError) => {
    assert.equal(e.where.line, 3);
    assert.match(e.message, /3 fields|5 fields/);
    return true;
  });
  const open = join(dir, "open-quote.csv");
  writeFileSync(open, 'fileGenerationDate;Entity_LogicalId;NameAlias_WholeName\n20/11/2026;13;"Saddam\n');
  await assert.rejects(parseEuCsv(open), /open-quote\.csv.*quoted field is not closed/);
});
