import assert from "node:assert/strict";
import { test } from "node:test";
import { DeletionKeys } from "../src/match/deletion-keys.ts";

function idsOf(keys: DeletionKeys, key: string): number[] {
  const out: number[] = [];
  keys.forEach(key, (id) => out.push(id));
  return out;
}

test("deletion keys give back every token id stored under a key, once each, and nothing for unknown keys", () => {
  const keys = new DeletionKeys();
  keys.add("ALAH", 7);
  keys.add("ALAH", 7);
  keys.add("ALAH", 3);
  keys.add("ALLA", 7);
  keys.add("BANK", 4_000_000);
  keys.freeze();
  assert.deepEqual(idsOf(keys, "ALAH"), [3, 7]);
  assert.deepEqual(idsOf(keys, "ALLA"), [7]);
  assert.deepEqual(idsOf(keys, "BANK"), [4_000_000]);
  assert.deepEqual(idsOf(keys, "ALLAH"), []);
  assert.deepEqual(idsOf(keys, ""), []);
});

test("many keys: each finds its own ids (a shared hash may add others, never lose any)", () => {
  const keys = new DeletionKeys();
  const words = Array.from({ length: 50_000 }, (_, i) => `W${i.toString(36)}`);
  words.forEach((w, i) => {
    keys.add(w, i);
  });
  keys.freeze();
  let extra = 0;
  words.forEach((w, i) => {
    const ids = idsOf(keys, w);
    assert.ok(ids.includes(i), w);
    extra += ids.length - 1;
  });
  assert.ok(extra < 10, `${extra} ids from colliding keys`);
});

test("a vocabulary beyond what the packed keys can hold is refused with a clear error", () => {
  assert.throws(() => new DeletionKeys().add("X", 2 ** 22), /more than 4194304 distinct words/);
});

test("double deletions are stored as if each were added as a string, repeated letters once", () => {
  const deep = new DeletionKeys();
  deep.addDoubleDeletions("starmer", 1);
  deep.addDoubleDeletions("aab", 2);
  deep.freeze();
  for (const key of ["stare", "armer", "sarmr", "tarmr"]) assert.deepEqual(idsOf(deep, key), [1], key);
  assert.deepEqual(idsOf(deep, "starmer"), []);
  assert.deepEqual(idsOf(deep, "starme"), []);
  assert.deepEqual(idsOf(deep, "smer"), []);
  assert.deepEqual(idsOf(deep, "a"), [2]);
  assert.deepEqual(idsOf(deep, "b"), [2]);
});
