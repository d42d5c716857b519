import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createStubConsent } from "./stub-consent.ts";
import { createStubGrants, STUB_SCOPES } from "./stub-grants.ts";

export interface StubOAuthOptions {
  clientKey: string;
  clientSecret: string;
  businessAppId: string;
  businessSecret: string;
  /** Where `authorize()` sends the user when a test gives no redirect URI. */
  defaultRedirectUri: string;
  /** When set, the only redirect URI the app registered: any other is refused, as TikTok does. */
  fixedRedirectUri?: string;
  accessTokenTtl: number;
  creatorOpenId: string;
  creatorName: string;
  businessOpenId: string;
  advertiserIds: readonly string[];
  /** The server's live tokens: data endpoints accept exactly these. */
  accessTokens: Set<string>;
  refreshTokens: Set<string>;
}

export type StubOAuth = ReturnType<typeof createStubOAuth>;

/** Lifetimes the stub reports; clients must read them from each reply, never assume them. */
const CREATOR_REFRESH_TTL = 15_552_000;
const BUSINESS_REFRESH_TTL = 31_536_000;
const BUSINESS = "/open_api/v1.3";
/**
 * API for Business error codes the stub answers inside HTTP 200. TikTok does not document one code
 * per OAuth failure; these are the stub's choice: 40001 wrong app credentials, 40002 a bad or spent
 * auth code or redirect URI, 40105 a token or refresh token TikTok no longer honours.
 */
const BAD_APP = 40001;
const BAD_CODE = 40002;
const BAD_TOKEN = 40105;

/** Marketing API permission scope ids, as `oauth2/access_token` returns them. */
const ADVERTISER_SCOPE_IDS = [1, 2, 4];

/**
 * TikTok's three OAuth flows for the local stub: the consent pages (`/v2/auth/authorize/` for Login
 * Kit and TikTok Accounts, `/portal/auth` for the Marketing API), Login Kit's `/v2/oauth/token/`
 * and `/v2/oauth/revoke/`, TikTok Accounts' `tt_user/oauth2/*`, and the Marketing API's
 * `oauth2/access_token`, `oauth2/advertiser/get`, `oauth2/revoke_token` and `user/info`. Codes are
 * single-use and bound to their redirect URI and PKCE challenge; refresh tokens rotate.
 */
export function createStubOAuth(options: StubOAuthOptions) {
  const grants = createStubGrants(options);
  const { authorize, issue, rotate, revoke, redeem } = grants;
  const consent = createStubConsent(options, grants);

  function loginKitToken(res: ServerResponse, form: URLSearchParams) {
    if (form.get("client_key") !== options.clientKey || form.get("client_secret") !== options.clientSecret)
      return json(res, 401, oauthError("invalid_client", "Client key or secret is wrong"));
    const grant = form.get("grant_type");
    let tokens: { accessToken: string; refreshToken?: string } | undefined;
    if (grant === "authorization_code") {
      const { refused } = redeem(
        "creator",
        form.get("code") ?? "",
        form.get("redirect_uri") ?? "",
        form.get("code_verifier"),
      );
      if (refused === "invalid_grant")
        return json(res, 400, oauthError("invalid_grant", "Authorization code is invalid"));
      if (refused === "redirect")
        return json(res, 400, oauthError("invalid_request", "redirect_uri does not match"));
      if (refused === "pkce")
        return json(res, 400, oauthError("invalid_request", "Code verifier or code challenge is invalid."));
      tokens = issue("creator");
    } else if (grant === "refresh_token") {
      tokens = rotate(form.get("refresh_token") ?? "");
      if (!tokens) return json(res, 400, oauthError("invalid_grant", "Refresh token is invalid or expired"));
    } else return json(res, 400, oauthError("unsupported_grant_type", `grant_type ${grant}`));
    return json(res, 200, {
      open_id: options.creatorOpenId,
      scope: STUB_SCOPES.creator.join(","),
      access_token: tokens.accessToken,
      expires_in: options.accessTokenTtl,
      refresh_token: tokens.refreshToken,
      refresh_expires_in: CREATOR_REFRESH_TTL,
      token_type: "Bearer",
    });
  }

  function loginKitRevoke(res: ServerResponse, form: URLSearchParams) {
    if (form.get("client_key") !== options.clientKey || form.get("client_secret") !== options.clientSecret)
      return json(res, 401, oauthError("invalid_client", "Client key or secret is wrong"));
    // As RFC 7009 has it, revoking a token that is already invalid succeeds too.
    revoke(form.get("token") ?? "");
    res.writeHead(200);
    res.end();
  }

  function businessToken(res: ServerResponse, path: string, body: Record<string, unknown>) {
    if (body.client_id !== options.businessAppId || body.client_secret !== options.businessSecret)
      return json(res, 200, businessReply(BAD_APP, "client_id or client_secret is invalid"));
    let tokens: { accessToken: string; refreshToken?: string } | undefined;
    if (path === "/tt_user/oauth2/token/") {
      if (body.grant_type !== "authorization_code")
        return json(res, 200, businessReply(BAD_CODE, "grant_type must be authorization_code"));
      const { refused } = redeem("business", String(body.auth_code ?? ""), String(body.redirect_uri ?? ""));
      if (refused)
        return json(res, 200, businessReply(BAD_CODE, `auth_code or redirect_uri is invalid (${refused})`));
      tokens = issue("business");
    } else if (path === "/tt_user/oauth2/refresh_token/") {
      if (body.grant_type !== "refresh_token")
        return json(res, 200, businessReply(BAD_CODE, "grant_type must be refresh_token"));
      tokens = rotate(String(body.refresh_token ?? ""));
      if (!tokens) return json(res, 200, businessReply(BAD_TOKEN, "refresh_token is invalid or expired"));
    } else {
      if (!revoke(String(body.access_token ?? "")))
        return json(res, 200, businessReply(BAD_TOKEN, "access_token is invalid or expired"));
      return json(res, 200, businessReply(0, "OK", {}));
    }
    return json(
      res,
      200,
      businessReply(0, "OK", {
        open_id: options.businessOpenId,
        scope: STUB_SCOPES.business.join(","),
        access_token: tokens.accessToken,
        expires_in: options.accessTokenTtl,
        refresh_token: tokens.refreshToken,
        refresh_token_expires_in: BUSINESS_REFRESH_TTL,
        token_type: "Bearer",
      }),
    );
  }

  function marketing(
    res: ServerResponse,
    path: string,
    req: IncomingMessage,
    url: URL,
    body: Record<string, unknown>,
  ) {
    const app = req.method === "GET" ? Object.fromEntries(url.searchParams) : body;
    const token = req.headers["access-token"];
    const tokenValid = typeof token === "string" && grants.kindOf(token) === "advertiser";
    if (path === "/user/info/") {
      if (!tokenValid)
        return json(res, 200, businessReply(BAD_TOKEN, "The access token is invalid or has expired"));
      return json(
        res,
        200,
        businessReply(0, "OK", { core_user_id: "7100000000000000001", display_name: "Stub Advertiser User" }),
      );
    }
    if (app.app_id !== options.businessAppId || app.secret !== options.businessSecret)
      return json(res, 200, businessReply(BAD_APP, "app_id or secret is invalid"));
    if (path === "/oauth2/access_token/") {
      if (redeem("advertiser", String(body.auth_code ?? ""), undefined).refused)
        return json(res, 200, businessReply(BAD_CODE, "auth_code is invalid or has been used"));
      const { accessToken } = issue("advertiser");
      return json(
        res,
        200,
        businessReply(0, "OK", {
          access_token: accessToken,
          advertiser_ids: [...options.advertiserIds],
          scope: ADVERTISER_SCOPE_IDS,
        }),
      );
    }
    if (path === "/oauth2/advertiser/get/") {
      if (!tokenValid)
        return json(res, 200, businessReply(BAD_TOKEN, "The access token is invalid or has expired"));
      const list = options.advertiserIds.map((id, i) => ({
        advertiser_id: id,
        advertiser_name: `Stub Advertiser ${i + 1}`,
      }));
      return json(res, 200, businessReply(0, "OK", { list }));
    }
    if (!revoke(String(body.access_token ?? "")))
      return json(res, 200, businessReply(BAD_TOKEN, "access_token is invalid or expired"));
    return json(res, 200, businessReply(0, "OK", {}));
  }

  /** Serves the request when it is one of the OAuth routes; false leaves it to the other routes. */
  function handle(req: IncomingMessage, res: ServerResponse, url: URL, body: string): boolean {
    const path = url.pathname.replace(/\/?$/, "/");
    const method = req.method ?? "GET";
    if (
      (path === "/v2/auth/authorize/" || path === "/portal/auth/") &&
      (method === "GET" || method === "POST")
    ) {
      consent(res, url, method, body);
      return true;
    }
    if (method === "POST" && path === "/v2/oauth/token/") {
      loginKitToken(res, new URLSearchParams(body));
      return true;
    }
    if (method === "POST" && path === "/v2/oauth/revoke/") {
      loginKitRevoke(res, new URLSearchParams(body));
      return true;
    }
    if (!path.startsWith(BUSINESS)) return false;
    const route = path.slice(BUSINESS.length);
    if (method === "POST" && route.startsWith("/tt_user/oauth2/") && BUSINESS_ROUTES.has(route)) {
      businessToken(res, route, parseJson(body));
      return true;
    }
    if (MARKETING_ROUTES.get(route) === method) {
      marketing(res, route, req, url, parseJson(body));
      return true;
    }
    return false;
  }

  return { handle, authorize };
}

const BUSINESS_ROUTES = new Set([
  "/tt_user/oauth2/token/",
  "/tt_user/oauth2/refresh_token/",
  "/tt_user/oauth2/revoke/",
]);
const MARKETING_ROUTES = new Map([
  ["/oauth2/access_token/", "POST"],
  ["/oauth2/advertiser/get/", "GET"],
  ["/oauth2/revoke_token/", "POST"],
  ["/user/info/", "GET"],
]);

function parseJson(body: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body || "{}");
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function logId() {
  return randomBytes(8).toString("hex");
}

function businessReply(code: number, message: string, data: unknown = {}) {
  return { code, message, request_id: logId(), data };
}

function oauthError(error: string, description: string) {
  return { error, error_description: description, log_id: logId() };
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
