CREATE TABLE "account_last_prices" (
	"account_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"currency" text NOT NULL,
	"unit_price" numeric(14, 4) NOT NULL,
	"ordered_on" date NOT NULL,
	"order_number" text,
	CONSTRAINT "account_last_prices_account_id_item_id_currency_pk" PRIMARY KEY("account_id","item_id","currency")
);
--> statement-breakpoint
CREATE TABLE "contract_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contract_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"contract_id" integer NOT NULL,
	"item_id" integer,
	"category_id" integer,
	"kind" text NOT NULL,
	"price" numeric(14, 4),
	"percent" numeric(9, 4),
	"basis" text,
	CONSTRAINT "contract_lines_one_target" CHECK (("contract_lines"."item_id" is null) <> ("contract_lines"."category_id" is null)),
	CONSTRAINT "contract_lines_kind" CHECK (("contract_lines"."kind" = 'fixed' and "contract_lines"."price" is not null) or ("contract_lines"."kind" in ('percent_off_list','cost_plus') and "contract_lines"."percent" is not null))
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contracts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"account_group_id" integer,
	"account_id" integer,
	"ship_to_ids" integer[],
	"currency" text NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"exclusive" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contracts_one_scope" CHECK (("contracts"."account_group_id" is null) <> ("contracts"."account_id" is null)),
	CONSTRAINT "contracts_dates" CHECK ("contracts"."valid_from" is null or "contracts"."valid_to" is null or "contracts"."valid_from" <= "contracts"."valid_to")
);
--> statement-breakpoint
CREATE TABLE "item_families" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "item_families_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "item_families_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "item_family_members" (
	"item_id" integer PRIMARY KEY NOT NULL,
	"family_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "price_imports" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "price_imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"price_list_id" integer,
	"filename" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"total_rows" integer NOT NULL,
	"good_rows" jsonb NOT NULL,
	"errors" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "price_imports_kind" CHECK ("price_imports"."kind" in ('price_list_entries','contracts')),
	CONSTRAINT "price_imports_status" CHECK ("price_imports"."status" in ('pending','committed','cancelled'))
);
--> statement-breakpoint
CREATE TABLE "price_list_entries" (
	"price_list_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"unit_price" numeric(14, 4) NOT NULL,
	"uom" text,
	"entered_price" numeric(14, 4),
	CONSTRAINT "price_list_entries_price_list_id_item_id_pk" PRIMARY KEY("price_list_id","item_id"),
	CONSTRAINT "price_list_entries_price_nonnegative" CHECK ("price_list_entries"."unit_price" >= 0)
);
--> statement-breakpoint
CREATE TABLE "price_lists" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "price_lists_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"account_group_id" integer,
	"account_id" integer,
	"currency" text NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_lists_one_scope" CHECK (("price_lists"."account_group_id" is null) <> ("price_lists"."account_id" is null)),
	CONSTRAINT "price_lists_dates" CHECK ("price_lists"."valid_from" is null or "price_lists"."valid_to" is null or "price_lists"."valid_from" <= "price_lists"."valid_to")
);
--> statement-breakpoint
CREATE TABLE "pricing_policies" (
	"account_id" integer PRIMARY KEY NOT NULL,
	"case_rounding" text DEFAULT 'reject' NOT NULL,
	"surcharge_kind" text,
	"surcharge_value" numeric(14, 4),
	"surcharge_currency" text,
	"min_order_value" numeric(14, 2),
	"min_order_currency" text,
	"hold_last_price_days" integer,
	"price_tolerance_percent" numeric(9, 4),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pricing_policies_rounding" CHECK ("pricing_policies"."case_rounding" in ('reject','round_up')),
	CONSTRAINT "pricing_policies_surcharge" CHECK (("pricing_policies"."surcharge_kind" is null and "pricing_policies"."surcharge_value" is null) or ("pricing_policies"."surcharge_kind" = 'percent' and "pricing_policies"."surcharge_value" >= 0) or ("pricing_policies"."surcharge_kind" = 'amount' and "pricing_policies"."surcharge_value" >= 0 and "pricing_policies"."surcharge_currency" is not null)),
	CONSTRAINT "pricing_policies_min_order" CHECK ("pricing_policies"."min_order_value" is null or ("pricing_policies"."min_order_value" >= 0 and "pricing_policies"."min_order_currency" is not null)),
	CONSTRAINT "pricing_policies_hold_days" CHECK ("pricing_policies"."hold_last_price_days" is null or "pricing_policies"."hold_last_price_days" > 0)
);
--> statement-breakpoint
CREATE TABLE "promotions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "promotions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"currency" text,
	"item_id" integer,
	"category_id" integer,
	"family_id" integer,
	"min_order_value" numeric(14, 2),
	"min_order_quantity" integer,
	"account_group_ids" integer[],
	"account_ids" integer[],
	"adjustment" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promotions_target" CHECK (num_nonnulls("promotions"."item_id", "promotions"."category_id", "promotions"."family_id") <= 1)
);
--> statement-breakpoint
CREATE TABLE "tier_rules" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tier_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"account_group_id" integer,
	"account_id" integer,
	"currency" text,
	"valid_from" date,
	"valid_to" date,
	"item_id" integer,
	"category_id" integer,
	"family_id" integer,
	"basis" text NOT NULL,
	"breaks" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tier_rules_basis" CHECK ("tier_rules"."basis" in ('line_quantity','family_quantity','order_value')),
	CONSTRAINT "tier_rules_scope" CHECK ("tier_rules"."account_group_id" is null or "tier_rules"."account_id" is null),
	CONSTRAINT "tier_rules_target" CHECK (num_nonnulls("tier_rules"."item_id", "tier_rules"."category_id", "tier_rules"."family_id") <= 1)
);
--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "price_explanation" jsonb;--> statement-breakpoint
ALTER TABLE "account_last_prices" ADD CONSTRAINT "account_last_prices_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_last_prices" ADD CONSTRAINT "account_last_prices_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_lines" ADD CONSTRAINT "contract_lines_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_lines" ADD CONSTRAINT "contract_lines_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_lines" ADD CONSTRAINT "contract_lines_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_account_group_id_account_groups_id_fk" FOREIGN KEY ("account_group_id") REFERENCES "public"."account_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_family_members" ADD CONSTRAINT "item_family_members_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_family_members" ADD CONSTRAINT "item_family_members_family_id_item_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."item_families"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_imports" ADD CONSTRAINT "price_imports_price_list_id_price_lists_id_fk" FOREIGN KEY ("price_list_id") REFERENCES "public"."price_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_list_entries" ADD CONSTRAINT "price_list_entries_price_list_id_price_lists_id_fk" FOREIGN KEY ("price_list_id") REFERENCES "public"."price_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_list_entries" ADD CONSTRAINT "price_list_entries_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_lists" ADD CONSTRAINT "price_lists_account_group_id_account_groups_id_fk" FOREIGN KEY ("account_group_id") REFERENCES "public"."account_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_lists" ADD CONSTRAINT "price_lists_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pricing_policies" ADD CONSTRAINT "pricing_policies_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotions" ADD CONSTRAINT "promotions_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotions" ADD CONSTRAINT "promotions_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotions" ADD CONSTRAINT "promotions_family_id_item_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."item_families"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_rules" ADD CONSTRAINT "tier_rules_account_group_id_account_groups_id_fk" FOREIGN KEY ("account_group_id") REFERENCES "public"."account_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_rules" ADD CONSTRAINT "tier_rules_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_rules" ADD CONSTRAINT "tier_rules_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_rules" ADD CONSTRAINT "tier_rules_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_rules" ADD CONSTRAINT "tier_rules_family_id_item_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."item_families"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contract_lines_contract_idx" ON "contract_lines" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "contract_lines_item_idx" ON "contract_lines" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "contract_lines_category_idx" ON "contract_lines" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "contracts_group_idx" ON "contracts" USING btree ("account_group_id");--> statement-breakpoint
CREATE INDEX "contracts_account_idx" ON "contracts" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "item_family_members_family_idx" ON "item_family_members" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "price_list_entries_item_idx" ON "price_list_entries" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "price_lists_group_idx" ON "price_lists" USING btree ("account_group_id");--> statement-breakpoint
CREATE INDEX "price_lists_account_idx" ON "price_lists" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "promotions_period_idx" ON "promotions" USING btree ("valid_to");--> statement-breakpoint
CREATE INDEX "tier_rules_item_idx" ON "tier_rules" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "tier_rules_category_idx" ON "tier_rules" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "tier_rules_family_idx" ON "tier_rules" USING btree ("family_id");