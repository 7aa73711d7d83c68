// Demo sign-ins: one staff user per role and buyers for three customer companies.
import type { AccountRow, RepRow } from "./accounts.ts";
import type { CreatedBy } from "./history.ts";

export const DEMO_PASSWORD = "wholesail";

export type UserRow = {
  id: number;
  email: string;
  name: string;
  role: string;
  accountId: number | null;
  company?: string;
};

const STAFF: [role: string, local: string, name: string][] = [
  ["admin", "admin", "Alex Admin"],
  ["order_desk", "desk", "Olivia Desk"],
  ["sales_rep", "rep", ""], // named after the rep it is linked to
  ["sales_manager", "manager", "Morgan Manager"],
  ["finance", "finance", "Frances Finance"],
  ["warehouse", "warehouse", "Walt Warehouse"],
];

/**
 * Staff users get ids 1..6; buyers follow. The sales_rep user is linked to the rep with the most
 * accounts so the rep app has plenty to show. Buyers belong to a restaurant, a hardware store and a
 * contractor (companies that really use a portal; chains order by EDI).
 */
export function generateUsers(
  reps: RepRow[],
  accounts: AccountRow[],
): { users: UserRow[]; linkedRepId: number; createdBy: CreatedBy } {
  const accountsPerRep = new Map<number, number>();
  for (const a of accounts) accountsPerRep.set(a.repId, (accountsPerRep.get(a.repId) ?? 0) + 1);
  const linkedRep = [...reps].sort(
    (a, b) => (accountsPerRep.get(b.id) ?? 0) - (accountsPerRep.get(a.id) ?? 0) || a.id - b.id,
  )[0];

  const users: UserRow[] = STAFF.map(([role, local, name], i) => ({
    id: i + 1,
    email: `${local}@demo.wholesail.dev`,
    name: name || linkedRep.name,
    role,
    accountId: null,
  }));
  const buyerByAccount = new Map<number, number>();
  for (const segment of ["restaurant", "hardware", "contractor"] as const) {
    const account = accounts.find((a) => a.segment === segment);
    if (!account) continue;
    const id = users.length + 1;
    users.push({
      id,
      email: `buyer@${account.slug}.example`,
      name: `${account.name} Buyer`,
      role: "buyer",
      accountId: account.id,
      company: account.name,
    });
    buyerByAccount.set(account.id, id);
  }
  return {
    users,
    linkedRepId: linkedRep.id,
    createdBy: { desk: 2, repUserId: 3, repId: linkedRep.id, buyerByAccount },
  };
}
