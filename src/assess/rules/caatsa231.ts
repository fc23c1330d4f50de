/**
 * CAATSA §231: a significant transaction with the defence or intelligence sectors of the Government of Russia
 * (the persons on the State Department's List of Specified Persons) exposes the party that transacts to at
 * least five of the twelve §235 measures. The counterparty is found by name (screened against the LSP, or its
 * OFAC entry) or, when the deal names only the weapon, through the goods table (S-400 → Almaz-Antey,
 * exported by Rosoboronexport).
 */
import caatsa from "../../../resources/caatsa.json" with { type: "json" };
import lspTable from "../../../resources/caatsa-231-lsp.json" with { type: "json" };
import { NameIndex } from "../../match/name-index.ts";
import { screen } from "../../match/screen.ts";
import { type Entity, emptyEntity } from "../../model/entity.ts";
import { entryOf, type RuleContext } from "../context.ts";
import type { Finding, FindingEntry, PartyRole } from "../types.ts";

/** One entry of the List of Specified Persons. */
export interface LspEntry {
  id: string;
  type: "organization" | "person";
  name: string;
  aliases: string[];
  sector: string;
  added: string;
  citation: string;
  ofac?: string;
}

const LSP = lspTable.entries as LspEntry[];
let lspIndex: NameIndex | undefined;

/** The LSP as a small name index of its own (entity i is LSP entry i). */
function lspNames(): NameIndex {
  if (!lspIndex) {
    lspIndex = new NameIndex(
      LSP.map((e, i): Entity => {
        const entity = emptyEntity("lsp", `lsp-${i}`, e.type === "person" ? "Person" : "Organization");
        entity.names = [
          { full: e.name, kind: "primary" },
          ...e.aliases.map((a) => ({ full: a, kind: "aka" as const })),
        ];
        return entity;
      }),
    );
  }
  return lspIndex;
}

/** LSP entries a name matches (by name), at the threshold. */
function lspMatches(name: string, threshold: number): LspEntry[] {
  return screen(lspNames(), { name }, { minScore: threshold, threshold })
    .map((h) => LSP[Number(h.sourceId.slice(4))])
    .filter((e): e is LspEntry => e !== undefined);
}

const TRANSACTING: PartyRole[] = ["buyer", "end-user", "intermediary"];
const MEASURES = caatsa.section235.measures;

/** What OFAC recorded of the §235 measures on the precedents' entries, when those entries are loaded. */
function precedents(entities: readonly Entity[]) {
  const byId = new Map(entities.filter((e) => e.caatsa235.length > 0).map((e) => [e.sourceId, e]));
  return caatsa.precedents.map((p) => {
    const recorded = p.ofacIds
      .map((id) => byId.get(id))
      .filter((e): e is Entity => e !== undefined)
      .map((e) => ({
        entry: `ofac:${e.sourceId}`,
        name: e.names.find((n) => n.kind === "primary")?.full ?? "",
        measures: e.caatsa235.map((m) => `§235(a)(${m.paragraph}) ${m.measure}`),
      }));
    return {
      ...p,
      measures: p.measures.map((n) => `§235(a)(${n}) ${MEASURES.find((m) => m.paragraph === n)?.name ?? ""}`),
      recordedByOfac: recorded,
    };
  });
}

/** The §231 finding, when the deal reaches the Russian defence or intelligence sectors. */
export function caatsa231(ctx: RuleContext): Finding[] {
  const counterparties = new Map<string, { lsp: LspEntry; via: string; party?: string }>();
  const entries: FindingEntry[] = [];
  for (const p of ctx.parties) {
    const byName = lspMatches(p.name, ctx.threshold);
    const byOfac = LSP.filter(
      (e) => e.ofac && p.matches.some((h) => h.source === "ofac" && h.sourceId === e.ofac),
    );
    // The loaded list "lsp" is this table: a hit on it names the entry by its id.
    const byList = LSP.filter((e) => p.matches.some((h) => h.source === "lsp" && h.sourceId === e.id));
    for (const lsp of [...byName, ...byOfac, ...byList]) {
      counterparties.set(lsp.name, { lsp, via: `the deal names ${p.name} (${p.role})`, party: p.name });
      entries.push(...p.matches.filter((h) => h.source === "ofac").map(entryOf));
    }
  }
  for (const { system, goods } of ctx.systems) {
    for (const maker of [...system.makers, system.exporter]) {
      const lsp = LSP.find((e) => e.name === maker);
      if (lsp && !counterparties.has(lsp.name)) {
        counterparties.set(lsp.name, {
          lsp,
          via: `the goods "${goods}" are the ${system.system}, made or exported by it`,
        });
      }
    }
  }
  if (counterparties.size === 0) return [];
  const seen = new Set<string>();
  const unique = (e: FindingEntry) => !seen.has(e.id) && seen.add(e.id) !== undefined;
  // The OFAC entries of the counterparties found through the goods, when the list is loaded.
  for (const { lsp } of counterparties.values()) {
    if (!lsp.ofac || entries.some((e) => e.sourceId === lsp.ofac)) continue;
    const entity = ctx.index.entities.find((e) => e.source === "ofac" && e.sourceId === lsp.ofac);
    if (entity) {
      entries.push({
        id: entity.id,
        source: entity.source,
        sourceId: entity.sourceId,
        name: entity.names.find((n) => n.kind === "primary")?.full ?? lsp.name,
        programs: entity.programs,
      });
    }
  }
  const lspNamesInDeal = new Set([...counterparties.values()].map((c) => c.party).filter(Boolean));
  const transacting = ctx.deal.parties.filter(
    (p) =>
      TRANSACTING.includes(p.role) &&
      !lspNamesInDeal.has(p.name) &&
      ctx.parties.find((s) => s.name === p.name)?.country !== "RU",
  );
  const who = transacting.length
    ? transacting.map((p) => `${p.name} (${p.role})`).join(", ")
    : "the party that transacts";
  const listed = [...counterparties.values()]
    .map(
      (c) =>
        `${c.lsp.name} (${c.lsp.sector} sector, on the List of Specified Persons since ${c.lsp.added}; ${c.via})`,
    )
    .join("; ");
  return [
    {
      rule: "caatsa-231",
      severity: "high",
      title: "CAATSA §231: significant transaction with Russia's defence or intelligence sector",
      parties: [
        ...transacting.map((p) => ({ name: p.name, role: p.role })),
        ...ctx.parties.filter((p) => lspNamesInDeal.has(p.name)).map((p) => ({ name: p.name, role: p.role })),
      ],
      entries: entries.filter(unique),
      reasoning:
        `The deal is a transaction with ${listed}. Under CAATSA §231(a) the President shall impose at least five of the ` +
        `twelve §235 measures on a person who knowingly engages in a significant transaction with the defence or ` +
        `intelligence sectors of the Government of the Russian Federation; exposed here: ${who}. Purchases of major ` +
        `weapon systems have been treated as significant: China's Equipment Development Department (2018, Su-35 and ` +
        `S-400) and Turkey's Presidency of Defense Industries (2020, S-400) were sanctioned.`,
      citations: [
        caatsa.section231.citation,
        caatsa.section235.citation,
        ...LSP.filter((e) => counterparties.has(e.name)).map((e) => e.citation),
      ].filter((c, i, all) => all.indexOf(c) === i),
      details: {
        rule: caatsa.section231.rule,
        section235Measures: MEASURES.map((m) => `§235(a)(${m.paragraph}) ${m.name}`),
        paths: caatsa.section231.paths,
        precedents: precedents(ctx.index.entities),
      },
    },
  ];
}
