import { createReadStream } from "node:fs";
import type { SaxesParser } from "saxes";
import { DataError } from "../errors.ts";

/**
 * Stream a file through a saxes parser whose handlers are already attached. Read errors and XML errors
 * become DataErrors naming the file and line; an unclosed root is reported as a truncated file.
 */
export async function streamXml(
  parser: SaxesParser,
  path: string,
  root: { name: string; seen: () => boolean; closed: () => boolean },
): Promise<number> {
  let lastLine = 1;
  try {
    for await (const chunk of createReadStream(path, { encoding: "utf8" })) {
      parser.write(chunk as string);
    }
    lastLine = parser.line;
    parser.close();
  } catch (err) {
    if (err instanceof DataError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (typeof e.code === "string") throw new DataError(`cannot read the file: ${e.message}`, { file: path });
    // saxes prefixes "line:column: "; the line goes into `where` instead.
    const message = String(e.message ?? err).replace(/^\d+:\d+:\s*/, "");
    throw new DataError(`malformed or truncated XML: ${message}`, { file: path, line: parser.line });
  }
  if (!root.seen() || !root.closed()) {
    throw new DataError(`truncated file: <${root.name}> is not closed`, { file: path, line: lastLine });
  }
  return lastLine;
}
