/** Blocked parties: a party on the SDN list (or the UN list) may not be dealt with by US persons (or in UN states). */
import { blockingHits, entryOf, type RuleContext } from "../context.ts";
import type { Finding } from "../types.ts";

const CITATIONS = [
  "31 CFR part 501 and the program regulations named by each entry's programs (blocking of property and interests in property; prohibition on dealings by US persons)",
  "UN Security Council sanctions committees: asset freeze and travel ban, implemented in the law of each member state",
];

/** A finding per party that matches an SDN or UN entry. */
export function blockedParties(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const party of ctx.parties) {
    const hits = blockingHits(party);
    if (hits.length === 0) continue;
    const programs = [...new Set(hits.flatMap((h) => h.programs))];
    findings.push({
      rule: "blocked-party",
      severity: "prohibited",
      title: `${party.name} (${party.role}) matches a blocked party`,
      parties: [{ name: party.name, role: party.role }],
      entries: hits.map(entryOf),
      reasoning:
        `"${party.name}" matches ${hits.map((h) => `${h.name} (${h.source}:${h.sourceId}, score ${h.score.toFixed(2)})`).join("; ")}. ` +
        `Property of listed parties is blocked: US persons may not deal with them, directly or indirectly, unless OFAC licenses it` +
        `${programs.length ? ` (programs: ${programs.join(", ")})` : ""}. Confirm the match against the entry's identifiers before acting.`,
      citations: CITATIONS,
    });
  }
  return findings;
}
