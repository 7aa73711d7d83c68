CREATE TABLE "order_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" bigint NOT NULL,
	"order_line_id" bigint,
	"line_no" integer,
	"kind" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"source" text NOT NULL,
	"reason" text,
	"user_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"idempotency_key" text,
	"seq" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "order_changes_key_unique" UNIQUE("idempotency_key","seq"),
	CONSTRAINT "order_changes_kind_valid" CHECK ("order_changes"."kind" in ('quantity','cancel_line','add_line','price','cancel_order'))
);
--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "status" text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE "order_changes" ADD CONSTRAINT "order_changes_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_changes_order_idx" ON "order_changes" USING btree ("order_id","at");--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_status_valid" CHECK ("order_lines"."status" in ('open','cancelled'));