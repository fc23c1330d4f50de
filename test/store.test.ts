import assert from "node:assert/strict";
import { test } from "node:test";
import { type Entity, emptyEntity } from "../src/model/entity.ts";
import { SqliteStore } from "../src/store/sqlite.ts";
import { tempDir } from "./helpers/tmp.ts";

function org(id: string, name: string): Entity {
  const e = emptyEntity("ofac", id, "Organization");
  e.names.push({ full: name, kind: "primary" }, { full: `${name} LTD`, kind: "aka" });
  return e;
}

test("a saved version becomes current and its entities come back with their version", async () => {
  const store = SqliteStore.open(tempDir());
  const v1 = await store.saveListVersion({
    source: "ofac",
    published: "2024-05-03",
    checksums: { "sdn.csv": "abc" },
    warnings: ["w1"],
    entities: [org("1", "ONE"), org("2", "TWO")],
  });
  assert.equal(v1.entities, 2);
  assert.equal(v1.names, 4);
  assert.deepEqual(v1.checksums, { "sdn.csv": "abc" });
  assert.deepEqual(
    (await store.currentVersions()).map((v) => v.id),
    [v1.id],
  );
  const loaded = await store.loadEntities(v1.id);
  assert.deepEqual(
    loaded.map((e) => [e.id, e.listVersion]),
    [
      ["ofac:1", v1.id],
      ["ofac:2", v1.id],
    ],
  );
  assert.equal((await store.getEntity("ofac:2"))?.names[0]?.full, "TWO");
  await store.close();
});

test("a new version replaces the current one and old versions are kept", async () => {
  const store = SqliteStore.open(tempDir());
  const v1 = await store.saveListVersion({
    source: "ofac",
    checksums: {},
    warnings: [],
    entities: [org("1", "ONE")],
  });
  const v2 = await store.saveListVersion({
    source: "ofac",
    checksums: {},
    warnings: [],
    entities: [org("1", "ONE"), org("3", "THREE")],
  });
  await store.saveListVersion({ source: "un", checksums: {}, warnings: [], entities: [org("9", "NINE")] });
  const current = await store.currentVersions();
  assert.deepEqual(
    current.map((v) => [v.source, v.id]),
    [
      ["ofac", v2.id],
      ["un", v2.id + 1],
    ],
  );
  assert.deepEqual(
    (await store.listVersions("ofac")).map((v) => v.id),
    [v2.id, v1.id],
  );
  assert.equal((await store.loadEntities(v1.id)).length, 1, "the old version still answers");
  assert.equal(await store.getEntity("ofac:3").then((e) => e?.listVersion), v2.id);
  await store.close();
});

test("a failed save leaves the version in service untouched", async () => {
  const dir = tempDir();
  const store = SqliteStore.open(dir);
  const v1 = await store.saveListVersion({
    source: "ofac",
    checksums: {},
    warnings: [],
    entities: [org("1", "ONE")],
  });
  // Two entries with one id violate the primary key halfway through the transaction.
  await assert.rejects(
    store.saveListVersion({
      source: "ofac",
      checksums: {},
      warnings: [],
      entities: [org("5", "A"), org("5", "B")],
    }),
  );
  assert.deepEqual(
    (await store.currentVersions()).map((v) => v.id),
    [v1.id],
  );
  assert.equal((await store.listVersions()).length, 1);
  await store.close();
  const reopened = SqliteStore.open(dir);
  assert.deepEqual(
    (await reopened.currentVersions()).map((v) => v.id),
    [v1.id],
  );
  await reopened.close();
});

test("the active key count follows keys created and revoked by another connection at once", async () => {
  const dir = tempDir();
  const server = SqliteStore.open(dir);
  const cli = SqliteStore.open(dir);
  assert.equal(await server.activeKeyCount(), 0);
  assert.equal(await server.activeKeyCount(), 0);
  const key = await cli.createKey({ name: "ops", scopes: ["admin"], key: "k1" });
  assert.equal(await server.activeKeyCount(), 1);
  await cli.revokeKey(key.id);
  assert.equal(await server.activeKeyCount(), 0);
  await server.createKey({ name: "own", scopes: ["screen"], key: "k2" });
  assert.equal(await server.activeKeyCount(), 1);
  await server.close();
  await cli.close();
});
