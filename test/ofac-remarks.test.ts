import assert from "node:assert/strict";
import { describe, test } from "node:test";
import idTable from "../resources/ofac-identifier-types.json" with { type: "json" };
import { emptyEntity } from "../src/model/entity.ts";
import {
  applyLabelledValue,
  classifyIdentifierLabel,
  emptyRemarkFacts,
  mergeRemarkFacts,
  parseOfacDate,
  parseOfacRemarks,
} from "../src/sources/ofac-remarks.ts";

const person = (remarks: string) => parseOfacRemarks(remarks, "Person");
const org = (remarks: string) => parseOfacRemarks(remarks, "Organization");

describe("parseOfacDate", () => {
  test("reads every precision OFAC uses", () => {
    assert.deepEqual(parseOfacDate("27 Oct 1972"), { raw: "27 Oct 1972", date: "1972-10-27" });
    assert.deepEqual(parseOfacDate("Oct 1972"), { raw: "Oct 1972", date: "1972-10" });
    assert.deepEqual(parseOfacDate("1962"), { raw: "1962", date: "1962" });
    assert.deepEqual(parseOfacDate("05 Sept 2001"), { raw: "05 Sept 2001", date: "2001-09-05" });
    assert.deepEqual(parseOfacDate("21 August 2006"), { raw: "21 August 2006", date: "2006-08-21" });
  });

  test("reads ranges and approximate dates", () => {
    assert.deepEqual(parseOfacDate("1958 to 1960"), { raw: "1958 to 1960", from: "1958", to: "1960" });
    assert.deepEqual(parseOfacDate("01 Jan 1953 to 31 Dec 1954"), {
      raw: "01 Jan 1953 to 31 Dec 1954",
      from: "1953-01-01",
      to: "1954-12-31",
    });
    assert.deepEqual(parseOfacDate("Mar 1958 to Feb 1959"), {
      raw: "Mar 1958 to Feb 1959",
      from: "1958-03",
      to: "1959-02",
    });
    assert.deepEqual(parseOfacDate("circa 1966"), { raw: "circa 1966", date: "1966", circa: true });
    assert.deepEqual(parseOfacDate("circa 1979-1981"), {
      raw: "circa 1979-1981",
      from: "1979",
      to: "1981",
      circa: true,
    });
  });

  test("refuses what is not a date", () => {
    assert.equal(parseOfacDate("Marseille 1972"), undefined);
    assert.equal(parseOfacDate("32 Jan 1970"), undefined);
    assert.equal(parseOfacDate("unknown"), undefined);
  });
});

describe("parseOfacRemarks: people", () => {
  test("several dates of birth, with alt. before repeats", () => {
    const f = person(
      "DOB 27 Oct 1972; alt. DOB 1962; alt. DOB Oct 1970; alt. DOB 1958 to 1960; alt. DOB circa 1966.",
    );
    assert.deepEqual(
      f.birthDates.map((d) => d.date ?? `${d.from}/${d.to}`),
      ["1972-10-27", "1962", "1970-10", "1958/1960", "1966"],
    );
    assert.equal(f.birthDates[4]?.circa, true);
    assert.equal(f.segments, 5);
    assert.deepEqual(f.unrecognised, []);
  });

  test("an unreadable date of birth is kept as published", () => {
    assert.deepEqual(person("DOB 1941 or 1942").birthDates, [{ raw: "1941 or 1942" }]);
  });

  test("place of birth, nationality, citizenship, gender", () => {
    const f = person(
      "POB Tehran, Iran; alt. POB Qom, Iran; nationality Iran; alt. nationality Iraq; citizen Iran; Gender Male.",
    );
    assert.deepEqual(f.birthPlaces, ["Tehran, Iran", "Qom, Iran"]);
    assert.deepEqual(f.nationalities, ["Iran", "Iraq"]);
    assert.deepEqual(f.citizenships, ["Iran"]);
    assert.equal(f.gender, "male");
    assert.equal(person("Gender Female").gender, "female");
    assert.deepEqual(person("Gender and Development Officer").unrecognised, [
      "Gender and Development Officer",
    ]);
  });

  test("a passport with issuing country and dates", () => {
    const f = person(
      "Passport G025057 (Egypt) issued 23 Jun 1999 expires 05 Feb 2004; alt. Passport K754050.",
    );
    assert.deepEqual(f.identifiers, [
      {
        type: "passport",
        label: "Passport",
        number: "G025057",
        country: "Egypt",
        issued: "1999-06-23",
        expires: "2004-02-05",
      },
      { type: "passport", label: "Passport", number: "K754050" },
    ]);
  });

  test("titles: labelled, alternate, and unlabelled ones repeated from the Title column", () => {
    const f = parseOfacRemarks(
      "Title Basij Deputy Commander; Alternate Title, Police Chief; Secretary General of Hizballah.",
      "Person",
      { titles: ["Secretary General of Hizballah"] },
    );
    assert.deepEqual(f.titles, ["Basij Deputy Commander", "Police Chief", "Secretary General of Hizballah"]);
    assert.deepEqual(f.unrecognised, []);
  });

  test("aliases in remarks are OFAC's weak ones: weak-aka names, with parts for a person", () => {
    const f = person(
      "a.k.a. 'ABU AL-FOUTOUH'; a.k.a. 'HASSAN, Ali'; f.k.a. 'SMITH, John'; n.k.a. 'JONES, Ann'.",
    );
    assert.deepEqual(f.names, [
      { full: "ABU AL-FOUTOUH", kind: "weak-aka" },
      { full: "HASSAN, Ali", kind: "weak-aka", parts: { family: "HASSAN", given: "Ali" } },
      { full: "SMITH, John", kind: "weak-aka", parts: { family: "SMITH", given: "John" } },
      { full: "JONES, Ann", kind: "weak-aka", parts: { family: "JONES", given: "Ann" } },
    ]);
  });
});

describe("parseOfacRemarks: identifiers", () => {
  const cases: [string, string, string, string?][] = [
    ["National ID No. 216040 (Yemen)", "national-id", "216040", "Yemen"],
    ["Cedula No. 6068015 (Colombia)", "cedula", "6068015", "Colombia"],
    ["NIT # 800018928-0 (Colombia)", "tax-id", "800018928-0", "Colombia"],
    ["R.F.C. CIVJ650513LJA (Mexico)", "tax-id", "CIVJ650513LJA", "Mexico"],
    ["RFC SAEA740214 (Mexico)", "tax-id", "SAEA740214", "Mexico"],
    ["C.U.R.P. CIVJ650513HNEFLR06 (Mexico)", "curp", "CIVJ650513HNEFLR06", "Mexico"],
    ["Tax ID No. 7718852163 (Russia)", "tax-id", "7718852163", "Russia"],
    ["Registration Number 26740 (Iran)", "registration", "26740", "Iran"],
    ["Registration ID 1117746521452 (Russia)", "registration", "1117746521452", "Russia"],
    [
      "Registration Number HRA 738077 (Stuttgart) (Germany)",
      "registration",
      "HRA 738077 (Stuttgart)",
      "Germany",
    ],
    ["SWIFT/BIC VTBRRUMM", "swift-bic", "VTBRRUMM"],
    ["Vessel Registration Identification IMO 9116412", "imo", "9116412"],
    ["Identification Number IMO 5342883", "imo", "5342883"],
    ["Vessel Registration Identification RS 150443 (Russia)", "registration", "RS 150443", "Russia"],
    ["MMSI 572469210", "mmsi", "572469210"],
    ["Aircraft Construction Number (also called L/N or S/N or F/N) 8401", "aircraft-serial", "8401"],
    ["Aircraft Manufacturer's Serial Number (MSN) 1023409321", "aircraft-serial", "1023409321"],
    ["Aircraft Tail Number EP-MMH", "aircraft-tail", "EP-MMH"],
    [
      "Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h",
      "crypto",
      "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h",
    ],
    [
      "Digital Currency Address - ETH 0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c",
      "crypto",
      "0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c",
    ],
    ["Driver's License No. 180839 (Mexico)", "drivers-license", "180839", "Mexico"],
    ["SSN 523-33-8386 (United States)", "ssn", "523-33-8386", "United States"],
    ["Identification Number 2.194.575 (Paraguay)", "national-id", "2.194.575", "Paraguay"],
    ["Legal Entity Number 253400V1H6ART1UQ0N98", "lei", "253400V1H6ART1UQ0N98"],
    ["D-U-N-S Number 542957624", "duns", "542957624"],
    ["Passport Booklet: A5199819 (Pakistan)", "passport", "A5199819", "Pakistan"],
    ["BIK (RU) 044030707", "other", "044030707"],
    // Not in the table: a label of the usual shape is still read as an identifier of type "other".
    ["Kenyan Tax Reference Number 12345 (Kenya)", "other", "12345", "Kenya"],
  ];
  for (const [text, type, number, country] of cases) {
    test(text, () => {
      const f = org(`${text}.`);
      assert.equal(f.identifiers.length, 1, JSON.stringify(f));
      const id = f.identifiers[0];
      assert.equal(id?.type, type);
      assert.equal(id?.number, number);
      assert.equal(id?.country, country);
    });
  }

  test("prose after an identifier label is not an identifier", () => {
    const f = person(
      "passport place of issue: Al-Anbar, Iraq; Driver's License is issued by the State of Texas.",
    );
    assert.deepEqual(f.identifiers, []);
    assert.equal(f.unrecognised.length, 2);
  });

  test("aircraft serial and tail numbers also fill the aircraft details", () => {
    const f = parseOfacRemarks(
      "Aircraft Manufacturer's Serial Number (MSN) 722; Aircraft Tail Number EP-MMH; Previous Aircraft Tail Number 2-WGLP.",
      "Aircraft",
    );
    assert.deepEqual(f.aircraft, { serialNumber: "722", tailNumber: "EP-MMH" });
    assert.equal(f.identifiers.length, 3);
  });
});

describe("parseOfacRemarks: contacts, links, statements", () => {
  test("website, email and phone, labelled or not", () => {
    const f = org(
      "Website www.roe.ru; alt. Website http://www.vtb.com; Email Address info@example.ir; Phone Number 982188526300; " +
        "Telephone (98)(21)(66153220); info@al-nour.net; www.al-nour.net; Fax (98)(21)(22224537).",
    );
    assert.deepEqual(f.websites, ["www.roe.ru", "http://www.vtb.com", "www.al-nour.net"]);
    assert.deepEqual(f.emails, ["info@example.ir", "info@al-nour.net"]);
    assert.deepEqual(f.phones, ["982188526300", "(98)(21)(66153220)"]);
    assert.deepEqual(f.facts, [{ label: "Fax", value: "(98)(21)(22224537)" }]);
  });

  test("links: Linked To, Subsidiary Of, Owned or Controlled By", () => {
    const f = org(
      "Linked To: MAHAN AIR; Subsidiary Of: STATE CORPORATION ROSTEC; Owned or Controlled By: GAZPROM; " +
        "Linked To: PETROLEOS DE VENEZUELA, S.A.",
    );
    assert.deepEqual(f.links, [
      { relation: "linked-to", name: "MAHAN AIR" },
      { relation: "subsidiary-of", name: "STATE CORPORATION ROSTEC" },
      { relation: "owned-or-controlled-by", name: "GAZPROM" },
      // OFAC's closing period is dropped, but an abbreviation keeps its own.
      { relation: "linked-to", name: "PETROLEOS DE VENEZUELA, S.A." },
    ]);
  });

  test("the statement about U.S. financial institutions is not read as an ownership link", () => {
    const f = org(
      "Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: North Korea " +
        "Sanctions Regulations section 510.214.",
    );
    assert.deepEqual(f.links, []);
    assert.equal(f.sanctionsInfo.length, 1);
  });

  test("Additional Sanctions Information, whose value may itself contain '; '", () => {
    const f = org(
      "Additional Sanctions Information - Not on the SDN List and Not Subject to Secondary Sanctions; U.S. Persons " +
        "Must Continue to Block the Property and Interests in Property of this Person Pursuant to Executive Order " +
        "13599; Additional Sanctions Information - Subject to Secondary Sanctions; Gender Male.",
    );
    assert.deepEqual(f.sanctionsInfo, [
      "Not on the SDN List and Not Subject to Secondary Sanctions; U.S. Persons Must Continue to Block the " +
        "Property and Interests in Property of this Person Pursuant to Executive Order 13599",
      "Subject to Secondary Sanctions",
    ]);
    assert.equal(f.segments, 3);
    assert.deepEqual(f.unrecognised, []);
  });

  test("other sanctions statements are kept whole; a directive listing date is a listing date", () => {
    const f = org(
      "Executive Order 13662 Directive Determination - Subject to Directive 1; Secondary sanctions risk: See " +
        "Section 11 of Executive Order 14024.; Listing Date (EO 14024 Directive 2): 24 Feb 2022; Effective Date " +
        "(EO 14024 Directive 2): 26 Mar 2022; IFCA Determination - Involved in the Shipping Sector; all offices worldwide.",
    );
    assert.deepEqual(f.sanctionsInfo, [
      "Executive Order 13662 Directive Determination - Subject to Directive 1",
      "Secondary sanctions risk: See Section 11 of Executive Order 14024.",
      "Listing Date (EO 14024 Directive 2): 24 Feb 2022",
      "Effective Date (EO 14024 Directive 2): 26 Mar 2022",
      "IFCA Determination - Involved in the Shipping Sector",
      "all offices worldwide",
    ]);
    assert.deepEqual(f.listedOn, ["2022-02-24"]);
  });

  test("CAATSA Section 235 measures, however loosely punctuated", () => {
    const f = org(
      "CAATSA Section 235 Information: EXPORT SANCTIONS Sec. 235(a)(2); alt. CAATSA Section 235 Information: " +
        "FOREIGN EXCHANGE. Sec 235(a)(7); alt. CAATSA Section 235 Information: BANKING TRANSACTIONS. Sec. 235(a)(8); " +
        "alt. CAATSA Section 235 Information: EXCLUSION OF CORPORATE OFFICERS Sec 235(a)(11); alt. CAATSA Section " +
        "235 Information: SANCTIONS ON PRINCIPAL EXECUTIVE OFFICERS. Sec 235 (a)(12).",
    );
    assert.deepEqual(f.caatsa235, [
      { measure: "EXPORT SANCTIONS", paragraph: 2 },
      { measure: "FOREIGN EXCHANGE", paragraph: 7 },
      { measure: "BANKING TRANSACTIONS", paragraph: 8 },
      { measure: "EXCLUSION OF CORPORATE OFFICERS", paragraph: 11 },
      { measure: "SANCTIONS ON PRINCIPAL EXECUTIVE OFFICERS", paragraph: 12 },
    ]);
  });

  test("a CAATSA paragraph outside 1-12 is not a measure", () => {
    const f = org("CAATSA Section 235 Information: SOMETHING. Sec 235(a)(13).");
    assert.deepEqual(f.caatsa235, []);
    assert.equal(f.unrecognised.length, 1);
  });

  test("organisation facts", () => {
    const f = org(
      "Organization Established Date 17 Oct 1990; Organization Type: Activities of holding companies; Target Type " +
        "Financial Institution; Issuer Name China Telecom Corporation Limited; For more information on " +
        "directives, please visit the following link: " +
        "http://www.treasury.gov/resource-center/sanctions/Programs/Pages/ukraine.aspx#directives.",
    );
    assert.deepEqual(f.incorporationDates, [{ raw: "17 Oct 1990", date: "1990-10-17" }]);
    assert.deepEqual(f.facts, [
      { label: "Organization Type", value: "Activities of holding companies" },
      { label: "Target Type", value: "Financial Institution" },
      { label: "Issuer Name", value: "China Telecom Corporation Limited" },
      {
        label: "For more information on directives, please visit the following link",
        value: "http://www.treasury.gov/resource-center/sanctions/Programs/Pages/ukraine.aspx#directives",
      },
    ]);
  });

  test("vessel and aircraft facts", () => {
    const v = parseOfacRemarks(
      "Vessel Year of Build 1997; Former Vessel Flag Panama; Other Vessel Type Roll-on Roll-off; Nationality of " +
        "Registration Korea, North.",
      "Vessel",
    );
    assert.deepEqual(v.vessel, { yearBuilt: "1997" });
    assert.deepEqual(v.facts, [
      { label: "Former Vessel Flag", value: "Panama" },
      { label: "Other Vessel Type", value: "Roll-on Roll-off" },
      { label: "Nationality of Registration", value: "Korea, North" },
    ]);
    assert.deepEqual(v.nationalities, []);
    const a = parseOfacRemarks(
      "Aircraft Manufacture Date Sep 1994; Aircraft Model A300B4-605R; Aircraft Operator MAHAN AIR.",
      "Aircraft",
    );
    assert.deepEqual(a.aircraft, { manufactureDate: "1994-09", model: "A300B4-605R", operator: "MAHAN AIR" });
  });

  test("what is not understood is reported, never silently dropped", () => {
    const f = person("ICTY indictee at large; DOB 1950; wife of Slobodan Milosevic.");
    assert.deepEqual(f.unrecognised, ["ICTY indictee at large", "wife of Slobodan Milosevic"]);
    assert.equal(f.segments, 3);
  });

  test("brackets around a link, as the XML writes it", () => {
    assert.deepEqual(org("(Linked To: ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE)").links, [
      { relation: "linked-to", name: "ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE" },
    ]);
  });
});

describe("classifyIdentifierLabel", () => {
  test("labels as the XML idType writes them", () => {
    assert.equal(classifyIdentifierLabel("Passport"), "passport");
    assert.equal(classifyIdentifierLabel("NIT #"), "tax-id");
    assert.equal(classifyIdentifierLabel("Tax ID No."), "tax-id");
    assert.equal(classifyIdentifierLabel("SWIFT/BIC"), "swift-bic");
    assert.equal(classifyIdentifierLabel("Digital Currency Address - ETH"), "crypto");
    assert.equal(classifyIdentifierLabel("Vessel Registration Identification", "IMO 9116412"), "imo");
    assert.equal(classifyIdentifierLabel("Vessel Registration Identification", "RS 150443"), "registration");
    assert.equal(classifyIdentifierLabel("Vessel Registration Identification"), "registration");
    assert.equal(classifyIdentifierLabel("Website"), undefined);
    assert.equal(classifyIdentifierLabel("Additional Sanctions Information -"), undefined);
  });

  test("every label of the data table classifies to its own type", () => {
    for (const entry of idTable.entries as { type: string; labels?: string[]; value?: string }[]) {
      if (entry.value) continue;
      for (const label of entry.labels ?? []) {
        assert.equal(classifyIdentifierLabel(label), entry.type, label);
      }
    }
  });
});

describe("applyLabelledValue (the XML idList)", () => {
  test("statements and identifiers land where the remarks put them", () => {
    const f = emptyRemarkFacts();
    applyLabelledValue(
      f,
      "Additional Sanctions Information -",
      "Subject to Secondary Sanctions",
      "Organization",
    );
    applyLabelledValue(f, "Linked To:", "MAHAN AIR", "Organization");
    applyLabelledValue(
      f,
      "Executive Order 13662 Directive Determination -",
      "Subject to Directive 3",
      "Organization",
    );
    applyLabelledValue(
      f,
      "CAATSA Section 235 Information:",
      "EXPORT SANCTIONS Sec. 235(a)(2)",
      "Organization",
    );
    applyLabelledValue(f, "Passport", "042833", "Person", { country: "Lebanon", issued: "2000-01-12" });
    applyLabelledValue(f, "Chinese Commercial Code", "6774 1639", "Person");
    applyLabelledValue(f, "Some New Label", "X-1", "Person");
    const fromRemarks = org(
      "Additional Sanctions Information - Subject to Secondary Sanctions; Linked To: MAHAN AIR; Executive Order " +
        "13662 Directive Determination - Subject to Directive 3; CAATSA Section 235 Information: EXPORT SANCTIONS " +
        "Sec. 235(a)(2).",
    );
    assert.deepEqual(f.sanctionsInfo, fromRemarks.sanctionsInfo);
    assert.deepEqual(f.links, fromRemarks.links);
    assert.deepEqual(f.caatsa235, fromRemarks.caatsa235);
    assert.deepEqual(f.identifiers, [
      { type: "passport", label: "Passport", number: "042833", country: "Lebanon", issued: "2000-01-12" },
      { type: "other", label: "Chinese Commercial Code", number: "6774 1639" },
      { type: "other", label: "Some New Label", number: "X-1" },
    ]);
  });
});

describe("mergeRemarkFacts", () => {
  test("adds facts to an entity without duplicating what it has", () => {
    const e = emptyEntity("ofac", "1", "Vessel");
    e.vessel = { flag: "Iran" };
    e.titles.push("Director");
    const f = parseOfacRemarks(
      "Director; Vessel Year of Build 1997; Vessel Flag Panama; Linked To: X; Organization Type: Shipping.",
      "Vessel",
      { titles: e.titles },
    );
    mergeRemarkFacts(e, f);
    mergeRemarkFacts(e, f);
    assert.deepEqual(e.titles, ["Director"]);
    assert.deepEqual(e.links, [{ relation: "linked-to", name: "X" }]);
    // The published column wins over a remark.
    assert.deepEqual(e.vessel, { flag: "Iran", yearBuilt: "1997" });
    assert.deepEqual(e.facts, [{ label: "Organization Type", value: "Shipping" }]);
  });
});
