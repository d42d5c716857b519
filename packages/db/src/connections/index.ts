export {
  type ConnectionCredentials,
  type CredentialsDeps,
  connectionCredentials,
} from "./connection-credentials.ts";
export { type ConnectionProfile, type ProfileReader, tiktokProfileReader } from "./connection-profile.ts";
export { type NewConnection, storeConnection } from "./connection-store.ts";
export { type ConnectionStatus, type ConnectionView, listConnections } from "./connection-view.ts";
export {
  type Connections,
  type ConnectionsOptions,
  type CreateTikTokOAuth,
  createConnections,
} from "./connections.ts";
export { type Disconnected, disconnectConnection } from "./disconnect.ts";
export { ConnectionError, type ConnectionErrorCode, ConnectionReauthRequiredError } from "./errors.ts";
export { consumeOAuthState, createOAuthState, OAUTH_STATE_TTL_MS, sessionHashOf } from "./oauth-states.ts";
export { type TikTokPortsSource, tiktokPorts } from "./tiktok-ports.ts";
export { type TikTokSettings, tiktokConfigured, tiktokSettingsFromEnv } from "./tiktok-settings.ts";
export {
  openTokenBudgets,
  type TokenBudget,
  TokenBudgetExhaustedError,
  type TokenBudgets,
} from "./token-budget.ts";
export { TokenEncryptionKeyError, tokenKeyringFromEnv } from "./token-keyring.ts";
