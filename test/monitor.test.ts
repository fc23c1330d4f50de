import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, test } from "node:test";
import { diffResults } from "../src/batch/diff.ts";
import type { RowResult } from "../src/batch/rows.ts";
import type { Hit } from "../src/match/types.ts";
import { DEMO, redline } from "./helpers/cli.ts";
import { freshDatabase, pgSkip } from "./helpers/pg.ts";
import { start } from "./helpers/serve.ts";
import { tempDir } from "./helpers/tmp.ts";

function hit(id: string, score: number, match = score >= 0.85): Hit {
  return { id, name: id.toUpperCase(), score, match } as Hit;
}

function row(n: number, hits: Hit[]): RowResult {
  return { row: n, name: `name ${n}`, hits };
}

test("diff: new hits, hits gone and scores crossing the threshold, and nothing for unchanged rows", () => {
  const before = [
    row(1, [hit("a", 0.9)]),
    row(2, [hit("b", 0.8)]),
    row(3, [hit("c", 0.95)]),
    row(4, [hit("d", 1)]),
  ];
  const after = [
    row(1, []),
    row(2, [hit("b", 0.88), hit("e", 0.75)]),
    row(3, [hit("c", 0.7)]),
    row(4, [hit("d", 1)]),
  ];
  const d = diffResults(before, after);
  assert.deepEqual(
    d.goneHits.map((h) => [h.row, h.id]),
    [[1, "a"]],
  );
  assert.deepEqual(
    d.newHits.map((h) => [h.row, h.id, h.score]),
    [[2, "e", 0.75]],
  );
  assert.deepEqual(
    d.crossed.map((c) => [c.row, c.id, c.before, c.after, c.direction]),
    [
      [2, "b", 0.8, 0.88, "up"],
      [3, "c", 0.95, 0.7, "down"],
    ],
  );
  assert.deepEqual(diffResults(before, before), { newHits: [], goneHits: [], crossed: [] });
});

/** The demo OFAC files without entry 36 (AEROCARIBBEAN AIRLINES) and with one new entry: the next version. */
function nextVersion(dir: string): string {
  const out = join(dir, "ofac-v2");
  mkdirSync(out);
  for (const f of ["sdn", "alt", "add"]) {
    const lines = readFileSync(join(DEMO, `${f}.csv`), "latin1")
      .split("\n")
      .filter((l) => !l.startsWith("36,"));
    if (f === "sdn")
      lines.unshift(
        '990001,"NEWLY LISTED TRADING LLC",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r',
      );
    writeFileSync(join(out, `${f}.csv`), lines.join("\n"), "latin1");
  }
  return out;
}

test("monitoring: a new list version re-screens the stored file and posts only the changes, signed", {
  skip: pgSkip,
  timeout: 120_000,
}, async () => {
  const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  const hook = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => {
      body += d;
    });
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      // The first delivery fails: the queue must try again with the same delivery id.
      res.writeHead(received.length === 1 ? 503 : 204).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
  after(() => hook.close());
  const webhook = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hooks/redline`;

  const url = await freshDatabase();
  const env = { DATABASE_URL: url, REDLINE_DATA_DIR: tempDir() };
  assert.equal((await redline(["import", DEMO], env)).code, 0);
  const dir = tempDir();
  const book = join(dir, "book.csv");
  writeFileSync(book, "name\nAerocaribbean Airlines\nNewly Listed Trading LLC\nJane Smith\nDAESH\n");
  const secret = "a-long-shared-secret";
  const added = await redline(
    ["monitor", "add", book, "--webhook", webhook, "--secret", secret, "--name", "book"],
    env,
  );
  assert.equal(added.code, 0, added.stderr);
  assert.match(added.stderr, /monitor 1: 4 rows of .*book\.csv; first screening is job 1/);
  const worker = start(["worker"], env);
  await worker.waitFor(/worker: ready/);
  const waitFor = async (check: () => Promise<boolean>, what: string) => {
    const deadline = Date.now() + 60_000;
    while (!(await check())) {
      assert.ok(Date.now() < deadline, `${what}: ${worker.stderr()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const show = async () => JSON.parse((await redline(["monitor", "show", "1", "--json"], env)).stdout);
  await waitFor(
    async () => (await show()).runs[0]?.report?.baseline === true,
    "the first screening was not reported",
  );
  assert.equal(received.length, 0, "the first screening is the baseline: nothing to post");

  const imported = await redline(["import", nextVersion(dir)], env);
  assert.equal(imported.code, 0, imported.stderr);
  await waitFor(
    async () => received.length >= 2,
    "the changes were not posted (and posted again after a 503)",
  );
  const [failed, delivered] = received;
  assert.equal(failed?.headers["x-redline-delivery"], delivered?.headers["x-redline-delivery"]);
  const { headers, body } = delivered as (typeof received)[number];
  const expected = createHmac("sha256", secret)
    .update(`${headers["x-redline-timestamp"]}.${body}`)
    .digest("hex");
  assert.equal(headers["x-redline-signature"], `sha256=${expected}`);
  const payload = JSON.parse(body);
  assert.equal(payload.event, "monitor.changes");
  // The run that found the changes is the one for the new OFAC version (the built-in LSP list is beside it).
  assert.equal(payload.previousLists.ofac, 1);
  assert.ok(payload.lists.ofac > 1);
  assert.deepEqual(
    payload.changes.goneHits.map((h: { row: number; id: string }) => [h.row, h.id]),
    [[1, "ofac:36"]],
  );
  assert.deepEqual(
    payload.changes.newHits.map((h: { row: number; id: string; match: boolean }) => [h.row, h.id, h.match]),
    [[2, "ofac:990001", true]],
  );
  assert.deepEqual(payload.changes.crossed, []);
  assert.deepEqual(payload.counts, { newHits: 1, goneHits: 1, crossed: 0 });
  const text = await redline(["monitor", "show", "1"], env);
  assert.match(
    text.stdout,
    new RegExp(
      `job ${payload.job} for \\{[^}]*"ofac":${payload.lists.ofac}[^}]*\\}: 1 new hits, 1 gone, 0 crossed the threshold, posted`,
    ),
  );
  await worker.stop();
});
