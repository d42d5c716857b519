import { describe, expect, it } from "vitest";
import { accountCategory, CATEGORY_GENERAL, CATEGORY_INFERRED } from "./account-category.ts";

const video = (hashtags: string[], video_description = "") => ({ hashtags, video_description });

describe("accountCategory", () => {
  it("keeps the profile's category when the source gives one", () => {
    expect(accountCategory({ category: "food" }, [video(["gymtok"])])).toEqual({
      category: "food",
      basis: "from the account's profile",
    });
  });

  it("infers the niche from the account's hashtags and descriptions when the source gives none, and says so", () => {
    const videos = [video(["gymtok", "fyp"]), video([], "leg day again #LegDay"), video(["pilates", "grwm"])];
    expect(accountCategory({ category: null }, videos)).toEqual({
      category: "fitness",
      basis: CATEGORY_INFERRED,
    });
  });

  it("says general, not a guess, when no niche clearly leads", () => {
    expect(accountCategory({ category: null }, [video(["gymtok"]), video(["grwm"])])).toEqual({
      category: "general",
      basis: CATEGORY_GENERAL,
    });
    const tied = [video(["gymtok", "legday", "pilates"]), video(["grwm", "skintok", "lipcombo"])];
    expect(accountCategory({ category: null }, tied).category).toBe("general");
    expect(CATEGORY_GENERAL).toContain("not available from this API");
  });
});
