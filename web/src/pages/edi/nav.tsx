// The "EDI" section of the staff navbar: admin and order desk only.
import { IconPlugConnected, IconTransfer } from "@tabler/icons-react";
import type { Role } from "../../api/types";
import type { NavItem } from "../../layout/Navigation";
import { EDI_ROLES } from "./api";

export function ediNavItems(role: Role): NavItem[] {
  if (!(EDI_ROLES as readonly string[]).includes(role)) return [];
  return [
    {
      to: "/desk/edi/messages",
      label: "EDI messages",
      icon: <IconTransfer size={18} />,
      match: (p) => p.startsWith("/desk/edi/messages"),
    },
    {
      to: "/desk/edi/partners",
      label: "Trading partners",
      icon: <IconPlugConnected size={18} />,
      match: (p) => p.startsWith("/desk/edi/partners"),
    },
  ];
}
