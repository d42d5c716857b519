import { describe, expect, it } from "vitest";
import { hashtagEvidenceByTag, hashtagKey } from "./hashtag-evidence.ts";

describe("hashtagKey", () => {
  it("compares hashtags as TikTok does: without # and case-insensitively", () => {
    expect(hashtagKey(" #SkinTok ")).toBe("skintok");
    expect(hashtagKey("skintok")).toBe("skintok");
  });
});

describe("hashtagEvidenceByTag", () => {
  it("finds each hashtag's evidence whatever the case or # it was written with", () => {
    const byTag = hashtagEvidenceByTag([
      { hashtag: "#GlassSkin", source: "trending", evidence: "+412% posts in 48h (12.4K posts)" },
      { hashtag: "skincare", source: "proven", evidence: "on 4 of your 5 best videos" },
    ]);
    expect(byTag.get(hashtagKey("glassskin"))?.evidence).toBe("+412% posts in 48h (12.4K posts)");
    expect(byTag.get(hashtagKey("#SkinCare"))?.source).toBe("proven");
  });

  it("leaves out entries it cannot read and reads anything but a list as no evidence", () => {
    const byTag = hashtagEvidenceByTag([
      { hashtag: "a", source: "rumour", evidence: "x" },
      { hashtag: "b", evidence: "no source" },
      "c",
      { hashtag: "d", source: "given", evidence: "named in the brief" },
    ]);
    expect([...byTag.keys()]).toEqual(["d"]);
    expect(hashtagEvidenceByTag(null).size).toBe(0);
    expect(hashtagEvidenceByTag({ hashtag: "a", source: "given", evidence: "x" }).size).toBe(0);
  });
});
