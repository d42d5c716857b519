import { describe, expect, it } from "vitest";
import { withDecided } from "./pending-list.ts";

const approval = (id: string, minute: number) => ({
  id,
  requestedAt: `2026-03-04T12:${String(minute).padStart(2, "0")}:00.000Z`,
});

describe("withDecided", () => {
  it("puts a card decided here back where it was, between the ones still pending", () => {
    const pending = [approval("newest", 30), approval("oldest", 10)];
    const ids = withDecided(pending, [approval("decided", 20)]).map((a) => a.id);
    expect(ids).toEqual(["newest", "decided", "oldest"]);
  });

  it("lists an approval once while the API still lists it as pending", () => {
    const pending = [approval("a", 30), approval("b", 10)];
    expect(withDecided(pending, [approval("b", 10)]).map((a) => a.id)).toEqual(["a", "b"]);
  });
});
