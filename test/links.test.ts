import assert from "node:assert/strict";
import { test } from "node:test";
import { emptyEntity } from "../src/model/entity.ts";
import { resolveLinks } from "../src/sources/links.ts";

test("links resolve to the one entry of the list bearing the name, never to a guess", () => {
  const bank = emptyEntity("ofac", "4632", "Organization");
  bank.names.push({ full: "BANK MARKAZI JOMHOURI ISLAMI IRAN", kind: "primary" });
  bank.links.push({ relation: "linked-to", name: "HIZBALLAH" }, { relation: "linked-to", name: "AMBIGUOUS" });
  bank.links.push({ relation: "linked-to", name: "NOBODY LISTED" });
  const hizballah = emptyEntity("ofac", "4697", "Organization");
  hizballah.names.push({ full: "Hizballah", kind: "primary" }, { full: "AMBIGUOUS", kind: "aka" });
  const other = emptyEntity("ofac", "1", "Organization");
  other.names.push({ full: "AMBIGUOUS", kind: "primary" });
  assert.deepEqual(resolveLinks([bank, hizballah, other]), { resolved: 1, unresolved: 2 });
  assert.equal(bank.links[0]?.targetId, "ofac:4697");
  assert.equal(bank.links[1]?.targetId, undefined);
  assert.equal(bank.links[2]?.targetId, undefined);
});
