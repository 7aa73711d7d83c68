CREATE TABLE "item_substitutes" (
	"item_id" integer NOT NULL,
	"substitute_item_id" integer NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"note" text,
	CONSTRAINT "item_substitutes_item_id_substitute_item_id_pk" PRIMARY KEY("item_id","substitute_item_id"),
	CONSTRAINT "item_substitutes_not_self" CHECK ("item_substitutes"."item_id" <> "item_substitutes"."substitute_item_id")
);
--> statement-breakpoint
ALTER TABLE "order_changes" DROP CONSTRAINT "order_changes_kind_valid";--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "ship_policy" text;--> statement-breakpoint
ALTER TABLE "item_substitutes" ADD CONSTRAINT "item_substitutes_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_substitutes" ADD CONSTRAINT "item_substitutes_substitute_item_id_items_id_fk" FOREIGN KEY ("substitute_item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_changes" ADD CONSTRAINT "order_changes_kind_valid" CHECK ("order_changes"."kind" in ('quantity','cancel_line','add_line','price','cancel_order','price_approved','split'));--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_ship_policy_valid" CHECK ("orders"."ship_policy" is null or "orders"."ship_policy" in ('partial','complete'));--> statement-breakpoint
-- Installations seeded before this release: a substitution can now be declined (the backorder stays).
UPDATE "exception_types" SET "actions" = array_append("actions", 'decline_substitution')
 WHERE "code" = 'substitution_awaiting_customer' AND NOT ('decline_substitution' = ANY("actions"));
