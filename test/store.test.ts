import assert from "node:assert/strict";
import { test } from "node:test";
import { type Entity, emptyEntity } from "../src/model/entity.ts";
import { PostgresStore } from "../src/store/postgres.ts";
import { SqliteStore } from "../src/store/sqlite.ts";
import type { Store } from "../src/store/store.ts";
import { freshDatabase, pgSkip } from "./helpers/pg.ts";
import { tempDir } from "./helpers/tmp.ts";

function org(id: string, name: string): Entity {
  const e = emptyEntity("ofac", id, "Organization");
  e.names.push({ full: name, kind: "primary" }, { full: `${name} LTD`, kind: "aka" });
  return e;
}

/** A place a store lives (a data directory, a database); each `open` is another connection to it. */
interface Backend {
  name: string;
  skip: string | false;
  place(): Promise<() => Store>;
}

// Every test below runs on both stores: the embedded SQLite file and a fresh PostgreSQL database.
const BACKENDS: Backend[] = [
  {
    name: "sqlite",
    skip: false,
    place: async () => {
      const dir = tempDir();
      return () => SqliteStore.open(dir);
    },
  },
  {
    name: "postgres",
    skip: pgSkip,
    place: async () => {
      const url = await freshDatabase();
      return () => new PostgresStore(url, { poolSize: 3 });
    },
  },
];

for (const { name: backend, skip, place } of BACKENDS) {
  test(`${backend}: a saved version becomes current and its entities come back with their version`, {
    skip,
  }, async () => {
    const store = (await place())();
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

  test(`${backend}: a new version replaces the current one and old versions are kept`, { skip }, async () => {
    const store = (await place())();
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

  test(`${backend}: a failed save leaves the version in service untouched`, { skip }, async () => {
    const open = await place();
    const store = open();
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
    const reopened = open();
    assert.deepEqual(
      (await reopened.currentVersions()).map((v) => v.id),
      [v1.id],
    );
    await reopened.close();
  });

  test(`${backend}: the active key count follows keys created and revoked by another connection at once`, {
    skip,
  }, async () => {
    const open = await place();
    const server = open();
    const cli = open();
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
}
