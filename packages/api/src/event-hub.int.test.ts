import { RUN_EVENTS_CHANNEL } from "@tiktok-army/db";
import { createTestDatabase, waitFor } from "@tiktok-army/db/testing";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RunEventHub } from "./event-hub.ts";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let hub: RunEventHub;
let client: pg.Client;
const notify = (runId: string) => client.query("SELECT pg_notify($1, $2)", [RUN_EVENTS_CHANNEL, runId]);

beforeAll(async () => {
  db = await createTestDatabase();
  hub = new RunEventHub(db.url);
  await hub.start();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await hub?.stop();
  await db?.drop();
});

it("wakes a run's watchers on its notifications only, and a wake-up is never lost", async () => {
  const watch = hub.watch("run-a");
  const other = hub.watch("run-b");
  let otherWoke = false;
  void other.wait().then(() => {
    otherWoke = true;
  });
  // Notified before waiting: the next wait returns at once.
  await notify("run-a");
  await waitFor(
    async () => (await Promise.race([watch.wait().then(() => true), sleep(50)])) || undefined,
    "the wake-up",
  );
  expect(otherWoke).toBe(false);
  watch.close();
  other.close();
});

it("shares one read among watchers woken by the same change, but never serves a read older than a watcher's change", async () => {
  const watchers = Array.from({ length: 5 }, () => hub.watch("run-c"));
  let loads = 0;
  let rows = [{ id: 1 }];
  const load = async () => {
    loads += 1;
    await sleep(30);
    return rows;
  };
  // Backlog reads are each subscriber's own.
  await Promise.all(watchers.map((w) => w.read(0, load)));
  expect(loads).toBe(5);

  loads = 0;
  rows = [{ id: 1 }, { id: 2 }];
  await notify("run-c");
  await Promise.all(watchers.map((w) => w.wait()));
  const results = await Promise.all(watchers.map((w) => w.read(1, load)));
  expect(loads).toBe(1);
  for (const result of results) expect(result).toEqual([{ id: 2 }]);

  // A read in flight when a newer change arrives is not good enough for those woken by that change.
  loads = 0;
  const [first, second] = watchers as [(typeof watchers)[0], (typeof watchers)[0]];
  const slow = first.read(2, load);
  rows = [{ id: 1 }, { id: 2 }, { id: 3 }];
  await notify("run-c");
  await second.wait();
  await second.read(2, load);
  await slow;
  expect(loads).toBe(2);
  for (const w of watchers) w.close();
});

function sleep(ms: number): Promise<false> {
  return new Promise((resolve) => setTimeout(() => resolve(false), ms));
}
