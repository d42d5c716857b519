import { secureHeaders } from "hono/secure-headers";

/**
 * The headers every response carries (`hono/secure-headers`), HTML pages above all:
 *
 * - A Content Security Policy: scripts, styles, fonts, fetches and SSE from this origin only, no
 *   inline `<script>` or `<style>` and no inline `style="…"` attributes (the dashboard sets styles
 *   through the DOM, which CSP does not restrict, and its CSS is in files), images also as `data:`
 *   URLs, no plugins, no `<base>`, forms post only here.
 * - No framing, by any page (`frame-ancestors 'none'`, and `X-Frame-Options: DENY` for browsers
 *   without CSP 2): a framed dashboard under another page's decoy is how a click approves a gate.
 * - `Referrer-Policy: no-referrer`: the dashboard's URLs hold run and approval ids, and its links
 *   go to TikTok; the API never reads a Referer, so sending none costs nothing.
 * - `nosniff`, same-origin CORP and COOP; no HSTS: the server speaks plain HTTP on this machine
 *   and a TLS proxy in front decides that.
 */
export function securityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: "DENY",
    referrerPolicy: "no-referrer",
    strictTransportSecurity: false,
  });
}
