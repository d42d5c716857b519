import { Suspense, useState } from "react";
import { Link, NavLink, Outlet, ScrollRestoration, useLocation } from "react-router";
import { useSession } from "../api/api-provider.tsx";
import { forgetApiKey } from "../api/session.ts";
import { trpc } from "../api/trpc.ts";
import { Loading } from "../ui/notices.tsx";
import { TikTokAccountsBadge } from "../ui/tiktok-accounts-badge.tsx";
import { LocalSessionBadges } from "./session-badges.tsx";
import { setTheme, useTheme } from "./theme.ts";
import { useTikTokAccounts } from "./use-tiktok-accounts.ts";

/**
 * The frame of every page: skip link, top bar (name, navigation, mode, theme) and the page. On a
 * phone the navigation folds behind a Menu button; the mode and data badges stay in sight.
 */
export function Layout() {
  const [menuOpen, setMenuOpen] = useState(false);
  // Following a link closes the menu: the page it opens is what the user wants to see.
  const { pathname } = useLocation();
  const [menuPath, setMenuPath] = useState(pathname);
  if (menuPath !== pathname) {
    setMenuPath(pathname);
    setMenuOpen(false);
  }
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar" data-menu={menuOpen ? "open" : "closed"}>
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          tiktok-army
        </Link>
        <MenuButton open={menuOpen} onToggle={() => setMenuOpen((open) => !open)} />
        <MainNav />
        <div className="topbar-end">
          <ModeBadge />
          <ThemeToggle />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading what="page" />}>
          <Outlet />
        </Suspense>
      </main>
      <ScrollRestoration />
    </>
  );
}

/** How many approvals wait for a decision; the header's two places that show it share one request. */
function usePendingCount(): number {
  const pending = trpc.approvals.list.useQuery({ status: "pending" }, { refetchInterval: 5_000 });
  return pending.data?.length ?? 0;
}

/** Shown on phones only (CSS): opens the navigation, and tells what waits behind it. */
function MenuButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const count = usePendingCount();
  return (
    <button
      type="button"
      className="button button-quiet menu-toggle"
      aria-expanded={open}
      aria-controls="main-nav"
      onClick={onToggle}
    >
      <span aria-hidden="true">☰</span> Menu
      {count > 0 && (
        <span className="badge">
          {count}
          <span className="sr-only"> pending approvals</span>
        </span>
      )}
    </button>
  );
}

function MainNav() {
  const count = usePendingCount();
  return (
    <nav id="main-nav" aria-label="Main">
      <ul className="nav-list">
        <li>
          <NavLink to="/" end>
            Workflows
          </NavLink>
        </li>
        <li>
          <NavLink to="/briefs/new">New brief</NavLink>
        </li>
        <li>
          <NavLink to="/runs">Runs</NavLink>
        </li>
        <li>
          <NavLink to="/approvals">
            Approvals
            {count > 0 && (
              <span className="badge" data-testid="pending-approvals-count">
                {count}
                <span className="sr-only"> pending</span>
              </span>
            )}
          </NavLink>
        </li>
        <li>
          <NavLink to="/connections">Connections</NavLink>
        </li>
      </ul>
    </nav>
  );
}

function ModeBadge() {
  const session = useSession();
  const accounts = useTikTokAccounts();
  if (session.kind === "key") {
    return (
      <>
        <span className="mode-badge">API key</span>
        {accounts !== undefined && accounts !== "loading" && <TikTokAccountsBadge view={accounts} />}
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            forgetApiKey();
            window.location.reload();
          }}
        >
          Forget key
        </button>
      </>
    );
  }
  return <LocalSessionBadges mode={session.mode} dataSource={session.dataSource} accounts={accounts} />;
}

function ThemeToggle() {
  const dark = useTheme() === "dark";
  return (
    <button
      type="button"
      className="button button-quiet theme-toggle"
      aria-pressed={dark}
      onClick={() => setTheme(dark ? "light" : "dark")}
    >
      <span aria-hidden="true">{dark ? "☾" : "☀"}</span> Dark theme
    </button>
  );
}
