import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  decryptToken,
  encryptToken,
  keyIdOf,
  parseKeyring,
  reencryptToken,
  TokenCryptoError,
} from "./token-crypto.ts";

const key = () => randomBytes(32).toString("base64");
const k1 = key();
const k2 = key();
const TOKEN = "act.example-access-token!ünï";

function flipByte(part: string): string {
  const bytes = Buffer.from(part, "base64url");
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  return bytes.toString("base64url");
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof TokenCryptoError) return error.code;
    throw error;
  }
  return undefined;
}

describe("parseKeyring", () => {
  it("takes id:base64key pairs, the first one current", () => {
    const keyring = parseKeyring(`k2:${k2}, k1:${k1}`);
    expect(keyring.currentKeyId).toBe("k2");
    expect(Object.keys(keyring.keys)).toEqual(["k2", "k1"]);
  });

  it("refuses keys that are not 32 bytes, bad ids, duplicates and an empty value, without echoing keys", () => {
    const short = randomBytes(16).toString("base64");
    expect(() => parseKeyring(`k1:${short}`)).toThrow(/16 bytes; AES-256 needs 32/);
    expect(() => parseKeyring(`k.1:${k1}`)).toThrow(TokenCryptoError);
    expect(() => parseKeyring(`k1:${k1},k1:${k2}`)).toThrow(/appears twice/);
    expect(codeOf(() => parseKeyring(""))).toBe("bad_keyring");
    try {
      parseKeyring(`k1:${k1},bad`);
    } catch (error) {
      expect(String(error)).not.toContain(k1);
    }
  });
});

describe("encryptToken and decryptToken", () => {
  const keyring = parseKeyring(`k1:${k1}`);

  it("round-trips a token, with a fresh iv each time and no plaintext in the output", () => {
    const a = encryptToken(keyring, TOKEN);
    const b = encryptToken(keyring, TOKEN);
    expect(a).toMatch(/^v1\.k1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("access-token");
    expect(decryptToken(keyring, a)).toBe(TOKEN);
    expect(decryptToken(keyring, b)).toBe(TOKEN);
  });

  it("still opens tokens sealed by an old key after a new current key, and re-seals them with the new id", () => {
    const old = encryptToken(keyring, TOKEN);
    const rotated = parseKeyring(`k2:${k2},k1:${k1}`);
    expect(decryptToken(rotated, old)).toBe(TOKEN);
    const resealed = reencryptToken(rotated, old);
    expect(keyIdOf(old)).toBe("k1");
    expect(keyIdOf(resealed)).toBe("k2");
    expect(decryptToken(rotated, resealed)).toBe(TOKEN);
    expect(encryptToken(rotated, TOKEN).startsWith("v1.k2.")).toBe(true);
  });

  it("detects a flipped byte in every part of the sealed token", () => {
    const parts = encryptToken(keyring, TOKEN).split(".");
    const withPart = (index: number, value: string) =>
      parts.map((p, i) => (i === index ? value : p)).join(".");
    expect(codeOf(() => decryptToken(keyring, withPart(0, "v2")))).toBe("malformed");
    expect(codeOf(() => decryptToken(keyring, withPart(1, "k3")))).toBe("unknown_key");
    for (const index of [2, 3, 4])
      expect(codeOf(() => decryptToken(keyring, withPart(index, flipByte(parts[index] ?? ""))))).toBe(
        "tampered",
      );
    expect(codeOf(() => decryptToken(keyring, withPart(4, `${parts[4]}AA`)))).toBe("tampered");
  });

  it("will not open a token relabelled with another key's id, even when that key exists", () => {
    const both = parseKeyring(`k1:${k1},k2:${k2}`);
    const relabelled = encryptToken(both, TOKEN).replace(/^v1\.k1\./, "v1.k2.");
    expect(codeOf(() => decryptToken(both, relabelled))).toBe("tampered");
  });

  it("names a missing key id clearly once the key has left the keyring", () => {
    const sealed = encryptToken(parseKeyring(`old:${k1}`), TOKEN);
    expect(() => decryptToken(parseKeyring(`new:${k2}`), sealed)).toThrow(
      'no key "old" in TOKEN_ENCRYPTION_KEY',
    );
  });

  it("rejects text that is not a sealed token at all", () => {
    for (const text of ["", TOKEN, "v1.k1.a.b", "v1.k1.!!.b.c", "v1..a.b.c"])
      expect(codeOf(() => decryptToken(keyring, text))).toBe("malformed");
  });
});
