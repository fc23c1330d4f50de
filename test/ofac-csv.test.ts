import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { DataError } from "../src/errors.ts";
import type { Entity } from "../src/model/entity.ts";
import { parseOfacCsv, splitOfacPrograms } from "../src/sources/ofac-csv.ts";

const fixture = (path: string) => fileURLToPath(new URL(`fixtures/${path}`, import.meta.url));
const sdnFiles = {
  main: fixture("ofac/sdn.csv"),
  alt: fixture("ofac/alt.csv"),
  add: fixture("ofac/add.csv"),
  comments: fixture("ofac/sdn_comments.csv"),
};
const consFiles = {
  main: fixture("ofac-cons/cons_prim.csv"),
  alt: fixture("ofac-cons/cons_alt.csv"),
  add: fixture("ofac-cons/cons_add.csv"),
  comments: fixture("ofac-cons/cons_comments.csv"),
};

function byId(entities: Entity[], sourceId: string): Entity {
  const e = entities.find((x) => x.sourceId === sourceId);
  assert.ok(e, `entity ${sourceId}`);
  return e;
}

describe("the fixtures are written as OFAC writes its files", () => {
  test("no header, CRLF, '-0- ' nulls, 'A] [B' programs, cp1252 bytes, 0x1A at the end", () => {
    const bytes = readFileSync(sdnFiles.main);
    assert.equal(bytes.at(-1), 0x1a);
    assert.equal(bytes.subarray(-3, -1).toString("latin1"), "\r\n");
    const text = bytes.toString("latin1");
    assert.match(text, /^306,"BANCO NACIONAL DE CUBA",-0- ,"CUBA",/);
    assert.equal(text.split("\r\n").length, 10);
    assert.ok(!/[^\r]\n/.test(text), "only CRLF line ends");
    assert.ok(text.includes('"SDGT] [SYRIA"'));
    assert.ok(bytes.includes(0xe9), "a cp1252 é");
    assert.ok(readFileSync(sdnFiles.alt).includes(0x92), "a cp1252 right single quote");
  });
});

describe("parseOfacCsv: the SDN set", async () => {
  const list = await parseOfacCsv(sdnFiles, "ofac");

  test("every row becomes an entity keyed source:ent_num", () => {
    assert.equal(list.source, "ofac");
    assert.equal(list.entities.length, 9);
    assert.deepEqual(
      list.entities.map((e) => e.id),
      [
        "ofac:306",
        "ofac:2686",
        "ofac:8759",
        "ofac:18782",
        "ofac:24837",
        "ofac:24838",
        "ofac:27282",
        "ofac:15439",
        "ofac:7773",
      ],
    );
  });

  test("SDN_Type: individual, vessel, aircraft, and null for an entity", () => {
    assert.equal(byId(list.entities, "2686").schema, "Person");
    assert.equal(byId(list.entities, "27282").schema, "Vessel");
    assert.equal(byId(list.entities, "15439").schema, "Aircraft");
    assert.equal(byId(list.entities, "306").schema, "Organization");
  });

  test("'-0- ' is null, not text", () => {
    const bnc = byId(list.entities, "306");
    assert.deepEqual(bnc.titles, []);
    assert.equal(bnc.vessel, undefined);
    assert.ok(!JSON.stringify(list.entities).includes("-0-"));
  });

  test("several programs in one field", () => {
    assert.deepEqual(byId(list.entities, "18782").programs, [
      "UKRAINE-EO13662",
      "IRAN-CON-ARMS-EO",
      "RUSSIA-EO14024",
    ]);
    assert.deepEqual(byId(list.entities, "306").programs, ["CUBA"]);
    assert.deepEqual(splitOfacPrograms("[SDGT] [IRGC]"), ["SDGT", "IRGC"]);
  });

  test("Windows-1252 text is decoded", () => {
    assert.equal(byId(list.entities, "7773").names[0]?.full, "ESPARRAGOZA MORENO, Juan José");
    assert.ok(
      byId(list.entities, "8759").names.some(
        (n) => n.full === "AD-DAWLA AL-ISLAMIYYA FI AL-\u2019IRAQ WA-SH-SHAM",
      ),
    );
    assert.equal(byId(list.entities, "306").addresses[0]?.city, "Zürich CH-8022");
  });

  test("a person's name keeps its published form and gets family and given parts", () => {
    assert.deepEqual(byId(list.entities, "2686").names[0], {
      full: "NASRALLAH, Hasan",
      kind: "primary",
      parts: { family: "NASRALLAH", given: "Hasan" },
    });
    assert.deepEqual(byId(list.entities, "306").names[0], {
      full: "BANCO NACIONAL DE CUBA",
      kind: "primary",
    });
  });

  test("aliases from alt.csv: aka, fka, nka; weak aliases from the remarks", () => {
    const isil = byId(list.entities, "8759");
    assert.equal(isil.names[0]?.full, "ISLAMIC STATE OF IRAQ AND THE LEVANT");
    assert.ok(isil.names.some((n) => n.full === "DAESH" && n.kind === "aka"));
    assert.ok(isil.names.some((n) => n.full === "AL HAYAT" && n.kind === "weak-aka"));
    const roe = byId(list.entities, "18782");
    assert.deepEqual(
      roe.names.map((n) => [n.kind, n.full]),
      [
        ["primary", "ROSOBORONEKSPORT OAO"],
        ["fka", "FEDERAL STATE UNITARY ENTERPRISE ROSOBORONEXPORT"],
        ["nka", "JOINT STOCK COMPANY ROSOBORONEXPORT"],
      ],
    );
    assert.deepEqual(byId(list.entities, "2686").names[1], {
      full: "NASRALLAH, Hassan",
      kind: "aka",
      parts: { family: "NASRALLAH", given: "Hassan" },
    });
  });

  test("addresses from add.csv", () => {
    assert.deepEqual(byId(list.entities, "306").addresses, [
      { street: "Zweierstrasse 35", city: "Zürich CH-8022", country: "Switzerland" },
      { city: "Havana", country: "Cuba" },
    ]);
    assert.deepEqual(byId(list.entities, "2686").addresses, [{ country: "Lebanon" }]);
  });

  test("an individual with several dates of birth, a passport, a title and a link", () => {
    const n = byId(list.entities, "2686");
    assert.deepEqual(
      n.birthDates.map((d) => d.date),
      ["1960-08-31", "1953-08-31", "1955-08-31", "1958-08-31"],
    );
    assert.deepEqual(n.birthPlaces, ["Al Basuriyah, Lebanon"]);
    assert.deepEqual(n.nationalities, ["Lebanon"]);
    assert.equal(n.gender, "male");
    assert.deepEqual(n.titles, ["Secretary General of Hizballah"]);
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
    assert.match(n.remarks ?? "", /^DOB 31 Aug 1960; .* Linked To: HIZBALLAH\.$/);
  });

  test("EQUIPMENT DEVELOPMENT DEPARTMENT carries its CAATSA 235 measures", () => {
    const edd = byId(list.entities, "24837");
    assert.deepEqual(
      edd.caatsa235.map((m) => m.paragraph).sort((a, b) => a - b),
      [2, 7, 8, 9, 12],
    );
    assert.deepEqual(edd.caatsa235[1], { measure: "FOREIGN EXCHANGE", paragraph: 7 });
    const li = byId(list.entities, "24838");
    assert.deepEqual(
      li.caatsa235.map((m) => m.paragraph),
      [7, 8, 9, 11],
    );
    assert.deepEqual(li.birthDates, [{ raw: "Feb 1958", date: "1958-02" }]);
  });

  test("a vessel: columns and remarks", () => {
    const v = byId(list.entities, "27282");
    assert.deepEqual(v.vessel, {
      callSign: "9BQX",
      vesselType: "Crude Oil Tanker",
      tonnage: "299988",
      grossRegisteredTonnage: "156880",
      flag: "Iran",
      owner: "Iranian Oil Shipping Co.",
      yearBuilt: "1997",
    });
    assert.deepEqual(
      v.identifiers.map((i) => [i.type, i.number]),
      [
        ["imo", "9116412"],
        ["mmsi", "422110600"],
      ],
    );
    assert.deepEqual(v.names[1], { full: "GRACE 1", kind: "weak-aka" });
    assert.deepEqual(v.facts, [{ label: "Former Vessel Flag", value: "Panama" }]);
  });

  test("an aircraft", () => {
    const a = byId(list.entities, "15439");
    assert.deepEqual(a.aircraft, {
      manufactureDate: "1994-09",
      model: "A300B4-605R",
      operator: "MAHAN AIR",
      serialNumber: "722",
      tailNumber: "EP-MMH",
    });
    assert.deepEqual(a.links, [{ relation: "linked-to", name: "MAHAN AIR" }]);
  });

  test("remarks continued in the comments file, from mid-word on", () => {
    const e = byId(list.entities, "7773");
    assert.match(e.remarks ?? "", /R\.F\.C\. EAMJ-490203 \(Mexico\); Linked To: SINALOA CARTEL\.$/);
    assert.deepEqual(e.identifiers, [
      { type: "tax-id", label: "R.F.C.", number: "EAMJ-490203", country: "Mexico" },
    ]);
    assert.deepEqual(e.links, [{ relation: "linked-to", name: "SINALOA CARTEL" }]);
  });

  test("rows for an unknown ent_num are warnings naming file and line", () => {
    assert.deepEqual(list.warnings, [
      `${sdnFiles.comments}, line 2: remarks for ent_num 77777, which ${sdnFiles.main} lacks`,
      `${sdnFiles.alt}, line 11: alias 30005 for ent_num 99999, which ${sdnFiles.main} lacks`,
      `${sdnFiles.add}, line 6: address 26003 for ent_num 88888, which ${sdnFiles.main} lacks`,
    ]);
  });

  test("the main file alone is enough", async () => {
    const alone = await parseOfacCsv({ main: sdnFiles.main }, "ofac");
    assert.equal(alone.entities.length, 9);
    assert.deepEqual(alone.warnings, []);
    // Without its spillover the remark stops where OFAC cut it.
    assert.match(byId(alone.entities, "7773").remarks ?? "", /R\.F\.C\. EAMJ-49$/);
  });
});

describe("parseOfacCsv: the non-SDN consolidated set", async () => {
  const list = await parseOfacCsv(consFiles, "ofac-cons");

  test("entities, aliases, addresses, spillover", () => {
    assert.equal(list.source, "ofac-cons");
    assert.deepEqual(
      list.entities.map((e) => e.id),
      ["ofac-cons:27016", "ofac-cons:18782", "ofac-cons:17018"],
    );
    const ssb = byId(list.entities, "27016");
    assert.deepEqual(
      ssb.names.map((n) => [n.kind, n.full]),
      [
        ["primary", "PRESIDENCY OF DEFENSE INDUSTRIES"],
        ["weak-aka", "SSB"],
        ["weak-aka", "SSM"],
        ["aka", "SAVUNMA SANAYII BASKANLIGI"],
        ["fka", "UNDERSECRETARIAT FOR DEFENCE INDUSTRIES"],
      ],
    );
    assert.equal(ssb.addresses[0]?.country, "Turkey");
    const roe = byId(list.entities, "18782");
    assert.deepEqual(roe.identifiers.at(-1), {
      type: "tax-id",
      label: "Tax ID No.",
      number: "7718852163",
      country: "Russia",
    });
    assert.deepEqual(roe.links, [{ relation: "linked-to", name: "STATE CORPORATION ROSTEC" }]);
  });

  test("SSB carries CAATSA 235 measures 1, 2, 3, 4 and 12", () => {
    assert.deepEqual(
      byId(list.entities, "27016")
        .caatsa235.map((m) => m.paragraph)
        .sort((a, b) => a - b),
      [1, 2, 3, 4, 12],
    );
  });

  test("a bank's directive dates, establishment date and target type", () => {
    const sber = byId(list.entities, "17018");
    assert.deepEqual(sber.listedOn, ["2022-02-24"]);
    assert.deepEqual(sber.incorporationDates, [{ raw: "20 Jun 1991", date: "1991-06-20" }]);
    assert.deepEqual(sber.facts, [{ label: "Target Type", value: "Financial Institution" }]);
    assert.deepEqual(
      sber.identifiers.map((i) => i.type),
      ["swift-bic", "registration", "lei"],
    );
  });

  test("a file without the 0x1A end-of-file byte is read, with a warning", () => {
    assert.deepEqual(list.warnings, [
      `${consFiles.comments}: no end-of-file marker (0x1A); the file may be truncated`,
    ]);
  });
});

describe("parseOfacCsv: broken files", () => {
  const cases: [string, number, RegExp][] = [
    ["truncated-quote.csv", 2, /quoted field is not closed/],
    ["truncated-row.csv", 3, /expected 12 fields, found 3/],
    ["missing-field.csv", 3, /expected 12 fields, found 10/],
    ["bad-ent-num.csv", 4, /ent_num "18782A" is not a number/],
    ["stray-quote.csv", 2, /quote inside a quoted field/],
    ["sub-inside.csv", 2, /expected 12 fields, found 1/],
  ];
  for (const [name, line, message] of cases) {
    test(`${name}: DataError naming file and line ${line}`, async () => {
      const path = fixture(`ofac/bad/${name}`);
      await assert.rejects(parseOfacCsv({ main: path }, "ofac"), (err: unknown) => {
        assert.ok(err instanceof DataError);
        assert.match(err.message, message);
        assert.equal(err.where.file, path);
        assert.equal(err.where.line, line);
        assert.ok(String(err).startsWith(`${path}, line ${line}`), String(err));
        return true;
      });
    });
  }

  test("a broken alt file is refused too, naming that file", async () => {
    const bad = fixture("ofac/bad/missing-field.csv");
    await assert.rejects(parseOfacCsv({ main: sdnFiles.main, alt: bad }, "ofac"), (err: unknown) => {
      assert.ok(err instanceof DataError);
      assert.equal(err.where.file, bad);
      assert.equal(err.where.line, 1);
      assert.match(err.message, /expected 5 fields, found 12/);
      return true;
    });
  });

  test("a missing file is a DataError naming it", async () => {
    const path = fixture("ofac/nope.csv");
    await assert.rejects(parseOfacCsv({ main: path }, "ofac"), (err: unknown) => {
      assert.ok(err instanceof DataError);
      assert.equal(err.where.file, path);
      return true;
    });
  });

  test("the same ent_num twice is refused", async () => {
    const dir = mkdtempSync(join(tmpdir(), "redline-ofac-"));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, "sdn.csv");
    const line = '306,"BANCO NACIONAL DE CUBA",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ';
    writeFileSync(path, Buffer.from(`${line}\r\n${line}\r\n\x1a`, "latin1"));
    await assert.rejects(parseOfacCsv({ main: path }, "ofac"), (err: unknown) => {
      assert.ok(err instanceof DataError);
      assert.equal(err.where.line, 2);
      assert.match(err.message, /ent_num 306 appears twice \(first on line 1\)/);
      return true;
    });
  });
});

describe("parseOfacCsv: streaming", () => {
  test("a file larger than one read chunk, its 0x1A alone in the last chunk, a field split across chunks", async () => {
    const dir = mkdtempSync(join(tmpdir(), "redline-ofac-"));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const rows: string[] = [];
    let size = 0;
    for (let n = 1; size < 200_000; n++) {
      const row = `${n},"CAF\xc9 NUMBER ${n}",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Website www.cafe${n}.cu."\r\n`;
      rows.push(row);
      size += row.length;
    }
    // Pad the last remark so that the 0x1A is byte 65536 * 4, the first byte of the fifth chunk.
    let text = rows.join("");
    const target = 65536 * 4;
    const pad = target - text.length;
    assert.ok(pad > 0);
    const last = rows.length;
    text = text.replace(
      new RegExp(`"Website www.cafe${last}.cu."\\r\\n$`),
      `"Website www.cafe${last}.cu${"x".repeat(pad)}."\r\n`,
    );
    const bytes = Buffer.from(`${text}\x1a`, "latin1");
    assert.equal(bytes.length, target + 1);
    const path = join(dir, "sdn.csv");
    writeFileSync(path, bytes);
    const list = await parseOfacCsv({ main: path }, "ofac");
    assert.equal(list.entities.length, last);
    assert.deepEqual(list.warnings, []);
    assert.equal(list.entities[0]?.names[0]?.full, "CAFÉ NUMBER 1");
    assert.deepEqual(list.entities[0]?.websites, ["www.cafe1.cu"]);
  });
});
