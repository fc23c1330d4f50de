import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { DataError } from "../src/errors.ts";
import type { Entity } from "../src/model/entity.ts";
import { parseOfacCsv } from "../src/sources/ofac-csv.ts";
import { parseOfacXml } from "../src/sources/ofac-xml.ts";

const fixture = (path: string) => fileURLToPath(new URL(`fixtures/${path}`, import.meta.url));

function byId(entities: Entity[], sourceId: string): Entity {
  const e = entities.find((x) => x.sourceId === sourceId);
  assert.ok(e, `entity ${sourceId}`);
  return e;
}

describe("parseOfacXml", async () => {
  const list = await parseOfacXml(fixture("ofac-xml/sdn.xml"), "ofac");

  test("entries, publication date and declared count", () => {
    assert.equal(list.source, "ofac");
    assert.equal(list.published, "2024-05-03");
    assert.equal(list.declaredCount, 6);
    assert.equal(list.entities.length, 6);
    assert.deepEqual(list.warnings, []);
    assert.deepEqual(
      list.entities.map((e) => [e.id, e.schema]),
      [
        ["ofac:306", "Organization"],
        ["ofac:2686", "Person"],
        ["ofac:18782", "Organization"],
        ["ofac:24837", "Organization"],
        ["ofac:27282", "Vessel"],
        ["ofac:15439", "Aircraft"],
      ],
    );
  });

  test("names: LAST, First for a person; strong and weak aliases; f.k.a. and n.k.a.", () => {
    assert.deepEqual(byId(list.entities, "2686").names, [
      { full: "NASRALLAH, Hasan", kind: "primary", parts: { family: "NASRALLAH", given: "Hasan" } },
      { full: "NASRALLAH, Hassan", kind: "aka", parts: { family: "NASRALLAH", given: "Hassan" } },
    ]);
    assert.deepEqual(byId(list.entities, "306").names, [
      { full: "BANCO NACIONAL DE CUBA", kind: "primary" },
      { full: "NATIONAL BANK OF CUBA", kind: "aka" },
      { full: "BNC", kind: "weak-aka" },
    ]);
    assert.deepEqual(
      byId(list.entities, "18782").names.map((n) => [n.kind, n.full]),
      [
        ["primary", "ROSOBORONEKSPORT OAO"],
        ["fka", "FEDERAL STATE UNITARY ENTERPRISE ROSOBORONEXPORT"],
        ["nka", "JOINT STOCK COMPANY ROSOBORONEXPORT"],
      ],
    );
    // A weak f.k.a. is a weak alias, as the delimited files treat it.
    assert.deepEqual(byId(list.entities, "27282").names[1], { full: "GRACE 1", kind: "weak-aka" });
  });

  test("a person: dates and places of birth, nationality, citizenship, passport, gender, link", () => {
    const n = byId(list.entities, "2686");
    assert.deepEqual(n.programs, ["SDGT", "SYRIA"]);
    assert.deepEqual(n.titles, ["Secretary General of Hizballah"]);
    assert.deepEqual(n.birthDates, [
      { raw: "31 Aug 1960", date: "1960-08-31" },
      { raw: "circa 1955", date: "1955", circa: true },
      { raw: "1956 to 1958", from: "1956", to: "1958" },
    ]);
    assert.deepEqual(n.birthPlaces, ["Al Basuriyah, Lebanon"]);
    assert.deepEqual(n.nationalities, ["Lebanon"]);
    assert.deepEqual(n.citizenships, ["Lebanon"]);
    assert.equal(n.gender, "male");
    assert.deepEqual(n.identifiers, [
      {
        type: "passport",
        label: "Passport",
        number: "042833",
        country: "Lebanon",
        issued: "2000-01-12",
        expires: "2005-01-11",
      },
    ]);
    assert.deepEqual(n.links, [{ relation: "linked-to", name: "HIZBALLAH" }]);
    assert.deepEqual(n.sanctionsInfo, [
      "Subject to Secondary Sanctions Pursuant to the Hizballah Financial Sanctions Regulations",
    ]);
  });

  test("an address with its parts, in UTF-8", () => {
    assert.deepEqual(byId(list.entities, "306").addresses, [
      { street: "Zweierstrasse 35", city: "Zürich", postalCode: "CH-8022", country: "Switzerland" },
    ]);
  });

  test("idList statements go where the remarks parser puts them", () => {
    const roe = byId(list.entities, "18782");
    assert.deepEqual(roe.websites, ["www.roe.ru"]);
    assert.deepEqual(roe.emails, ["roe@roe.ru"]);
    assert.deepEqual(roe.sanctionsInfo, [
      "Executive Order 13662 Directive Determination - Subject to Directive 3",
    ]);
    assert.deepEqual(roe.incorporationDates, [{ raw: "07 Nov 2000", date: "2000-11-07" }]);
    assert.deepEqual(
      roe.identifiers.map((i) => [i.type, i.label, i.number, i.country]),
      [
        ["registration", "Registration ID", "1117746521452", "Russia"],
        ["tax-id", "Tax ID No.", "7718852163", "Russia"],
        ["other", "Chinese Commercial Code", "0001 0002", undefined],
      ],
    );
    // The XML brackets its remarks' links: "(Linked To: …)".
    assert.equal(roe.remarks, "(Linked To: STATE CORPORATION ROSTEC)");
    assert.deepEqual(roe.links, [{ relation: "linked-to", name: "STATE CORPORATION ROSTEC" }]);
  });

  test("CAATSA 235 measures from idList", () => {
    assert.deepEqual(
      byId(list.entities, "24837")
        .caatsa235.map((m) => m.paragraph)
        .sort((a, b) => a - b),
      [2, 7, 8, 9, 12],
    );
  });

  test("a vessel: vesselInfo and its identifiers", () => {
    const v = byId(list.entities, "27282");
    assert.deepEqual(v.vessel, {
      yearBuilt: "1997",
      callSign: "9BQX",
      vesselType: "Crude Oil Tanker",
      flag: "Iran",
      owner: "Iranian Oil Shipping Co.",
      tonnage: "299988",
      grossRegisteredTonnage: "156880",
    });
    assert.deepEqual(
      v.identifiers.map((i) => [i.type, i.number]),
      [
        ["imo", "9116412"],
        ["mmsi", "422110600"],
      ],
    );
    assert.deepEqual(v.facts, [{ label: "Former Vessel Flag", value: "Panama" }]);
    assert.deepEqual(v.links, [
      { relation: "linked-to", name: "ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE" },
    ]);
  });

  test("an aircraft", () => {
    assert.deepEqual(byId(list.entities, "15439").aircraft, {
      model: "A300B4-605R",
      manufactureDate: "1994-09",
      operator: "MAHAN AIR",
      serialNumber: "722",
      tailNumber: "EP-MMH",
    });
  });

  test("the same listing read from CSV and from XML gives the same facts", async () => {
    const csv = await parseOfacCsv({ main: fixture("ofac/sdn.csv") }, "ofac");
    for (const id of ["2686", "24837", "27282"]) {
      const a = byId(csv.entities, id);
      const b = byId(list.entities, id);
      assert.deepEqual(b.identifiers, a.identifiers, id);
      assert.deepEqual(b.caatsa235, a.caatsa235, id);
      assert.deepEqual(b.links, a.links, id);
      assert.deepEqual(b.sanctionsInfo, a.sanctionsInfo, id);
      assert.equal(b.gender, a.gender, id);
    }
    assert.deepEqual(byId(list.entities, "27282").vessel, byId(csv.entities, "27282").vessel);
  });

  test("a Record_Count that disagrees is kept and warned about", async () => {
    const path = fixture("ofac-xml/count-mismatch.xml");
    const r = await parseOfacXml(path, "ofac-cons");
    assert.equal(r.declaredCount, 7);
    assert.equal(r.entities.length, 6);
    assert.equal(r.entities[0]?.id, "ofac-cons:306");
    assert.deepEqual(r.warnings, [`${path}: Record_Count says 7 entries, 6 were read`]);
  });
});

describe("parseOfacXml: broken files", () => {
  /** 1-based line of the first occurrence of `needle` in a fixture, or its last line when not given. */
  const lineOf = (name: string, needle?: string) => {
    const text = readFileSync(fixture(`ofac-xml/${name}`), "utf8");
    const end = needle === undefined ? text.length : text.indexOf(needle);
    return text.slice(0, end).split("\n").length;
  };
  const cases: [string, number, RegExp][] = [
    // Cut inside an entry: the error is where the file stops.
    ["truncated.xml", lineOf("truncated.xml"), /malformed or truncated XML: unclosed tag/],
    ["unclosed-root.xml", lineOf("unclosed-root.xml"), /unclosed tag: sdnList/],
    ["malformed.xml", lineOf("malformed.xml", "</sdntype>"), /malformed or truncated XML/],
    ["wrong-root.xml", 2, /root element is <CONSOLIDATED_LIST>, expected <sdnList>/],
  ];
  for (const [name, line, message] of cases) {
    test(`${name}: DataError naming file and line ${line}`, async () => {
      const path = fixture(`ofac-xml/${name}`);
      await assert.rejects(parseOfacXml(path, "ofac"), (err: unknown) => {
        assert.ok(err instanceof DataError);
        assert.match(err.message, message);
        assert.equal(err.where.file, path);
        assert.equal(err.where.line, line);
        assert.ok(String(err).startsWith(`${path}, line ${line}: `), String(err));
        return true;
      });
    });
  }

  test("a missing file is a DataError naming it", async () => {
    const path = fixture("ofac-xml/nope.xml");
    await assert.rejects(parseOfacXml(path, "ofac"), (err: unknown) => {
      assert.ok(err instanceof DataError);
      assert.equal(err.where.file, path);
      return true;
    });
  });
});
