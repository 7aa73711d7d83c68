// The frame of a detail page around its query: a skeleton while it loads, the page title, the way back
// and the error when it fails (or finds nothing), else the page itself.
import { Anchor } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { PageHeader } from "./PageHeader";
import { ErrorState, TableSkeleton } from "./States";

export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Anchor component={Link} to={to} size="sm">
      <IconArrowLeft size={14} style={{ verticalAlign: -2 }} /> {label}
    </Anchor>
  );
}

export function DetailQuery<T>({
  query,
  title,
  errorTitle,
  missing,
  back,
  children,
}: {
  query: UseQueryResult<T>;
  /** The page title while there is nothing to show. */
  title: string;
  errorTitle: string;
  /** The message when the query answers with nothing. */
  missing: string;
  back: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending && query.fetchStatus !== "idle") return <TableSkeleton />;
  if (query.isError || !query.data) {
    return (
      <>
        <PageHeader title={title} above={back} />
        <ErrorState error={query.error ?? new Error(missing)} title={errorTitle} />
      </>
    );
  }
  return <>{children(query.data)}</>;
}
