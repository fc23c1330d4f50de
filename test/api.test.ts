import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { planImport } from "../src/sources/detect.ts";
import { importJob } from "../src/sources/import.ts";
import type { SqliteStore } from "../src/store/sqlite.ts";
import { demoServer, demoStore } from "./helpers/api.ts";
import { BIN, DEMO, ROOT, redline } from "./helpers/cli.ts";

const PROBLEM = "application/problem+json; charset=utf-8";

test("keys: 401 without a key once one exists, 403 with the wrong scope, revoked keys stop working", async () => {
  const { app, store } = await demoServer();
  const anon = await app.inject({ method: "POST", url: "/v1/screen", payload: { name: "DAESH" } });
  assert.equal(anon.statusCode, 200, "anonymous while no key exists, on loopback");
  const whoami = await app.inject({ method: "GET", url: "/v1/whoami" });
  assert.deepEqual(whoami.json(), { actor: "anonymous", scopes: ["screen", "admin"] });

  await store.createKey({ name: "teller", scopes: ["screen"], key: "screen-secret" });
  const admin = await store.createKey({ name: "ops", scopes: ["admin"], key: "admin-secret" });
  const missing = await app.inject({ method: "POST", url: "/v1/screen", payload: { name: "DAESH" } });
  assert.equal(missing.statusCode, 401);
  assert.equal(missing.headers["content-type"], PROBLEM);
  assert.equal(missing.headers["www-authenticate"], "Bearer");
  const wrong = await app.inject({
    method: "POST",
    url: "/v1/screen",
    headers: { authorization: "Bearer nope" },
    payload: { name: "DAESH" },
  });
  assert.equal(wrong.statusCode, 401);
  const bearer = await app.inject({
    method: "POST",
    url: "/v1/screen",
    headers: { authorization: "Bearer screen-secret" },
    payload: { name: "DAESH" },
  });
  assert.equal(bearer.statusCode, 200);
  const header = await app.inject({
    method: "GET",
    url: "/v1/lists",
    headers: { "x-api-key": "screen-secret" },
  });
  assert.equal(header.statusCode, 200);
  assert.equal(typeof header.json()[0].ageSeconds, "number");

  const forbidden = await app.inject({
    method: "GET",
    url: "/v1/audit",
    headers: { "x-api-key": "screen-secret" },
  });
  assert.equal(forbidden.statusCode, 403);
  assert.match(forbidden.json().detail, /do not include admin/);
  const audit = await app.inject({
    method: "GET",
    url: "/v1/audit?limit=1",
    headers: { "x-api-key": "admin-secret" },
  });
  assert.equal(audit.statusCode, 200);
  const page = audit.json();
  assert.equal(page.records.length, 1);
  assert.equal(page.records[0].actor, "anonymous");
  const next = await app.inject({
    method: "GET",
    url: `/v1/audit?after=${page.next}`,
    headers: { "x-api-key": "admin-secret" },
  });
  assert.equal(next.json().records[0].actor, "key:1:teller");
  assert.equal(next.json().next, null);
  const asAdmin = { "x-api-key": "admin-secret" };
  const newest = await app.inject({ method: "GET", url: "/v1/audit?newest=true&limit=1", headers: asAdmin });
  assert.deepEqual(
    newest.json().records.map((r: { actor: string }) => r.actor),
    ["key:1:teller"],
    "the latest record first",
  );
  assert.equal(newest.json().next, null);
  const verdict = await app.inject({ method: "GET", url: "/v1/audit/verify", headers: asAdmin });
  assert.deepEqual(verdict.json(), { ok: true, records: 2 });
  const teller = await app.inject({
    method: "GET",
    url: "/v1/whoami",
    headers: { "x-api-key": "screen-secret" },
  });
  assert.deepEqual(teller.json(), { actor: "key:1:teller", scopes: ["screen"] });
  const tellerVerify = await app.inject({
    method: "GET",
    url: "/v1/audit/verify",
    headers: { "x-api-key": "screen-secret" },
  });
  assert.equal(tellerVerify.statusCode, 403);

  assert.equal(await store.revokeKey(admin.id), true);
  const revoked = await app.inject({
    method: "GET",
    url: "/v1/audit",
    headers: { "x-api-key": "admin-secret" },
  });
  assert.equal(revoked.statusCode, 401);
  await app.close();
  await store.close();
});

test("no anonymous access unless the server allows it (bound to loopback)", async () => {
  const { app, store } = await demoServer({ allowAnonymous: false });
  const r = await app.inject({ method: "POST", url: "/v1/screen", payload: { name: "DAESH" } });
  assert.equal(r.statusCode, 401);
  assert.equal((await app.inject({ method: "GET", url: "/healthz" })).statusCode, 200);
  await app.close();
  await store.close();
});

test("CLI keys create/list/revoke, and serve refuses a public address without keys", async () => {
  const { dir, store } = await demoStore();
  await store.close();
  const env = { REDLINE_DATA_DIR: dir };
  const refused = await redline(["serve", "--host", "0.0.0.0", "--port", "0", "--no-bootstrap"], env);
  assert.equal(refused.code, 2);
  assert.equal(refused.stderr.trim().split("\n").length, 1);
  assert.match(refused.stderr, /refusing to listen on 0\.0\.0\.0 without API keys/);

  const created = await redline(["keys", "create", "--scope", "screen,admin", "--name", "ops"], env);
  assert.equal(created.code, 0, created.stderr);
  const key = created.stdout.trim();
  assert.match(key, /^rl_[A-Za-z0-9_-]{43}$/);
  assert.equal((await redline(["keys", "create", "--scope", "root", "--name", "x"], env)).code, 1);
  const listed = JSON.parse((await redline(["keys", "list", "--json"], env)).stdout);
  assert.deepEqual(listed[0].scopes, ["screen", "admin"]);
  assert.equal(JSON.stringify(listed).includes(key), false, "the key itself is never shown again");
  assert.equal((await redline(["keys", "revoke", "1"], env)).code, 0);
  assert.equal((await redline(["keys", "revoke", "1"], env)).code, 1);
  assert.match((await redline(["keys", "list"], env)).stdout, /revoked/);
});

test("routes: batch, entities, readyz, metrics, openapi and docs", async () => {
  const { app, store } = await demoServer({ maxBatch: 3 });
  const batch = await app.inject({
    method: "POST",
    url: "/v1/screen/batch",
    payload: {
      queries: [
        { key: "c-1", name: "DAESH" },
        { key: "c-2", name: "Rosoboronexport", limit: 1 },
      ],
    },
  });
  assert.equal(batch.statusCode, 200, batch.body);
  const results = batch.json().results;
  assert.deepEqual(
    results.map((r: { key: string }) => r.key),
    ["c-1", "c-2"],
  );
  assert.equal(results[0].hits[0].id, "ofac:8759");
  assert.equal(results[1].hits.length, 1);
  assert.equal(results[0].hits[0].explanation.pairs.length > 0, true, "hits keep their whole explanation");
  const records = await store.auditRecords({ limit: 10 });
  assert.deepEqual(
    records.map((r) => [r.channel, r.ref]),
    [
      ["api-batch", "c-1"],
      ["api-batch", "c-2"],
    ],
  );

  const tooMany = await app.inject({
    method: "POST",
    url: "/v1/screen/batch",
    payload: { queries: ["a", "b", "c", "d"].map((k) => ({ key: k, name: "X" })) },
  });
  assert.equal(tooMany.statusCode, 400);
  assert.match(tooMany.json().detail, /at most 3 queries/);
  const dup = await app.inject({
    method: "POST",
    url: "/v1/screen/batch",
    payload: {
      queries: [
        { key: "a", name: "X" },
        { key: "a", name: "Y" },
      ],
    },
  });
  assert.equal(dup.statusCode, 400);
  const ctl = await app.inject({
    method: "POST",
    url: "/v1/screen/batch",
    payload: {
      queries: [
        { key: "a", name: "X" },
        { key: "b", name: "BAD\u0007NAME" },
      ],
    },
  });
  assert.equal(ctl.statusCode, 400);
  assert.match(ctl.json().detail, /queries\[1\] \(key "b"\).*control characters/);

  const entity = await app.inject({ method: "GET", url: "/v1/entities/ofac:8759" });
  assert.equal(entity.statusCode, 200);
  assert.equal(entity.json().id, "ofac:8759");
  assert.ok(entity.json().names.length > 1);
  assert.deepEqual(
    entity.json().appearsIn.map((v: { version: number }) => v.version),
    [1],
  );
  // The demo's BANK MARKAZI is "Linked To: HIZBALLAH", an entry of the same list: the link names it whole.
  const linked = (await app.inject({ method: "GET", url: "/v1/entities/ofac:4632" })).json();
  assert.equal(linked.links[0].targetId, "ofac:4697");
  assert.deepEqual(linked.links[0].target.name, "HIZBALLAH");
  assert.ok(linked.links[0].target.programs.includes("FTO"));
  // Rosoboronexport is also on the List of Specified Persons that comes with every data directory.
  const rosoboron = (await app.inject({ method: "GET", url: "/v1/entities/ofac:18782" })).json();
  assert.deepEqual(
    rosoboron.sameParty.listings.map((l: { id: string }) => l.id),
    ["ofac:18782", "lsp:rosoboronexport"],
  );
  assert.match(rosoboron.sameParty.ties[0].reason, /OFAC entry number 18782/);
  assert.equal(entity.json().sameParty, undefined, "an entry listed once has no sameParty");
  const none = await app.inject({ method: "GET", url: "/v1/entities/ofac:0" });
  assert.equal(none.statusCode, 404);
  assert.equal(none.headers["content-type"], PROBLEM);

  const ready = await app.inject({ method: "GET", url: "/readyz" });
  assert.equal(ready.statusCode, 200);
  assert.equal(ready.json().status, "ready");

  await app.inject({ method: "POST", url: "/v1/screen", payload: { name: "DAESH" } });
  const metrics = await app.inject({ method: "GET", url: "/metrics" });
  assert.equal(metrics.statusCode, 200);
  assert.match(
    metrics.body,
    /redline_http_requests_total\{method="POST",route="\/v1\/screen",status="200"\} 1/,
  );
  assert.match(
    metrics.body,
    /redline_http_request_duration_seconds_bucket\{le="0.001",method="POST",route="\/v1\/screen"\}/,
  );
  assert.match(metrics.body, /redline_screens_total\{channel="api-batch"\} 2/);
  assert.match(metrics.body, /redline_hits_total\{channel="api"\} [1-9]/);
  assert.match(metrics.body, /redline_list_age_seconds\{source="ofac",version="1"\}/);

  const spec = await app.inject({ method: "GET", url: "/openapi.json" });
  assert.equal(spec.statusCode, 200);
  const doc = spec.json();
  assert.match(doc.openapi, /^3\./);
  for (const path of [
    "/v1/screen",
    "/v1/screen/batch",
    "/v1/entities/{id}",
    "/v1/lists",
    "/v1/audit",
    "/v1/audit/verify",
    "/v1/whoami",
    "/readyz",
  ]) {
    assert.ok(doc.paths[path], `${path} is documented`);
  }
  assert.equal(
    doc.paths["/v1/screen"].post.requestBody.content["application/json"].schema.required[0],
    "name",
  );
  const docs = await app.inject({ method: "GET", url: "/docs/" });
  assert.equal(docs.statusCode, 200);
  assert.match(docs.body, /swagger/i);
  await app.close();
  await store.close();
});

test("readyz: 503 when a list is older than the configured age or none is loaded", async () => {
  const { app, store } = await demoServer({ maxListAgeHours: 0.0000001 });
  await new Promise((r) => setTimeout(r, 5));
  const stale = await app.inject({ method: "GET", url: "/readyz" });
  assert.equal(stale.statusCode, 503);
  assert.match(stale.json().detail, /older than .* ofac/);
  await app.close();
  await store.close();
});

test("limits: 413, malformed JSON, invalid UTF-8, control characters, 429 per key; all problem+json", async () => {
  const { app, store } = await demoServer({ bodyLimit: 10_000, rateLimit: 3 });
  const post = (payload: string | Buffer, headers: Record<string, string> = {}) =>
    app.inject({
      method: "POST",
      url: "/v1/screen",
      headers: { "content-type": "application/json", ...headers },
      payload,
    });

  const big = await post(JSON.stringify({ name: "A".repeat(20_000) }));
  assert.equal(big.statusCode, 413);
  assert.equal(big.headers["content-type"], PROBLEM);
  const malformed = await post('{"name": "DAESH"');
  assert.equal(malformed.statusCode, 400);
  assert.match(malformed.json().detail, /not valid JSON/);
  const latin1 = await post(
    Buffer.concat([Buffer.from('{"name":"M'), Buffer.from([0xfc]), Buffer.from('LLER"}')]),
  );
  assert.equal(latin1.statusCode, 400);
  assert.match(latin1.json().detail, /not valid UTF-8/);
  await store.createKey({ name: "a", scopes: ["screen"], key: "key-a" });
  await store.createKey({ name: "b", scopes: ["screen"], key: "key-b" });
  const control = await post(JSON.stringify({ name: "DAE\u0000SH" }), { "x-api-key": "key-a" });
  assert.equal(control.statusCode, 400);
  assert.match(control.json().detail, /control characters/);
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++)
    statuses.push((await post('{"name":"DAESH"}', { "x-api-key": "key-a" })).statusCode);
  assert.deepEqual(statuses, [200, 200, 429]);
  const limited = await post('{"name":"DAESH"}', { "x-api-key": "key-a" });
  assert.equal(limited.headers["content-type"], PROBLEM);
  assert.match(limited.json().detail, /rate limit of 3 requests a minute/);
  assert.equal(
    (await post('{"name":"DAESH"}', { "x-api-key": "key-b" })).statusCode,
    200,
    "each key has its own budget",
  );
  await app.close();
  await store.close();
});

test("a real listening server answers over HTTP and keeps answering through a catalog reload", async () => {
  const { app, store, catalog } = await demoServer();
  await app.listen({ port: 0, host: "127.0.0.1" });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  let stop = false;
  const errors: string[] = [];
  let answered = 0;
  const client = async () => {
    while (!stop) {
      const r = await fetch(`${url}/v1/screen`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "DAESH" }),
      });
      const body = (await r.json()) as { hits: { id: string; listVersion: number }[] };
      if (r.status !== 200 || body.hits[0]?.id !== "ofac:8759")
        errors.push(`${r.status} ${JSON.stringify(body)}`);
      answered++;
    }
  };
  const clients = [client(), client(), client()];
  for (let i = 0; i < 3; i++) await catalog.reload();
  stop = true;
  await Promise.all(clients);
  assert.deepEqual(errors, []);
  assert.ok(answered > 0);
  await app.close();
  await store.close();
});

test("a batch above 1,000 queries is refused with 400 (10,001 too)", async () => {
  const { app, store } = await demoServer();
  for (const n of [1001, 10_001]) {
    const r = await app.inject({
      method: "POST",
      url: "/v1/screen/batch",
      payload: { queries: Array.from({ length: n }, (_, i) => ({ key: String(i), name: "X" })) },
    });
    assert.equal(r.statusCode, 400);
    assert.equal(r.headers["content-type"], PROBLEM);
  }
  assert.equal((await store.auditRecords({ limit: 1 })).length, 0);
  await app.close();
  await store.close();
});

test("POST /v1/lists/update (admin) runs in the background and swaps the new version in while requests go on", async () => {
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => {
    release = r;
  });
  let target: SqliteStore | undefined;
  const { app, store } = await demoServer({
    updateLists: async () => {
      await gate;
      for (const job of await planImport([DEMO], "ofac")) await importJob(target as SqliteStore, job);
    },
  });
  target = store;
  const first = (await store.currentVersions()).find((v) => v.source === "ofac")?.id ?? 0;
  await store.createKey({ name: "ops", scopes: ["admin"], key: "admin-key" });
  await store.createKey({ name: "teller", scopes: ["screen"], key: "screen-key" });
  assert.equal(
    (await app.inject({ method: "POST", url: "/v1/lists/update", headers: { "x-api-key": "screen-key" } }))
      .statusCode,
    403,
  );
  await app.listen({ port: 0, host: "127.0.0.1" });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const started = await fetch(`${url}/v1/lists/update`, {
    method: "POST",
    headers: { "x-api-key": "admin-key" },
  });
  assert.equal(started.status, 202);
  const again = await fetch(`${url}/v1/lists/update`, {
    method: "POST",
    headers: { "x-api-key": "admin-key" },
  });
  assert.equal(((await again.json()) as { status: string }).status, "already running");

  let stop = false;
  const errors: string[] = [];
  const versions = new Set<number>();
  const client = async () => {
    while (!stop) {
      const r = await fetch(`${url}/v1/screen`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": "screen-key" },
        body: JSON.stringify({ name: "Rosoboronexport" }),
      });
      const body = (await r.json()) as { hits: { source: string; listVersion: number }[] };
      // The built-in List of Specified Persons answers too, from its own version.
      const inAnswer = new Set(body.hits.filter((h) => h.source === "ofac").map((h) => h.listVersion));
      if (r.status !== 200 || inAnswer.size !== 1)
        errors.push(`${r.status} ${JSON.stringify(body).slice(0, 200)}`);
      for (const v of inAnswer) versions.add(v);
    }
  };
  const clients = [client(), client(), client()];
  release();
  const deadline = Date.now() + 20_000;
  let latest = first;
  for (;;) {
    const lists = (await (
      await fetch(`${url}/v1/lists`, { headers: { "x-api-key": "screen-key" } })
    ).json()) as {
      source: string;
      version: number;
    }[];
    latest = lists.find((l) => l.source === "ofac")?.version ?? 0;
    if (latest > first) break;
    assert.ok(Date.now() < deadline, "the new version was not swapped in");
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 100));
  stop = true;
  await Promise.all(clients);
  assert.deepEqual(errors, []);
  assert.ok(versions.has(latest), "answers come from the new version after the swap");
  assert.deepEqual(await store.verifyAudit(), {
    ok: true,
    records: (await store.auditRecords({ limit: 100_000 })).length,
  });
  await app.close();
  await store.close();
});

test("serve logs JSON lines on stdout without addresses or screened names", async (t) => {
  const { dir, store } = await demoStore();
  await store.close();
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--no-bootstrap"], {
    cwd: ROOT,
    env: { ...process.env, REDLINE_DATA_DIR: dir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  t.after(() => child.kill("SIGTERM"));
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 30_000);
    child.stderr.on("data", (d) => {
      stderr += d;
      const m = /listening on (http:\/\/\S+)/.exec(stderr);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  const r = await fetch(`${url}/v1/screen`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Vladimir Putin" }),
  });
  assert.equal(r.status, 200);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const lines = stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.ok(lines.some((l) => l.req?.route === "/v1/screen" && l.req?.method === "POST"));
  assert.ok(lines.some((l) => l.res?.statusCode === 200));
  assert.doesNotMatch(stdout, /Putin|remoteAddress|remotePort/);
});

test("POST /v1/scan marks parties and jurisdictions with offsets, audits the scan, and rejects bad bodies", async () => {
  const { app, store } = await demoServer();
  const text =
    "Officials said <b>Rosoboronexport</b> shipped to Iran; Kim Jong Un's envoy and Jane Doe watched.";
  const res = await app.inject({ method: "POST", url: "/v1/scan", payload: { text } });
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.format, "html");
  const seen = body.mentions.map((m: { kind: string; text: string }) => `${m.kind}:${m.text}`);
  assert.deepEqual(seen, ["party:Rosoboronexport", "jurisdiction:Iran", "party:Kim Jong Un"]);
  for (const m of body.mentions) assert.equal(text.slice(m.start, m.end), m.text);
  assert.equal(body.mentions[0].hits[0].sourceId, "18782");
  assert.equal(body.mentions[1].country, "IR");
  const records = await store.auditRecords({ limit: 1000 });
  const record = records[records.length - 1];
  assert.equal(record?.channel, "api-scan");
  assert.match(record?.query.name ?? "", /^scan of \d+ characters \(html\), sha256 [0-9a-f]{64}$/);
  // Rosoboronexport is met in the SDN entry and in the List of Specified Persons, Kim Jong Un in the SDN list.
  assert.deepEqual(record?.hits.map((h) => h.id).sort(), ["lsp:rosoboronexport", "ofac:18782", "ofac:20157"]);

  const empty = await app.inject({ method: "POST", url: "/v1/scan", payload: { text: "" } });
  assert.equal(empty.statusCode, 400);
  const format = await app.inject({ method: "POST", url: "/v1/scan", payload: { text: "x", format: "pdf" } });
  assert.equal(format.statusCode, 400);
  const spec = (await app.inject({ method: "GET", url: "/openapi.json" })).json();
  assert.ok(spec.paths["/v1/scan"]?.post, "the scan route is in the OpenAPI document");
});

test("POST /v1/assess answers the S-400 deal with a CAATSA §231 finding, audits it, and names a bad field", async () => {
  const { app, store } = await demoServer();
  const deal = {
    parties: [
      { name: "Ministry of National Defence of Ruritania", role: "buyer", country: "Ruritania" },
      { name: "Rosoboronexport", role: "seller", country: "RU" },
    ],
    goods: [{ description: "S-400 air-defence systems", category: "defence" }],
  };
  const res = await app.inject({ method: "POST", url: "/v1/assess", payload: deal });
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.verdict, "prohibited");
  const caatsa = body.findings.find((f: { rule: string }) => f.rule === "caatsa-231");
  assert.ok(caatsa.entries.some((e: { sourceId: string }) => e.sourceId === "18782"));
  assert.equal(caatsa.details.section235Measures.length, 12);
  const records = await store.auditRecords({ limit: 1000 });
  const record = records[records.length - 1];
  assert.equal(record?.channel, "api-assess");
  assert.equal(record?.options.verdict, "prohibited");

  const bad = await app.inject({
    method: "POST",
    url: "/v1/assess",
    payload: { parties: [{ name: "X", role: "buyer", owners: [{ name: "Y", share: 150 }] }] },
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().detail, /share/);
});

test("POST /v1/screen and /v1/screen/batch group hits by party; GET /v1/lists shows the built-in LSP last", async () => {
  const { app, store } = await demoServer();
  const res = await app.inject({ method: "POST", url: "/v1/screen", payload: { name: "Rosoboronexport" } });
  assert.equal(res.statusCode, 200);
  const body = res.json();
  const party = body.parties[0];
  assert.equal(party.party, "ofac:18782");
  assert.deepEqual(party.listings.map((l: { id: string }) => l.id).sort(), [
    "lsp:rosoboronexport",
    "ofac:18782",
  ]);
  assert.deepEqual(
    party.ties.map((t: { reason: string }) => t.reason),
    ["lsp:rosoboronexport cites OFAC entry number 18782"],
  );
  assert.equal(body.hits[0].party, "ofac:18782");
  const batch = await app.inject({
    method: "POST",
    url: "/v1/screen/batch",
    payload: { queries: [{ key: "a", name: "Rosoboronexport" }] },
  });
  assert.equal(batch.json().results[0].parties[0].party, "ofac:18782");
  const lists = (await app.inject({ method: "GET", url: "/v1/lists" })).json();
  assert.deepEqual(
    lists.map((l: { source: string; builtin: boolean }) => [l.source, l.builtin]),
    [
      ["ofac", false],
      ["lsp", true],
    ],
  );
  assert.match(lists[1].title, /List of Specified Persons/);
  await app.close();
  await store.close();
});
