/**
 * Dashboard pages an error message may send the reader to, with the link text shown beside it. An
 * error is shown as text, never as HTML: only these paths, found in it, become links. A path counts
 * only as a whole path, not as part of a longer one or of a URL.
 */
const PAGES = [
  { path: "/connections", text: "Open Connections", pattern: /(^|[\s(])\/connections(?=$|[\s),.;:])/ },
] as const;

export interface ErrorLink {
  path: string;
  text: string;
}

/**
 * The dashboard pages an error's text names, e.g. the "connect this account" error's `/connections`.
 * @example
 * errorLinks("connect it on the Connections page (/connections), then …"); // [{ path: "/connections", … }]
 */
export function errorLinks(text: string | null | undefined): ErrorLink[] {
  if (!text) return [];
  return PAGES.filter(({ pattern }) => pattern.test(text)).map(({ path, text: label }) => ({
    path,
    text: label,
  }));
}
