import { type Entity, emptyEntity, type Schema } from "../model/entity.ts";
import { NameIndex } from "./name-index.ts";
import { ALERT_THRESHOLD, screen } from "./screen.ts";
import type { Explanation, QueryType } from "./types.ts";

const SCHEMA_OF: Record<QueryType, Schema> = {
  person: "Person",
  organization: "Organization",
  vessel: "Vessel",
  aircraft: "Aircraft",
};

/** Score one name against another with the full screening pipeline (used by evaluations and tests). */
export function compareNames(
  query: string,
  candidate: string,
  opts: { type?: QueryType } = {},
): { score: number; match: boolean; explanation?: Explanation } {
  const entity: Entity = emptyEntity("ofac", "0", opts.type ? SCHEMA_OF[opts.type] : "LegalEntity");
  entity.names.push({ full: candidate, kind: "primary" });
  const [hit] = screen(
    new NameIndex([entity]),
    { name: query, ...(opts.type ? { type: opts.type } : {}) },
    { minScore: 0, limit: 1 },
  );
  return hit
    ? { score: hit.score, match: hit.match, explanation: hit.explanation }
    : { score: 0, match: ALERT_THRESHOLD <= 0 };
}
