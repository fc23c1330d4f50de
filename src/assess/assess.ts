/**
 * Assess a proposed deal: screen every party and owner, recognise the goods, and run the rules (blocked
 * parties, the 50 % rule, CAATSA §231, embargoes, sectoral measures, CAATSA Titles I and III). Each finding
 * cites its law, its list entries and, for §231, the precedents. Pure: no I/O.
 */
import type { NameIndex } from "../match/name-index.ts";
import { ALERT_THRESHOLD, screen } from "../match/screen.ts";
import { countryOf, type RuleContext, type ScreenedSubject, systemsIn } from "./context.ts";
import { blockedParties } from "./rules/blocked.ts";
import { caatsaTitles } from "./rules/caatsa-titles.ts";
import { caatsa231 } from "./rules/caatsa231.ts";
import { embargo } from "./rules/embargo.ts";
import { ownership50 } from "./rules/ownership.ts";
import { sectoral } from "./rules/sectoral.ts";
import type { Assessment, Deal, Finding, Severity, Verdict } from "./types.ts";

const RULES = [blockedParties, ownership50, caatsa231, embargo, sectoral, caatsaTitles];
const ORDER: Severity[] = ["prohibited", "high", "review", "info"];
const VERDICT: Record<Severity, Verdict> = {
  prohibited: "prohibited",
  high: "high",
  review: "review",
  info: "clear",
};

/** Options of an assessment. */
export interface AssessOptions {
  /** Score at which a party counts as matching a list entry (default: the alert threshold). */
  threshold?: number;
}

/** What the schema cannot check about a deal: owners holding more than the whole of a party. */
export function dealProblem(deal: Deal): { field: string; message: string } | undefined {
  for (const [i, p] of deal.parties.entries()) {
    const total = (p.owners ?? []).reduce((sum, o) => sum + o.share, 0);
    if (total > 100) {
      return {
        field: `parties.${i}.owners`,
        message: `the owners of ${p.name} hold ${total} % together, more than 100 %`,
      };
    }
  }
  return undefined;
}

/** A line for each country the deal gives that redline cannot place: no jurisdiction rule could look at it. */
function unknownCountries(deal: Deal): string[] {
  const subjects = deal.parties.flatMap((p) => [p, ...(p.owners ?? [])]);
  return subjects
    .filter((s) => s.country && !countryOf(s.country))
    .map(
      (s) =>
        `The country "${s.country}" given for ${s.name} is not one redline knows; no country rule was applied to it.`,
    );
}

/** Assess a deal against the lists in an index. */
export function assess(index: NameIndex, deal: Deal, options: AssessOptions = {}): Assessment {
  const threshold = options.threshold ?? ALERT_THRESHOLD;
  const screenOne = (name: string, type?: string, country?: string, id?: string) =>
    screen(
      index,
      {
        name,
        ...(type ? { type: type as "person" } : {}),
        ...(country ? { country } : {}),
        ...(id ? { id } : {}),
      },
      { minScore: threshold, threshold },
    );
  const parties: ScreenedSubject[] = deal.parties.map((p) => {
    const country = countryOf(p.country);
    const hits = [
      ...screenOne(p.name, p.type, p.country),
      ...(p.identifiers ?? []).flatMap((id) => screenOne(p.name, p.type, p.country, id)),
    ];
    const unique = hits.filter((h, i) => hits.findIndex((x) => x.id === h.id) === i);
    return {
      name: p.name,
      role: p.role,
      ...(country ? { country } : {}),
      matches: unique.filter((h) => h.match),
    };
  });
  const owners: ScreenedSubject[] = deal.parties.flatMap((p) =>
    (p.owners ?? []).map((o) => {
      const country = countryOf(o.country);
      return {
        name: o.name,
        role: "owner" as const,
        ...(country ? { country } : {}),
        matches: screenOne(o.name, o.type, o.country).filter((h) => h.match),
        owns: { party: p, share: o.share },
      };
    }),
  );
  const systems = (deal.goods ?? []).flatMap((g) =>
    systemsIn(g.description).map((system) => ({ system, goods: g.description })),
  );
  const ctx: RuleContext = { deal, index, threshold, parties, owners, systems };
  const findings: Finding[] = RULES.flatMap((rule) => rule(ctx));
  findings.sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));
  const worst = findings[0]?.severity ?? "info";
  return {
    verdict: VERDICT[worst],
    findings,
    screened: [...parties, ...owners].map((s) => ({
      name: s.name,
      role: s.role,
      ...(s.country ? { country: s.country } : {}),
      hits: s.matches,
    })),
    assumptions: [
      ...unknownCountries(deal),
      "The view of a US person under OFAC and State Department rules; EU, UK and UN measures are named where the jurisdiction table has them.",
      `A party counts as listed when its name scores ${threshold} or more against a list entry; confirm every match against the entry's identifiers, dates and addresses.`,
      "Ownership is taken as the deal states it; indirect holdings through other entities must be added by hand.",
      "Whether a transaction is 'significant' under CAATSA §231 is the State Department's determination; purchases of major weapon systems have been treated as significant.",
      "Goods are recognised by name from a table of Russian weapon systems; other controlled goods need their ECCN or HS code checked separately.",
    ],
    disclaimer:
      "Decision support, not legal advice: a compliance officer or counsel must review every finding.",
  };
}
