import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ConnectionKind } from "../oauth/types.ts";
import { createStubAds, type StubAds } from "./stub-ads.ts";
import { businessAccountRoute } from "./stub-business.ts";
import { type StubAccount, stubAccount } from "./stub-data.ts";
import type { StubAuthorizeOptions } from "./stub-grants.ts";
import { createStubOAuth } from "./stub-oauth.ts";
import { reportRoute } from "./stub-reports.ts";

/** A failure the stub serves instead of the next reply(s) of an endpoint. */
export type StubFailure =
  /** Display: HTTP 429 `rate_limit_exceeded`; Business: HTTP 200 with code 40100. */
  | { kind: "rate_limited"; retryAfterSeconds?: number }
  /** An error inside an HTTP 200 reply (Business code, or Display `error.code`). */
  | { kind: "error_in_200"; code?: number | string; message?: string }
  /** Answers only after `delayMs`. */
  | { kind: "slow"; delayMs: number };

export interface TikTokStubOptions {
  clientKey?: string;
  clientSecret?: string;
  /** API for Business app (TikTok Accounts and Marketing API). */
  businessAppId?: string;
  businessSecret?: string;
  /**
   * The one redirect URI the app registered; codes for any other are refused. Without it the stub
   * accepts whatever redirect URI the authorize request carried (and checks it again at exchange).
   */
  redirectUri?: string;
  /** Advertiser accounts an advertiser authorization covers. */
  advertiserIds?: string[];
  /** Access token lifetime reported as `expires_in`, seconds. */
  accessTokenTtl?: number;
  account?: StubAccount;
  /** Port on 127.0.0.1; 0 (the default) takes a free one. */
  port?: number;
}

export interface TikTokStub {
  /** `http://127.0.0.1:<port>`, for every API host at once. */
  url: string;
  account: StubAccount;
  clientKey: string;
  clientSecret: string;
  businessAppId: string;
  businessSecret: string;
  /** The business account's open_id, which is its `business_id`. */
  businessOpenId: string;
  advertiserIds: string[];
  /** The redirect URI `authorize()` binds a code to when none is given. */
  redirectUri: string;
  /**
   * What a user's consent on the authorize page yields, without the page: a one-time code
   * (`auth_code` for an advertiser) for the stub's account, bound to the redirect URI and challenge.
   */
  authorize(kind?: ConnectionKind, options?: StubAuthorizeOptions): string;
  /**
   * Opens an authorization URL the app built and presses "Authorize" (or "Cancel") as a user would;
   * resolves to the URL TikTok redirects back to, with `code`/`auth_code` (or `error`) and `state`.
   */
  consent(authorizationUrl: URL | string, decision?: "allow" | "deny"): Promise<URL>;
  /** A live access token without the OAuth dance, for tests of the data endpoints. */
  issueAccessToken(): string;
  /** Serve `failure` for the next `times` requests to `path`. */
  failNext(path: string, failure: StubFailure, times?: number): void;
  /** Every access token issued so far stops working, as if it had expired. */
  expireAccessTokens(): void;
  /** The user revoked the app: refresh tokens and access tokens stop working. */
  revokeGrant(): void;
  /** Marketing API campaigns, ad groups and ads, per advertiser. */
  ads: Pick<StubAds, "campaigns">;
  /** Requests received, by path, for assertions on retries. */
  requests: { method: string; path: string }[];
  close(): Promise<void>;
}

const BUSINESS_PREFIX = "/open_api/v1.3";

/**
 * A local TikTok for tests and the sandbox: Display API v2 (`/v2/user/info/`, `/v2/video/list/`),
 * the three OAuth flows with their consent pages (see stub-oauth.ts) and API for Business
 * (`/open_api/v1.3/business/get/`, `/business/video/list/`, `/report/integrated/get/`), on 127.0.0.1
 * and a free port.
 * @example
 * const stub = await startTikTokStub();
 * stub.failNext("/v2/video/list/", { kind: "rate_limited", retryAfterSeconds: 1 });
 * await stub.close();
 */
export async function startTikTokStub(options: TikTokStubOptions = {}): Promise<TikTokStub> {
  const account = options.account ?? stubAccount();
  const clientKey = options.clientKey ?? "stub-client-key";
  const clientSecret = options.clientSecret ?? "stub-client-secret";
  const redirectUri = options.redirectUri ?? "http://127.0.0.1/callback";
  const businessAppId = options.businessAppId ?? "stub-business-app-id";
  const businessSecret = options.businessSecret ?? "stub-business-secret";
  // One account answers both apps here; at TikTok each app sees its own open_id for it.
  const businessOpenId = account.user.open_id;
  const advertiserIds = options.advertiserIds ?? ["7000000000000000001", "7000000000000000002"];
  const ttl = options.accessTokenTtl ?? 7200;
  const accessTokens = new Set<string>();
  const refreshTokens = new Set<string>();
  const failures = new Map<string, StubFailure[]>();
  const ads = createStubAds();
  const requests: { method: string; path: string }[] = [];
  const sockets = new Set<import("node:net").Socket>();
  const mint = (prefix: string) => `${prefix}.${randomBytes(12).toString("base64url")}`;

  const oauth = createStubOAuth({
    clientKey,
    clientSecret,
    businessAppId,
    businessSecret,
    defaultRedirectUri: redirectUri,
    fixedRedirectUri: options.redirectUri,
    accessTokenTtl: ttl,
    creatorOpenId: account.user.open_id,
    creatorName: account.user.username,
    businessOpenId,
    advertiserIds,
    accessTokens,
    refreshTokens,
  });

  const issueAccessToken = () => {
    const token = mint("act");
    accessTokens.add(token);
    return token;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname;
    requests.push({ method: req.method ?? "GET", path });
    const body = await readBody(req);
    // What TikTok would show in Ads Manager, for browser tests that drive the product from outside.
    if (path === "/__stub/ads/campaigns" && req.method === "GET")
      return send(res, 200, ads.campaigns(url.searchParams.get("advertiser_id") ?? ""));
    const business = path.startsWith(BUSINESS_PREFIX);
    const failure = failures.get(path)?.shift();
    if (failure?.kind === "slow") await new Promise((resolve) => setTimeout(resolve, failure.delayMs));
    if (failure?.kind === "rate_limited") {
      const headers: Record<string, string> =
        failure.retryAfterSeconds === undefined ? {} : { "retry-after": String(failure.retryAfterSeconds) };
      if (business) return send(res, 200, businessReply(40100, "Too many requests", {}), headers);
      return send(res, 429, displayReply({}, "rate_limit_exceeded", "Rate limit exceeded"), headers);
    }
    if (failure?.kind === "error_in_200") {
      if (business)
        return send(
          res,
          200,
          businessReply(Number(failure.code ?? 40002), failure.message ?? "Invalid parameter", {}),
        );
      return send(
        res,
        200,
        displayReply({}, String(failure.code ?? "invalid_params"), failure.message ?? "Invalid params"),
      );
    }
    if (oauth.handle(req, res, url, body)) return;
    if (business) {
      const token = req.headers["access-token"];
      if (typeof token !== "string" || !accessTokens.has(token))
        return send(res, 200, businessReply(40105, "The access token is invalid or has expired", {}));
      if (ads.handles(path))
        return send(res, 200, ads.reply(req.method ?? "GET", path, url.searchParams, body));
      const route = path.slice(BUSINESS_PREFIX.length);
      const answer =
        businessAccountRoute(account, route, url.searchParams) ??
        reportRoute(account, route, url.searchParams);
      if (answer) return send(res, 200, businessReply(answer.code, answer.message, answer.data));
      return send(res, 404, businessReply(40400, `no stub for ${route}`, {}));
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (!bearer || !accessTokens.has(bearer))
      return send(
        res,
        401,
        displayReply({}, "access_token_invalid", "The access token is invalid or not found"),
      );
    if (path === "/v2/user/info/" && req.method === "GET")
      return send(res, 200, displayReply({ user: pick(account.user, url.searchParams.get("fields")) }));
    if (path === "/v2/video/list/" && req.method === "POST") return displayVideoList(res, url, body);
    return send(res, 404, displayReply({}, "not_found", `no stub for ${req.method} ${path}`));
  }

  function displayVideoList(res: ServerResponse, url: URL, body: string) {
    const { max_count: maxCount = 10, cursor } = JSON.parse(body || "{}") as {
      max_count?: number;
      cursor?: number;
    };
    if (!Number.isInteger(maxCount) || maxCount < 1 || maxCount > 20)
      return send(res, 400, displayReply({}, "invalid_params", "max_count must be from 1 to 20"));
    const older = account.videos.filter((v) => cursor === undefined || v.create_time * 1000 < cursor);
    const page = older.slice(0, maxCount);
    const last = page.at(-1);
    return send(
      res,
      200,
      displayReply({
        videos: page.map((v) => pick(v, url.searchParams.get("fields"))),
        cursor: last ? last.create_time * 1000 : (cursor ?? 0),
        has_more: older.length > page.length,
      }),
    );
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    account,
    clientKey,
    clientSecret,
    businessAppId,
    businessSecret,
    businessOpenId,
    advertiserIds,
    redirectUri,
    authorize: (kind = "creator", request) => oauth.authorize(kind, request),
    consent: (authorizationUrl, decision = "allow") => consent(authorizationUrl, decision),
    issueAccessToken,
    failNext(path, failure, times = 1) {
      failures.set(path, [...(failures.get(path) ?? []), ...Array.from({ length: times }, () => failure)]);
    },
    expireAccessTokens: () => accessTokens.clear(),
    revokeGrant() {
      accessTokens.clear();
      refreshTokens.clear();
    },
    ads,
    requests,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** GET the consent page (it must render), then POST the decision and follow nothing: TikTok's redirect is the answer. */
async function consent(authorizationUrl: URL | string, decision: "allow" | "deny"): Promise<URL> {
  const page = await fetch(authorizationUrl);
  if (!page.ok)
    throw new Error(`the authorize page refused the request: HTTP ${page.status} ${await page.text()}`);
  const answer = await fetch(authorizationUrl, {
    method: "POST",
    body: new URLSearchParams({ decision }),
    redirect: "manual",
  });
  const location = answer.headers.get("location");
  if (answer.status !== 302 || !location)
    throw new Error(`the authorize page did not redirect: HTTP ${answer.status}`);
  return new URL(location);
}

function logId() {
  return randomBytes(8).toString("hex");
}

function displayReply(data: unknown, code = "ok", message = "") {
  return { data, error: { code, message, log_id: logId() } };
}

function businessReply(code: number, message: string, data: unknown) {
  return { code, message, request_id: logId(), data };
}

/** Display API returns only the fields asked for in `fields`. */
function pick<T extends object>(record: T, fields: string | null): Partial<T> {
  if (!fields) return record;
  const wanted = new Set(fields.split(","));
  return Object.fromEntries(Object.entries(record).filter(([key]) => wanted.has(key))) as Partial<T>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
