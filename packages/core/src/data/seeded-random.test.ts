import { describe, expect, it } from "vitest";
import { hashSeed, seededRandom } from "./seeded-random.ts";

describe("seededRandom", () => {
  it("repeats its draws for the same key and differs for another", () => {
    const draws = (key: string) => {
      const random = seededRandom(key);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draws("glowwithmia")).toEqual(draws("glowwithmia"));
    expect(draws("glowwithmia")).not.toEqual(draws("fitwithtom"));
    expect(hashSeed("a")).not.toBe(hashSeed("b"));
  });

  it("keeps every distribution inside its bounds", () => {
    const random = seededRandom("bounds");
    for (let i = 0; i < 2_000; i++) {
      const value = random.next();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      const int = random.int(2, 5);
      expect(int).toBeGreaterThanOrEqual(2);
      expect(int).toBeLessThanOrEqual(5);
      expect(Number.isInteger(int)).toBe(true);
      const log = random.logUniform(5_000, 5_000_000);
      expect(log).toBeGreaterThanOrEqual(5_000);
      expect(log).toBeLessThanOrEqual(5_000_000);
    }
  });

  it("samples distinct items", () => {
    const picked = seededRandom("sample").sample(["a", "b", "c", "d", "e"], 3);
    expect(new Set(picked).size).toBe(3);
    expect(seededRandom("sample").sample(["a", "b"], 5)).toHaveLength(2);
  });

  it("centres log-normal draws on their median", () => {
    const random = seededRandom("median");
    const values = Array.from({ length: 4_001 }, () => random.logNormal(1_000, 0.6)).sort((a, b) => a - b);
    expect(values[2_000]).toBeGreaterThan(900);
    expect(values[2_000]).toBeLessThan(1_100);
  });
});
