/**
 * Classification metrics for the evaluation sets: confusion counts, precision, recall, F1, and threshold
 * sweeps. Undefined ratios are `null`, not 0, so that "no predictions" is never mistaken for "all wrong".
 */

/** One labelled decision: the truth and what the engine said. */
export interface Decision {
  label: boolean;
  predicted: boolean;
}

/** One labelled score, for sweeps that move the threshold. */
export interface Scored {
  label: boolean;
  score: number;
}

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface Metrics extends Confusion {
  n: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  accuracy: number | null;
}

export interface SweepPoint extends Metrics {
  threshold: number;
}

export interface BestThreshold {
  threshold: number;
  f1: number;
  precision: number | null;
  recall: number | null;
  /** The highest threshold that gives the same F1 when several in a row do; equals `threshold` otherwise. */
  tiedUpTo: number;
}

/** Count true/false positives and negatives. */
export function confusion(decisions: Iterable<Decision>): Confusion {
  const c: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const d of decisions) {
    if (d.predicted) d.label ? c.tp++ : c.fp++;
    else d.label ? c.fn++ : c.tn++;
  }
  return c;
}

/** Precision, recall, F1 and accuracy from confusion counts; a ratio with a zero denominator is null. */
export function metricsOf(c: Confusion): Metrics {
  const n = c.tp + c.fp + c.fn + c.tn;
  const ratio = (num: number, den: number) => (den === 0 ? null : num / den);
  return {
    ...c,
    n,
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
    // 2TP / (2TP + FP + FN) is the harmonic mean where both exist, and 0 (not undefined) when positives
    // exist but none were predicted: a matcher that never alerts must score 0, not n/a.
    f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
    accuracy: ratio(c.tp + c.tn, n),
  };
}

/** Metrics of a set of decisions. */
export function evaluate(decisions: Iterable<Decision>): Metrics {
  return metricsOf(confusion(decisions));
}

/** Metrics per group, groups in first-seen order. */
export function evaluateBy<T extends Decision>(
  items: readonly T[],
  key: (item: T) => string,
): Record<string, Metrics> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  const out: Record<string, Metrics> = {};
  for (const [k, list] of groups) out[k] = evaluate(list);
  return out;
}

/** Metrics when everything scoring at or above `threshold` counts as a match. */
export function evaluateAt(items: Iterable<Scored>, threshold: number): Metrics {
  const decisions: Decision[] = [];
  for (const i of items) decisions.push({ label: i.label, predicted: i.score >= threshold });
  return evaluate(decisions);
}

/**
 * Thresholds from `from` to `to` inclusive in steps of `step`, each rounded so that 0.6 + 25 × 0.01 is the
 * same number as the literal 0.85 and compares equal to a score of 0.85.
 */
export function thresholdRange(from: number, to: number, step: number): number[] {
  if (!(step > 0) || to < from) return [];
  const count = Math.floor((to - from) / step + 1e-9);
  const out: number[] = [];
  for (let i = 0; i <= count; i++) out.push(Math.round((from + i * step) * 1e9) / 1e9);
  return out;
}

/** Metrics at each threshold. */
export function sweep(items: readonly Scored[], thresholds: readonly number[]): SweepPoint[] {
  return thresholds.map((threshold) => ({ threshold, ...evaluateAt(items, threshold) }));
}

/**
 * The threshold with the highest F1 (points in ascending threshold order); among equal F1s the lowest,
 * because recall can only fall as the threshold rises and a screening engine would rather alert.
 * Null when no point has an F1.
 */
export function bestThreshold(points: readonly SweepPoint[]): BestThreshold | null {
  let best: BestThreshold | null = null;
  // Float noise must not split a plateau of equal F1s.
  const EPS = 1e-12;
  let inRun = false;
  for (const p of points) {
    if (p.f1 === null) {
      inRun = false;
      continue;
    }
    if (!best || p.f1 > best.f1 + EPS) {
      best = {
        threshold: p.threshold,
        f1: p.f1,
        precision: p.precision,
        recall: p.recall,
        tiedUpTo: p.threshold,
      };
      inRun = true;
    } else if (inRun && Math.abs(p.f1 - best.f1) <= EPS) {
      best.tiedUpTo = p.threshold;
    } else {
      inRun = false;
    }
  }
  return best;
}

/** A share as a percentage with one decimal, or "n/a". */
export function pct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || Number.isNaN(x) ? "n/a" : `${(x * 100).toFixed(digits)} %`;
}

/** A ratio with three decimals, or "n/a". */
export function fixed(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined || Number.isNaN(x) ? "n/a" : x.toFixed(digits);
}
