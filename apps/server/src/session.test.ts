import { describe, expect, it } from "vitest";
import { isLoopbackAddress, keyCookie, whyNotLocal } from "./session.ts";

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
});
