/**
 * The second server of the browser suite: `TIKTOK_SANDBOX=1`, so a TikTok app points at the local
 * TikTok stub on `stubPort`, whose consent pages the tests click through like a person would.
 */
const base = Number(process.env.E2E_SANDBOX_PORT ?? 3111);
export const SANDBOX = { port: base, embeddedPgPort: base + 1, stubPort: base + 2 };
export const SANDBOX_URL = `http://127.0.0.1:${SANDBOX.port}`;
export const SANDBOX_TIKTOK_URL = `http://127.0.0.1:${SANDBOX.stubPort}`;
