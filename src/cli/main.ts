import { Command, InvalidArgumentError, Option } from "commander";
import { DataError, UsageError } from "../errors.ts";
import { SOURCE_IDS } from "../model/entity.ts";
import { DownloadError } from "../sources/download.ts";
import { BUILTIN_SOURCES } from "../sources/lsp.ts";
import { assessCommand } from "./commands/assess.ts";
import { auditExportCommand, auditVerifyCommand } from "./commands/audit.ts";
import { diffCommand } from "./commands/diff.ts";
import { importCommand } from "./commands/import.ts";
import {
  jobsResultsCommand,
  jobsStatusCommand,
  jobsSubmitCommand,
  monitorAddCommand,
  monitorShowCommand,
  workerCommand,
} from "./commands/jobs.ts";
import { keysCreateCommand, keysListCommand, keysRevokeCommand } from "./commands/keys.ts";
import { listsCommand } from "./commands/lists.ts";
import { migrateCommand } from "./commands/migrate.ts";
import { scanCommand } from "./commands/scan.ts";
import { screenCommand } from "./commands/screen.ts";
import { serveCommand } from "./commands/serve.ts";
import { updateCommand } from "./commands/update.ts";
import { applyConfigFile } from "./config.ts";
import { say } from "./context.ts";

/** Lists a screening can be limited to; every source, the built-in ones included. */
const SOURCES: string[] = [...SOURCE_IDS];
/** Lists that are imported or downloaded (the built-in ones ship with redline). */
const LOADABLE: string[] = SOURCE_IDS.filter((s) => !BUILTIN_SOURCES.includes(s));
const TYPES = ["person", "organization", "vessel", "aircraft"];

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number of 1 or more");
  return n;
}

function score(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new InvalidArgumentError("expected a score between 0 and 1");
  }
  return n;
}

function sourceList(value: string): string[] {
  const sources = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = sources.filter((s) => !SOURCES.includes(s));
  if (sources.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(
      `expected lists among ${SOURCES.join(", ")}${unknown.length ? `, not ${unknown.join(", ")}` : ""}`,
    );
  }
  return sources;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("expected a port number");
  return n;
}

/** Run an action and turn its failure into one line on stderr and the contract's exit code. */
function guarded<A extends unknown[]>(action: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (error) {
      if (error instanceof UsageError) {
        say(`redline: ${error.message}`);
        process.exitCode = 1;
      } else if (error instanceof DataError) {
        say(`redline: ${error.toString()}`);
        process.exitCode = 2;
      } else if (error instanceof DownloadError) {
        say(`redline: ${error.message}`);
        process.exitCode = 2;
      } else {
        const message = error instanceof Error ? error.message : String(error);
        say(`redline: ${message}`);
        if (process.env.REDLINE_DEBUG && error instanceof Error) say(error.stack ?? "");
        process.exitCode = 2;
      }
    }
  };
}

const program = new Command()
  .name("redline")
  .description("Screen names against official sanctions lists, with explanations.")
  .option("--data-dir <dir>", "where lists and the database live (env REDLINE_DATA_DIR, default ./.redline)")
  .option("--config <file>", "settings file (env REDLINE_CONFIG, default ./redline.config.json when present)")
  .showHelpAfterError()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

const sourceOption = () => new Option("--source <source>", "which list").choices(LOADABLE);

program
  .command("import")
  .description("import official list files or folders (format detected from content)")
  .argument("<path...>", "files or folders")
  .addOption(sourceOption())
  .option("--allow-shrink", "accept a version with less than half the entries of the one in service")
  .action(guarded((paths: string[], opts) => importCommand(paths, { ...program.opts(), ...opts })));

program
  .command("update")
  .description("download the official lists and import them")
  .addOption(sourceOption())
  .option("--mirror <url>", "fetch from a mirror laid out as URL/SOURCE/FILE (env REDLINE_MIRROR)")
  .option("--verbose", "log every request and retry")
  .action(guarded((opts) => updateCommand({ ...program.opts(), ...opts })));

program
  .command("lists")
  .description("show the list versions in service")
  .option("--json", "print JSON")
  .option("--all", "show every stored version, not only those in service")
  .action(guarded((opts) => listsCommand({ ...program.opts(), ...opts })));

program
  .command("diff")
  .description(
    "entries added, removed and changed (names, programs, identifiers) between two versions of a list",
  )
  .addOption(new Option("--source <source>", "which list").choices(SOURCES).makeOptionMandatory())
  .argument("[from]", "the older version (default: the version stored before TO)")
  .argument("[to]", "the newer version (default: the version in service)")
  .option("--json", "print JSON")
  .action(
    guarded((from: string | undefined, to: string | undefined, opts) =>
      diffCommand(from, to, { ...program.opts(), ...opts }),
    ),
  );

program
  .command("screen")
  .description("screen a name, or a CSV file of names with --input")
  .argument("[name]", "the name to screen")
  .addOption(new Option("--type <type>", "kind of party").choices(TYPES))
  .option("--dob <date>", "birth date or year (YYYY[-MM[-DD]])")
  .option("--country <country>", "country name or ISO code")
  .option("--id <number>", "an identifier (passport, IMO, tax ID…)")
  .option("--limit <n>", "at most this many hits per name", positiveInt)
  .option("--min-score <x>", "leave out hits below this score (0–1)", score)
  .addOption(
    new Option("--mode <mode>", "scoring: redline's own, or the score OFAC's search tool shows").choices([
      "redline",
      "ofac",
    ]),
  )
  .option("--lists <sources>", "only these lists, comma-separated (e.g. ofac,un)", sourceList)
  .option("--exclude-lists <sources>", "leave out these lists, comma-separated", sourceList)
  .option("--json", "print JSON")
  .option("--input <file>", "CSV with a header and a name column (optional type, country, dob, id)")
  .option("--output <file>", "write batch results to FILE.jsonl or FILE.csv (default: JSONL on stdout)")
  .action(guarded((name: string | undefined, opts) => screenCommand(name, { ...program.opts(), ...opts })));

program
  .command("scan")
  .description("mark listed parties and sanctioned jurisdictions in a document (text, HTML, MT103, pacs.008)")
  .argument("<file>", "the document, or - for standard input")
  .addOption(
    new Option("--format <format>", "how to read the input (default: from its content)").choices([
      "text",
      "html",
      "mt103",
      "pacs008",
    ]),
  )
  .option("--threshold <x>", "lowest score of a party mention (default 0.85)", score)
  .option("--lists <sources>", "only these lists, comma-separated (e.g. ofac,un)", sourceList)
  .option("--exclude-lists <sources>", "leave out these lists, comma-separated", sourceList)
  .option("--json", "print JSON")
  .option("--html", "print an HTML page with the mentions marked and an info card on each")
  .action(guarded((file: string, opts) => scanCommand(file, { ...program.opts(), ...opts })));

program
  .command("assess")
  .description(
    "assess a deal (JSON: parties with roles and countries, goods, value, date) under CAATSA and the other rules",
  )
  .argument("<file>", "the deal as JSON, or - for standard input")
  .option("--threshold <x>", "score at which a party counts as listed (default 0.85)", score)
  .option("--json", "print JSON")
  .option("--html", "print a printable HTML report")
  .action(guarded((file: string, opts) => assessCommand(file, { ...program.opts(), ...opts })));

program
  .command("serve")
  .description("run the HTTP API")
  .option("--port <port>", "port (env REDLINE_PORT, default 8080)", port)
  .option("--host <host>", "address to listen on (env REDLINE_HOST, default 127.0.0.1)")
  .option("--no-bootstrap", "do not download or load demo data when no list is loaded")
  .option(
    "--max-list-age <hours>",
    "/readyz fails when a list is older (env REDLINE_MAX_LIST_AGE, default 48)",
    positiveInt,
  )
  .option(
    "--rate-limit <n>",
    "requests a minute per API key (env REDLINE_RATE_LIMIT, default 6000)",
    positiveInt,
  )
  .addOption(
    new Option("--log-level <level>", "JSON logs on stdout (env REDLINE_LOG_LEVEL, default info)").choices([
      "silent",
      "error",
      "warn",
      "info",
      "debug",
    ]),
  )
  .action(guarded((opts) => serveCommand({ ...program.opts(), ...opts })));

program
  .command("migrate")
  .description("bring the database schema up to date (PostgreSQL with DATABASE_URL, else the SQLite file)")
  .action(guarded(() => migrateCommand(program.opts())));

const jobs = program
  .command("jobs")
  .description("batch screening of large files by worker processes (PostgreSQL: DATABASE_URL)");

jobs
  .command("submit")
  .description("split a CSV (name column; optional type, country, dob, id) into chunks for the workers")
  .argument("<file>", "the CSV file")
  .option("--wait", "wait until the job is done")
  .option("--output <file>", "with --wait: write the results to FILE.jsonl or FILE.csv")
  .option("--idempotency-key <key>", "submitting the same file with the same key again returns the same job")
  .option("--chunk-size <n>", "rows per chunk (default 1000)", positiveInt)
  .option("--limit <n>", "at most this many hits per name", positiveInt)
  .option("--min-score <x>", "leave out hits below this score (0–1)", score)
  .action(guarded((file: string, opts) => jobsSubmitCommand(file, { ...program.opts(), ...opts })));

jobs
  .command("status")
  .description("show a job's progress")
  .argument("<id>", "job id")
  .option("--json", "print JSON")
  .action(guarded((id: string, opts) => jobsStatusCommand(id, { ...program.opts(), ...opts })));

jobs
  .command("results")
  .description("write a finished job's results in input order (JSONL on stdout by default)")
  .argument("<id>", "job id")
  .option("--output <file>", "FILE.jsonl or FILE.csv")
  .action(guarded((id: string, opts) => jobsResultsCommand(id, { ...program.opts(), ...opts })));

program
  .command("worker")
  .description("take chunks of batch jobs from the queue and screen them, until stopped (PostgreSQL)")
  .option("--concurrency <n>", "chunks at once in this process (default 1)", positiveInt)
  .action(guarded((opts) => workerCommand({ ...program.opts(), ...opts })));

const monitor = program
  .command("monitor")
  .description("screen a customer file again on every list change and post what changed (PostgreSQL)");

monitor
  .command("add")
  .description("store a customer file and monitor it; workers screen it on every new list version")
  .argument("<file>", "the CSV file (name column; optional type, country, dob, id)")
  .requiredOption("--webhook <url>", "where the changes are posted (JSON, signed with HMAC-SHA256)")
  .requiredOption("--secret <secret>", "the webhook signing secret (16 characters or more)")
  .option("--name <name>", "what to call the monitor (default: the file name)")
  .option("--limit <n>", "at most this many hits per name", positiveInt)
  .option("--min-score <x>", "leave out hits below this score (0–1)", score)
  .action(guarded((file: string, opts) => monitorAddCommand(file, { ...program.opts(), ...opts })));

monitor
  .command("show")
  .description("a monitor's runs and what each found")
  .argument("<id>", "monitor id")
  .option("--json", "print JSON")
  .action(guarded((id: string, opts) => monitorShowCommand(id, { ...program.opts(), ...opts })));

const keys = program.command("keys").description("manage API keys for the HTTP API");

keys
  .command("create")
  .description("create an API key and print it once")
  .requiredOption("--scope <scopes>", "comma-separated: screen, admin")
  .requiredOption("--name <name>", "who or what the key is for")
  .action(guarded((opts) => keysCreateCommand({ ...program.opts(), ...opts })));

keys
  .command("list")
  .description("show API keys (never the keys themselves)")
  .option("--json", "print JSON")
  .action(guarded((opts) => keysListCommand({ ...program.opts(), ...opts })));

keys
  .command("revoke")
  .description("revoke an API key")
  .argument("<id>", "key id from `redline keys list`")
  .action(guarded((id: string) => keysRevokeCommand(id, program.opts())));

const audit = program.command("audit").description("check and export the audit trail of screenings");

audit
  .command("verify")
  .description("check the hash chain of the audit trail; names the first broken record")
  .action(guarded(() => auditVerifyCommand(program.opts())));

audit
  .command("export")
  .description("write audit records from a date on to stdout")
  .requiredOption("--since <date>", "first day (YYYY-MM-DD) or ISO timestamp")
  .addOption(new Option("--format <format>", "output format").choices(["jsonl", "csv"]).default("jsonl"))
  .action(guarded((opts) => auditExportCommand({ ...program.opts(), ...opts })));

program.hook("preAction", (command) => {
  try {
    applyConfigFile(command.opts().config ?? program.opts().config);
  } catch (error) {
    say(`redline: ${error instanceof DataError ? error.toString() : String(error)}`);
    process.exit(2);
  }
});

await program.parseAsync(process.argv);
