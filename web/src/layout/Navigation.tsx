import { NavLink, Stack, Text } from "@mantine/core";
import { IconBuildingStore, IconList, IconMail, IconPlus } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link, useLocation } from "react-router-dom";
import type { SessionUser } from "../api/types";
import { ORDER_ENTRY_ROLES, ROLE_LABELS } from "../lib/status";
import { ediNavItems } from "../pages/edi/nav";
import { useExceptionsNavItem } from "../pages/exceptions/nav";
import { inboundNavItems } from "../pages/inbound/nav";
import { pricingNavItems } from "../pages/pricing/nav";
import type { Area } from "./AppLayout";

export interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  /** Exact match only (so "Orders" is not active on "New order"). */
  match: (path: string) => boolean;
  /** Shown at the right of the entry (e.g. a count). */
  badge?: ReactNode;
}

function itemsFor(area: Area, user: SessionUser): NavItem[] {
  if (area === "portal") {
    return [
      {
        to: "/portal/orders",
        label: "My orders",
        icon: <IconList size={18} />,
        match: (p) => p.startsWith("/portal/orders"),
      },
    ];
  }
  const items: NavItem[] = [
    {
      to: "/desk/orders",
      label: "Orders",
      icon: <IconList size={18} />,
      match: (p) => p.startsWith("/desk/orders") && p !== "/desk/orders/new",
    },
  ];
  if (ORDER_ENTRY_ROLES.includes(user.role)) {
    items.push({
      to: "/desk/orders/new",
      label: "New order",
      icon: <IconPlus size={18} />,
      match: (p) => p === "/desk/orders/new",
    });
  }
  return items;
}

function SectionTitle({ children }: { children: ReactNode }) {
  return (
    <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="xs" pb={4} style={{ letterSpacing: 0.6 }}>
      {children}
    </Text>
  );
}

function Item({ item, pathname }: { item: NavItem; pathname: string }) {
  return (
    <NavLink
      component={Link}
      to={item.to}
      label={item.label}
      leftSection={item.icon}
      rightSection={item.badge}
      active={item.match(pathname)}
      variant="light"
      style={{ borderRadius: "var(--mantine-radius-md)" }}
      fw={500}
    />
  );
}

export function Navigation({ area, user }: { area: Area; user: SessionUser }) {
  const { pathname } = useLocation();
  const exceptions = useExceptionsNavItem(area === "desk");
  return (
    <Stack gap={4} h="100%" justify="space-between">
      <Stack gap={4}>
        <SectionTitle>{area === "desk" ? "Sales orders" : "Purchasing"}</SectionTitle>
        {itemsFor(area, user).map((item) => (
          <Item key={item.to} item={item} pathname={pathname} />
        ))}
        {area === "desk" && <Item item={exceptions} pathname={pathname} />}
        {area === "desk" && (
          <>
            <SectionTitle>Inventory</SectionTitle>
            {inboundNavItems(user.role).map((item) => (
              <Item key={item.to} item={item} pathname={pathname} />
            ))}
          </>
        )}
        {area === "desk" && (
          <>
            <SectionTitle>Pricing</SectionTitle>
            {pricingNavItems(user.role).map((item) => (
              <Item key={item.to} item={item} pathname={pathname} />
            ))}
          </>
        )}
        {area === "desk" && user.role === "admin" && (
          <>
            <SectionTitle>Admin</SectionTitle>
            <Item
              item={{
                to: "/desk/mail",
                label: "Mail",
                icon: <IconMail size={18} />,
                match: (p) => p === "/desk/mail",
              }}
              pathname={pathname}
            />
          </>
        )}
        {area === "desk" && ediNavItems(user.role).length > 0 && (
          <>
            <SectionTitle>EDI</SectionTitle>
            {ediNavItems(user.role).map((item) => (
              <Item key={item.to} item={item} pathname={pathname} />
            ))}
          </>
        )}
      </Stack>
      <Stack gap={2} px="sm" pb="xs">
        {area === "portal" && user.accountName && (
          <Text size="xs" c="dimmed">
            <IconBuildingStore size={12} style={{ verticalAlign: -1, marginRight: 4 }} />
            {user.accountName}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          Signed in as {ROLE_LABELS[user.role].toLowerCase()}
        </Text>
      </Stack>
    </Stack>
  );
}
