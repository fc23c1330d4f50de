/** CAATSA Title I (Iran) and Title III (North Korea): arms and listed-party dealings with those countries. */
import type { RuleContext } from "../context.ts";
import type { Finding } from "../types.ts";

const IRAN_PROGRAMS = /^(IRAN|IRGC|IFSR|NPWMD|CAATSA - IRAN)/;
const DPRK_PROGRAMS = /^DPRK/;

function programsOf(p: RuleContext["parties"][number], pattern: RegExp): string {
  return [...new Set(p.matches.flatMap((h) => h.programs.filter((x) => pattern.test(x))))].join(", ");
}

/** Findings when defence goods go to or come from Iran or North Korea, or a party is listed under their programs. */
export function caatsaTitles(ctx: RuleContext): Finding[] {
  const defence =
    ctx.systems.length > 0 ||
    (ctx.deal.goods ?? []).some((g) => g.category === "defence" || g.category === "dual-use");
  const findings: Finding[] = [];
  const check = (
    code: string,
    programs: RegExp,
    rule: "caatsa-iran" | "caatsa-dprk",
    title: string,
    citation: string,
    why: string,
  ) => {
    const inCountry = ctx.parties.filter((p) => p.country === code);
    const listed = ctx.parties.filter((p) => p.matches.some((h) => h.programs.some((x) => programs.test(x))));
    if (!(defence && inCountry.length > 0) && listed.length === 0) return;
    const parties = [...new Set([...inCountry, ...listed])];
    const because = [
      ...inCountry.map(
        (p) =>
          `${p.name} is in ${code === "IR" ? "Iran" : "North Korea"}${defence ? " and the goods are defence or dual-use items" : ""}`,
      ),
      ...listed.map((p) => `${p.name} matches an entry listed under ${programsOf(p, programs)}`),
    ].join("; ");
    findings.push({
      rule,
      severity: "high",
      title,
      parties: parties.map((p) => ({ name: p.name, role: p.role })),
      entries: [],
      reasoning: `${because}. ${why}`,
      citations: [citation],
    });
  };
  check(
    "IR",
    IRAN_PROGRAMS,
    "caatsa-iran",
    "CAATSA Title I (Iran): arms and listed-party exposure",
    "CAATSA Title I, Countering Iran's Destabilizing Activities Act of 2017 (sections 104-107; section 107, enforcement of arms embargoes, 22 U.S.C. 9406)",
    "CAATSA Title I requires blocking sanctions on persons that knowingly supply, sell or transfer to or from Iran arms and related materiel, and on persons that materially contribute to Iran's ballistic missile programs or act for the IRGC.",
  );
  check(
    "KP",
    DPRK_PROGRAMS,
    "caatsa-dprk",
    "CAATSA Title III (North Korea): secondary sanctions exposure",
    "CAATSA Title III, Korean Interdiction and Modernization of Sanctions Act, amending the North Korea Sanctions and Policy Enhancement Act of 2016 (22 U.S.C. 9201 et seq.)",
    "CAATSA Title III extends mandatory and discretionary sanctions to persons that deal with the DPRK government, its arms trade, its labour exports and its shipping.",
  );
  return findings;
}
