CREATE TABLE "edi_control_numbers" (
	"partner_id" integer NOT NULL,
	"kind" text NOT NULL,
	"last_value" bigint NOT NULL,
	CONSTRAINT "edi_control_numbers_partner_id_kind_pk" PRIMARY KEY("partner_id","kind"),
	CONSTRAINT "edi_control_numbers_kind_valid" CHECK ("edi_control_numbers"."kind" in ('interchange','group','set'))
);
--> statement-breakpoint
CREATE TABLE "edi_interchanges" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "edi_interchanges_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"message_id" bigint NOT NULL,
	"partner_id" integer,
	"key" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "edi_message_orders" (
	"message_id" bigint NOT NULL,
	"order_id" bigint NOT NULL,
	"transaction_ref" text NOT NULL,
	"replayed" boolean DEFAULT false NOT NULL,
	CONSTRAINT "edi_message_orders_message_id_order_id_pk" PRIMARY KEY("message_id","order_id")
);
--> statement-breakpoint
CREATE TABLE "edi_messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "edi_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"direction" text NOT NULL,
	"partner_id" integer,
	"standard" text,
	"doc_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"sender" text,
	"receiver" text,
	"interchange_control" text,
	"source" text NOT NULL,
	"raw" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"status" text NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"transactions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"in_reply_to" bigint,
	"duplicate_of" bigint,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	CONSTRAINT "edi_messages_direction_valid" CHECK ("edi_messages"."direction" in ('in','out')),
	CONSTRAINT "edi_messages_status_valid" CHECK ("edi_messages"."status" in ('received','processed','partially_processed','rejected','failed','sent','held'))
);
--> statement-breakpoint
CREATE TABLE "edi_trading_partners" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "edi_trading_partners_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"account_id" integer,
	"name" text NOT NULL,
	"standard" text NOT NULL,
	"version" text NOT NULL,
	"our_qualifier" text NOT NULL,
	"our_id" text NOT NULL,
	"their_qualifier" text NOT NULL,
	"their_id" text NOT NULL,
	"our_app_code" text,
	"their_app_code" text,
	"element_separator" text,
	"component_separator" text,
	"segment_terminator" text,
	"repetition_separator" text,
	"documents" text[] DEFAULT '{}'::text[] NOT NULL,
	"item_id_preference" text[] DEFAULT '{}'::text[] NOT NULL,
	"acknowledgments" text[] DEFAULT '{}'::text[] NOT NULL,
	"duplicate_window_days" integer DEFAULT 30 NOT NULL,
	"outbound_kind" text DEFAULT 'none' NOT NULL,
	"outbound_target" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "edi_trading_partners_their_id" UNIQUE("standard","their_qualifier","their_id"),
	CONSTRAINT "edi_trading_partners_standard_valid" CHECK ("edi_trading_partners"."standard" in ('x12','edifact')),
	CONSTRAINT "edi_trading_partners_outbound_valid" CHECK ("edi_trading_partners"."outbound_kind" in ('none','folder','http')),
	CONSTRAINT "edi_trading_partners_window_valid" CHECK ("edi_trading_partners"."duplicate_window_days" between 0 and 3650)
);
--> statement-breakpoint
ALTER TABLE "edi_control_numbers" ADD CONSTRAINT "edi_control_numbers_partner_id_edi_trading_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."edi_trading_partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edi_interchanges" ADD CONSTRAINT "edi_interchanges_message_id_edi_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."edi_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edi_interchanges" ADD CONSTRAINT "edi_interchanges_partner_id_edi_trading_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."edi_trading_partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edi_message_orders" ADD CONSTRAINT "edi_message_orders_message_id_edi_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."edi_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edi_message_orders" ADD CONSTRAINT "edi_message_orders_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edi_messages" ADD CONSTRAINT "edi_messages_partner_id_edi_trading_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."edi_trading_partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edi_trading_partners" ADD CONSTRAINT "edi_trading_partners_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "edi_interchanges_key_idx" ON "edi_interchanges" USING btree ("key","received_at");--> statement-breakpoint
CREATE INDEX "edi_interchanges_message_id_index" ON "edi_interchanges" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "edi_message_orders_order_id_index" ON "edi_message_orders" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "edi_messages_created_idx" ON "edi_messages" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "edi_messages_partner_idx" ON "edi_messages" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "edi_messages_status_idx" ON "edi_messages" USING btree ("status");--> statement-breakpoint
CREATE INDEX "edi_messages_reply_idx" ON "edi_messages" USING btree ("in_reply_to");