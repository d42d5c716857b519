import type { ServerResponse } from "node:http";
import type { ConnectionKind } from "../oauth/types.ts";
import { consentPage, refusalPage } from "./stub-authorize-page.ts";
import { STUB_SCOPES, type StubGrants } from "./stub-grants.ts";

export interface StubConsentApp {
  clientKey: string;
  businessAppId: string;
  fixedRedirectUri?: string;
  creatorName: string;
  advertiserIds: readonly string[];
}

/** An authorize request the stub accepted: whose app it is and where the user goes back to. */
interface AuthorizeRequest {
  kind: ConnectionKind;
  redirectUri: string;
}

/**
 * TikTok's authorize pages: `GET` shows the consent page (or refuses an unknown app or redirect
 * URI, as TikTok does, without redirecting), `POST` is the user's decision and redirects to the
 * redirect URI with `code` (`auth_code` in the Marketing API portal) and `state`, or with
 * `error=access_denied`.
 */
export function createStubConsent(app: StubConsentApp, grants: StubGrants) {
  /** The request's kind and redirect URI, or why TikTok would refuse it outright. */
  function check(url: URL): AuthorizeRequest | string {
    const q = url.searchParams;
    const portal = url.pathname.startsWith("/portal");
    const kind = portal ? portalKind(q.get("app_id")) : loginKind(q.get("client_key"));
    const redirectUri = q.get("redirect_uri");
    if (!kind) return "This app is not registered (unknown client_key / app_id).";
    if (!redirectUri || !URL.canParse(redirectUri)) return "redirect_uri is missing or not a URL.";
    if (app.fixedRedirectUri && redirectUri !== app.fixedRedirectUri)
      return "redirect_uri is not registered for this app.";
    if (!portal && q.get("response_type") !== "code") return "response_type must be code.";
    if (q.has("code_challenge") && q.get("code_challenge_method") !== "S256")
      return "code_challenge_method must be S256.";
    return { kind, redirectUri };
  }

  const portalKind = (appId: string | null): ConnectionKind | undefined =>
    appId === app.businessAppId ? "advertiser" : undefined;
  const loginKind = (clientKey: string | null): ConnectionKind | undefined => {
    if (clientKey === app.clientKey) return "creator";
    return clientKey === app.businessAppId ? "business" : undefined;
  };

  function page({ kind, redirectUri }: AuthorizeRequest, q: URLSearchParams): string {
    return consentPage({
      kind,
      appName:
        kind === "creator"
          ? `Stub Login Kit app (${app.clientKey})`
          : `Stub business app (${app.businessAppId})`,
      account:
        kind === "advertiser" ? `advertiser accounts ${app.advertiserIds.join(", ")}` : `@${app.creatorName}`,
      permissions: kind === "advertiser" ? STUB_SCOPES.advertiser : scopesAsked(q.get("scope"), kind),
      redirectUri,
    });
  }

  /** Where TikTok sends the user after the decision. */
  function answer({ kind, redirectUri }: AuthorizeRequest, q: URLSearchParams, allowed: boolean): URL {
    const back = new URL(redirectUri);
    if (!allowed) {
      back.searchParams.set("error", "access_denied");
      back.searchParams.set("error_description", "The user denied the request");
    } else if (kind === "advertiser") {
      back.searchParams.set("auth_code", grants.authorize(kind, { redirectUri }));
    } else {
      const codeChallenge = q.get("code_challenge") ?? undefined;
      back.searchParams.set("code", grants.authorize(kind, { redirectUri, codeChallenge }));
      back.searchParams.set("scopes", scopesAsked(q.get("scope"), kind).join(","));
    }
    const state = q.get("state");
    if (state !== null) back.searchParams.set("state", state);
    return back;
  }

  return function consent(res: ServerResponse, url: URL, method: string, body: string) {
    const request = check(url);
    if (typeof request === "string") return html(res, 400, refusalPage(request));
    if (method === "GET") return html(res, 200, page(request, url.searchParams));
    const allowed = new URLSearchParams(body).get("decision") === "allow";
    res.writeHead(302, { location: answer(request, url.searchParams, allowed).href });
    res.end();
  };
}

/** The scopes the app asked for, or the flow's defaults when it asked for none. */
function scopesAsked(scope: string | null, kind: "creator" | "business"): string[] {
  const asked = (scope ?? "").split(",").filter(Boolean);
  return asked.length > 0 ? asked : [...STUB_SCOPES[kind]];
}

function html(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  res.end(body);
}
