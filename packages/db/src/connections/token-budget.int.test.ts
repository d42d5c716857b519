import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { openTokenBudgets, TokenBudgetExhaustedError, type TokenBudgets } from "./token-budget.ts";

let db: TestDatabase;
const opened: TokenBudgets[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  for (const budgets of opened) await budgets.close();
  await db?.drop();
});

async function open(options: Parameters<typeof openTokenBudgets>[1]) {
  const budgets = await openTokenBudgets(db.url, options);
  opened.push(budgets);
  return budgets;
}

describe("token budgets", () => {
  it("are shared by every process over the database, per token", async () => {
    // Two openings stand for two worker processes: they share nothing but the database.
    const first = await open({ perMinute: 2, maxWaitMs: 0 });
    const second = await open({ perMinute: 2, maxWaitMs: 0 });

    await first.take("connection-a");
    await second.take("connection-a");
    const refusal = await first.take("connection-a").catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(TokenBudgetExhaustedError);
    expect((refusal as TokenBudgetExhaustedError).retryAfterMs).toBeGreaterThan(0);
    await expect(second.take("connection-b")).resolves.toBeUndefined();
  });

  it("sleep until the window renews, and give up past the longest wait", async () => {
    const waits: number[] = [];
    let spent = false;
    const budgets = await open({
      perMinute: 1,
      sleep: async (ms) => {
        waits.push(ms);
        spent = true;
      },
    });
    await budgets.take("connection-c");
    // The fake sleep lets no time pass: the take sleeps out the window once, then gives up, as a
    // second wait would go past its 60 s limit.
    const taking = budgets.take("connection-c");
    await expect(taking).rejects.toBeInstanceOf(TokenBudgetExhaustedError);
    expect(spent).toBe(true);
    expect(waits[0]).toBeGreaterThan(50_000);
  });
});
