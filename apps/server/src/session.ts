/** The cookie the API reads the dashboard's key from (see `apiKeyFrom` in @tiktok-army/api). */
export const KEY_COOKIE = "tta_key";

/**
 * `Set-Cookie` for the dashboard's key: HttpOnly (page scripts never see it), SameSite=Strict (other
 * sites' pages cannot make the browser send it), for the whole origin, until the browser closes.
 */
export function keyCookie(apiKey: string): string {
  return `${KEY_COOKIE}=${encodeURIComponent(apiKey)}; HttpOnly; SameSite=Strict; Path=/`;
}

/**
 * Why `/api/session` refuses a request from `remoteAddress` with `headers`, or undefined when it
 * comes from a browser on this machine, from the dashboard's own page or the address bar.
 */
export function whyNotLocal(remoteAddress: string | undefined, headers: Headers): string | undefined {
  if (!isLoopbackAddress(remoteAddress)) return "not from this machine";
  // A reverse proxy on this machine makes every request look local: whoever it forwards for is not.
  if (headers.has("forwarded") || headers.has("x-forwarded-for") || headers.has("x-real-ip")) {
    return "forwarded by a proxy";
  }
  // DNS rebinding: a web page whose host name resolves to 127.0.0.1 would otherwise get the key.
  if (!isLoopbackHost(headers.get("host") ?? undefined)) return "host is not a loopback name";
  // Another page framing the session (and then the dashboard) to lure a click onto it.
  if (FRAMED.has(headers.get("sec-fetch-dest") ?? "")) return "framed request";
  if (isCrossOrigin(headers)) return "cross-origin request";
  return undefined;
}

/** What `Sec-Fetch-Dest` says of a request a frame, an embed or a plugin object makes. */
const FRAMED = new Set(["iframe", "frame", "embed", "object", "fencedframe"]);

/**
 * Why the API refuses a request as another origin's, or undefined; `ownOrigin` is the server's
 * (scheme://host:port, as the request's Host says), `via` how the request authenticates.
 *
 * One rule for every request: a browser that says another site's or another port's page made it
 * is refused, whatever its credentials. A request that the dashboard's cookie authenticates must
 * also prove that the dashboard's own page made it, as the browser attaches the cookie to requests
 * any same-site page makes: `Sec-Fetch-Site: same-origin`, or, from a browser that sends no
 * `Sec-Fetch-Site`, an `Origin` equal to `ownOrigin`. `Origin: null` (sandboxed frames, data: URLs)
 * and a `Referer` prove nothing. A bearer key is never attached by the browser on its own, so it
 * needs no proof.
 */
export function whyCrossOrigin(
  headers: Headers,
  ownOrigin: string,
  via: "bearer" | "cookie" | undefined,
): string | undefined {
  if (isCrossOrigin(headers)) return "made by another site's or another port's page";
  if (via !== "cookie") return undefined;
  const site = headers.get("sec-fetch-site");
  if (site === "same-origin") return undefined;
  if (site === null && headers.get("origin") === ownOrigin) return undefined;
  return "the session cookie is only accepted from the dashboard's own origin";
}

/**
 * True when a browser says the request was made by another origin's page. Other ports of localhost
 * are the same *site* (SameSite cookies go there), but never the same origin. `none` is the address
 * bar or a bookmark: the user's own doing.
 */
export function isCrossOrigin(headers: Headers): boolean {
  const site = headers.get("sec-fetch-site");
  return site === "cross-site" || site === "same-site";
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice("::ffff:".length) : address;
  return v4.startsWith("127.") || address === "::1";
}

function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.replace(/:\d+$/, "").toLowerCase();
  return (
    name === "localhost" ||
    name.endsWith(".localhost") ||
    name === "[::1]" ||
    /^127(\.\d{1,3}){3}$/.test(name)
  );
}
