/** Shapes of the API's answers, as the page reads them (the server's own types, where they exist). */

export type {
  Assessment,
  Deal,
  DealGoods,
  DealOwner,
  DealParty,
  Finding,
  FindingEntry,
} from "../assess/types.ts";
export type { Party, PartyListing, PartyTie } from "../match/parties.ts";
export type { Explanation, Hit, ScreenQuery } from "../match/types.ts";

import type { ListVersion } from "../model/entity.ts";

export type { Entity, ListVersion } from "../model/entity.ts";
export type { Mention, ScanResult } from "../scan/scan.ts";
export type { AuditRecord, AuditVerdict } from "../store/audit.ts";

/** One row of `GET /v1/lists`: a list version as the API shapes it. */
export type ListSummary = Omit<ListVersion, "id" | "published"> & {
  version: number;
  published: string | null;
  ageSeconds: number;
  /** What the list is, in words. */
  title?: string;
  /** The list ships with redline (the LSP): refreshed on upgrade, never stale. */
  builtin?: boolean;
};

/** `GET /v1/whoami`. */
export interface Caller {
  actor: string;
  scopes: string[];
}
