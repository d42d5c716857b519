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
 * comes from a browser on this machine.
 */
export function whyNotLocal(remoteAddress: string | undefined, headers: Headers): string | undefined {
  if (!isLoopbackAddress(remoteAddress)) return "not from this machine";
  // A reverse proxy on this machine makes every request look local: whoever it forwards for is not.
  if (headers.has("forwarded") || headers.has("x-forwarded-for") || headers.has("x-real-ip")) {
    return "forwarded by a proxy";
  }
  // DNS rebinding: a web page whose host name resolves to 127.0.0.1 would otherwise get the key.
  if (!isLoopbackHost(headers.get("host") ?? undefined)) return "host is not a loopback name";
  if (isCrossOrigin(headers)) return "cross-origin request";
  return undefined;
}

/**
 * True when a browser says the request was made by another origin's page. Other ports of localhost
 * are the same *site* (SameSite cookies go there), but never the same origin.
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
