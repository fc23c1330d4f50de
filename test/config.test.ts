import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { applyConfigFile } from "../src/cli/config.ts";
import { DEMO, redline } from "./helpers/cli.ts";
import { tempDir } from "./helpers/tmp.ts";

test("a config file fills settings the environment leaves unset, and names a bad key", () => {
  const dir = tempDir();
  const file = join(dir, "redline.config.json");
  writeFileSync(
    file,
    JSON.stringify({ dataDir: "/from/file", mirror: "http://mirror.example", rateLimit: 50 }),
  );
  const env: NodeJS.ProcessEnv = { REDLINE_MIRROR: "http://from.env" };
  assert.equal(applyConfigFile(file, env), file);
  assert.equal(env.REDLINE_DATA_DIR, "/from/file");
  assert.equal(env.REDLINE_MIRROR, "http://from.env", "the environment beats the file");
  assert.equal(env.REDLINE_RATE_LIMIT, "50");
  writeFileSync(file, JSON.stringify({ dataDirectory: "x" }));
  assert.throws(() => applyConfigFile(file, {}), /field dataDirectory: unknown setting/);
  writeFileSync(file, "{ not json");
  assert.throws(() => applyConfigFile(file, {}), /not valid JSON/);
  assert.equal(applyConfigFile(undefined, {}), undefined, "no file, no settings");
});

test("the CLI reads --config, and a flag beats the file", async () => {
  const dir = tempDir();
  const fromFile = join(dir, "from-file");
  const config = join(dir, "settings.json");
  writeFileSync(config, JSON.stringify({ dataDir: fromFile }));
  const imported = await redline(["--config", config, "import", DEMO]);
  assert.equal(imported.code, 0, imported.stderr);
  const lists = await redline(["lists", "--json"], { REDLINE_CONFIG: config });
  assert.equal(JSON.parse(lists.stdout)[0].entities, 29);
  const flag = await redline(["--config", config, "--data-dir", join(dir, "other"), "lists", "--json"]);
  assert.deepEqual(JSON.parse(flag.stdout), []);
  writeFileSync(config, JSON.stringify({ colour: "red" }));
  const bad = await redline(["--config", config, "lists"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /settings\.json, field colour: unknown setting/);
});
