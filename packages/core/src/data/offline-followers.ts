import type { OfflineAccount } from "./offline-account.ts";
import { clamp, daysBefore, utcDay } from "./offline-numbers.ts";
import type { FollowerSnapshot } from "./provider.ts";
import { seededRandom } from "./seeded-random.ts";

/**
 * One snapshot per day, oldest first, ending today at the profile's follower_count. Walked backwards
 * from today so the latest figure always matches the profile whatever the range.
 */
export function offlineFollowerHistory(account: OfflineAccount, days: number, now: Date): FollowerSnapshot[] {
  const random = seededRandom(`followers:${account.handle}`);
  const dailyGrowth = (1 + account.monthlyGrowth) ** (1 / 30) - 1;
  const history: FollowerSnapshot[] = [];
  let followers = account.followerCount;
  for (let back = 0; back < days; back++) {
    history.push({ date: utcDay(daysBefore(now, back)), follower_count: Math.round(followers) });
    // Daily growth is noisy (a hit doubles it, a quiet day halves it) but the monthly trend holds.
    followers /= 1 + dailyGrowth * clamp(1 + random.normal() * 0.8, -0.5, 3);
  }
  return history.reverse();
}
