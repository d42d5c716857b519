/**
 * How many procedures a tRPC request calls: a batch (`?batch=1`) names them in its path, separated
 * by commas, which tRPC splits after decoding the path (so `%2C` separates too); else one.
 *
 * @example callsIn(new URL("http://h/trpc/runs.list,runs.get?batch=1")) // 2
 */
export function callsIn(url: URL): number {
  if (url.searchParams.get("batch") !== "1") return 1;
  return decoded(url.pathname).split(",").length;
}

function decoded(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname; // tRPC refuses it; counted as sent
  }
}
