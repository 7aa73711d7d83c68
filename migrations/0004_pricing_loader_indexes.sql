DROP INDEX "contract_lines_contract_idx";--> statement-breakpoint
CREATE INDEX "contract_lines_contract_item_idx" ON "contract_lines" USING btree ("contract_id","item_id");--> statement-breakpoint
CREATE INDEX "contract_lines_contract_category_idx" ON "contract_lines" USING btree ("contract_id","category_id");--> statement-breakpoint
CREATE INDEX "tier_rules_all_idx" ON "tier_rules" USING btree ("id") WHERE "tier_rules"."item_id" is null and "tier_rules"."category_id" is null and "tier_rules"."family_id" is null;