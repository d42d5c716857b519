/** Niches the offline provider assigns to accounts; trends can be asked for any of them. */
export const TIKTOK_CATEGORIES = [
  "beauty",
  "fitness",
  "food",
  "fashion",
  "tech",
  "travel",
  "gaming",
  "pets",
] as const;
export type TikTokCategory = (typeof TIKTOK_CATEGORIES)[number];

interface CategoryCatalog {
  /** Without the leading #, as TikTok's APIs return them. */
  hashtags: readonly string[];
  /**
   * Neighbouring niches' tags that trend in this one's feed (nail art in beauty) but that its accounts
   * rarely post: what a trend feed mixes in and a relevance filter has to catch.
   */
  adjacentHashtags: readonly string[];
  titles: readonly string[];
  sounds: readonly string[];
  bio: string;
}

/** "skintok grwm" -> ["skintok", "grwm"]: keeps a dozen hashtags per niche readable on one line. */
function tags(list: string): readonly string[] {
  return list.split(" ");
}

const CATALOG: Record<TikTokCategory, CategoryCatalog> = {
  beauty: {
    hashtags: tags(
      "skintok grwm makeuptutorial skincareroutine beautyhacks drugstoremakeup cleangirl glassskin lipcombo makeupdupes nailinspo hairtok",
    ),
    adjacentHashtags: tags("nailart gelnails nailtok curlyhair heatlesscurls hairstyles perfumetok"),
    titles: [
      "My 5-minute GRWM for work",
      "Trying the viral dupe so you don't have to",
      "Night skincare routine for oily skin",
      "Rating every lip combo I own",
      "Drugstore products that beat luxury",
      "Fixing cakey concealer in 3 steps",
    ],
    sounds: [
      "Glow Up Anthem",
      "Soft Girl Morning",
      "Mirror Mirror (sped up)",
      "Lip Gloss Pop",
      "Vanity Lights",
    ],
    bio: "Skincare nerd ✨ honest reviews, no gatekeeping",
  },
  fitness: {
    hashtags: tags(
      "gymtok fittok workoutroutine homeworkout legday pilates hyrox proteinrecipes runtok mobility fitnessjourney gymmotivation",
    ),
    adjacentHashtags: tags("athleisure sleeptok guthealth mealprepideas"),
    titles: [
      "20-minute full body, no equipment",
      "What I eat in a day to build muscle",
      "Fix your squat depth",
      "Pilates core burner",
      "My first HYROX: what I learned",
      "3 mobility drills for desk workers",
    ],
    sounds: ["Beast Mode Bassline", "Rep It Out", "Cardio Rush (remix)", "Lift Heavy", "Morning Run Lo-fi"],
    bio: "Coach | strength for busy people 💪 free plan below",
  },
  food: {
    hashtags: tags(
      "foodtok easyrecipes mealprep airfryerrecipes dinnerideas bakingtok healthyrecipes cottagecheese onepotmeal pastatok streetfood budgetmeals",
    ),
    adjacentHashtags: tags("coffeetok cocktailrecipes kitchenorganization groceryhaul"),
    titles: [
      "15-minute garlic butter pasta",
      "Meal prep for the week under $30",
      "Air fryer crispy chicken",
      "Viral cottage cheese flatbread",
      "One-pot dinner the kids ate",
      "Sourdough for beginners, day 1",
    ],
    sounds: [
      "Sizzle Beat",
      "Kitchen Groove",
      "Chef's Kiss (instrumental)",
      "Sunday Brunch Jazz",
      "Crunch Time",
    ],
    bio: "Easy dinners in 20 min or less 🍝 recipes on the blog",
  },
  fashion: {
    hashtags: tags(
      "ootd fashiontok outfitideas thrifttok capsulewardrobe styletips outfitinspo streetstyle fallfashion hauls quietluxury workwear",
    ),
    adjacentHashtags: tags("sneakertok jewelrytok makeuplook nailinspo"),
    titles: [
      "5 ways to style one blazer",
      "Thrift flip: $8 dress",
      "Capsule wardrobe for fall",
      "Outfits of the week",
      "Quiet luxury on a budget",
      "What I'd wear to a job interview",
    ],
    sounds: ["Runway Strut", "Closet Check", "Velvet Night", "Fit Check Beat", "Paris Morning"],
    bio: "Style on a budget 👗 outfit ideas daily",
  },
  tech: {
    hashtags: tags(
      "techtok iphonetricks setupwars aitools gadgets pcbuild productivityhacks desksetup techreview coding smarthome androidtips",
    ),
    adjacentHashtags: tags("cameragear photographytips cryptotok evtok"),
    titles: [
      "5 iPhone settings to change today",
      "My minimal desk setup tour",
      "AI tools that save me 10 hours a week",
      "Budget PC build for 2026",
      "Is this $30 gadget worth it?",
      "Smart home automations I use daily",
    ],
    sounds: ["Digital Dreams", "Click Clack Lo-fi", "Future Bass Setup", "Boot Sequence", "Pixel Pop"],
    bio: "Tech made simple 💻 honest reviews, no sponsors in disguise",
  },
  travel: {
    hashtags: tags(
      "traveltok hiddengems budgettravel solotravel traveltips roadtrip packwithme wanderlust vanlife travelhacks europetravel itinerary",
    ),
    adjacentHashtags: tags("cruisetok expatlife movingabroad airportoutfit"),
    titles: [
      "3 days in Lisbon under $300",
      "Hidden gems locals don't share",
      "Pack a carry-on for 2 weeks",
      "Solo travel safety tips",
      "The cheapest way to fly long haul",
      "Road trip itinerary: Pacific Coast",
    ],
    sounds: ["Golden Hour Drive", "Passport Stamp", "Island Breeze", "Departure Lounge", "Wander (acoustic)"],
    bio: "Budget travel & hidden gems ✈️ 40 countries and counting",
  },
  gaming: {
    hashtags: tags(
      "gamingtok gamingsetup fortniteclips minecraftbuilds indiegames cozygames speedrun gamingclips retrogaming valorant nintendoswitch gamedev",
    ),
    adjacentHashtags: tags("animetok cosplay mangarecs figurecollection"),
    titles: [
      "This clutch should be illegal",
      "Cozy games for a rainy weekend",
      "Minecraft build hack you missed",
      "Ranking every console I own",
      "Speedrun tricks explained",
      "My streaming setup on a budget",
    ],
    sounds: ["Level Up Chiptune", "Boss Fight", "Respawn", "Cozy Pixel Cafe", "Final Round"],
    bio: "Clips, builds and cozy games 🎮 live Thu 8pm",
  },
  pets: {
    hashtags: tags(
      "dogsoftiktok catsoftiktok puppytok pettok dogtraining rescuedog catlife goldenretriever petcare dogmom funnypets adoptdontshop",
    ),
    adjacentHashtags: tags("horsesoftiktok reptiletok aquariumtok birdtok"),
    titles: [
      "Teaching my rescue to sit in 3 days",
      "POV: the cat hears the treat bag",
      "Puppy's first week home",
      "Grooming at home without tears",
      "Dog park etiquette 101",
      "Things only golden owners know",
    ],
    sounds: ["Zoomies", "Good Boy Bounce", "Purr Beat", "Tail Wag Shuffle", "Nap Time Piano"],
    bio: "One rescue, zero chill 🐾 training tips & daily chaos",
  },
};

const FALLBACK: CategoryCatalog = {
  hashtags: tags(
    "tipsandtricks lifehacks learnontiktok dayinmylife smallbusiness storytime howto beforeandafter tutorial trending review challenge",
  ),
  adjacentHashtags: [],
  titles: [
    "3 things I wish I knew sooner",
    "A day in my life",
    "Before and after",
    "Answering your questions",
    "Honest review",
    "Quick tutorial",
  ],
  sounds: ["Upbeat Loop", "Chill Lo-fi", "Story Time Piano", "Trending Beat", "Good Vibes"],
  bio: "New videos every week",
};

/** Hashtags, titles and sounds of a niche; an unknown niche gets a generic catalog. */
export function categoryCatalog(category: string): CategoryCatalog {
  return (CATALOG as Record<string, CategoryCatalog>)[category.toLowerCase()] ?? FALLBACK;
}
