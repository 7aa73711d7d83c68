CREATE TABLE "pricing_version" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"epoch" uuid DEFAULT gen_random_uuid() NOT NULL,
	CONSTRAINT "pricing_version_single_row" CHECK ("pricing_version"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "pricing_version" ("id", "version") VALUES (1, 0);--> statement-breakpoint
-- Bumped in the writing transaction by every write to a table the pricing loader reads (in-process
-- rule cache, src/modules/pricing/rule-cache.ts). An upsert, so it also works after a truncate.
CREATE FUNCTION bump_pricing_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO pricing_version (id, version) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET version = pricing_version.version + 1;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER accounts_bump_pricing_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "accounts" FOR EACH STATEMENT EXECUTE FUNCTION bump_pricing_version();--> statement-breakpoint
CREATE TRIGGER ship_tos_bump_pricing_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ship_tos" FOR EACH STATEMENT EXECUTE FUNCTION bump_pricing_version();--> statement-breakpoint
CREATE TRIGGER items_bump_pricing_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "items" FOR EACH STATEMENT EXECUTE FUNCTION bump_pricing_version();--> statement-breakpoint
CREATE TRIGGER item_units_bump_pricing_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "item_units" FOR EACH STATEMENT EXECUTE FUNCTION bump_pricing_version();--> statement-breakpoint
CREATE TRIGGER item_families_bump_pricing_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "item_families" FOR EACH STATEMENT EXECUTE FUNCTION bump_pricing_version();--> statement-breakpoint
CREATE TRIGGER item_family_members_bump_pricing_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "item_family_members" FOR EACH STATEMENT EXECUTE FUNCTION bump_pricing_version();--> statement-breakpoint
CREATE TRIGGER pricing_policies_bump_pricing_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "pricing_policies" FOR EACH STATEMENT EXECUTE FUNCTION bump_pricing_version();--> statement-breakpoint
CREATE TRIGGER price_lists_bump_pricing_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "price_lists" FOR EACH STATEMENT EXECUTE FUNCTION bump_pricing_version();--> statement-breakpoint
CREATE TRIGGER price_list_entries_bump_pricing_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "price_list_entries" FOR EACH STATEMENT EXECUTE FUNCTION bump_pricing_version();--> statement-breakpoint
CREATE TRIGGER contracts_bump_pricing_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "contracts" FOR EACH STATEMENT EXECUTE FUNCTION bump_pricing_version();--> statement-breakpoint
CREATE TRIGGER contract_lines_bump_pricing_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "contract_lines" FOR EACH STATEMENT EXECUTE FUNCTION bump_pricing_version();--> statement-breakpoint
CREATE TRIGGER tier_rules_bump_pricing_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "tier_rules" FOR EACH STATEMENT EXECUTE FUNCTION bump_pricing_version();--> statement-breakpoint
CREATE TRIGGER promotions_bump_pricing_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "promotions" FOR EACH STATEMENT EXECUTE FUNCTION bump_pricing_version();
