// The demo distributor's two EDI partners: the first grocery chain on X12 4010 and a European
// buyer on EDIFACT D96A (an account added here, with a Hamburg warehouse address and GLNs). The
// sample files in fixtures/demo/ use these identifiers and the default demo seed's chain data:
// the chain's ZZ id, DUNS, store numbers and its own item numbers come from seed 42.
import type pg from "pg";

export const DEMO_OUR_X12_ID = "WHOLESAILDEMO";
export const DEMO_OUR_GLN = "0860000100005";
export const DEMO_EU_GLN = "4012345000009";

export async function addDemoEdiPartners(
  client: pg.PoolClient,
): Promise<{ partners: number; accounts: number }> {
  const q = (text: string, values: unknown[] = []) => client.query(text, values);
  const chain = (
    await q(
      `select a.id, a.name, t.value as zz from accounts a join account_groups g on g.id = a.group_id
         join trading_partner_ids t on t.account_id = a.id and t.qualifier = 'ZZ'
        where g.code = 'GROCERY' order by a.id limit 1`,
    )
  ).rows[0];
  let partners = 0;
  const partner = async (values: unknown[]) => {
    await q(
      `insert into edi_trading_partners (account_id, name, standard, version, our_qualifier, our_id, their_qualifier,
         their_id, documents, item_id_preference, acknowledgments, duplicate_window_days)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 30)`,
      values,
    );
    partners++;
  };
  if (chain) {
    await partner([
      chain.id,
      `${chain.name} (X12)`,
      "x12",
      "004010",
      "ZZ",
      DEMO_OUR_X12_ID,
      "ZZ",
      chain.zz,
      ["850", "855", "856", "810"],
      ["BP", "UP", "VN"],
      ["997"],
    ]);
  }

  // A European buyer; prices stay in USD because list prices are USD (no EUR price list yet).
  const group = (await q("select id from account_groups where code = 'GROCERY'")).rows[0];
  if (!group) return { partners, accounts: 0 };
  const account = (
    await q(
      `insert into accounts (number, name, group_id, payment_terms, terms_days, credit_limit, currency,
         bill_to_line1, bill_to_city, bill_to_region, bill_to_postal_code, bill_to_country)
       values ('C90001', 'Grossmarkt Nord GmbH', $1, 'NET30', 30, '250000.00', 'USD',
         'Hafenstrasse 7', 'Hamburg', 'HH', '20457', 'DE') returning id`,
      [group.id],
    )
  ).rows[0].id as number;
  await q(
    `insert into ship_tos (account_id, code, name, kind, line1, city, region, postal_code, country, latitude, longitude, gln)
     values ($1, 'HAM', 'Grossmarkt Nord Lager Hamburg', 'dc', 'Kai 3', 'Hamburg', 'HH', '20457', 'DE', 53.5461, 9.9661, '4012345000016'),
            ($1, 'BRE', 'Grossmarkt Nord Lager Bremen', 'dc', 'Ueberseetor 20', 'Bremen', 'HB', '28217', 'DE', 53.0950, 8.7720, '4012345000023')`,
    [account],
  );
  await q("insert into trading_partner_ids (account_id, qualifier, value) values ($1, '14', $2)", [
    account,
    DEMO_EU_GLN,
  ]);
  await q(
    `insert into contacts (account_id, name, email, phone, title)
     values ($1, 'Hans Petersen', 'hans.petersen@grossmarkt-nord.example', '+49 40 555 0100', 'Einkauf / EDI')`,
    [account],
  );
  await partner([
    account,
    "Grossmarkt Nord GmbH (EDIFACT)",
    "edifact",
    "D96A",
    "14",
    DEMO_OUR_GLN,
    "14",
    DEMO_EU_GLN,
    ["ORDERS", "ORDRSP", "DESADV", "INVOIC"],
    ["EN", "SA", "IN"],
    ["CONTRL"],
  ]);
  return { partners, accounts: 1 };
}
