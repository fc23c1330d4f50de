import assert from "node:assert/strict";
import { test } from "node:test";
import { NameIndex } from "../src/match/name-index.ts";
import { type Entity, emptyEntity } from "../src/model/entity.ts";
import { scanToHtml } from "../src/scan/html.ts";
import { detectFormat, prepareText } from "../src/scan/input.ts";
import { type Mention, scan } from "../src/scan/scan.ts";

function entity(
  id: string,
  schema: Entity["schema"],
  names: [string, Entity["names"][number]["kind"]][],
  programs: string[],
): Entity {
  const e = emptyEntity("ofac", id, schema);
  e.names = names.map(([full, kind]) => ({ full, kind }));
  e.programs = programs;
  return e;
}

// Real list entries (public facts), written by hand in the shape the OFAC parser produces.
const index = new NameIndex([
  entity(
    "8759",
    "Organization",
    [
      ["ISLAMIC STATE OF IRAQ AND THE LEVANT", "primary"],
      ["DAESH", "aka"],
      ["ISIS", "aka"],
      ["AL HAYAT", "weak-aka"],
    ],
    ["SDGT"],
  ),
  entity("7843", "Person", [["AL-TIKRITI, Saddam Hussein", "primary"]], ["IRAQ2"]),
  entity("20157", "Person", [["KIM, Jong Un", "primary"]], ["DPRK3"]),
  entity(
    "18782",
    "Organization",
    [
      ["ROSOBORONEKSPORT OAO", "primary"],
      ["ROSOBORONEXPORT", "aka"],
    ],
    ["UKRAINE-EO13662", "CAATSA - RUSSIA"],
  ),
  entity(
    "10391",
    "Organization",
    [
      ["ISLAMIC REVOLUTIONARY GUARD CORPS", "primary"],
      ["IRGC", "aka"],
      ["SEPAH", "aka"],
    ],
    ["IRGC", "SDGT"],
  ),
  entity("25578", "Organization", [["BANK MELLI IRAN", "primary"]], ["IRAN"]),
  entity("99001", "Organization", [["DAY COMPANY", "primary"]], ["SDGT"]),
  entity("99002", "Person", [["SMITH, John Alexander", "primary"]], ["SDGT"]),
]);

const NEWS = `ANKARA — Officials said fighters of DAESH crossed the border again, while Saddam Hussein's
former aides were seen in Baghdad. Rosoboronexport delivered the S-400 batteries that Russia promised, and
Washington warned of consequences for dealings with Iran and North Korea. Treasury spokesman John Kirby and
Defence Minister Yasar Guler commented; Mary Smith, a local farmer, did not. The newspaper al-Hayat reported
on the day's events. Sepah units were also mentioned.`;

function parties(mentions: Mention[]): string[] {
  return mentions.filter((m) => m.kind === "party").map((m) => m.text);
}

function places(mentions: Mention[]): string[] {
  return mentions
    .filter((m) => m.kind === "jurisdiction")
    .map((m) => `${m.text}:${(m as { country: string }).country}`);
}

test("a news report: listed parties by alias and short form, jurisdictions, no unlisted officials", () => {
  const result = scan(index, NEWS);
  assert.equal(result.format, "text");
  for (const m of result.mentions)
    assert.equal(NEWS.slice(m.start, m.end), m.text, "offsets point into the input");
  assert.deepEqual(parties(result.mentions), ["DAESH", "Saddam Hussein", "Rosoboronexport"]);
  const daesh = result.mentions.find((m) => m.text === "DAESH");
  assert.ok(daesh?.kind === "party" && daesh.hits[0]?.sourceId === "8759");
  assert.match(daesh?.kind === "party" ? (daesh.hits[0]?.explanation.summary ?? "") : "", /alias/);
  assert.deepEqual(places(result.mentions), ["Baghdad:IQ", "Russia:RU", "Iran:IR", "North Korea:KP"]);
  const russia = result.mentions.find((m) => m.text === "Russia");
  assert.ok(
    russia?.kind === "jurisdiction" && russia.jurisdiction.programs.some((p) => p.name === "CAATSA - RUSSIA"),
  );
  const iran = result.mentions.find((m) => m.text === "Iran");
  assert.ok(iran?.kind === "jurisdiction" && iran.jurisdiction.level === "comprehensive");
});

test("noise rules: a weak alias, a short alias in lower case, a common word and a given name alone do not count", () => {
  const names = parties(scan(index, NEWS).mentions);
  assert.ok(!names.some((n) => /hayat/i.test(n)), "AL HAYAT is a weak alias with no second signal");
  assert.ok(!names.includes("Sepah"), "a short alias needs capitals or a second signal");
  assert.ok(
    !names.some((n) => /John|Smith/.test(n)),
    "a shared given name or family name alone is not a person hit",
  );
  // In capitals, or beside another mention of the same party, the short alias counts.
  assert.deepEqual(parties(scan(index, "Units of the IRGC moved.").mentions), ["IRGC"]);
  const both = parties(scan(index, "The Islamic Revolutionary Guard Corps, known as Sepah, moved.").mentions);
  assert.deepEqual(both, ["Islamic Revolutionary Guard Corps", "Sepah"]);
  assert.deepEqual(parties(scan(index, "Day by day the list grows. Both sides met.").mentions), []);
});

test("misspelt and transliterated names in text are still found", () => {
  const found = scan(
    index,
    "Shipments from Рособоронэкспорт and from Rosoboronexprot, and Kim Jong-un's visit.",
  );
  assert.deepEqual(parties(found.mentions), ["Рособоронэкспорт", "Rosoboronexprot", "Kim Jong-un"]);
});

test("markup remnants glued to words: the same report in scraped HTML", () => {
  const html = `<div class="story"><p>Officials said fighters of<b>DAESH</b>crossed the border;
    Rosoboronexport&nbsp;delivered batteries that<i>Russia</i>promised &amp; <a href="#">North Korea</a>watched.</p>
    <script>var Iran = "not text";</script><p>saidSaddam Hussein's aides</p></div>`;
  assert.equal(detectFormat(html), "html");
  const result = scan(index, html);
  for (const m of result.mentions) assert.equal(html.slice(m.start, m.end), m.text);
  assert.deepEqual(parties(result.mentions), ["DAESH", "Rosoboronexport", "Saddam Hussein"]);
  assert.deepEqual(places(result.mentions), ["Russia:RU", "North Korea:KP"]);
});

test("an MT103: the beneficiary and the remittance information are read, field tags and accounts are not", () => {
  const mt = [
    "{1:F01BANKDEFFAXXX0000000000}{2:I103BANKIRTHXXXXN}{4:",
    ":20:REF123",
    ":32A:261129EUR100000,00",
    ":50K:/DE89370400440532013000",
    "ACME MACHINERY GMBH",
    "BERLIN",
    ":59:/IR580540105180021273113007",
    "BANK MELLI IRAN",
    "TEHRAN",
    ":70:INVOICE 77 SPARE PARTS",
    ":71A:SHA",
    "-}",
  ].join("\n");
  assert.equal(detectFormat(mt), "mt103");
  const result = scan(index, mt);
  assert.deepEqual(parties(result.mentions), ["BANK MELLI IRAN"]);
  assert.deepEqual(places(result.mentions), ["TEHRAN:IR"]);
  const bank = result.mentions.find((m) => m.kind === "party");
  assert.equal(mt.slice(bank?.start, bank?.end), "BANK MELLI IRAN");
});

test("a pacs.008: party names, addresses and stated countries", () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf>
<CdtTrfTxInf><Dbtr><Nm>Acme Machinery GmbH</Nm><PstlAdr><TwnNm>Berlin</TwnNm><Ctry>DE</Ctry></PstlAdr></Dbtr>
<Cdtr><Nm>Rosoboronexport</Nm><PstlAdr><StrtNm>Stromynka 27</StrtNm><TwnNm>Moscow</TwnNm><Ctry>RU</Ctry></PstlAdr></Cdtr>
<RmtInf><Ustrd>Spare parts &amp; service</Ustrd></RmtInf></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>`;
  assert.equal(detectFormat(xml), "pacs008");
  const prepared = prepareText(xml);
  assert.ok(!prepared.text.includes("<"), "only element content is read");
  const result = scan(index, xml);
  assert.deepEqual(parties(result.mentions), ["Rosoboronexport"]);
  assert.deepEqual(places(result.mentions), ["Moscow:RU", "RU:RU"]);
  for (const m of result.mentions) assert.equal(xml.slice(m.start, m.end), m.text);
});

test("noisy text: odd hyphens and quotes, doubled spaces, capitals, possessives", () => {
  const text =
    "BREAKING:  KIM JONG UN’S envoy met “Rosoboronexport” staff;  Kim Jong‑un later left for NORTH KOREA.";
  const result = scan(index, text);
  assert.deepEqual(parties(result.mentions), ["KIM JONG UN", "Rosoboronexport", "Kim Jong‑un"]);
  assert.deepEqual(places(result.mentions), ["NORTH KOREA:KP"]);
});

test("a run of letters no name could be (encoded data, noise) is not looked up, and the rest is still read", () => {
  const text = `${"Ω".repeat(300_000)} DAESH ${"x".repeat(100_000)}`;
  assert.deepEqual(parties(scan(index, text).mentions), ["DAESH"]);
});

test("the HTML page of a scanned HTML document shows its text, not its tags, with every mention marked", () => {
  const html =
    "<p>Officials said <b>DAESH</b> fighters &amp; <i>Rosoboronexport</i> staff met in Russia.</p>";
  const page = scanToHtml(html, scan(index, html));
  assert.doesNotMatch(page, /&lt;b&gt;|&lt;p&gt;/);
  assert.match(page, /fighters &amp; /);
  assert.equal((page.match(/<mark class="party"/g) ?? []).length, 2);
  assert.equal((page.match(/<mark class="jurisdiction"/g) ?? []).length, 1);
  assert.match(page, /role="tooltip"[^>]*><p><strong>ISLAMIC STATE OF IRAQ AND THE LEVANT<\/strong>/);
});
