import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addUtcDays, utcDay } from "../utc-day.ts";
import { startTikTokStub, type TikTokStub } from "./stub-server.ts";

let stub: TikTokStub;
let today: string;
beforeEach(async () => {
  stub = await startTikTokStub();
  today = utcDay(new Date(stub.account.now * 1000));
});
afterEach(() => stub.close());

interface StubReply {
  code: number;
  message: string;
  data: {
    metrics?: Record<string, unknown>[];
    list?: Record<string, unknown>[];
    page_info?: Record<string, number>;
    [field: string]: unknown;
  };
}

async function get(path: string, query: Record<string, string>) {
  const url = new URL(`/open_api/v1.3${path}`, stub.url);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const response = await fetch(url, { headers: { "access-token": stub.issueAccessToken() } });
  return {
    status: response.status,
    body: (await response.json()) as StubReply,
  };
}
const business = () => ({ business_id: stub.account.user.open_id });

describe("the stub's Accounts API", () => {
  it("sends only TikTok's default fields when none are asked for", async () => {
    const { body } = await get("/business/get/", business());
    expect(body).toMatchObject({
      code: 0,
      data: { display_name: "Stub Creator", profile_image: expect.any(String) },
    });
    expect(Object.keys(body.data).sort()).toEqual(["display_name", "profile_image"]);
  });

  it("refuses another account's business_id and a malformed fields list, in HTTP 200", async () => {
    expect((await get("/business/get/", { business_id: "someone-else" })).body.code).toBe(40001);
    const malformed = await get("/business/get/", { ...business(), fields: "username,display_name" });
    expect(malformed).toMatchObject({ status: 200, body: { code: 40002 } });
  });

  it("serves daily follower metrics only within the last 60 days", async () => {
    const fields = JSON.stringify(["username", "daily_total_followers", "daily_new_followers"]);
    const inside = await get("/business/get/", {
      ...business(),
      fields,
      start_date: addUtcDays(today, -59),
      end_date: today,
    });
    expect(inside.body.data.metrics).toHaveLength(59);
    expect(inside.body.data.metrics?.[0]).toEqual({
      date: addUtcDays(today, -59),
      daily_total_followers: expect.any(Number),
      daily_new_followers: expect.any(Number),
    });
    const outside = await get("/business/get/", {
      ...business(),
      fields,
      start_date: addUtcDays(today, -60),
      end_date: today,
    });
    expect(outside.body.code).toBe(40002);
  });
});

describe("the stub's report/integrated/get", () => {
  const query = (overrides: Record<string, string> = {}) => ({
    advertiser_id: "7001",
    report_type: "BASIC",
    data_level: "AUCTION_CAMPAIGN",
    dimensions: JSON.stringify(["campaign_id", "stat_time_day"]),
    metrics: JSON.stringify(["spend", "impressions"]),
    filtering: JSON.stringify([{ field_name: "campaign_ids", filter_type: "IN", filter_value: '["42"]' }]),
    start_date: addUtcDays(today, -9),
    end_date: today,
    ...overrides,
  });

  it("answers the asked metrics as strings, ten rows a page by default", async () => {
    const { body } = await get("/report/integrated/get/", query());
    expect(body.data.page_info).toMatchObject({ page: 1, page_size: 10 });
    expect(body.data.list?.[0]).toEqual({
      dimensions: { campaign_id: "42", stat_time_day: expect.stringMatching(/^\d{4}-\d{2}-\d{2} 00:00:00$/) },
      metrics: { spend: expect.stringMatching(/^\d+\.\d\d$/), impressions: expect.stringMatching(/^\d+$/) },
    });
  });

  it("is deterministic per campaign and day", async () => {
    expect((await get("/report/integrated/get/", query())).body.data.list).toEqual(
      (await get("/report/integrated/get/", query())).body.data.list,
    );
  });

  it("refuses a page larger than 1000 and a missing campaign filter", async () => {
    expect((await get("/report/integrated/get/", query({ page_size: "1001" }))).body.code).toBe(40002);
    expect((await get("/report/integrated/get/", query({ filtering: "[]" }))).body.code).toBe(40002);
  });
});
