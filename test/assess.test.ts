import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { assess, dealProblem } from "../src/assess/assess.ts";
import type { Deal } from "../src/assess/types.ts";
import { NameIndex } from "../src/match/name-index.ts";
import { parseOfacCsv } from "../src/sources/ofac-csv.ts";

// The demo list: real OFAC entries (public facts) in the official CSV format, written for the project.
const DEMO = fileURLToPath(new URL("../resources/demo/", import.meta.url));
const { entities } = await parseOfacCsv(
  { main: `${DEMO}sdn.csv`, alt: `${DEMO}alt.csv`, add: `${DEMO}add.csv` },
  "ofac",
);
const index = new NameIndex(entities);

test("a defence ministry buying S-400 systems from Rosoboronexport: a CAATSA §231 finding naming its OFAC entry", () => {
  const deal: Deal = {
    parties: [
      { name: "Ministry of National Defence of Ruritania", role: "buyer", country: "Ruritania" },
      { name: "Rosoboronexport", role: "seller", country: "Russia" },
    ],
    goods: [{ description: "S-400 Triumf air-defence systems, four battalions", category: "defence" }],
    value: { amount: 2_500_000_000, currency: "USD" },
    date: "2026-11-01",
  };
  const result = assess(index, deal);
  assert.equal(result.verdict, "prohibited", "Rosoboronexport itself is blocked");
  const finding = result.findings.find((f) => f.rule === "caatsa-231");
  assert.ok(finding, JSON.stringify(result.findings.map((f) => f.rule)));
  assert.equal(finding.severity, "high");
  assert.ok(
    finding.entries.some((e) => e.id === "ofac:18782"),
    "Rosoboronexport's OFAC entry",
  );
  assert.ok(
    finding.parties.some((p) => p.name === "Ministry of National Defence of Ruritania" && p.role === "buyer"),
  );
  assert.match(finding.reasoning, /at least five of the\s+twelve §235 measures/);
  assert.ok(finding.citations.some((c) => /section 231\(a\)/.test(c)));
  const details = finding.details as {
    section235Measures: string[];
    precedents: { country: string; recordedByOfac: unknown[] }[];
  };
  assert.equal(details.section235Measures.length, 12);
  assert.deepEqual(
    details.precedents.map((p) => p.country),
    ["CN", "TR"],
  );
  // The demo list carries the EDD's and Li Shangfu's §235 measures as OFAC records them.
  assert.ok(details.precedents[0]?.recordedByOfac.length === 2);
  assert.ok(
    result.findings.some((f) => f.rule === "blocked-party" && f.entries.some((e) => e.sourceId === "18782")),
  );
  assert.ok(result.findings.some((f) => f.rule === "embargo" && f.title.startsWith("Russia")));
  assert.match(result.disclaimer, /not legal advice/);
});

test("the same deal naming only S-400 and Russia still finds §231, through the goods table", () => {
  const result = assess(index, {
    parties: [{ name: "Ministry of National Defence of Ruritania", role: "buyer", country: "Ruritania" }],
    goods: [{ description: "S-400 long-range surface-to-air missile systems from Russia" }],
  });
  const finding = result.findings.find((f) => f.rule === "caatsa-231");
  assert.ok(finding);
  assert.match(finding.reasoning, /Almaz-Antey/);
  assert.match(finding.reasoning, /Rosoboronexport/);
  assert.ok(
    finding.entries.some((e) => e.id === "ofac:18782"),
    "the exporter's entry from the loaded list",
  );
  assert.equal(result.verdict, "high");
});

test("a payment to an Iranian bank on the SDN list is prohibited", () => {
  const result = assess(index, {
    parties: [
      { name: "Acme Machinery GmbH", role: "seller", country: "DE" },
      { name: "Bank Melli Iran", role: "bank", country: "Iran" },
    ],
    goods: [{ description: "spare parts for textile machines" }],
  });
  assert.equal(result.verdict, "prohibited");
  const blocked = result.findings.find((f) => f.rule === "blocked-party");
  assert.equal(blocked?.entries[0]?.sourceId, "25578");
  assert.ok(result.findings.some((f) => f.rule === "embargo" && f.severity === "prohibited"));
  assert.ok(result.findings.some((f) => f.rule === "caatsa-iran"));
});

test("a company 30 % + 25 % owned by two SDN persons is blocked under the 50 % rule", () => {
  const result = assess(index, {
    parties: [
      { name: "Nordic Timber Trading AB", role: "seller", country: "SE" },
      {
        name: "Kappa Holdings Ltd",
        role: "buyer",
        country: "CY",
        owners: [
          { name: "Oleg Vladimirovich Deripaska", share: 30, type: "person" },
          { name: "Yevgeniy Viktorovich Prigozhin", share: 25, type: "person" },
          { name: "Maria Papadopoulou", share: 45, type: "person" },
        ],
      },
    ],
  });
  const finding = result.findings.find((f) => f.rule === "ownership-50");
  assert.ok(finding);
  assert.equal(finding.severity, "prohibited");
  assert.match(finding.title, /owned 55 % by blocked persons/);
  assert.deepEqual(finding.entries.map((e) => e.sourceId).sort(), ["21171", "24283"]);
  assert.equal(result.verdict, "prohibited");
  // Below 50 % the rule does not block, but says so.
  const minority = assess(index, {
    parties: [
      {
        name: "Kappa Holdings Ltd",
        role: "buyer",
        owners: [{ name: "Oleg Vladimirovich Deripaska", share: 30, type: "person" }],
      },
    ],
  });
  assert.equal(minority.findings.find((f) => f.rule === "ownership-50")?.severity, "review");
});

test("an ordinary EU trade is clear", () => {
  const result = assess(index, {
    parties: [
      { name: "Müller Werkzeugbau GmbH", role: "seller", country: "Germany" },
      { name: "Société Lyonnaise de Mécanique SARL", role: "buyer", country: "FR" },
      { name: "Deutsche Bank AG", role: "bank", country: "DE" },
    ],
    goods: [{ description: "CNC milling machines", category: "other" }],
    value: { amount: 240_000, currency: "EUR" },
  });
  assert.equal(result.verdict, "clear", JSON.stringify(result.findings));
  assert.deepEqual(result.findings, []);
  assert.equal(result.screened.length, 3);
});

test("a region or city names its jurisdiction; a country redline cannot place is said, not dropped", () => {
  const result = assess(index, {
    parties: [
      { name: "Sevastopol Marine Services", role: "seller", country: "Crimea" },
      { name: "Ruritanian Trading House", role: "buyer", country: "Ruritania" },
    ],
  });
  assert.ok(
    result.findings.some(
      (f) => f.rule === "embargo" && f.title.startsWith("Crimea") && f.severity === "prohibited",
    ),
  );
  assert.ok(
    result.assumptions.some((a) => a.includes('"Ruritania"') && a.includes("Ruritanian Trading House")),
  );
});

test("owners holding more than the whole of a party are refused, naming the field", () => {
  assert.deepEqual(
    dealProblem({
      parties: [
        {
          name: "Kappa",
          role: "buyer",
          owners: [
            { name: "A", share: 60 },
            { name: "B", share: 50 },
          ],
        },
      ],
    }),
    { field: "parties.0.owners", message: "the owners of Kappa hold 110 % together, more than 100 %" },
  );
  assert.equal(
    dealProblem({ parties: [{ name: "Kappa", role: "buyer", owners: [{ name: "A", share: 100 }] }] }),
    undefined,
  );
});
