import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { usePageTitle } from "./page-title.ts";

export function NotFoundPage() {
  usePageTitle("Not found");
  return (
    <section className="page">
      <h1>Page not found</h1>
      <p>
        Nothing lives at this address. <Link to="/">Back to the workflows</Link>
      </p>
    </section>
  );
}

/** What a page that crashed shows instead of a blank screen. */
export function RouteErrorPage() {
  const error = useRouteError();
  usePageTitle("Error");
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : "Something went wrong.";
  return (
    <main id="main" className="page">
      <h1>Something went wrong</h1>
      <p>{message}</p>
      <p>
        <a href="/">Reload the dashboard</a>
      </p>
    </main>
  );
}
