import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { useSession } from "../api/hooks";
import type { Role } from "../api/types";
import { ErrorState, FullPageLoader } from "../components/States";
import { homeFor } from "../lib/status";

/** Renders children only for a signed-in user with one of `roles`; otherwise redirects. */
export function RequireRole({
  roles,
  fallback,
  children,
}: {
  roles: readonly Role[];
  fallback?: string;
  children: ReactNode;
}) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <FullPageLoader />;
  if (session.isError) {
    return <ErrorState error={session.error} onRetry={() => session.refetch()} fullPage />;
  }
  const user = session.data.user;
  if (!user) {
    const next = location.pathname + location.search;
    return <Navigate to={`/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  if (!roles.includes(user.role)) return <Navigate to={fallback ?? homeFor(user.role)} replace />;
  return <>{children}</>;
}

/** "/" goes to the user's home area, or to sign-in. */
export function RootRedirect() {
  const session = useSession();
  if (session.isPending) return <FullPageLoader />;
  if (session.isError) {
    return <ErrorState error={session.error} onRetry={() => session.refetch()} fullPage />;
  }
  const user = session.data.user;
  return <Navigate to={user ? homeFor(user.role) : "/signin"} replace />;
}
