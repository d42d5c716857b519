import { describe, expect, it } from "vitest";
import { isLoopbackAddress, keyCookie, whyCrossOrigin, whyNotLocal } from "./session.ts";

/** `whyNotLocal`'s verdict on a request from `remoteAddress` to 127.0.0.1:3001 (unless `headers` say otherwise). */
function whyNot(remoteAddress: string, headers: Record<string, string> = {}): string | undefined {
  return whyNotLocal(remoteAddress, new Headers({ host: "127.0.0.1:3001", ...headers }));
}

describe("the local session", () => {
  it("sets the key as an HttpOnly, SameSite=Strict cookie for the whole origin", () => {
    expect(keyCookie("tta_a/b")).toBe("tta_key=tta_a%2Fb; HttpOnly; SameSite=Strict; Path=/");
  });

  it.each(["127.0.0.1", "127.8.9.1", "::1", "::ffff:127.0.0.1"])("counts %s as this machine", (address) => {
    expect(isLoopbackAddress(address)).toBe(true);
  });

  it.each(["10.0.0.7", "::ffff:192.168.1.2", "fe80::1", "", undefined])("does not count %s", (address) => {
    expect(isLoopbackAddress(address)).toBe(false);
  });

  it("accepts a browser on this machine, by IP or by localhost", () => {
    expect(whyNot("127.0.0.1")).toBeUndefined();
    expect(whyNot("::1", { host: "localhost:3001", "sec-fetch-site": "same-origin" })).toBeUndefined();
    expect(whyNot("::1", { host: "[::1]:3001" })).toBeUndefined();
  });

  it("refuses other machines, proxies, rebound host names and other origins' pages", () => {
    expect(whyNot("192.168.1.20")).toMatch(/not from this machine/);
    expect(whyNot("127.0.0.1", { "x-forwarded-for": "203.0.113.9" })).toMatch(/proxy/);
    expect(whyNot("127.0.0.1", { forwarded: "for=203.0.113.9" })).toMatch(/proxy/);
    expect(whyNot("127.0.0.1", { host: "evil.example:3001" })).toMatch(/host/);
    expect(whyNot("127.0.0.1", { "sec-fetch-site": "cross-site" })).toMatch(/cross-origin/);
    expect(whyNot("127.0.0.1", { "sec-fetch-site": "same-site" })).toMatch(/cross-origin/);
  });

  it.each(["iframe", "frame", "embed", "object"])(
    "refuses to answer inside a frame (Sec-Fetch-Dest: %s)",
    (dest) => {
      expect(whyNot("127.0.0.1", { "sec-fetch-dest": dest, "sec-fetch-site": "same-origin" })).toMatch(
        /framed/,
      );
    },
  );

  it("accepts the dashboard's own fetch and a visit from the address bar", () => {
    expect(
      whyNot("127.0.0.1", { "sec-fetch-dest": "empty", "sec-fetch-site": "same-origin" }),
    ).toBeUndefined();
    expect(whyNot("127.0.0.1", { "sec-fetch-dest": "document", "sec-fetch-site": "none" })).toBeUndefined();
  });
});

describe("the API's origin rule", () => {
  const own = "http://127.0.0.1:3001";
  const verdict = (via: "bearer" | "cookie" | undefined, headers: Record<string, string>) =>
    whyCrossOrigin(new Headers(headers), own, via);

  it("refuses every request another site's or another port's page makes, whatever its key", () => {
    for (const via of ["bearer", "cookie", undefined] as const) {
      expect(verdict(via, { "sec-fetch-site": "cross-site" })).toMatch(
        /another site's or another port's page/,
      );
      expect(verdict(via, { "sec-fetch-site": "same-site" })).toMatch(
        /another site's or another port's page/,
      );
    }
  });

  it("accepts the cookie from the dashboard's own page: Sec-Fetch-Site, or else an Origin equal to the server's", () => {
    expect(verdict("cookie", { "sec-fetch-site": "same-origin" })).toBeUndefined();
    expect(verdict("cookie", { origin: own })).toBeUndefined();
  });

  it.each([
    ["a foreign Origin", { origin: "http://127.0.0.1:8080" }],
    ["Origin: null", { origin: "null" }],
    ["a foreign Referer and no Origin", { referer: "http://127.0.0.1:8080/attack.html" }],
    ["neither Origin nor Sec-Fetch-Site", {}],
    ["the address bar", { "sec-fetch-site": "none" }],
    [
      "a same-origin Origin beside a Sec-Fetch-Site that says otherwise",
      { "sec-fetch-site": "none", origin: own },
    ],
  ])("refuses the cookie with %s", (_, headers: Record<string, string>) => {
    expect(verdict("cookie", headers)).toMatch(/own origin/);
  });

  it("asks nothing more of a bearer key or of a request without a key", () => {
    for (const via of ["bearer", undefined] as const) {
      expect(verdict(via, {})).toBeUndefined();
      expect(verdict(via, { origin: "null" })).toBeUndefined();
    }
  });
});
