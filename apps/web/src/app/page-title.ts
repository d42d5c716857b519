import { useEffect } from "react";

/** Sets the document title to `<title> · tiktok-army` while the page is shown. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · tiktok-army`;
  }, [title]);
}
