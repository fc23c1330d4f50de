import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DownloadError, type DownloadOptions, downloadSource, sourceFiles } from "../src/sources/download.ts";

// An ambient proxy on the machine running the tests would capture the requests to 127.0.0.1.
const PROXY_VARS = ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy"];
const savedEnv = new Map(PROXY_VARS.map((k) => [k, process.env[k]]));
before(() => {
  for (const k of PROXY_VARS) delete process.env[k];
});
after(() => {
  for (const [k, v] of savedEnv) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

// OFAC's legacy CSVs: CRLF line ends, "-0- " for empty fields, and a DOS end-of-file byte (0x1A) at the end.
const SDN = Buffer.from(
  '36,"AEROCARIBBEAN AIRLINES","-0- ","CUBA","-0- ","-0- ","-0- ","-0- ","-0- ","-0- ","-0- ","-0- "\r\n' +
    '173,"ANGLO-CARIBBEAN CO., LTD.","-0- ","CUBA","-0- ","-0- ","-0- ","-0- ","-0- ","-0- ","-0- ","-0- "\r\n\x1A',
  "latin1",
);
const ALT = Buffer.from('36,12,"aka","AERO-CARIBBEAN","-0- "\r\n\x1A', "latin1");
const ADD = Buffer.from(
  '36,25,"-0- ","Havana","Cuba","-0- "\r\n173,129,"Ibex House","London","United Kingdom","-0- "\r\n\x1A',
  "latin1",
);
const COMMENTS = Buffer.from('306,"...continued remarks"\r\n\x1A', "latin1");
const OFAC_SET: Record<string, Buffer> = {
  "sdn.csv": SDN,
  "alt.csv": ALT,
  "add.csv": ADD,
  "sdn_comments.csv": COMMENTS,
};
const UN_XML = Buffer.from(
  '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<CONSOLIDATED_LIST xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" dateGenerated="2024-05-01T00:00:00Z">\n' +
    "<INDIVIDUALS><INDIVIDUAL><DATAID>6908555</DATAID><FIRST_NAME>RI</FIRST_NAME></INDIVIDUAL></INDIVIDUALS>\n" +
    "<ENTITIES/></CONSOLIDATED_LIST>\n",
  "utf8",
);
const HTML = Buffer.from(
  "<!DOCTYPE html>\n<html><head><title>Service unavailable</title></head><body></body></html>",
);
const LAST_MODIFIED = "Wed, 01 May 2024 13:45:00 GMT";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface TestServer {
  url: string;
  /** Request paths (or absolute URIs, for the proxy) in the order they arrived. */
  hits: string[];
  close: () => Promise<void>;
}

async function serve(handler: Handler): Promise<TestServer> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? "");
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, body: Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(200, {
    "content-type": "application/octet-stream",
    "content-length": String(body.length),
    "last-modified": LAST_MODIFIED,
    ...headers,
  });
  res.end(body);
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { "content-type": "text/plain" });
  res.end("not found");
}

/** Serves `files` under /<source>/<name>, the mirror layout. */
function mirrorHandler(source: string, files: Record<string, Buffer>): Handler {
  return (req, res) => {
    const name = req.url?.startsWith(`/${source}/`) ? req.url.slice(source.length + 2) : undefined;
    const body = name !== undefined ? files[name] : undefined;
    if (body) send(res, body);
    else notFound(res);
  };
}

const tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "redline-download-"));
  tempDirs.push(dir);
  return dir;
}
after(async () => {
  await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function options(extra: Partial<DownloadOptions> = {}): Promise<DownloadOptions & { lines: string[] }> {
  const lines: string[] = [];
  return {
    destDir: await tempDir(),
    timeoutMs: 2000,
    idleTimeoutMs: 2000,
    retries: 1,
    retryBaseMs: 5,
    log: (line) => lines.push(line),
    lines,
    ...extra,
  };
}

async function rejection(p: Promise<unknown>): Promise<DownloadError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof DownloadError, `expected a DownloadError, got ${String(err)}`);
    return err;
  }
  assert.fail("expected the download to fail");
}

describe("sourceFiles", () => {
  test("lists the table entries with official URLs first and legacy fallbacks second", () => {
    const ofac = sourceFiles("ofac");
    assert.deepEqual(
      ofac.map((f) => f.name),
      ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"],
    );
    const sdn = ofac[0];
    assert.equal(
      sdn?.urls[0],
      "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV",
    );
    assert.equal(sdn?.urls[1], "https://www.treasury.gov/ofac/downloads/sdn.csv");
    assert.equal(sdn?.kind, "ofac-csv");
    assert.deepEqual(
      ofac.filter((f) => f.optional).map((f) => f.name),
      ["sdn_comments.csv"],
    );
    assert.deepEqual(
      sourceFiles("ofac-cons").map((f) => f.name),
      ["cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv"],
    );
    const [un] = sourceFiles("un");
    assert.equal(un?.root, "CONSOLIDATED_LIST");
    assert.equal(un?.urls[0], "https://scsanctions.un.org/resources/xml/en/consolidated.xml");
  });
});

describe("downloadSource", () => {
  test("fetches a good OFAC CSV set from the mirror layout, byte for byte", async () => {
    const server = await serve(mirrorHandler("ofac", OFAC_SET));
    try {
      const progress: number[] = [];
      const opts = await options({ mirror: `${server.url}/`, onProgress: (e) => progress.push(e.bytes) });
      const got = await downloadSource("ofac", opts);
      assert.deepEqual(server.hits, [
        "/ofac/sdn.csv",
        "/ofac/alt.csv",
        "/ofac/add.csv",
        "/ofac/sdn_comments.csv",
      ]);
      assert.deepEqual(Object.keys(got.files), Object.keys(OFAC_SET));
      for (const [name, bytes] of Object.entries(OFAC_SET)) {
        assert.equal(got.files[name], join(opts.destDir, name));
        assert.deepEqual(await readFile(join(opts.destDir, name)), bytes);
        assert.equal(got.urls[name], `${server.url}/ofac/${name}`);
      }
      assert.equal(got.lastModified, "2024-05-01T13:45:00.000Z");
      assert.ok(progress.length >= 4);
      assert.deepEqual(
        (await readdir(opts.destDir)).sort(),
        Object.keys(OFAC_SET).sort(),
        "no temp files left",
      );
    } finally {
      await server.close();
    }
  });

  test("fetches the UN XML and checks its root element", async () => {
    const server = await serve(mirrorHandler("un", { "consolidated.xml": UN_XML }));
    try {
      const opts = await options({ mirror: server.url });
      const got = await downloadSource("un", opts);
      assert.deepEqual(await readFile(got.files["consolidated.xml"] ?? ""), UN_XML);
    } finally {
      await server.close();
    }
  });

  test("rejects XML whose root is not the expected element", async () => {
    const server = await serve(
      mirrorHandler("un", {
        "consolidated.xml": Buffer.from('<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>'),
      }),
    );
    try {
      const err = await rejection(downloadSource("un", await options({ mirror: server.url })));
      assert.match(err.message, /not a CONSOLIDATED_LIST document/);
    } finally {
      await server.close();
    }
  });

  test("follows redirects, as the Sanctions List Service answers with one", async () => {
    const server = await serve((req, res) => {
      if (req.url === "/un/consolidated.xml") {
        res.writeHead(302, { location: "/storage/consolidated.xml?signature=abc" });
        res.end();
      } else if (req.url?.startsWith("/storage/")) send(res, UN_XML);
      else notFound(res);
    });
    try {
      const got = await downloadSource("un", await options({ mirror: server.url }));
      assert.deepEqual(await readFile(got.files["consolidated.xml"] ?? ""), UN_XML);
      assert.deepEqual(server.hits, ["/un/consolidated.xml", "/storage/consolidated.xml?signature=abc"]);
    } finally {
      await server.close();
    }
  });

  test("a truncated transfer (Content-Length larger than what arrives) is retried, then reported", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-length": "1000" });
      res.write(UN_XML.subarray(0, 50), () => res.socket?.destroy());
    });
    try {
      const opts = await options({ mirror: server.url, retries: 1 });
      const err = await rejection(downloadSource("un", opts));
      assert.equal(server.hits.length, 2, "one retry");
      assert.match(err.message, /transfer truncated: received 50 of 1000 bytes \(2 attempts\)/);
      assert.match(err.message, /redline import/);
      assert.deepEqual(await readdir(opts.destDir), [], "the partial file is removed");
    } finally {
      await server.close();
    }
  });

  test("a chunked transfer cut off midway is reported as interrupted, not as an unreachable host", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200);
      res.write(UN_XML.subarray(0, 40), () => setTimeout(() => res.socket?.destroy(), 10));
    });
    try {
      const err = await rejection(downloadSource("un", await options({ mirror: server.url, retries: 0 })));
      assert.match(err.message, /consolidated\.xml: transfer interrupted after 40 bytes/);
      assert.doesNotMatch(err.message, /could not reach/);
    } finally {
      await server.close();
    }
  });

  test("a 500 is retried and the second answer is used", async () => {
    let calls = 0;
    const server = await serve((_req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(500);
        res.end("oops");
      } else send(res, UN_XML);
    });
    try {
      const opts = await options({ mirror: server.url });
      const got = await downloadSource("un", opts);
      assert.equal(calls, 2);
      assert.deepEqual(await readFile(got.files["consolidated.xml"] ?? ""), UN_XML);
      assert.ok(opts.lines.some((l) => /HTTP 500; retrying in \d+ ms \(attempt 2 of 2\)/.test(l)));
    } finally {
      await server.close();
    }
  });

  test("a 500 forever gives a clear error after all retries", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(500);
      res.end();
    });
    try {
      const err = await rejection(downloadSource("un", await options({ mirror: server.url, retries: 3 })));
      assert.equal(server.hits.length, 4);
      assert.equal(
        err.message,
        `${server.url}/un/consolidated.xml: HTTP 500 (4 attempts); to load lists without network use \`redline import FILE\``,
      );
      assert.equal(err.source, "un");
      assert.equal(err.file, "consolidated.xml");
      assert.equal(err.network, false);
      assert.equal(err.failures[0]?.status, 500);
    } finally {
      await server.close();
    }
  });

  test("an HTML page served with 200 is rejected and the fallback URL is used", async () => {
    const portal = await serve((_req, res) =>
      send(res, HTML, { "content-type": "text/html; charset=utf-8" }),
    );
    const good = await serve(mirrorHandler("ofac", OFAC_SET));
    try {
      const opts = await options({ mirror: [portal.url, good.url] });
      const got = await downloadSource("ofac", opts);
      assert.equal(portal.hits.length, 4, "each file tried once at the portal, no retry of an HTML answer");
      assert.equal(got.urls["sdn.csv"], `${good.url}/ofac/sdn.csv`);
      assert.deepEqual(await readFile(got.files["sdn.csv"] ?? ""), SDN);
      assert.ok(opts.lines.some((l) => l.includes("returned an HTML page, not the list file")));
    } finally {
      await portal.close();
      await good.close();
    }
  });

  test("an HTML page without an HTML Content-Type is recognised by its first bytes", async () => {
    const server = await serve((_req, res) => send(res, Buffer.concat([Buffer.from("\uFEFF \r\n"), HTML])));
    try {
      const err = await rejection(downloadSource("ofac", await options({ mirror: server.url })));
      assert.match(err.message, /\/ofac\/sdn\.csv returned an HTML page, not the list file; to load lists/);
    } finally {
      await server.close();
    }
  });

  test("an empty body and a body that is not an OFAC row are rejected", async () => {
    const empty = await serve((_req, res) => send(res, Buffer.alloc(0)));
    const junk = await serve((_req, res) => send(res, Buffer.from("ent_num,SDN_Name\r\n36,x\r\n")));
    try {
      const e1 = await rejection(downloadSource("ofac", await options({ mirror: empty.url })));
      assert.match(e1.message, /returned an empty body/);
      const e2 = await rejection(downloadSource("ofac", await options({ mirror: junk.url })));
      assert.match(e2.message, /not an OFAC CSV file \(it starts "ent_num,SDN_Name/);
    } finally {
      await empty.close();
      await junk.close();
    }
  });

  test("a stall after the headers is aborted by the idle timeout", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-length": String(UN_XML.length) });
      res.write(UN_XML.subarray(0, 10));
    });
    try {
      const started = Date.now();
      const opts = await options({ mirror: server.url, idleTimeoutMs: 150, retries: 1 });
      const err = await rejection(downloadSource("un", opts));
      const elapsed = Date.now() - started;
      assert.ok(elapsed < 1500, `took ${elapsed} ms`);
      assert.match(err.message, /download stalled: no data for 150 ms \(2 attempts\)/);
      assert.equal(server.hits.length, 2);
    } finally {
      await server.close();
    }
  });

  test("connection refused says it could not reach the URL and points to redline import", async () => {
    const server = await serve(() => {});
    const url = server.url;
    await server.close();
    const err = await rejection(downloadSource("ofac", await options({ mirror: url })));
    assert.match(
      err.message,
      /^could not reach http:\/\/127\.0\.0\.1:\d+\/ofac\/sdn\.csv: connection refused/,
    );
    assert.ok(err.message.includes("; to load lists without network use `redline import FILE`"));
    assert.equal(err.message.includes("\n"), false, "one line");
    assert.equal(err.network, true);
  });

  test("an optional comments file that is not published is skipped; a stale copy is removed", async () => {
    const { "sdn_comments.csv": _, ...withoutComments } = OFAC_SET;
    const server = await serve(mirrorHandler("ofac", withoutComments));
    try {
      const opts = await options({ mirror: server.url });
      await writeFile(join(opts.destDir, "sdn_comments.csv"), "1,old\r\n");
      const got = await downloadSource("ofac", opts);
      assert.deepEqual(Object.keys(got.files), ["sdn.csv", "alt.csv", "add.csv"]);
      assert.deepEqual((await readdir(opts.destDir)).sort(), ["add.csv", "alt.csv", "sdn.csv"]);
      assert.equal(
        server.hits.filter((h) => h === "/ofac/sdn_comments.csv").length,
        1,
        "a 404 is not retried",
      );
    } finally {
      await server.close();
    }
  });

  test("a required file that is not published fails, and nothing is moved into place", async () => {
    const { "add.csv": _, ...withoutAdd } = OFAC_SET;
    const server = await serve(mirrorHandler("ofac", withoutAdd));
    try {
      const opts = await options({ mirror: server.url });
      const err = await rejection(downloadSource("ofac", opts));
      assert.match(err.message, /\/ofac\/add\.csv: HTTP 404;/);
      assert.equal(err.file, "add.csv");
      assert.deepEqual(await readdir(opts.destDir), []);
    } finally {
      await server.close();
    }
  });

  test("HTTP_PROXY is honoured: requests go through the proxy as absolute URIs", async () => {
    const origin = await serve(mirrorHandler("un", { "consolidated.xml": UN_XML }));
    const target = new URL(origin.url);
    // A forward proxy for plain-HTTP targets: it sends every host to the origin server, so the made-up host name
    // below can only resolve through it.
    const proxy = await serve((req, res) => {
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: new URL(req.url ?? "").pathname,
          method: req.method,
          headers: req.headers,
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on("error", () => res.destroy());
      req.pipe(upstream);
    });
    process.env.HTTP_PROXY = proxy.url;
    try {
      const got = await downloadSource("un", await options({ mirror: "http://lists.redline.invalid" }));
      assert.deepEqual(proxy.hits, ["http://lists.redline.invalid/un/consolidated.xml"]);
      assert.deepEqual(origin.hits, ["/un/consolidated.xml"]);
      assert.deepEqual(await readFile(got.files["consolidated.xml"] ?? ""), UN_XML);
    } finally {
      delete process.env.HTTP_PROXY;
      await proxy.close();
      await origin.close();
    }
  });

  test("NO_PROXY sends matching hosts around the proxy", async () => {
    const origin = await serve(mirrorHandler("un", { "consolidated.xml": UN_XML }));
    const proxy = await serve((_req, res) => {
      res.writeHead(502);
      res.end();
    });
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = "127.0.0.1";
    try {
      await downloadSource("un", await options({ mirror: origin.url }));
      assert.deepEqual(proxy.hits, []);
      assert.deepEqual(origin.hits, ["/un/consolidated.xml"]);
    } finally {
      delete process.env.HTTP_PROXY;
      delete process.env.NO_PROXY;
      await proxy.close();
      await origin.close();
    }
  });

  test("a mirror that is not an http(s) URL is a usage error", async () => {
    await assert.rejects(downloadSource("un", await options({ mirror: "/srv/lists" })), {
      name: "UsageError",
      message: 'mirror must be an http:// or https:// URL, not "/srv/lists"',
    });
  });
});
