// Who may use the pricing API: reads for every staff role, writes for the roles that own prices.
import { STAFF } from "../../app/access.ts";
import type { Role } from "../auth/schema.ts";

export const PRICING_READERS = { roles: STAFF, scope: "pricing:read" } as const;
export const PRICING_WRITERS = {
  roles: ["admin", "sales_manager", "finance"] as readonly Role[],
  scope: "pricing:write",
} as const;
