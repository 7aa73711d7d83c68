// Zod schemas for the pricing API: one source for request validation and the OpenAPI description.
import { z } from "zod";

const id = z
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
export const IdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});
export const AccountParams = z.object({
  accountId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});

/** Decimal strings only (never JSON numbers): the money parser is strict, see src/lib/money.ts. */
export const Price = z
  .string()
  .regex(/^\d{1,10}(\.\d{1,4})?$/, "a price like 12.5 or 12.3456 (max 4 decimals)");
export const Percent = z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, "a percentage like 12.5");
export const Money = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, "an amount like 250 or 250.00");
export const Currency = z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code like USD");
export const IsoDate = z.iso.date();
const Sku = z.string().trim().min(1).max(64);
const Uom = z.string().trim().min(1).max(16);

export const QuoteBody = z.object({
  accountId: id,
  shipToId: id.optional(),
  date: IsoDate.optional(),
  currency: Currency.optional(),
  lines: z
    .array(
      z.object({
        lineRef: z.string().trim().min(1).max(64).optional(),
        sku: Sku,
        quantity: z.number().int("quantity must be a whole number").positive().max(1_000_000),
        uom: Uom.optional(),
      }),
    )
    .min(1, "a quote needs at least one line")
    .max(500),
});

export const LookupQuery = z.object({
  accountId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
  sku: Sku,
  quantity: z.coerce.number().int().positive().max(1_000_000).default(1),
  uom: Uom.optional(),
  date: IsoDate.optional(),
  currency: Currency.optional(),
  shipToId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1)
    .optional(),
});

export const OwnerScope = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("account"), accountId: id }),
  z.object({ kind: z.literal("group"), groupId: id }),
]);
export const AnyScope = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("account"), accountId: id }),
  z.object({ kind: z.literal("group"), groupId: id }),
  z.object({ kind: z.literal("all") }),
]);
export const Target = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("item"), sku: Sku }),
  z.object({ kind: z.literal("category"), categoryId: id }),
  z.object({ kind: z.literal("family"), familyId: id }),
  z.object({ kind: z.literal("all") }),
]);
export const Adjustment = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("percent_off"), percent: Percent }),
  z.object({ kind: z.literal("fixed"), price: Price }),
  z.object({ kind: z.literal("amount_off"), amount: Price }),
]);
const Validity = { validFrom: IsoDate.nullable().default(null), validTo: IsoDate.nullable().default(null) };

export const PriceListBody = z.object({
  name: z.string().trim().min(1).max(200),
  scope: OwnerScope,
  currency: Currency,
  ...Validity,
});
export const PriceListQuery = z.object({
  accountId: z.coerce.number().int().positive().optional(),
  groupId: z.coerce.number().int().positive().optional(),
});
export const EntriesQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  q: z.string().trim().max(64).optional(),
});
export const EntriesBody = z.object({
  entries: z
    .array(z.object({ sku: Sku, unitPrice: Price, uom: Uom.optional() }))
    .min(1)
    .max(5000),
});
export const DeleteEntriesBody = z.object({ skus: z.array(Sku).min(1).max(5000) });
export const ExportQuery = z.object({ format: z.enum(["csv", "xlsx"]).default("csv") });

export const ContractBody = z.object({
  name: z.string().trim().min(1).max(200),
  scope: OwnerScope,
  shipToIds: z.array(id).max(1000).nullable().default(null),
  currency: Currency,
  ...Validity,
  exclusive: z.boolean().default(false),
  lines: z
    .array(
      z.object({
        target: z.discriminatedUnion("kind", [
          z.object({ kind: z.literal("item"), sku: Sku }),
          z.object({ kind: z.literal("category"), categoryId: id }),
        ]),
        price: z.discriminatedUnion("kind", [
          z.object({ kind: z.literal("fixed"), price: Price }),
          z.object({ kind: z.literal("percent_off_list"), percent: Percent }),
          z.object({
            kind: z.literal("cost_plus"),
            percent: Percent,
            basis: z.enum(["markup", "margin"]).default("markup"),
          }),
        ]),
      }),
    )
    .max(5000),
});

export const TierBody = z.object({
  name: z.string().trim().min(1).max(200),
  scope: AnyScope,
  currency: Currency.nullable().default(null),
  ...Validity,
  target: Target,
  basis: z.enum(["line_quantity", "family_quantity", "order_value"]),
  breaks: z
    .array(z.object({ min: z.string().regex(/^\d{1,12}(\.\d{1,4})?$/), adjustment: Adjustment }))
    .min(1)
    .max(50),
});

export const PromotionBody = z.object({
  name: z.string().trim().min(1).max(200),
  ...Validity,
  currency: Currency.nullable().default(null),
  target: Target,
  minOrderValue: Money.nullable().default(null),
  minOrderQuantity: z.number().int().positive().nullable().default(null),
  accountGroupIds: z.array(id).max(1000).nullable().default(null),
  accountIds: z.array(id).max(10_000).nullable().default(null),
  adjustment: Adjustment,
});

export const PolicyBody = z.object({
  caseRounding: z.enum(["reject", "round_up"]).default("reject"),
  brokenCaseSurcharge: z
    .discriminatedUnion("kind", [
      z.object({ kind: z.literal("percent"), percent: Percent }),
      z.object({ kind: z.literal("amount"), amount: Price, currency: Currency }),
    ])
    .nullable()
    .default(null),
  minOrderValue: z.object({ amount: Money, currency: Currency }).nullable().default(null),
  holdLastPriceDays: z.number().int().positive().max(3650).nullable().default(null),
  priceTolerancePercent: Percent.nullable().default(null),
});

export const FamilyBody = z.object({
  code: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  skus: z.array(Sku).max(10_000).default([]),
});

export const ImportQuery = z.object({
  kind: z.enum(["price_list_entries", "contracts"]),
  priceListId: z.coerce.number().int().positive().optional(),
  filename: z.string().trim().min(1).max(255),
});

export type TargetInput = z.infer<typeof Target>;
export type ContractInput = z.infer<typeof ContractBody>;
export type TierInput = z.infer<typeof TierBody>;
export type PromotionInput = z.infer<typeof PromotionBody>;
export type PolicyInput = z.infer<typeof PolicyBody>;
export type PriceListInput = z.infer<typeof PriceListBody>;
