import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import docTypes from "../resources/un-document-types.json" with { type: "json" };
import { DataError } from "../src/errors.ts";
import type { Entity, IdentifierType } from "../src/model/entity.ts";
import type { ParsedList } from "../src/sources/types.ts";
import { parseUnXml } from "../src/sources/un-xml.ts";
import { tempDir } from "./helpers/tmp.ts";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/un/${name}`, import.meta.url));
const LIST = fixture("consolidated.xml");

let parsed: Promise<ParsedList> | undefined;
const list = () => {
  parsed ??= parseUnXml(LIST);
  return parsed;
};

async function entry(sourceId: string): Promise<Entity> {
  const e = (await list()).entities.find((x) => x.sourceId === sourceId);
  assert.ok(e, `${sourceId} parsed`);
  return e;
}

const dir = tempDir("redline-un-");
let n = 0;
function xmlFile(body: string): string {
  const path = join(dir, `case-${++n}.xml`);
  writeFileSync(path, body);
  return path;
}

/** A minimal well-formed list around the given INDIVIDUAL elements. */
function listOf(individuals: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z">
  <INDIVIDUALS>${individuals}</INDIVIDUALS>
  <ENTITIES/>
</CONSOLIDATED_LIST>
`;
}

function individual(dataId: string, ref: string | null, name: string, extra = ""): string {
  const refEl = ref === null ? "" : `<REFERENCE_NUMBER>${ref}</REFERENCE_NUMBER>`;
  return `<INDIVIDUAL><DATAID>${dataId}</DATAID><FIRST_NAME>${name}</FIRST_NAME><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>${refEl}<LISTED_ON>2020-01-01</LISTED_ON>${extra}</INDIVIDUAL>`;
}

async function rejectsWith(path: string, pattern: RegExp, line?: number): Promise<void> {
  await assert.rejects(parseUnXml(path), (err: unknown) => {
    assert.ok(err instanceof DataError, `DataError, got ${String(err)}`);
    assert.match(err.message, pattern);
    assert.equal(err.where.file, path);
    if (line !== undefined) assert.equal(err.where.line, line);
    return true;
  });
}

test("fixture: counts, schemas, publication date, no warnings", async () => {
  const r = await list();
  assert.equal(r.source, "un");
  assert.equal(r.published, "2026-01-15T00:00:05.123Z");
  assert.deepEqual(
    r.entities.map((e) => [e.id, e.schema]),
    [
      ["un:QDi.299", "Person"],
      ["un:TAi.024", "Person"],
      ["un:QDi.006", "Person"],
      ["un:QDi.290", "Person"],
      ["un:KPe.001", "Organization"],
      ["un:QDe.115", "Organization"],
    ],
  );
  assert.deepEqual(r.warnings, []);
});

test("primary name joins FIRST..FOURTH_NAME; given/family are a guess; the XSD default 'na' is no name", async () => {
  const baghdadi = await entry("QDi.299");
  assert.deepEqual(baghdadi.names[0], {
    full: "IBRAHIM AWWAD IBRAHIM ALI AL-BADRI AL-SAMARRAI",
    kind: "primary",
    parts: {
      other: ["IBRAHIM", "AWWAD", "IBRAHIM ALI", "AL-BADRI AL-SAMARRAI"],
      given: "IBRAHIM",
      family: "AL-BADRI AL-SAMARRAI",
    },
  });
  const baradar = await entry("TAi.024");
  assert.equal(baradar.names[0]?.full, "ABDUL GHANI BARADAR ABDUL AHMAD TURK");
  assert.deepEqual(baradar.names[0]?.parts?.other, ["ABDUL GHANI", "BARADAR", "ABDUL AHMAD TURK"]);
  const komid = await entry("KPe.001");
  assert.deepEqual(komid.names[0], { full: "KOREA MINING DEVELOPMENT TRADING CORPORATION", kind: "primary" });
});

test("NAME_ORIGINAL_SCRIPT becomes an aka with its detected script", async () => {
  const original = (e: Entity) => e.names[1];
  assert.deepEqual(original(await entry("QDi.299")), {
    full: "إبراهيم عواد إبراهيم علي البدري السامرائي",
    kind: "aka",
    script: "Arab",
  });
  assert.deepEqual(original(await entry("KPe.001")), {
    full: "조선광업개발무역회사",
    kind: "aka",
    script: "Hang",
  });
  assert.equal(original(await entry("QDi.290"))?.script, "Cyrl");
  assert.equal(original(await entry("TAi.024"))?.script, "Arab");
});

test("alias qualities map to name kinds; empty aliases are skipped; notes are kept", async () => {
  const kinds = (e: Entity) => e.names.slice(2).map((n) => [n.full, n.kind]);
  assert.deepEqual(kinds(await entry("KPe.001")), [
    ["KOMID", "aka"],
    ["CHANGGWANG SINYONG CORPORATION", "fka"],
    ["EXTERNAL TECHNOLOGY GENERAL CORPORATION", "aka"],
  ]);
  const baghdadi = await entry("QDi.299");
  assert.deepEqual(kinds(baghdadi), [
    ["Abu Bakr al-Baghdadi", "aka"],
    ["Ibrahim Awad Ibrahim al-Badri al-Samarrai", "aka"],
    ["Abu Du'a", "weak-aka"],
    ["Dr. Ibrahim", "weak-aka"],
    ["أبو بكر البغدادي", "weak-aka"],
    ["Abu Bakr al-Baghdadi al-Husayni", "weak-aka"],
    ["Abu Bakr al-Quraishi", "weak-aka"],
  ]);
  assert.equal(baghdadi.names.find((x) => x.full === "Abu Du'a")?.note, "nom de guerre");
  const aqi = await entry("QDe.115");
  assert.deepEqual(aqi.names.at(-1), {
    full: "ISLAMIC STATE IN IRAQ AND THE LEVANT",
    kind: "aka",
    note: "name used since 2013",
  });
});

test("an alias in two scripts becomes one name per writing, each with its own script", async () => {
  const umarov = await entry("QDi.290");
  assert.deepEqual(
    umarov.names.slice(2).map((n) => [n.full, n.kind, n.script]),
    [
      ["Abu Usman", "weak-aka", undefined],
      ["Абу Усман", "weak-aka", "Cyrl"],
      ["Dokka Umarov", "aka", undefined],
      ["Докка Умаров", "aka", "Cyrl"],
    ],
  );
});

test("every TYPE_OF_DATE shape becomes a DateValue; an empty one is skipped", async () => {
  assert.deepEqual((await entry("TAi.024")).birthDates, [
    { raw: "1968", date: "1968" },
    { raw: "circa 1967", date: "1967", circa: true },
    { raw: "circa 1965 to 1969", from: "1965", to: "1969", circa: true },
    { raw: "1962 to 1963", from: "1962", to: "1963" },
  ]);
  assert.deepEqual((await entry("QDi.006")).birthDates, [
    { raw: "1951-06-19", date: "1951-06-19" },
    { raw: "Nov. 1950", date: "1950-11" },
    { raw: "Sep. 1952", date: "1952-09" },
    { raw: "Between Aug. and Sep. 1953", from: "1953-08", to: "1953-09" },
    { raw: "1951-06-20 (from false passport)", date: "1951-06-20" },
  ]);
});

test("birth data inside aliases joins the entry's, after its own and without duplicates", async () => {
  const baghdadi = await entry("QDi.299");
  assert.deepEqual(baghdadi.birthDates, [{ raw: "1971", date: "1971" }]);
  assert.deepEqual(baghdadi.birthPlaces, ["Samarra, Iraq"]);
  const zawahiri = await entry("QDi.006");
  assert.deepEqual(zawahiri.birthPlaces, ["Giza, Egypt", "Egypt"]);
});

test("places of birth read as one string, with their note", async () => {
  assert.deepEqual((await entry("TAi.024")).birthPlaces, ["Weetmak Village, Uruzgan Province, Afghanistan"]);
  assert.deepEqual((await entry("QDi.290")).birthPlaces, [
    "Kharsenoy Village, Shatoyskiy District, Chechen Republic, Russian Federation (now Shatoy District)",
  ]);
});

test("documents become typed identifiers; TYPE_OF_DOCUMENT2 refines the type", async () => {
  const zawahiri = await entry("QDi.006");
  assert.deepEqual(zawahiri.identifiers[0], {
    type: "passport",
    label: "Passport",
    number: "1084010",
    country: "Egypt",
    issued: "1995-02-01",
    expires: "2000-01-31",
    note: "expired on 31 Jan. 2000; issued in Cairo",
  });
  assert.deepEqual((await entry("QDi.299")).identifiers, [
    { type: "other", label: "National Identification Number (Ration card number)", number: "0012345" },
  ]);
  assert.deepEqual((await entry("QDi.290")).identifiers[0]?.label, "Passport");
});

test("a number written in NOTE or TYPE_OF_DOCUMENT2 is read back; a document with none goes to remarks", async () => {
  const zawahiri = await entry("QDi.006");
  assert.deepEqual(zawahiri.identifiers[1], {
    type: "passport",
    label: "Passport",
    number: "L 19820215",
    issued: "1989-02-20",
    note: "Egyptian passport number L 19820215 issued on 20 Feb. 1989",
  });
  assert.equal(zawahiri.identifiers.length, 2);
  assert.equal(
    zawahiri.remarks,
    "Document without number: Passport; Egypt; issued in 1993 under another name",
  );
  const baradar = await entry("TAi.024");
  assert.equal(baradar.identifiers[0]?.number, "57001");
  assert.equal(baradar.identifiers[0]?.type, "national-id");
});

test("addresses map field by field; all-empty ones are skipped", async () => {
  assert.deepEqual((await entry("TAi.024")).addresses, [
    {
      street: "Street 5",
      city: "Kabul",
      region: "Kabul Province",
      postalCode: "1001",
      country: "Afghanistan",
    },
  ]);
  assert.deepEqual((await entry("QDi.299")).addresses, [
    { city: "Mosul", country: "Iraq", note: "reported location" },
  ]);
  assert.deepEqual((await entry("QDi.006")).addresses, []);
  assert.deepEqual((await entry("QDe.115")).addresses, [{ country: "Iraq" }]);
});

test("list type, listing date, gender, titles, nationalities, remarks and DATAID", async () => {
  const baghdadi = await entry("QDi.299");
  assert.deepEqual(baghdadi.programs, ["Al-Qaida"]);
  assert.deepEqual(baghdadi.listedOn, ["2011-10-05"]);
  assert.equal(baghdadi.gender, "Male");
  assert.deepEqual(baghdadi.titles, ["Dr.", "Leader of the Islamic State in Iraq and the Levant"]);
  assert.deepEqual(baghdadi.nationalities, ["Iraq"]);
  assert.equal(
    baghdadi.remarks,
    "Leader of Islamic State in Iraq and the Levant, listed as Al-Qaida in Iraq (QDe.115).\nWanted by Iraq.",
  );
  assert.deepEqual(baghdadi.references, ["DATAID:100001"]);
  assert.deepEqual((await entry("QDi.290")).listedOn, ["2011-03-10"], "xs:date time zone dropped");
  assert.deepEqual((await entry("KPe.001")).programs, ["DPRK"]);
  assert.equal((await entry("QDe.115")).remarks, "Illustrative entry & <CDATA> text.");
  const zawahiri = await entry("QDi.006");
  assert.equal(zawahiri.gender, undefined);
  assert.deepEqual(zawahiri.nationalities, ["Egypt"]);
});

test("empty elements never produce empty or undefined values", async () => {
  const bad: string[] = [];
  const walk = (v: unknown, path: string): void => {
    if (v === undefined || (typeof v === "string" && v.trim() === "")) bad.push(path);
    else if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(x, `${path}[${i}]`);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  for (const e of (await list()).entities) walk(e, e.id);
  assert.deepEqual(bad, []);
});

test("unknown elements are ignored", async () => {
  const umarov = await entry("QDi.290");
  assert.ok(!JSON.stringify(umarov).includes("schema does not know"));
});

test("a truncated file is a DataError naming the file and the line", async () => {
  const path = fixture("truncated.xml");
  await rejectsWith(path, /truncated XML: unclosed tag/, 131);
});

test("a file missing only the closing root element is a DataError", async () => {
  const path = xmlFile(listOf(individual("1", "QDi.001", "A")).replace("</CONSOLIDATED_LIST>", ""));
  await rejectsWith(path, /unclosed tag: CONSOLIDATED_LIST/, 6);
});

test("malformed XML is a DataError at the line of the fault", async () => {
  const path = xmlFile(listOf(`\n${individual("1", "QDi.001", "A</FIRST_NAME></X")}`));
  await rejectsWith(path, /malformed/, 4);
});

test("a list without entries is a DataError", async () => {
  await rejectsWith(xmlFile(listOf("")), /no INDIVIDUAL or ENTITY entries/);
  await rejectsWith(xmlFile(""), /root element/, 1);
});

test("an XML file that is not the UN list is a DataError saying so", async () => {
  const path = fixture("not-un.xml");
  await rejectsWith(path, /not a UN consolidated list: root element is <sdnList>/, 3);
});

test("a missing file is a DataError naming it", async () => {
  await rejectsWith(join(dir, "absent.xml"), /cannot read/);
});

test("a repeated or missing REFERENCE_NUMBER falls back to DATAID, with a warning", async () => {
  const path = xmlFile(
    listOf(
      individual("11", "QDi.900", "FIRST") +
        individual("12", "QDi.900", "SECOND") +
        individual("13", null, "THIRD") +
        individual("14", "QDi.901", "FOURTH"),
    ),
  );
  const r = await parseUnXml(path);
  assert.deepEqual(
    r.entities.map((e) => [e.id, e.references]),
    [
      ["un:11", ["DATAID:11", "QDi.900"]],
      ["un:12", ["DATAID:12", "QDi.900"]],
      ["un:13", ["DATAID:13"]],
      ["un:QDi.901", ["DATAID:14"]],
    ],
  );
  assert.equal(r.warnings.length, 2);
  assert.match(r.warnings[0] ?? "", /DATAID 13 has no REFERENCE_NUMBER/);
  assert.match(r.warnings[1] ?? "", /REFERENCE_NUMBER QDi\.900 is used by 2 entries/);
  for (const w of r.warnings) assert.ok(w.startsWith(`${path}:`), w);
});

test("ids stay unique even when the fallback collides", async () => {
  const path = xmlFile(listOf(individual("21", "QDi.910", "A") + individual("21", null, "B")));
  const r = await parseUnXml(path);
  assert.deepEqual(
    r.entities.map((e) => e.id),
    ["un:QDi.910", "un:21"],
  );
  const dup = xmlFile(listOf(individual("21", "X", "A") + individual("21", "X", "B")));
  const d = await parseUnXml(dup);
  assert.deepEqual(
    d.entities.map((e) => e.id),
    ["un:21", "un:21#2"],
  );
});

test("an unknown QUALITY or TYPE_OF_DATE is read anyway, with a warning", async () => {
  const alias =
    "<INDIVIDUAL_ALIAS><QUALITY>Medium</QUALITY><ALIAS_NAME>Abu X</ALIAS_NAME></INDIVIDUAL_ALIAS>";
  const dob =
    "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BEFORE</TYPE_OF_DATE><YEAR>1970</YEAR></INDIVIDUAL_DATE_OF_BIRTH>";
  const r = await parseUnXml(xmlFile(listOf(individual("31", "QDi.920", "A", alias + dob))));
  const e = r.entities[0];
  assert.deepEqual(e?.names[1], { full: "Abu X", kind: "aka" });
  assert.deepEqual(e?.birthDates, [{ raw: "1970", date: "1970" }]);
  assert.equal(r.warnings.length, 2);
  assert.match(r.warnings.join("\n"), /QUALITY "Medium"; read as aka/);
  assert.match(r.warnings.join("\n"), /unknown TYPE_OF_DATE "BEFORE"/);
});

test("resources/un-document-types.json only names identifier types the model knows", () => {
  const known: IdentifierType[] = [
    "passport",
    "national-id",
    "tax-id",
    "registration",
    "swift-bic",
    "imo",
    "mmsi",
    "crypto",
    "drivers-license",
    "ssn",
    "cedula",
    "curp",
    "aircraft-serial",
    "aircraft-tail",
    "lei",
    "duns",
    "other",
  ];
  for (const rule of docTypes.rules) {
    assert.ok(known.includes(rule.type as IdentifierType), `${rule.contains} → ${rule.type}`);
    assert.equal(rule.contains, rule.contains.toLowerCase(), "rules are matched in lower case");
  }
});
