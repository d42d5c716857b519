import { z } from "zod";
import type { TikTokEndpoint } from "./endpoint.ts";
import {
  TikTokApiError,
  TikTokAuthError,
  TikTokError,
  TikTokRateLimitedError,
  TikTokResponseShapeError,
  TikTokTimeoutError,
} from "./errors.ts";

/** One HTTP attempt, as the step trace shows it. It never holds a token. */
export interface TikTokCallRecord {
  endpoint: string;
  method: "GET" | "POST";
  /** Query and body parameters, with any token, secret or code replaced by "[redacted]". */
  params: Record<string, unknown>;
  /** HTTP status, or 0 when no answer came (timeout, network). */
  status: number;
  latencyMs: number;
  itemsRead: number;
  attempt: number;
  /** `ok`, or the error class that ended this attempt. */
  outcome: "ok" | string;
}

/** The token a call carries, and how to get a new one when TikTok says it expired. */
export interface TikTokCredentials {
  accessToken(): string | Promise<string>;
  /** Refreshes (storing the rotated refresh token) and resolves once `accessToken()` gives the new one. */
  refresh?(): Promise<void>;
}

/**
 * Requests a token may still send. TikTok's limits are per token and several worker processes share a
 * token, so the budget is kept outside the client (in memory for one process, in PostgreSQL for many).
 */
export interface TikTokRequestBudget {
  /** Resolves when one more request may go out for `tokenKey`; may wait, or throw TikTokRateLimitedError. */
  take(tokenKey: string): Promise<void>;
}

export interface TikTokClientOptions {
  baseUrl: string;
  credentials: TikTokCredentials;
  /** Consulted before every attempt, retries and the retry after a refresh included. */
  budget?: TikTokRequestBudget;
  /** A stable id of the token that is not the token (e.g. its connection's id); required with `budget`. */
  tokenKey?: string;
  record?: (call: TikTokCallRecord) => void;
  /** Per attempt. Default 15 s. */
  timeoutMs?: number;
  /** Attempts per call for throttling, timeouts and 5xx. Default 4. */
  maxAttempts?: number;
  /** First backoff; doubles each attempt. Default 500 ms. */
  backoffMs?: number;
  /** A wait TikTok asks for beyond this is not slept through: the call fails with the delay. Default 60 s. */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

export interface TikTokCallInput {
  query?: Record<string, string | number | boolean | undefined>;
  body?: Record<string, unknown>;
  signal?: AbortSignal;
}

/** Business API code for "too many requests"; 40104/40105 are an expired or invalid token. */
const BUSINESS_RATE_LIMITED = 40100;
const BUSINESS_AUTH_CODES = new Set([40104, 40105]);
const DISPLAY_AUTH_CODES = new Set(["access_token_invalid", "access_token_expired"]);
const SECRET_PARAM = /token|secret|^code$|auth_code|password/i;

export type TikTokClient = ReturnType<typeof createTikTokClient>;

/**
 * A client for one TikTok API host. `call` sends one request, retries throttling, timeouts and 5xx
 * with bounded backoff (a `writes` endpoint only throttling), refreshes the token once on an auth error, and returns `data` validated by
 * the endpoint's schema; otherwise it throws one of the errors in `errors.ts`.
 * @example
 * const display = createTikTokClient({ baseUrl: "https://open.tiktokapis.com", credentials });
 * const { user } = await display.call(userInfo, { query: { fields: USER_FIELDS } });
 */
export function createTikTokClient(options: TikTokClientOptions) {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxAttempts = options.maxAttempts ?? 4;
  const backoffMs = options.backoffMs ?? 500;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const doFetch = options.fetch ?? fetch;
  const { budget, tokenKey } = options;
  if (budget && !tokenKey) throw new TypeError("a request budget needs the tokenKey it counts against");

  async function attempt<Data extends z.ZodType>(
    endpoint: TikTokEndpoint<Data>,
    input: TikTokCallInput,
    attemptNo: number,
  ): Promise<z.infer<Data>> {
    // Before the clock starts: time spent waiting for the budget is not TikTok's latency.
    if (budget && tokenKey) await budget.take(tokenKey);
    const url = new URL(endpoint.path, options.baseUrl);
    for (const [key, value] of Object.entries(input.query ?? {}))
      if (value !== undefined) url.searchParams.set(key, String(value));
    const token = await options.credentials.accessToken();
    // Token endpoints are called before there is a token: they carry none rather than an empty one.
    const headers: Record<string, string> = !token
      ? {}
      : endpoint.style === "display"
        ? { authorization: `Bearer ${token}` }
        : { "access-token": token };
    if (input.body) headers["content-type"] = "application/json";
    const signal = input.signal
      ? AbortSignal.any([input.signal, AbortSignal.timeout(timeoutMs)])
      : AbortSignal.timeout(timeoutMs);
    const started = performance.now();
    let status = 0;
    let itemsRead = 0;
    let outcome = "ok";
    try {
      const response = await doFetch(url, {
        method: endpoint.method,
        headers,
        body: input.body ? JSON.stringify(input.body) : undefined,
        signal,
      }).catch((error: unknown) => {
        if (error instanceof Error && error.name === "TimeoutError")
          throw new TikTokTimeoutError(endpoint.path, timeoutMs);
        throw error;
      });
      status = response.status;
      const data = await readReply(endpoint, response, signal, timeoutMs);
      itemsRead = endpoint.itemsRead(data);
      return data;
    } catch (error) {
      outcome = error instanceof Error ? error.name : "Error";
      throw error;
    } finally {
      options.record?.({
        endpoint: endpoint.path,
        method: endpoint.method,
        params: redact({ ...input.query, ...input.body }),
        status,
        latencyMs: Math.round(performance.now() - started),
        itemsRead,
        attempt: attemptNo,
        outcome,
      });
    }
  }

  return {
    async call<Data extends z.ZodType>(
      endpoint: TikTokEndpoint<Data>,
      input: TikTokCallInput = {},
    ): Promise<z.infer<Data>> {
      let refreshed = false;
      for (let attemptNo = 1; ; attemptNo++) {
        try {
          return await attempt(endpoint, input, attemptNo);
        } catch (error) {
          if (error instanceof TikTokAuthError && !refreshed && options.credentials.refresh) {
            refreshed = true;
            await options.credentials.refresh();
            continue;
          }
          if (!(error instanceof TikTokError) || !error.retriable || attemptNo >= maxAttempts) throw error;
          if (endpoint.writes && !(error instanceof TikTokRateLimitedError)) throw error;
          const asked = error instanceof TikTokRateLimitedError ? error.retryAfterMs : undefined;
          if (asked !== undefined && asked > maxWaitMs) throw error;
          await sleep(asked ?? backoffMs * 2 ** (attemptNo - 1));
        }
      }
    },
  };
}

const businessEnvelope = z.object({
  code: z.number().int(),
  message: z.string(),
  request_id: z.string().optional(),
  data: z.unknown(),
});
const displayEnvelope = z.object({
  data: z.unknown(),
  error: z.object({ code: z.string(), message: z.string(), log_id: z.string().optional() }),
});

async function readReply<Data extends z.ZodType>(
  endpoint: TikTokEndpoint<Data>,
  response: Response,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<z.infer<Data>> {
  const text = await response.text().catch((error: unknown) => {
    if (signal.aborted) throw new TikTokTimeoutError(endpoint.path, timeoutMs);
    throw error;
  });
  const body = parseJson(text);
  const retryAfterMs = retryAfterOf(response.headers.get("retry-after"));
  if (endpoint.style === "business") {
    const reply = businessEnvelope.safeParse(body);
    if (!reply.success) throw failedReply(endpoint.path, response, reply.error, retryAfterMs);
    const { code, message, request_id: logId } = reply.data;
    if (response.status === 429 || code === BUSINESS_RATE_LIMITED)
      throw new TikTokRateLimitedError(endpoint.path, retryAfterMs, logId);
    if (BUSINESS_AUTH_CODES.has(code)) throw new TikTokAuthError(endpoint.path, String(code), logId);
    if (code !== 0 || !response.ok)
      throw new TikTokApiError(endpoint.path, response.status, String(code), message, logId);
    return validated(endpoint, reply.data.data);
  }
  const reply = displayEnvelope.safeParse(body);
  if (!reply.success) throw failedReply(endpoint.path, response, reply.error, retryAfterMs);
  const { code, message, log_id: logId } = reply.data.error;
  if (response.status === 429 || code === "rate_limit_exceeded")
    throw new TikTokRateLimitedError(endpoint.path, retryAfterMs, logId);
  if (response.status === 401 || DISPLAY_AUTH_CODES.has(code))
    throw new TikTokAuthError(endpoint.path, code, logId);
  if (code !== "ok" || !response.ok)
    throw new TikTokApiError(endpoint.path, response.status, code, message, logId);
  return validated(endpoint, reply.data.data);
}

/** A reply that is not even TikTok's envelope: a throttle or outage page, else a shape error. */
function failedReply(path: string, response: Response, error: z.ZodError, retryAfterMs: number | undefined) {
  if (response.status === 429) return new TikTokRateLimitedError(path, retryAfterMs);
  if (response.status >= 500)
    return new TikTokApiError(path, response.status, "http_error", response.statusText);
  return new TikTokResponseShapeError(path, issuesOf(error));
}

function validated<Data extends z.ZodType>(endpoint: TikTokEndpoint<Data>, data: unknown): z.infer<Data> {
  const parsed = endpoint.data.safeParse(data);
  if (!parsed.success) throw new TikTokResponseShapeError(endpoint.path, issuesOf(parsed.error, ["data"]));
  return parsed.data;
}

function issuesOf(error: z.ZodError, prefix: PropertyKey[] = []) {
  return error.issues.map((issue) => ({
    path: fieldPath([...prefix, ...issue.path]),
    message: issue.message,
  }));
}

/** `["data", "videos", 3, "view_count"]` -> `data.videos[3].view_count`. */
function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(root)";
  return path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`))
    .join("");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `Retry-After` in seconds or as an HTTP date. */
function retryAfterOf(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function redact(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, SECRET_PARAM.test(key) ? "[redacted]" : value]),
  );
}
