import { createHash } from "node:crypto";
import { generateRandomCodeVerifier, generateRandomState } from "oauth4webapi";

/** A fresh random `state` to bind an authorization request to the user's session. */
export function newOAuthState(): string {
  return generateRandomState();
}

/** A fresh PKCE code verifier (43 characters of base64url), kept server-side until the callback. */
export function newCodeVerifier(): string {
  return generateRandomCodeVerifier();
}

/**
 * TikTok's PKCE challenge: the SHA-256 of the verifier in lowercase HEX, not the base64url of
 * RFC 7636 that generic clients (oauth4webapi's `calculatePKCECodeChallenge`, arctic) compute.
 * TikTok's Login Kit docs require hex ("You must use hex encoding of SHA256 to generate the code
 * challenge"), and a base64url challenge fails at the token endpoint with "Code verifier or code
 * challenge is invalid".
 */
export function tiktokCodeChallenge(codeVerifier: string): string {
  return createHash("sha256").update(codeVerifier).digest("hex");
}
