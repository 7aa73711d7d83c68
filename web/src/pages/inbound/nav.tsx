// The "Inbound" entry of the staff navbar: purchase orders, readable by every staff role.
import { IconTruckDelivery } from "@tabler/icons-react";
import type { Role } from "../../api/types";
import type { NavItem } from "../../layout/Navigation";

export function inboundNavItems(role: Role): NavItem[] {
  if (role === "buyer") return [];
  return [
    {
      to: "/desk/inbound",
      label: "Inbound",
      icon: <IconTruckDelivery size={18} />,
      match: (p) => p === "/desk/inbound" || p.startsWith("/desk/inbound/"),
    },
  ];
}
