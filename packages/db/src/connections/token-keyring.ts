import { type Keyring, parseKeyring, TokenCryptoError } from "@tiktok-army/tiktok";

/** TOKEN_ENCRYPTION_KEY is missing while a TikTok app is configured, or does not parse. */
export class TokenEncryptionKeyError extends Error {
  override readonly name = "TokenEncryptionKeyError";
  constructor(
    readonly code: "missing" | "invalid",
    message: string,
  ) {
    super(message);
  }
}

/**
 * The keyring that seals TikTok tokens, read once at the composition root. Required when a TikTok
 * app is configured (tokens will be stored); without one, an unset key is fine.
 * @example
 * const keyring = tokenKeyringFromEnv(process.env, { required: app !== null });
 */
export function tokenKeyringFromEnv(
  env: Record<string, string | undefined>,
  options: { required: boolean },
): Keyring | undefined {
  const value = env.TOKEN_ENCRYPTION_KEY?.trim();
  if (!value) {
    if (!options.required) return undefined;
    throw new TokenEncryptionKeyError(
      "missing",
      'TOKEN_ENCRYPTION_KEY is required when a TikTok app is configured: set it to "k1:<32 random bytes in base64>" (openssl rand -base64 32)',
    );
  }
  try {
    return parseKeyring(value);
  } catch (error) {
    if (!(error instanceof TokenCryptoError)) throw error;
    throw new TokenEncryptionKeyError("invalid", `TOKEN_ENCRYPTION_KEY is invalid: ${error.message}`);
  }
}
