/** OFAC's 50 % rule: an entity owned 50 % or more, in aggregate, by blocked persons is itself blocked. */
import { blockingHits, entryOf, type RuleContext } from "../context.ts";
import type { Finding } from "../types.ts";

const CITATION =
  "OFAC, Revised Guidance on Entities Owned by Persons Whose Property and Interests in Property Are Blocked (13 August 2014)";

/** A finding per party whose blocked owners hold 50 % or more together (or some share, to review). */
export function ownership50(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const party of ctx.deal.parties) {
    const blocked = ctx.owners.filter((o) => o.owns?.party === party && blockingHits(o).length > 0);
    if (blocked.length === 0) continue;
    const total = blocked.reduce((sum, o) => sum + (o.owns?.share ?? 0), 0);
    const shares = blocked.map((o) => `${o.name} ${o.owns?.share ?? 0} %`).join(" + ");
    const over = total >= 50;
    findings.push({
      rule: "ownership-50",
      severity: over ? "prohibited" : "review",
      title: over
        ? `${party.name} is owned ${total} % by blocked persons: blocked under the 50 % rule`
        : `${party.name} is owned ${total} % by blocked persons: below 50 %, not blocked by the rule`,
      parties: [
        { name: party.name, role: party.role },
        ...blocked.map((o) => ({ name: o.name, role: "owner" as const })),
      ],
      entries: blocked.flatMap((o) => blockingHits(o).map(entryOf)),
      reasoning: over
        ? `Blocked owners hold ${shares} = ${total} % of ${party.name}. An entity owned 50 % or more in the aggregate, directly or indirectly, by one or more blocked persons is itself blocked, whether or not it is listed.`
        : `Blocked owners hold ${shares} = ${total} % of ${party.name}, below the 50 % at which the entity is blocked by operation of the rule; OFAC advises caution, since the entity may be listed later or controlled by the blocked owners.`,
      citations: [CITATION],
    });
  }
  return findings;
}
