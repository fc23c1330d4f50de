import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, test } from "node:test";
import { BIN, DEMO, ROOT, redline } from "./helpers/cli.ts";
import { tempDir } from "./helpers/tmp.ts";

/** A mirror that serves the demo files as the `ofac` source and 404 for everything else. */
async function mirror(): Promise<{ url: string; server: Server; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? "");
    const match = /^\/ofac\/(sdn|alt|add)\.csv$/.exec(req.url ?? "");
    if (!match) {
      res.writeHead(404).end("not here");
      return;
    }
    const body = readFileSync(join(DEMO, `${match[1]}.csv`));
    res.writeHead(200, {
      "content-type": "text/csv",
      "content-length": body.length,
      "last-modified": "Fri, 03 May 2024 18:43:00 GMT",
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  after(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, hits };
}

test("update --source ofac --mirror fetches, checks and imports, recording Last-Modified as publication date", async () => {
  const m = await mirror();
  const env = { REDLINE_DATA_DIR: tempDir() };
  const result = await redline(["update", "--source", "ofac", "--mirror", m.url], env);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /updated ofac version 1: 29 entries/);
  assert.ok(m.hits.includes("/ofac/sdn.csv") && m.hits.includes("/ofac/add.csv"));
  const [list] = JSON.parse((await redline(["lists", "--json"], env)).stdout);
  assert.equal(list.published, "2024-05-03T18:43:00.000Z");
  assert.equal(Object.keys(list.checksums).sort().join(), "add.csv,alt.csv,sdn.csv");
});

test("update without network says so in one line per source and exits 2", async () => {
  const env = { REDLINE_DATA_DIR: tempDir(), REDLINE_MIRROR: "http://127.0.0.1:1" };
  const result = await redline(["update", "--source", "un"], env);
  assert.equal(result.code, 2);
  assert.match(
    result.stderr,
    /un: update failed: could not reach http:\/\/127\.0\.0\.1:1\/un\/consolidated\.xml/,
  );
  assert.match(result.stderr, /to load lists without network use `redline import FILE`/);
});

test("serve on a fresh data dir without network loads the demo list, says so loudly, and answers", async (t) => {
  const dataDir = tempDir();
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0"], {
    cwd: ROOT,
    env: { ...process.env, REDLINE_DATA_DIR: dataDir, REDLINE_MIRROR: "http://127.0.0.1:1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  t.after(() => child.kill("SIGTERM"));
  let stderr = "";
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
    child.on("exit", (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
  });
  assert.match(stderr, /DEMO DATA LOADED/);
  assert.match(stderr, /redline update/);

  const health = await fetch(`${url}/healthz`);
  assert.equal(health.status, 200);
  const lists = (await (await fetch(`${url}/v1/lists`)).json()) as { note?: string }[];
  assert.match(lists[0]?.note ?? "", /DEMO/);

  const screened = await fetch(`${url}/v1/screen`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Rosoboronexport", limit: 3 }),
  });
  assert.equal(screened.status, 200);
  const answer = (await screened.json()) as {
    hits: { sourceId: string; explanation: { summary: string } }[];
  };
  assert.equal(answer.hits[0]?.sourceId, "18782");

  const bad = await fetch(`${url}/v1/screen`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "", type: "ship" }),
  });
  assert.equal(bad.status, 400);
  assert.equal(bad.headers.get("content-type"), "application/problem+json; charset=utf-8");
  const problem = (await bad.json()) as { detail: string; status: number };
  assert.equal(problem.status, 400);
  assert.match(problem.detail, /name|type/);

  const page = await fetch(`${url}/`);
  assert.match(await page.text(), /<title>redline/);
});
