// The "Pricing" section of the staff navbar (every staff role may read prices).
import {
  IconDiscount2,
  IconFileImport,
  IconFileInvoice,
  IconListNumbers,
  IconReportSearch,
  IconStack2,
} from "@tabler/icons-react";
import type { Role } from "../../api/types";
import type { NavItem } from "../../layout/Navigation";
import { PRICING_WRITERS } from "./validation";

const item = (to: string, label: string, icon: NavItem["icon"]): NavItem => ({
  to,
  label,
  icon,
  match: (p) => p === to || p.startsWith(`${to}/`),
});

export function pricingNavItems(role: Role): NavItem[] {
  const items = [
    item("/desk/pricing/lookup", "Price lookup", <IconReportSearch size={18} />),
    item("/desk/pricing/price-lists", "Price lists", <IconListNumbers size={18} />),
    item("/desk/pricing/contracts", "Contracts", <IconFileInvoice size={18} />),
    item("/desk/pricing/tiers", "Volume tiers", <IconStack2 size={18} />),
    item("/desk/pricing/promotions", "Promotions", <IconDiscount2 size={18} />),
  ];
  if (PRICING_WRITERS.includes(role))
    items.push(item("/desk/pricing/import", "Import", <IconFileImport size={18} />));
  return items;
}
