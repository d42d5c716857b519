/** `now + seconds`, or null when TikTok gave no lifetime. Lifetimes come from each reply, never from constants. */
export function expiresAt(now: Date, seconds: number | undefined): Date | null {
  return seconds === undefined ? null : new Date(now.getTime() + seconds * 1000);
}

/** TikTok sends scopes comma-separated (Login Kit, TikTok Accounts) or as an array (Marketing API). */
export function scopeList(scope: string | readonly (string | number)[]): string[] {
  const items = typeof scope === "string" ? scope.split(/[,\s]+/) : scope.map(String);
  return items.filter((item) => item.length > 0);
}
