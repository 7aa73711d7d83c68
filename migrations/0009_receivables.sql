CREATE TABLE "invoices" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "invoices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"number" text NOT NULL,
	"account_id" integer NOT NULL,
	"order_id" bigint,
	"currency" text NOT NULL,
	"issued_on" date NOT NULL,
	"due_on" date NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"paid_amount" numeric(14, 2) DEFAULT '0' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoices_number_unique" UNIQUE("number"),
	CONSTRAINT "invoices_status_valid" CHECK ("invoices"."status" in ('open','paid','void')),
	CONSTRAINT "invoices_paid_within_amount" CHECK ("invoices"."paid_amount" >= 0 and "invoices"."paid_amount" <= "invoices"."amount"),
	CONSTRAINT "invoices_due_after_issue" CHECK ("invoices"."due_on" >= "invoices"."issued_on")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "overdue_grace_days" integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoices_open_account_idx" ON "invoices" USING btree ("account_id","due_on") WHERE "invoices"."status" = 'open';--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_overdue_grace_nonnegative" CHECK ("accounts"."overdue_grace_days" >= 0);