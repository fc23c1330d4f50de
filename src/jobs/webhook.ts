import { createHmac } from "node:crypto";

/** Headers that sign a webhook body: HMAC-SHA256 over `TIMESTAMP.BODY` with the monitor's secret. */
export function signature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * POST a JSON body to a webhook, signed (`X-Redline-Signature`, `X-Redline-Timestamp`) and named
 * (`X-Redline-Delivery`, the same on every retry, so a receiver can drop repeats). Throws unless it
 * answers 2xx within the timeout, so the queue retries it.
 */
export async function deliver(
  url: string,
  secret: string,
  delivery: string,
  payload: unknown,
  timeoutMs = 10_000,
): Promise<void> {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-redline-event": "monitor.changes",
      "x-redline-delivery": delivery,
      "x-redline-timestamp": String(timestamp),
      "x-redline-signature": signature(secret, timestamp, body),
    },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new Error(`webhook ${url} answered ${response.status}`);
}
