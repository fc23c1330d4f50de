import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, test } from "node:test";
import { DEMO, redline } from "./helpers/cli.ts";
import { freshDatabase, pgSkip } from "./helpers/pg.ts";
import { serve } from "./helpers/serve.ts";
import { tempDir } from "./helpers/tmp.ts";

const NEW_NAME = "NEWLY LISTED TRADING LLC";

/** A loopback mirror serving the demo OFAC files with one more entry: the next list version. */
async function nextVersionMirror(): Promise<string> {
  const files: Record<string, Buffer> = {};
  for (const f of ["sdn", "alt", "add"]) files[f] = readFileSync(join(DEMO, `${f}.csv`));
  // The legacy files end in the DOS end-of-file byte; the new entry goes before it.
  const sdn = (files.sdn as Buffer).toString("latin1").replace(String.fromCharCode(26), "");
  files.sdn = Buffer.from(
    `${sdn}990001,"${NEW_NAME}",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a`,
    "latin1",
  );
  const server = createServer((req, res) => {
    const m = /^\/ofac\/(sdn|alt|add)\.csv$/.exec(req.url ?? "");
    const body = m ? files[m[1] as string] : undefined;
    if (!body) {
      res.writeHead(404).end("not here");
      return;
    }
    res.writeHead(200, { "content-type": "text/csv", "content-length": body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  after(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Answer {
  hits: { id: string; source: string; name: string; listVersion: number }[];
}

test("two replicas and a list update under a stream of requests: no failed request, no answer from a mixed version", {
  skip: pgSkip,
  timeout: 120_000,
}, async () => {
  const url = await freshDatabase();
  const imported = await redline(["import", DEMO], { DATABASE_URL: url });
  assert.equal(imported.code, 0, imported.stderr);
  const mirror = await nextVersionMirror();
  const a = await serve({ DATABASE_URL: url, REDLINE_DATA_DIR: tempDir(), REDLINE_MIRROR: mirror });
  const b = await serve({ DATABASE_URL: url, REDLINE_DATA_DIR: tempDir() });

  const errors: string[] = [];
  const seen = new Map<string, number[]>([
    [a.url, []],
    [b.url, []],
  ]);
  let stop = false;
  let requests = 0;
  const client = async (replica: string, name: string) => {
    const deadline = Date.now() + 60_000;
    while (!stop && Date.now() < deadline) {
      requests++;
      try {
        const r = await fetch(`${replica}/v1/screen`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name }),
        });
        const body = (await r.json()) as Answer;
        const header = r.headers.get("x-redline-lists") ?? "";
        // source=version pairs: every hit must come from the version its header names for its list.
        const named = new Map(header.split(",").map((p) => p.split("=") as [string, string]));
        const version = Number(named.get("ofac"));
        const mixed = body.hits.filter((h) => Number(named.get(h.source)) !== h.listVersion);
        const hasNew = body.hits.some((h) => h.name === NEW_NAME);
        if (r.status !== 200) errors.push(`${replica} ${r.status} ${JSON.stringify(body)}`);
        else if (!(version > 0) || mixed.length > 0)
          errors.push(
            `${replica}: header ${header} with hits ${mixed.map((h) => `${h.id}@${h.listVersion}`)}`,
          );
        else if (name === NEW_NAME && hasNew !== version > 1)
          errors.push(`${replica}: version ${version} answered the new entry: ${hasNew}`);
        const versions = seen.get(replica) as number[];
        if (versions.at(-1) !== version) versions.push(version);
      } catch (error) {
        errors.push(`${replica}: ${(error as Error).message}`);
      }
    }
  };
  // A name in both versions and one only the new version lists (the old answers with a lesser hit).
  const clients = [a.url, b.url].flatMap((replica) => [
    client(replica, "Rosoboronexport"),
    client(replica, `${NEW_NAME} Rosoboronexport`),
    client(replica, NEW_NAME),
  ]);
  await new Promise((r) => setTimeout(r, 500));
  const started = await fetch(`${a.url}/v1/lists/update`, { method: "POST" });
  assert.equal(started.status, 202);
  const deadline = Date.now() + 60_000;
  const bothNew = async () => {
    for (const replica of [a.url, b.url]) {
      const lists = (await (await fetch(`${replica}/v1/lists`)).json()) as {
        source: string;
        version: number;
      }[];
      if ((lists.find((l) => l.source === "ofac")?.version ?? 1) === 1) return false;
    }
    return true;
  };
  while (!(await bothNew())) {
    assert.ok(Date.now() < deadline, `the new version did not reach both replicas: ${b.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 300));
  stop = true;
  await Promise.all(clients);
  assert.deepEqual(errors, []);
  assert.ok(requests > 50, `only ${requests} requests`);
  // Each replica went from the old version to the new one once, and never back.
  for (const replica of [a.url, b.url]) {
    const versions = seen.get(replica) as number[];
    assert.equal(versions.length, 2, `${replica} answered from versions ${versions.join(", ")}`);
    assert.ok(versions[0] === 1 && (versions[1] as number) > 1);
  }
  await a.stop();
  await b.stop();
  const verify = await redline(["audit", "verify"], { DATABASE_URL: url });
  assert.equal(verify.code, 0, verify.stderr);
  assert.match(verify.stdout, new RegExp(`intact: ${requests} records`));
});
