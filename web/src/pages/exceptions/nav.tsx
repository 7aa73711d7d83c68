// The "Exceptions" entry of the staff navbar, with my open count and an overdue badge.
import { Badge, Group, Tooltip } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import type { NavItem } from "../../layout/Navigation";
import { useMyOpenCounts } from "./api";

export function useExceptionsNavItem(enabled: boolean): NavItem {
  const counts = useMyOpenCounts(enabled).data;
  return {
    to: "/desk/exceptions",
    label: "Exceptions",
    icon: <IconAlertTriangle size={18} />,
    match: (p) => p === "/desk/exceptions" || p.startsWith("/desk/exceptions/"),
    badge: counts && (counts.open > 0 || counts.overdue > 0) && (
      <Group gap={4} wrap="nowrap" data-testid="nav-exceptions-counts">
        {counts.overdue > 0 && (
          <Tooltip label={`${counts.overdue} overdue`} withArrow>
            <Badge
              size="sm"
              color="red"
              variant="filled"
              circle={counts.overdue < 10}
              data-testid="nav-exceptions-overdue"
            >
              {counts.overdue}
            </Badge>
          </Tooltip>
        )}
        <Tooltip label={`${counts.open} open in your queue`} withArrow>
          <Badge
            size="sm"
            color="gray"
            variant="light"
            circle={counts.open < 10}
            data-testid="nav-exceptions-open"
          >
            {counts.open}
          </Badge>
        </Tooltip>
      </Group>
    ),
  };
}
