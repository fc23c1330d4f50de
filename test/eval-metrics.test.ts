import assert from "node:assert/strict";
import { test } from "node:test";
import {
  bestThreshold,
  confusion,
  evaluate,
  evaluateAt,
  evaluateBy,
  fixed,
  metricsOf,
  pct,
  type Scored,
  sweep,
  thresholdRange,
} from "../eval/metrics.ts";

const d = (label: boolean, predicted: boolean) => ({ label, predicted });

test("confusion counts each cell", () => {
  assert.deepEqual(
    confusion([d(true, true), d(true, false), d(false, true), d(false, false), d(false, false)]),
    {
      tp: 1,
      fn: 1,
      fp: 1,
      tn: 2,
    },
  );
});

test("precision, recall, F1 and accuracy on an ordinary case", () => {
  const m = metricsOf({ tp: 8, fp: 2, fn: 4, tn: 6 });
  assert.equal(m.n, 20);
  assert.equal(m.precision, 0.8);
  assert.equal(m.recall, 8 / 12);
  // Harmonic mean of 0.8 and 2/3.
  assert.ok(Math.abs((m.f1 ?? 0) - (2 * 0.8 * (8 / 12)) / (0.8 + 8 / 12)) < 1e-12);
  assert.equal(m.accuracy, 14 / 20);
});

test("no predictions: precision is undefined, recall and F1 are 0", () => {
  const m = evaluate([d(true, false), d(true, false), d(false, false)]);
  assert.equal(m.precision, null);
  assert.equal(m.recall, 0);
  assert.equal(m.f1, 0);
});

test("no positives in the truth: recall is undefined, false alarms make F1 0", () => {
  const m = evaluate([d(false, true), d(false, false)]);
  assert.equal(m.recall, null);
  assert.equal(m.precision, 0);
  assert.equal(m.f1, 0);
});

test("all true negatives: precision, recall and F1 are undefined, accuracy is 1", () => {
  const m = evaluate([d(false, false), d(false, false)]);
  assert.equal(m.precision, null);
  assert.equal(m.recall, null);
  assert.equal(m.f1, null);
  assert.equal(m.accuracy, 1);
});

test("empty input: everything undefined", () => {
  const m = evaluate([]);
  assert.equal(m.n, 0);
  assert.equal(m.precision, null);
  assert.equal(m.recall, null);
  assert.equal(m.f1, null);
  assert.equal(m.accuracy, null);
});

test("perfect classification gives 1 everywhere", () => {
  const m = evaluate([d(true, true), d(false, false)]);
  assert.deepEqual([m.precision, m.recall, m.f1, m.accuracy], [1, 1, 1, 1]);
});

test("evaluateAt counts a score equal to the threshold as a match", () => {
  const items: Scored[] = [
    { label: true, score: 0.85 },
    { label: true, score: 0.849 },
    { label: false, score: 0.9 },
  ];
  const m = evaluateAt(items, 0.85);
  assert.deepEqual([m.tp, m.fn, m.fp, m.tn], [1, 1, 1, 0]);
});

test("evaluateBy splits metrics per group in first-seen order", () => {
  const items = [
    { g: "b", ...d(true, true) },
    { g: "a", ...d(true, false) },
    { g: "b", ...d(false, true) },
  ];
  const by = evaluateBy(items, (i) => i.g);
  assert.deepEqual(Object.keys(by), ["b", "a"]);
  assert.equal(by.b?.precision, 0.5);
  assert.equal(by.a?.recall, 0);
});

test("thresholdRange is inclusive and free of float drift", () => {
  const r = thresholdRange(0.6, 0.95, 0.01);
  assert.equal(r.length, 36);
  assert.equal(r[0], 0.6);
  assert.equal(r.at(-1), 0.95);
  assert.ok(r.includes(0.85), "0.6 + 25 × 0.01 must equal the literal 0.85");
  assert.ok(r.includes(0.7));
  assert.deepEqual(thresholdRange(0, 1, 0.25), [0, 0.25, 0.5, 0.75, 1]);
  assert.deepEqual(thresholdRange(1, 0, 0.1), []);
  assert.deepEqual(thresholdRange(0, 1, 0), []);
});

test("sweep evaluates every threshold; recall never rises with the threshold", () => {
  const items: Scored[] = [
    { label: true, score: 0.95 },
    { label: true, score: 0.8 },
    { label: true, score: 0.62 },
    { label: false, score: 0.75 },
    { label: false, score: 0.5 },
  ];
  const points = sweep(items, thresholdRange(0.6, 0.95, 0.01));
  assert.equal(points.length, 36);
  for (let i = 1; i < points.length; i++) {
    assert.ok((points[i]?.recall ?? 0) <= (points[i - 1]?.recall ?? 0));
  }
  const at080 = points.find((p) => p.threshold === 0.8);
  assert.deepEqual([at080?.tp, at080?.fp, at080?.fn], [2, 0, 1]);
});

test("bestThreshold picks the highest F1 and reports the plateau", () => {
  const items: Scored[] = [
    { label: true, score: 0.9 },
    { label: true, score: 0.8 },
    { label: false, score: 0.7 },
  ];
  // 0.71 to 0.80 separate the classes perfectly; below 0.71 the negative alerts, above 0.80 a positive is lost.
  const best = bestThreshold(sweep(items, thresholdRange(0.6, 0.95, 0.01)));
  assert.ok(best);
  assert.equal(best.f1, 1);
  assert.equal(best.threshold, 0.71);
  assert.equal(best.tiedUpTo, 0.8);
});

test("bestThreshold keeps the first plateau when a later one only equals it", () => {
  const pts = [0.2, 0.5, 0.3, 0.5].map((f1, i) => ({
    threshold: i / 10,
    ...metricsOf({ tp: 0, fp: 0, fn: 0, tn: 0 }),
    f1,
  }));
  const best = bestThreshold(pts);
  assert.equal(best?.threshold, 0.1);
  assert.equal(best?.tiedUpTo, 0.1);
});

test("bestThreshold is null when no point has an F1", () => {
  assert.equal(bestThreshold(sweep([{ label: false, score: 0.1 }], [0.5, 0.6])), null);
  assert.equal(bestThreshold([]), null);
});

test("formatting helpers show n/a for undefined values", () => {
  assert.equal(pct(0.9951), "99.5 %");
  assert.equal(pct(null), "n/a");
  assert.equal(fixed(0.12345), "0.123");
  assert.equal(fixed(undefined), "n/a");
});
