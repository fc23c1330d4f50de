import { randomBytes } from "node:crypto";
import { UsageError } from "../../errors.ts";
import type { Scope } from "../../store/store.ts";
import { dataDir, openStore, say } from "../context.ts";

const SCOPES: readonly Scope[] = ["screen", "admin"];

/** Parse `--scope screen,admin` into scopes, or throw naming the bad one. */
export function parseScopes(value: string): Scope[] {
  const scopes = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (scopes.length === 0) throw new UsageError("--scope needs at least one of screen, admin");
  for (const s of scopes) {
    if (!SCOPES.includes(s as Scope)) throw new UsageError(`unknown scope "${s}": use screen, admin`);
  }
  return [...new Set(scopes)] as Scope[];
}

/** `redline keys create`: make a key and print it once; only its hash is kept. */
export async function keysCreateCommand(opts: {
  dataDir?: string;
  scope: string;
  name: string;
}): Promise<void> {
  const scopes = parseScopes(opts.scope);
  if (!opts.name.trim()) throw new UsageError("--name must not be empty");
  const key = `rl_${randomBytes(32).toString("base64url")}`;
  const store = openStore(dataDir(opts.dataDir));
  try {
    const created = await store.createKey({ name: opts.name.trim(), scopes, key });
    process.stdout.write(`${key}\n`);
    say(`key ${created.id} "${created.name}" (${scopes.join(", ")}) created; it is shown only this once`);
  } finally {
    await store.close();
  }
}

/** `redline keys list`: every key with its scopes and state, never the secret. */
export async function keysListCommand(opts: { dataDir?: string; json?: boolean }): Promise<void> {
  const store = openStore(dataDir(opts.dataDir));
  try {
    const keys = await store.listKeys();
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(keys, null, 2)}\n`);
      return;
    }
    if (keys.length === 0)
      say("no API keys: create one with `redline keys create --scope screen --name NAME`");
    for (const k of keys) {
      const state = k.revoked ? `revoked ${k.revoked}` : "active";
      process.stdout.write(`${k.id}\t${k.name}\t${k.scopes.join(",")}\tcreated ${k.created}\t${state}\n`);
    }
  } finally {
    await store.close();
  }
}

/** `redline keys revoke ID`: the key stops working at once, on every server using this store. */
export async function keysRevokeCommand(id: string, opts: { dataDir?: string }): Promise<void> {
  const n = Number(id);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`"${id}" is not a key id (see \`redline keys list\`)`);
  const store = openStore(dataDir(opts.dataDir));
  try {
    if (!(await store.revokeKey(n))) throw new UsageError(`no active key ${n} (see \`redline keys list\`)`);
    say(`key ${n} revoked`);
  } finally {
    await store.close();
  }
}
