/**
 * TikTok location ids (GeoNames ids) of the regions our accounts report. A region missing here
 * is not guessed: the drafting step asks for its `location_ids` option instead.
 */
export const LOCATION_IDS: Readonly<Record<string, string>> = {
  US: "6252001",
  GB: "2635167",
  CA: "6251999",
  AU: "2077456",
  DE: "2921044",
  FR: "3017382",
  ES: "2510769",
  IT: "3175395",
};

/** Countries a campaign may target by name (ISO 3166-1 alpha-2). */
export const TARGET_COUNTRIES = Object.keys(LOCATION_IDS) as [string, ...string[]];

export function locationIdsOf(region: string | null): string[] | undefined {
  const id = region ? LOCATION_IDS[region.toUpperCase()] : undefined;
  return id ? [id] : undefined;
}

/**
 * Start at midnight `startInDays` days after `now`, end `days` days later, in the Marketing API's
 * `YYYY-MM-DD HH:MM:SS` (read in the advertiser's time zone).
 */
export function campaignSchedule(
  now: Date,
  startInDays: number,
  days: number,
): { start: string; end: string } {
  const day = 24 * 3600 * 1000;
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const at = (ms: number) => `${new Date(ms).toISOString().slice(0, 10)} 00:00:00`;
  const start = midnight + startInDays * day;
  return { start: at(start), end: at(start + days * day) };
}
