import { randomBytes } from "node:crypto";
import {
  type Connections,
  createConnections,
  openTokenBudgets,
  type PrismaClient,
  type TikTokSettings,
  type TokenBudgets,
  tiktokProfileReader,
} from "@tiktok-army/db";
import type { Logger } from "@tiktok-army/db/logger";
import { logPort } from "@tiktok-army/db/logger";
import { createTikTokOAuth, type Keyring, parseKeyring, type TikTokAppConfig } from "@tiktok-army/tiktok";
import { startTikTokStub, stubAccount, stubAppConfig, type TikTokStub } from "@tiktok-army/tiktok/testing";

export interface RunningTikTok {
  /** Undefined when no TikTok app is configured: runs read demo data. */
  connections: Connections | undefined;
  /** Hosts of the configured app (the stub's in the sandbox). */
  urls: TikTokAppConfig["urls"] | undefined;
  /** Per-token request budgets shared by every process over the database. */
  budgets: TokenBudgets | undefined;
  /** The in-process stub of `TIKTOK_SANDBOX=1`. */
  sandbox: TikTokStub | undefined;
  /** Secret values of the sandbox (its app secret and throwaway key), for the log redactor. */
  secrets: string[];
  close(): Promise<void>;
}

/** What a callback URL of this server looks like: TikTok must be told exactly this one. */
export const callbackUrl = (base: string, kind: string) =>
  `${base.replace(/\/+$/, "")}/oauth/tiktok/callback/${kind}`;

/**
 * The TikTok side of the server: the app's connections and token budgets, or, with
 * `TIKTOK_SANDBOX=1`, a local TikTok stub in this process and an app pointed at it (with a
 * throwaway TOKEN_ENCRYPTION_KEY when none is set). `serverUrl` is where TikTok sends users back
 * when TIKTOK_REDIRECT_BASE_URL does not say.
 */
export async function startTikTok(
  settings: TikTokSettings,
  deps: {
    prisma: PrismaClient;
    databaseUrl: string;
    serverUrl: string;
    logger: Logger;
  },
): Promise<RunningTikTok> {
  let sandbox: TikTokStub | undefined;
  let app: TikTokAppConfig | null = settings.app;
  let keyring: Keyring | undefined = settings.keyring;
  const secrets: string[] = [];

  if (settings.sandbox) {
    const redirectBaseUrl = settings.redirectBaseUrl ?? deps.serverUrl;
    // The stub accepts the callback each authorize request names, as TikTok accepts registered ones.
    // Its account posted up to today, so the sandbox's runs see recent videos whatever the date.
    sandbox = await startTikTokStub({
      port: settings.sandboxPort,
      account: stubAccount({ now: Math.floor(Date.now() / 1000) }),
    });
    app = stubAppConfig(sandbox, redirectBaseUrl);
    if (!keyring) {
      keyring = parseKeyring(`sandbox:${randomBytes(32).toString("base64")}`);
      deps.logger.warn(
        "TikTok sandbox: tokens are encrypted with a throwaway key; they cannot be read after a restart",
      );
    }
    secrets.push(
      sandbox.clientSecret,
      sandbox.businessSecret,
      ...Object.values(keyring.keys).map((key) => key.toString("base64")),
    );
    deps.logger.info(
      { stub: sandbox.url, redirectBaseUrl },
      "TikTok sandbox: a local stub stands in for TikTok",
    );
  }
  if (!app || !keyring) {
    return {
      connections: undefined,
      urls: undefined,
      budgets: undefined,
      sandbox,
      secrets,
      close: async () => {},
    };
  }

  try {
    const oauth = createTikTokOAuth(app);
    const connections = createConnections({
      prisma: deps.prisma,
      keyring,
      oauth,
      readProfile: tiktokProfileReader(app.urls),
      log: logPort(deps.logger),
    });
    const budgets = await openTokenBudgets(
      deps.databaseUrl,
      { perMinute: settings.tokenRequestsPerMinute },
      logPort(deps.logger),
    );
    deps.logger.info({ kinds: oauth.kinds(), redirectBaseUrl: app.redirectBaseUrl }, "TikTok app ready");
    return {
      connections,
      urls: app.urls,
      budgets,
      sandbox,
      secrets,
      close: async () => {
        await budgets.close();
        await sandbox?.close();
      },
    };
  } catch (error) {
    await sandbox?.close();
    throw error;
  }
}
