import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Keys for sealing OAuth tokens at rest. `currentKeyId` seals new tokens; every key in `keys` can
 * still open what it sealed, so a key rotates by adding a new current one in front and dropping the
 * old one only after every stored token has been re-sealed.
 */
export interface Keyring {
  currentKeyId: string;
  keys: Readonly<Record<string, Buffer>>;
}

/** Why a sealed token could not be opened. None of them carries the token or the key. */
export type TokenCryptoErrorCode = "bad_keyring" | "malformed" | "unknown_key" | "tampered";

export class TokenCryptoError extends Error {
  override readonly name = "TokenCryptoError";
  constructor(
    readonly code: TokenCryptoErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const VERSION = "v1";
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Reads `TOKEN_ENCRYPTION_KEY`: comma-separated `id:base64key` pairs, the first one current. Ids are
 * 1-32 of `A-Z a-z 0-9 _ -`; each key is 32 random bytes in base64 or base64url
 * (`openssl rand -base64 32`).
 * @example
 * parseKeyring("k2:3q2+7w...=,k1:AAECAw...="); // { currentKeyId: "k2", keys: { k2, k1 } }
 */
export function parseKeyring(value: string): Keyring {
  const keys: Record<string, Buffer> = {};
  const entries = value.split(",").map((entry) => entry.trim());
  for (const [index, entry] of entries.entries()) {
    const separator = entry.indexOf(":");
    const id = entry.slice(0, separator);
    if (separator < 0 || !KEY_ID.test(id))
      throw new TokenCryptoError("bad_keyring", `key ${index + 1} is not "id:base64key" with a plain id`);
    if (Object.hasOwn(keys, id)) throw new TokenCryptoError("bad_keyring", `key id "${id}" appears twice`);
    const key = Buffer.from(entry.slice(separator + 1), "base64");
    if (key.length !== 32)
      throw new TokenCryptoError("bad_keyring", `key "${id}" is ${key.length} bytes; AES-256 needs 32`);
    keys[id] = key;
  }
  const currentKeyId = entries[0]?.slice(0, entries[0].indexOf(":")) ?? "";
  return { currentKeyId, keys };
}

/**
 * Seals a token with the current key as `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts).
 * The version and key id are authenticated too, so a sealed token cannot be relabelled.
 * @example
 * const sealed = encryptToken(keyring, accessToken); // "v1.k2.Xx...."
 */
export function encryptToken(keyring: Keyring, plaintext: string): string {
  const keyId = keyring.currentKeyId;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyOf(keyring, keyId), iv);
  cipher.setAAD(Buffer.from(`${VERSION}.${keyId}`));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, keyId, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** Opens a sealed token with the key its id names; a changed byte anywhere is a `tampered` error. */
export function decryptToken(keyring: Keyring, sealed: string): string {
  const { keyId, iv, tag, ciphertext } = parseSealed(sealed);
  const decipher = createDecipheriv("aes-256-gcm", keyOf(keyring, keyId), iv);
  decipher.setAAD(Buffer.from(`${VERSION}.${keyId}`));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new TokenCryptoError("tampered", `sealed token (key "${keyId}") failed authentication`);
  }
}

/** The id of the key that sealed `sealed`: a token whose id is not current is due for re-sealing. */
export function keyIdOf(sealed: string): string {
  return parseSealed(sealed).keyId;
}

/** Opens with whichever key sealed it and seals again with the current key. */
export function reencryptToken(keyring: Keyring, sealed: string): string {
  return encryptToken(keyring, decryptToken(keyring, sealed));
}

function keyOf(keyring: Keyring, keyId: string): Buffer {
  const key = Object.hasOwn(keyring.keys, keyId) ? keyring.keys[keyId] : undefined;
  if (!key) throw new TokenCryptoError("unknown_key", `no key "${keyId}" in TOKEN_ENCRYPTION_KEY`);
  return key;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function parseSealed(sealed: string) {
  const parts = sealed.split(".");
  const [version, keyId = "", iv = "", tag = "", ciphertext = ""] = parts;
  if (parts.length !== 5 || version !== VERSION)
    throw new TokenCryptoError("malformed", `sealed token is not ${VERSION}.<keyId>.<iv>.<tag>.<ciphertext>`);
  if (!KEY_ID.test(keyId)) throw new TokenCryptoError("malformed", "sealed token has no valid key id");
  if (![iv, tag, ciphertext].every((part) => BASE64URL.test(part)))
    throw new TokenCryptoError("malformed", "sealed token has a part that is not base64url");
  const bytes = { iv: Buffer.from(iv, "base64url"), tag: Buffer.from(tag, "base64url") };
  if (bytes.iv.length !== IV_BYTES || bytes.tag.length !== TAG_BYTES)
    throw new TokenCryptoError("tampered", "sealed token has an iv or tag of the wrong length");
  return { keyId, ...bytes, ciphertext: Buffer.from(ciphertext, "base64url") };
}
