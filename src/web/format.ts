/** Small display helpers shared by the views. */
import type { TokenMatchHow } from "../match/token-sim.ts";

/** A score as the page shows it: two decimals. */
export function score(value: number): string {
  return value.toFixed(2);
}

/** An age in seconds as hours or days. */
export function age(seconds: number): string {
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min`;
  if (seconds < 48 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}

/** An ISO timestamp as a short local date and time. */
export function when(iso: string): string {
  const t = new Date(iso);
  return Number.isNaN(t.getTime())
    ? iso
    : t.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** What a token-match method means, in words. */
export const HOW: Record<TokenMatchHow, string> = {
  exact: "same word",
  fuzzy: "spelt alike",
  phonetic: "sounds alike",
  initial: "initial",
  joined: "joined or split words",
};

/** The kind of a name, in words. */
export const NAME_KIND: Record<string, string> = {
  primary: "primary name",
  aka: "alias (a.k.a.)",
  "weak-aka": "weak alias",
  fka: "former name (f.k.a.)",
  nka: "new name (n.k.a.)",
};

/** Lists older than this are flagged as stale (the server's /readyz default). */
const STALE_SECONDS = 48 * 3600;

/** Whether a list is older than the server's default readiness age; lists that ship with redline never are. */
export function isStale(list: { ageSeconds: number; builtin?: boolean }): boolean {
  return !list.builtin && list.ageSeconds > STALE_SECONDS;
}
