import type { ApiErrorBody } from "@/lib/domain/errors";

export type { ApiErrorBody } from "@/lib/domain/errors";

/** An API error as the browser sees it: status and the server's own words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    message: string,
    readonly expected?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** GETs JSON from our API; non-2xx becomes an ApiError carrying the server's message. */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { accept: "application/json", ...init?.headers } });
  } catch {
    throw new ApiError(0, "network", "The dashboard server did not answer.");
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (body as Partial<ApiErrorBody> | null)?.error;
    throw new ApiError(response.status, error?.kind ?? "http", error?.message ?? `HTTP ${response.status}`, error?.expected);
  }
  return body as T;
}
