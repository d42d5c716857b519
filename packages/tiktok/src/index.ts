export {
  decryptToken,
  encryptToken,
  type Keyring,
  keyIdOf,
  parseKeyring,
  reencryptToken,
  TokenCryptoError,
  type TokenCryptoErrorCode,
} from "./token-crypto.ts";
