import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTikTokStub, type TikTokStub } from "./stub-server.ts";

let stub: TikTokStub;
beforeEach(async () => {
  stub = await startTikTokStub();
});
afterEach(() => stub.close());

async function token(params: Record<string, string>, secret = stub.clientSecret) {
  const form = new URLSearchParams({ client_key: stub.clientKey, client_secret: secret, ...params });
  const response = await fetch(`${stub.url}/v2/oauth/token/`, { method: "POST", body: form });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const exchange = (code: string) =>
  token({ grant_type: "authorization_code", code, redirect_uri: stub.redirectUri });

describe("the stub's OAuth token endpoint", () => {
  it("listens on loopback only", () => {
    expect(stub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("exchanges a code once for the documented token reply", async () => {
    const code = stub.authorize();
    const first = await exchange(code);
    expect(first.body).toEqual({
      open_id: stub.account.user.open_id,
      scope: "user.info.basic,user.info.profile,user.info.stats,video.list",
      access_token: expect.any(String),
      expires_in: 7200,
      refresh_token: expect.any(String),
      refresh_expires_in: expect.any(Number),
      token_type: "Bearer",
    });
    const again = await exchange(code);
    expect(again).toMatchObject({
      status: 400,
      body: { error: "invalid_grant", log_id: expect.any(String) },
    });
  });

  it("rotates refresh tokens: the one used is spent, the new one works", async () => {
    const { body } = await exchange(stub.authorize());
    const next = await token({ grant_type: "refresh_token", refresh_token: String(body.refresh_token) });
    expect(next.body.refresh_token).not.toBe(body.refresh_token);
    const reused = await token({ grant_type: "refresh_token", refresh_token: String(body.refresh_token) });
    expect(reused.body.error).toBe("invalid_grant");
    const after = await token({
      grant_type: "refresh_token",
      refresh_token: String(next.body.refresh_token),
    });
    expect(after.status).toBe(200);
  });

  it("refuses a wrong client secret, a wrong redirect URI and a revoked grant", async () => {
    expect((await token({ grant_type: "refresh_token", refresh_token: "x" }, "wrong")).body.error).toBe(
      "invalid_client",
    );
    const badRedirect = await token({
      grant_type: "authorization_code",
      code: stub.authorize(),
      redirect_uri: "x",
    });
    expect(badRedirect.body.error).toBe("invalid_request");
    const { body } = await exchange(stub.authorize());
    stub.revokeGrant();
    const revoked = await token({ grant_type: "refresh_token", refresh_token: String(body.refresh_token) });
    expect(revoked.body.error).toBe("invalid_grant");
  });

  it("refuses a Display API page larger than 20", async () => {
    const response = await fetch(`${stub.url}/v2/video/list/?fields=id`, {
      method: "POST",
      headers: { authorization: `Bearer ${stub.issueAccessToken()}` },
      body: JSON.stringify({ max_count: 21 }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_params");
  });
});
