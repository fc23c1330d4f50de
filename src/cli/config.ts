import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { DataError } from "../errors.ts";

/** Settings a config file may hold, and the environment variable each one stands for. */
export const CONFIG_KEYS: Record<string, string> = {
  dataDir: "REDLINE_DATA_DIR",
  databaseUrl: "DATABASE_URL",
  mirror: "REDLINE_MIRROR",
  host: "REDLINE_HOST",
  port: "REDLINE_PORT",
  maxListAge: "REDLINE_MAX_LIST_AGE",
  rateLimit: "REDLINE_RATE_LIMIT",
  logLevel: "REDLINE_LOG_LEVEL",
};

export const DEFAULT_CONFIG_FILE = "redline.config.json";

/**
 * Read the optional config file (`--config FILE`, else REDLINE_CONFIG, else ./redline.config.json when it
 * exists) into the environment, without overriding variables already set: flags beat the environment, and
 * the environment beats the file.
 */
export function applyConfigFile(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const named = explicit ?? env.REDLINE_CONFIG;
  const file = resolve(named ?? DEFAULT_CONFIG_FILE);
  if (!named && !existsSync(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new DataError("cannot read the config file", { file });
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw new DataError(`not valid JSON: ${(error as Error).message}`, { file });
  }
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new DataError("expected a JSON object of settings", { file });
  }
  for (const [key, value] of Object.entries(config)) {
    const variable = CONFIG_KEYS[key];
    if (!variable) {
      throw new DataError(`unknown setting; known: ${Object.keys(CONFIG_KEYS).join(", ")}`, {
        file,
        field: key,
      });
    }
    if (typeof value !== "string" && typeof value !== "number") {
      throw new DataError("expected a string or a number", { file, field: key });
    }
    if (env[variable] === undefined) env[variable] = String(value);
  }
  return file;
}
