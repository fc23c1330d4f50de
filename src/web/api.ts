/** The page's only way to the server: the public HTTP API, with the caller's key when one is needed. */

const KEY = "redline.apiKey";

/** An API answer that is not a success, with the server's own explanation. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The API key kept for this browser tab, if any. */
export function savedKey(): string | null {
  return sessionStorage.getItem(KEY);
}

/** Keep (or with null forget) the API key for this browser tab. */
export function saveKey(key: string | null): void {
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
}

const listeners = new Set<() => void>();

/** Be told when the server refuses the caller's key (or asks for one). */
export function onUnauthorized(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Call the API: JSON in, JSON out; a problem answer becomes an ApiError carrying its detail. */
export async function api<T>(path: string, body?: unknown, method?: string): Promise<T> {
  const headers: Record<string, string> = {};
  const key = savedKey();
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method: method ?? (body === undefined ? "GET" : "POST"),
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, "the server cannot be reached; is `redline serve` running?");
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    if (response.status === 401) for (const listener of listeners) listener();
    const detail = (data as { detail?: string } | undefined)?.detail;
    throw new ApiError(response.status, detail ?? `${response.status} ${response.statusText}`);
  }
  return data as T;
}

/** The message to show for a failed call. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
