// Demo customers and the sales organisation: warehouses, reps, account groups, accounts with their
// ship-tos, contacts, EDI identifiers and (for chains) customer part numbers. Each account also gets
// a buying profile that history.ts uses to generate its orders.

import {
  CHAIN_NAMES,
  CHAIN_SUFFIX,
  type Channel,
  CONTRACTOR_KIND,
  INSTITUTION_KIND,
  REPS,
  RESTAURANT_A,
  RESTAURANT_B,
  RESTAURANT_KIND,
  SEGMENTS,
  WAREHOUSES,
} from "./accounts-data.ts";
import { type ItemRow, segmentWeight } from "./catalog.ts";
import type { Segment } from "./catalog-data.ts";
import { makeGln } from "./gs1.ts";
import {
  type Address,
  CITIES,
  type City,
  makeAddress,
  personName,
  phone,
  type Region,
  slug,
} from "./places.ts";
import { type Rng, weightedTable } from "./random.ts";

export type { Channel };
export type WarehouseRow = { id: number; code: string; name: string; address: Address; regions: Region[] };
export type RepRow = { id: number; code: string; name: string; email: string; region: Region };
export type GroupRow = { id: number; code: string; name: string; segment: Segment };
export type ShipToRow = {
  id: number;
  accountId: number;
  code: string;
  name: string;
  kind: "dc" | "store" | "main" | "jobsite";
  address: Address;
  ediStoreNumber: string | null;
  gln: string | null;
  warehouseId: number;
};
export type ContactRow = { accountId: number; name: string; email: string; phone: string; title: string };
export type PartnerIdRow = { accountId: number; qualifier: string; value: string };
export type PartNumberRow = { accountId: number; itemId: number; partNo: string };

export type AccountRow = {
  id: number;
  number: string;
  name: string;
  groupId: number;
  paymentTerms: string;
  termsDays: number;
  creditLimitCents: number;
  repId: number;
  billTo: Address;
  /** Generator-only buying profile: */
  segment: Segment;
  slug: string;
  ordersPerMonth: number;
  linesMean: number;
  /** Typical value of one order line in cents (chains buy pallets, restaurants a case or two). */
  lineValueCents: number;
  discountBp: number;
  /** Yearly volume growth in basis points; with new accounts and ~4% price rises the book grows ~10%. */
  growthBp: number;
  /** Day index (0 = 24 months ago) when the account started buying. */
  startDay: number;
  channels: { list: Channel[]; weights: number[] };
  shipTos: ShipToRow[];
  pickItem: (rng: Rng) => ItemRow;
};

export type Customers = {
  warehouses: WarehouseRow[];
  reps: RepRow[];
  groups: GroupRow[];
  accounts: AccountRow[];
  shipTos: ShipToRow[];
  contacts: ContactRow[];
  partnerIds: PartnerIdRow[];
  partNumbers: PartNumberRow[];
};

export function generateCustomers(rng: Rng, items: ItemRow[], scale: number): Customers {
  const warehouses: WarehouseRow[] = WAREHOUSES.map((w, i) => ({
    id: i + 1,
    code: w.code,
    name: w.name,
    address: { ...makeAddress(rng, CITIES[w.cityIndex], true), line1: w.line1, postalCode: w.zip },
    regions: w.regions,
  }));
  const warehouseFor = (city: City) => warehouses.find((w) => w.regions.includes(city.region))!.id;
  const reps: RepRow[] = REPS.map((r, i) => ({
    id: i + 1,
    code: `R${String(i + 1).padStart(2, "0")}`,
    name: r.name,
    email: `${slug(r.name).replace("-", ".")}@demo.wholesail.dev`,
    region: r.region,
  }));
  const segments = Object.keys(SEGMENTS) as Segment[];
  const groups: GroupRow[] = segments.map((s, i) => ({
    id: i + 1,
    code: SEGMENTS[s].group[0],
    name: SEGMENTS[s].group[1],
    segment: s,
  }));

  const out: Customers = {
    warehouses,
    reps,
    groups,
    accounts: [],
    shipTos: [],
    contacts: [],
    partnerIds: [],
    partNumbers: [],
  };
  const usedNames = new Set<string>();
  const uniqueName = (make: () => string) => {
    for (let i = 0; ; i++) {
      const name = make();
      if (!usedNames.has(name)) return usedNames.add(name) && name;
      if (i > 50) return usedNames.add(`${name} ${i}`) && `${name} ${i}`;
    }
  };
  let accountSerial = 10000;

  for (const group of groups) {
    const p = SEGMENTS[group.segment];
    const count = Math.max(2, Math.round(p.count * scale));
    const candidates = items.filter((it) => segmentWeight(it, group.segment) > 0);
    const candidatePick = weightedTable(
      candidates,
      candidates.map((it) => segmentWeight(it, group.segment)),
    );
    for (let n = 0; n < count; n++) {
      const id = out.accounts.length + 1;
      const city = rng.pick(CITIES);
      const name = uniqueName(() => accountName(rng, group.segment, city));
      const accountSlug = slug(name);
      const [terms, termsDays] = rng.pick(p.terms);
      const regionReps = reps.filter((r) => r.region === city.region);
      const [cLo, cHi] = p.creditCents;
      accountSerial += rng.int(1, 40);

      // Assortment: the items this customer actually buys, each with its own preference weight.
      const size = rng.int(p.assortment[0], p.assortment[1]);
      const chosen = new Set<ItemRow>();
      for (let tries = 0; chosen.size < size && tries < size * 20; tries++) chosen.add(candidatePick(rng));
      const assortment = [...chosen].sort((a, b) => a.id - b.id);
      const pickItem = weightedTable(
        assortment,
        assortment.map((it) => segmentWeight(it, group.segment) * (0.3 + rng.next())),
      );

      const account: AccountRow = {
        id,
        number: `C${accountSerial}`,
        name,
        groupId: group.id,
        paymentTerms: terms,
        termsDays,
        creditLimitCents: cLo + Math.floor(((cHi - cLo) * rng.int(0, 1000)) / 1000 / 100_000) * 100_000,
        repId: rng.pick(regionReps).id,
        billTo: makeAddress(rng, city, group.segment !== "restaurant"),
        segment: group.segment,
        slug: accountSlug,
        ordersPerMonth: p.ordersPerMonth * (0.5 + rng.next()),
        linesMean: p.linesMean * (0.7 + 0.6 * rng.next()),
        lineValueCents: Math.round(p.lineValueCents * (0.6 + 0.8 * rng.next())),
        discountBp: rng.int(p.discountBp[0], p.discountBp[1]),
        growthBp: group.segment === "grocery" ? rng.int(400, 800) : rng.int(100, 1000),
        startDay: rng.chance(0.06) ? rng.int(60, 600) : 0,
        channels: {
          list: Object.keys(p.channels) as Channel[],
          weights: Object.values(p.channels) as number[],
        },
        shipTos: [],
        pickItem,
      };
      out.accounts.push(account);
      addShipTos(rng, out, account, city, warehouseFor);
      addContacts(rng, out, account);
      if (group.segment === "grocery") addChainIdentifiers(rng, out, account, assortment);
    }
  }
  return out;
}

function accountName(rng: Rng, segment: Segment, city: City): string {
  const surname = rng.pick([
    "Anderson",
    "Brooks",
    "Carter",
    "Hughes",
    "Jensen",
    "Kowalski",
    "Mitchell",
    "Sullivan",
    "Thompson",
    "Walker",
    "Fischer",
    "Larsen",
    "Morales",
    "Novak",
    "Reyes",
    "Greene",
  ]);
  switch (segment) {
    case "grocery":
      return `${rng.pick(CHAIN_NAMES)} ${rng.pick(CHAIN_SUFFIX)}`;
    case "restaurant":
      return rng.chance(0.3)
        ? `${surname}${surname.endsWith("s") ? "'" : "'s"} ${rng.pick(RESTAURANT_KIND)}`
        : `The ${rng.pick(RESTAURANT_A)} ${rng.pick(RESTAURANT_B)} ${rng.pick(RESTAURANT_KIND)}`;
    case "contractor":
      return rng.chance(0.5)
        ? `${surname} ${rng.pick(CONTRACTOR_KIND)}`
        : `${city.city} ${rng.pick(CONTRACTOR_KIND)} ${rng.pick(["LLC", "Inc.", "Co."])}`;
    case "hardware":
      return rng.chance(0.5)
        ? `${surname} Hardware${rng.chance(0.4) ? " & Supply" : ""}`
        : `${city.city} ${rng.pick(["Hardware", "Lumber & Hardware", "Home & Garden Supply", "True Hardware"])}`;
    case "institution":
      return `${city.city} ${rng.pick(INSTITUTION_KIND)}`;
  }
}

function addShipTos(
  rng: Rng,
  out: Customers,
  account: AccountRow,
  city: City,
  warehouseFor: (c: City) => number,
): void {
  const add = (
    code: string,
    name: string,
    kind: ShipToRow["kind"],
    at: City,
    extra: Partial<ShipToRow> = {},
  ) => {
    const row: ShipToRow = {
      id: out.shipTos.length + 1,
      accountId: account.id,
      code,
      name,
      kind,
      address: makeAddress(rng, at, kind !== "store" && kind !== "main"),
      ediStoreNumber: null,
      gln: null,
      warehouseId: warehouseFor(at),
      ...extra,
    };
    out.shipTos.push(row);
    account.shipTos.push(row);
  };
  if (account.segment !== "grocery") {
    add("MAIN", account.name, "main", city);
    if (account.segment === "contractor") {
      for (let j = 1, n = rng.int(0, 3); j <= n; j++) add(`JOB${j}`, `Job site ${j}`, "jobsite", city);
    }
    if (account.segment === "institution" && rng.chance(0.5))
      add("ANNEX", `${account.name} Annex`, "main", city);
    return;
  }
  // Grocery chain: distribution centres and stores, each with an EDI store number and a GLN under the
  // chain's own GS1 company prefix (unique per chain).
  const prefix = String(81 + account.id).padStart(3, "0") + String(rng.int(1000, 9999));
  const nearby = CITIES.filter((c) => c.region === city.region);
  const dcs = rng.int(1, 2);
  for (let j = 1; j <= dcs; j++) {
    add(
      `DC${String(j).padStart(2, "0")}`,
      `${account.name} DC ${j}`,
      "dc",
      j === 1 ? city : rng.pick(nearby),
      {
        ediStoreNumber: String(9000 + j),
        gln: makeGln(prefix + String(j).padStart(5, "0")),
      },
    );
  }
  const stores = rng.int(8, 20);
  let storeNo = rng.int(1, 20);
  for (let j = 1; j <= stores; j++) {
    storeNo += rng.int(1, 12);
    const at = rng.pick(nearby);
    add(`S${String(storeNo).padStart(4, "0")}`, `${account.name} #${storeNo} ${at.city}`, "store", at, {
      ediStoreNumber: String(storeNo).padStart(4, "0"),
      gln: makeGln(prefix + String(100 + storeNo).padStart(5, "0")),
    });
  }
}

function addContacts(rng: Rng, out: Customers, account: AccountRow): void {
  const titles: Record<Segment, string[]> = {
    grocery: ["Category Manager", "EDI Coordinator", "Accounts Payable"],
    restaurant: ["Owner", "Chef"],
    contractor: ["Purchasing Manager", "Project Manager"],
    hardware: ["Store Manager", "Buyer"],
    institution: ["Facilities Manager", "Procurement Officer"],
  };
  const list = titles[account.segment];
  const n = account.segment === "grocery" ? 3 : rng.int(1, 2);
  for (let j = 0; j < n; j++) {
    const person = personName(rng);
    out.contacts.push({
      accountId: account.id,
      name: person.full,
      email: `${person.first}.${person.last}@${account.slug}.example`.toLowerCase(),
      phone: phone(rng),
      title: list[j % list.length],
    });
  }
}

function addChainIdentifiers(rng: Rng, out: Customers, account: AccountRow, assortment: ItemRow[]): void {
  // X12 interchange ids: a mutually defined id (ZZ) and a DUNS number (01), unique per chain.
  const code = account.slug.replace(/-/g, "").toUpperCase().slice(0, 10);
  out.partnerIds.push({ accountId: account.id, qualifier: "ZZ", value: `${code}${account.id}` });
  out.partnerIds.push({
    accountId: account.id,
    qualifier: "01",
    value: String(100 + account.id).padStart(3, "0") + String(rng.int(100000, 999999)),
  });
  // Chains order by their own item numbers; each chain has its own numbering style.
  const style = account.id % 3;
  let next = rng.int(1000, 90000);
  for (const item of assortment) {
    next += rng.int(1, 30);
    const partNo =
      style === 0
        ? String(next).padStart(6, "0")
        : style === 1
          ? `${code.slice(0, 2)}-${next}`
          : `${String(next).padStart(8, "0")}`;
    out.partNumbers.push({ accountId: account.id, itemId: item.id, partNo });
  }
}
