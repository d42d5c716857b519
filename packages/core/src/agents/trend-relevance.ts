import { z } from "zod";
import { hashtagsSchema, lineSchema } from "./bounds.ts";
import { isGenericHashtag, normalizeHashtag, uniqueHashtags } from "./hashtag.ts";
import { joinAnd } from "./phrasing.ts";

/**
 * Why a trending tag fits the account: the account's own hashtags it overlaps (none when it was judged
 * on the niche's topics alone) and a sentence saying how.
 */
export const relevanceSchema = z.object({ matched: hashtagsSchema, reason: lineSchema });
export type Relevance = z.infer<typeof relevanceSchema>;

export type RelevanceVerdict = { fits: true; relevance: Relevance } | { fits: false; reason: string };

interface NicheVocabulary {
  /** Stems naming the niche itself: a tag holding one ("beautyhacks") fits every account of the niche. */
  niche: readonly string[];
  /** The niche's topics and the stems that name them inside a hashtag ("skincareroutine" holds "skin"). */
  topics: Record<string, readonly string[]>;
}

/** A hashtag is one run of letters, so topics are found by stem, never by splitting it into words. */
const VOCABULARY: Record<string, NicheVocabulary> = {
  beauty: {
    niche: ["beauty"],
    topics: {
      skincare: ["skin", "spf", "serum", "acne", "moistur", "retinol", "cleanser", "sunscreen"],
      makeup: [
        "makeup",
        "lip",
        "gloss",
        "blush",
        "concealer",
        "foundation",
        "mascara",
        "liner",
        "contour",
        "brow",
        "lash",
        "grwm",
        "cleangirl",
      ],
      nails: ["nail", "manicure", "pedicure", "polish"],
      hair: ["hair", "curl", "braid", "blowout", "wig", "scalp"],
      fragrance: ["perfume", "fragrance", "scent"],
    },
  },
  fitness: {
    niche: ["fitness", "fittok", "workout"],
    topics: {
      strength: ["gym", "lift", "legday", "strength", "muscle", "bodybuild", "powerlift", "hyrox"],
      cardio: ["run", "cardio", "marathon", "hiit", "cycling", "hyrox"],
      "mind and body": ["pilates", "yoga", "mobility", "stretch", "barre"],
      nutrition: ["protein", "macro", "mealprep", "creatine", "supplement"],
    },
  },
  food: {
    niche: ["food", "recipe", "cook"],
    topics: {
      baking: ["bak", "bread", "sourdough", "cake", "cookie", "dessert", "pastry"],
      meals: ["dinner", "lunch", "meal", "pasta", "airfryer", "onepot", "streetfood"],
      healthy: ["healthy", "protein", "cottagecheese", "salad", "vegan"],
      budget: ["budget", "cheap"],
      drinks: ["coffee", "cocktail", "matcha", "smoothie", "drink"],
    },
  },
  fashion: {
    niche: ["fashion", "style"],
    topics: {
      outfits: ["ootd", "outfit", "capsule", "wardrobe", "haul", "workwear", "quietluxury"],
      thrift: ["thrift", "vintage", "secondhand"],
      shoes: ["sneaker", "shoe", "heels"],
      accessories: ["jewel", "bag", "watch"],
    },
  },
  tech: {
    niche: ["tech", "gadget"],
    topics: {
      phones: ["iphone", "android", "phone", "ios"],
      setups: ["setup", "desk", "pcbuild", "keyboard", "monitor"],
      software: ["aitools", "chatgpt", "coding", "code", "software", "productivity"],
      "smart home": ["smarthome", "alexa", "homekit"],
    },
  },
  travel: {
    niche: ["travel", "trip", "wander"],
    topics: {
      budget: ["budget", "cheap", "hacks", "deal"],
      solo: ["solo"],
      "road trips": ["roadtrip", "vanlife", "camp"],
      destinations: ["hiddengem", "europe", "asia", "itinerary", "city"],
      packing: ["pack", "luggage", "carryon"],
    },
  },
  gaming: {
    niche: ["gaming", "gamer", "game"],
    topics: {
      competitive: ["fortnite", "valorant", "clutch", "clips", "esports"],
      cozy: ["cozy", "indie", "stardew"],
      sandbox: ["minecraft", "build"],
      consoles: ["retro", "nintendo", "switch", "playstation", "xbox", "console"],
      speedruns: ["speedrun"],
      "game dev": ["gamedev", "pixelart"],
    },
  },
  pets: {
    niche: ["pet", "animal"],
    topics: {
      dogs: ["dog", "puppy", "golden", "retriever"],
      cats: ["cat", "kitten"],
      training: ["training", "trick"],
      care: ["care", "groom", "vet"],
      rescue: ["rescue", "adopt", "shelter"],
    },
  },
};

/** Shorter own hashtags ("ad", "us") would match inside unrelated words. */
const MIN_CONTAINED_LENGTH = 4;
const BY_NICHE_ALONE = "no account hashtags given: judged on the niche's topics";

function contains(a: string, b: string): boolean {
  return b.length >= MIN_CONTAINED_LENGTH && a.includes(b);
}

function tagList(tags: readonly string[]): string {
  const named = tags.slice(0, 3).map((t) => `#${t}`);
  return tags.length > 3 ? `${named.join(", ")} and ${tags.length - 3} more` : joinAnd(named);
}

function kept(matched: string[], reason: string): RelevanceVerdict {
  return { fits: true, relevance: { matched, reason } };
}

/**
 * Whether trending tags fit an account: a tag is kept when it holds one of the account's own hashtags
 * (or is held by one), names the niche itself, or names a topic of the niche one of the account's
 * hashtags names; a tag naming only other topics (nails for an account posting about lips and skin)
 * is dropped. Without the account's hashtags the niche's whole vocabulary judges, and the reason says so.
 * @example
 * trendRelevance("beauty", ["lipcombo", "glassskin"])("nailart"); // { fits: false, reason: "nails tag; …" }
 */
export function trendRelevance(category: string, accountHashtags: readonly string[]) {
  const niche = category.toLowerCase();
  const vocabulary = VOCABULARY[niche];
  const topicsOf = (tag: string) =>
    Object.entries(vocabulary?.topics ?? {})
      .filter(([, stems]) => stems.some((stem) => tag.includes(stem)))
      .map(([topic]) => topic);
  const namesNiche = (tag: string) => vocabulary?.niche.some((stem) => tag.includes(stem)) ?? false;
  const own = uniqueHashtags(accountHashtags).filter((tag) => !isGenericHashtag(tag));
  const ownTopics = new Map(own.map((tag) => [tag, topicsOf(tag)]));

  return (name: string): RelevanceVerdict => {
    const tag = normalizeHashtag(name);
    const topics = topicsOf(tag);
    if (own.length === 0) {
      if (!vocabulary)
        return kept([], `not filtered: no account hashtags given and no topic list for ${niche}`);
      if (topics.length > 0) return kept([], `${joinAnd(topics)} topic of ${niche} (${BY_NICHE_ALONE})`);
      if (namesNiche(tag)) return kept([], `a general ${niche} tag (${BY_NICHE_ALONE})`);
      return { fits: false, reason: `not a ${niche} topic (${BY_NICHE_ALONE})` };
    }
    const holding = own.filter((o) => contains(tag, o) || contains(o, tag));
    if (holding.length > 0)
      return kept(
        holding,
        holding.includes(tag) ? "one of your own hashtags" : `builds on your ${tagList(holding)}`,
      );
    if (namesNiche(tag)) return kept([], `a general ${niche} tag`);
    const shared = topics.filter((topic) => own.some((o) => ownTopics.get(o)?.includes(topic)));
    if (shared.length > 0) {
      const like = own.filter((o) => ownTopics.get(o)?.some((topic) => shared.includes(topic)));
      return kept(like, `${joinAnd(shared)} topic, like your ${tagList(like)}`);
    }
    return {
      fits: false,
      reason:
        topics.length > 0
          ? `${topics.join("/")} tag; none of your hashtags (${tagList(own)}) is about ${topics.join(" or ")}`
          : `no topic in common with your hashtags (${tagList(own)})`,
    };
  };
}
