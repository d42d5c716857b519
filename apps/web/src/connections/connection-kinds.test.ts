import { describe, expect, it } from "vitest";
import { type Connection, connectionName, kindTitle } from "./connection-kinds.ts";

const base: Connection = {
  id: "c1",
  kind: "creator",
  handle: "lakucosmetics",
  displayName: "Laku",
  status: "active",
  scopes: [],
  advertiserIds: [],
  accessExpiresAt: null,
  refreshExpiresAt: null,
  lastError: null,
  createdAt: "2026-12-01T00:00:00.000Z",
};

describe("connection names", () => {
  it("name an account by its handle and an advertiser by its advertiser ids", () => {
    expect(connectionName(base)).toBe("@lakucosmetics");
    expect(connectionName({ ...base, kind: "advertiser", handle: null, advertiserIds: ["700", "701"] })).toBe(
      "advertiser 700, 701",
    );
    expect(connectionName({ ...base, kind: "advertiser", handle: null, displayName: null })).toBe(
      "Advertiser",
    );
    expect(kindTitle("business")).toBe("Business account");
  });
});
