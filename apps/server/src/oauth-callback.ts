import { ConnectionError, type Connections } from "@tiktok-army/db";
import type { Context } from "hono";
import type { AppEnv } from "./app.ts";

const KINDS = new Set(["creator", "business", "advertiser"]);
/** Marks the second request of the cookie bounce below, so it happens once. */
const BOUNCED = "tta_bounced";

export interface OAuthCallbackOptions {
  /** The TikTok app's connections; undefined when none is configured. */
  connections: () => Pick<Connections, "finishConnect"> | undefined;
  /** The API key id behind a request's cookie (or bearer key), or undefined. */
  sessionKeyId: (credentials: { authorization?: string; cookie?: string }) => Promise<string | undefined>;
}

/**
 * `GET /oauth/tiktok/callback/:kind`: where TikTok sends the user back. The state must be one this
 * session started, unexpired and unused (it is spent now); then the code is exchanged and the
 * connection stored, and the browser goes to `/connections?connected=<kind>`. Anything wrong is a
 * page saying what, and nothing is stored.
 *
 * TikTok's redirect is a cross-site navigation, on which the browser withholds the dashboard's
 * SameSite=Strict cookie. Without a cookie, the page answers once with a same-origin refresh to
 * itself, which carries it.
 */
export function oauthCallback(options: OAuthCallbackOptions) {
  return async (c: Context<AppEnv>) => {
    const kind = c.req.param("kind") ?? "";
    if (!KINDS.has(kind))
      return page(c, 404, "Unknown connection kind", "There is no such kind of TikTok connection.");
    const connections = options.connections();
    if (!connections)
      return page(
        c,
        409,
        "No TikTok app",
        "This server has no TikTok app configured, so it cannot connect accounts.",
      );
    const url = new URL(c.req.url);
    const credentials = { authorization: c.req.header("authorization"), cookie: c.req.header("cookie") };
    const hasKey = /(?:^|;\s*)tta_key=/.test(credentials.cookie ?? "") || !!credentials.authorization;
    if (!hasKey && !url.searchParams.has(BOUNCED)) {
      url.searchParams.set(BOUNCED, "1");
      return bounce(c, `${url.pathname}${url.search}`);
    }
    const query = new URLSearchParams(url.search);
    query.delete(BOUNCED);
    try {
      await connections.finishConnect({
        kind: kind as "creator",
        query,
        sessionKeyId: await options.sessionKeyId(credentials),
      });
    } catch (error) {
      if (error instanceof ConnectionError)
        return page(
          c,
          error.code === "state_foreign_session" ? 403 : 400,
          "The connection was not made",
          error.message,
        );
      c.var.log.warn({ err: error, kind }, "TikTok connection failed");
      return page(
        c,
        502,
        "TikTok did not complete the connection",
        `${describe(error)} Start again from the Connections page.`,
      );
    }
    c.var.log.info({ kind }, "TikTok account connected");
    return c.redirect(`/connections?connected=${kind}`, 303);
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.message.slice(0, 300)}.` : "";
}

/** A plain page (no script, no inline style: the CSP allows neither) with a link back. */
function page(c: Context, status: 400 | 403 | 404 | 409 | 502, title: string, message: string) {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · tiktok-army</title></head>
<body><main><h1>${escapeHtml(title)}</h1><p data-testid="oauth-error">${escapeHtml(message)}</p>
<p><a href="/connections">Back to Connections</a></p></main></body></html>`;
  return c.html(html, status, { "cache-control": "no-store" });
}

function bounce(c: Context, target: string) {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${escapeHtml(target)}">
<title>Connecting… · tiktok-army</title></head>
<body><p><a href="${escapeHtml(target)}">Continue</a></p></body></html>`;
  return c.html(html, 200, { "cache-control": "no-store" });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
