import type { ConnectionKind } from "../oauth/types.ts";

/** What the consent page shows: the app, the account, what it may do, where the user goes back to. */
export interface StubConsent {
  kind: ConnectionKind;
  appName: string;
  account: string;
  permissions: readonly string[];
  redirectUri: string;
}

const TITLES: Record<ConnectionKind, string> = {
  creator: "Log in to connect your TikTok account",
  business: "Connect your TikTok business account",
  advertiser: "Authorize access to your TikTok ad accounts",
};

/**
 * TikTok's consent page, reduced to what a test clicks: plain HTML, no script, two submit buttons
 * named "Authorize" and "Cancel". The form posts to the page's own URL, so the request parameters
 * travel in the query string exactly as the app sent them.
 */
export function consentPage(consent: StubConsent): string {
  return page(
    TITLES[consent.kind],
    `<h1>${escapeHtml(TITLES[consent.kind])}</h1>
<p><strong>${escapeHtml(consent.appName)}</strong> wants access to <strong>${escapeHtml(consent.account)}</strong>.</p>
<h2>It will be able to</h2>
<ul>${consent.permissions.map((permission) => `<li>${escapeHtml(permission)}</li>`).join("")}</ul>
<p>You will return to <code>${escapeHtml(consent.redirectUri)}</code>.</p>
<form method="post">
<button type="submit" name="decision" value="allow">Authorize</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</form>`,
  );
}

/** TikTok's page for a request it refuses outright (unknown app, redirect URI not registered). */
export function refusalPage(reason: string): string {
  return page("Something went wrong", `<h1>Something went wrong</h1><p>${escapeHtml(reason)}</p>`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} | TikTok (local stub)</title></head>
<body><main>
${body}
</main></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
