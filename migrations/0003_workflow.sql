CREATE TABLE "notification_reads" (
	"notification_id" bigint NOT NULL,
	"user_id" integer NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notification_reads_notification_id_user_id_pk" PRIMARY KEY("notification_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" integer,
	"role" text,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notifications_recipient" CHECK ("notifications"."user_id" is not null or "notifications"."role" is not null)
);
--> statement-breakpoint
CREATE TABLE "outbound_mail" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbound_mail_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"notification_id" bigint,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"message_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbound_mail_status_valid" CHECK ("outbound_mail"."status" in ('queued','sending','sent','failed'))
);
--> statement-breakpoint
CREATE TABLE "approval_rules" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "approval_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"type_code" text,
	"metric" text NOT NULL,
	"threshold" numeric(14, 4) NOT NULL,
	"level" integer NOT NULL,
	"approver_role" text NOT NULL,
	"description" text NOT NULL,
	CONSTRAINT "approval_rules_level_positive" CHECK ("approval_rules"."level" >= 1)
);
--> statement-breakpoint
CREATE TABLE "exception_audit" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exception_audit_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"exception_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" integer,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"reason" text,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "exception_escalation_levels" (
	"type_code" text NOT NULL,
	"level" integer NOT NULL,
	"role" text,
	"user_id" integer,
	"sla_minutes" integer,
	CONSTRAINT "exception_escalation_levels_type_code_level_pk" PRIMARY KEY("type_code","level"),
	CONSTRAINT "exception_escalation_levels_level_positive" CHECK ("exception_escalation_levels"."level" >= 1),
	CONSTRAINT "exception_escalation_levels_owner" CHECK ("exception_escalation_levels"."role" is not null or "exception_escalation_levels"."user_id" is not null),
	CONSTRAINT "exception_escalation_levels_sla_positive" CHECK ("exception_escalation_levels"."sla_minutes" is null or "exception_escalation_levels"."sla_minutes" > 0)
);
--> statement-breakpoint
CREATE TABLE "exception_routing_rules" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exception_routing_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"type_code" text,
	"account_id" integer,
	"min_amount" numeric(14, 2),
	"max_amount" numeric(14, 2),
	"owner_role" text,
	"owner_user_id" integer,
	"priority" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "exception_routing_rules_owner" CHECK ("exception_routing_rules"."owner_role" is not null or "exception_routing_rules"."owner_user_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "exception_types" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sla_minutes" integer NOT NULL,
	"default_role" text NOT NULL,
	"actions" text[] NOT NULL,
	CONSTRAINT "exception_types_sla_positive" CHECK ("exception_types"."sla_minutes" > 0)
);
--> statement-breakpoint
CREATE TABLE "exceptions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exceptions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"type" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"summary" text NOT NULL,
	"order_id" bigint,
	"order_line_id" bigint,
	"account_id" integer,
	"amount" numeric(14, 2),
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"owner_role" text,
	"owner_user_id" integer,
	"deadline" timestamp with time zone NOT NULL,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"approval_level" integer,
	"approval_role" text,
	"resolution_action" text,
	"resolution_reason" text,
	"resolved_by" integer,
	"resolved_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "exceptions_status_valid" CHECK ("exceptions"."status" in ('open','resolved','cancelled')),
	CONSTRAINT "exceptions_has_owner" CHECK ("exceptions"."owner_role" is not null or "exceptions"."owner_user_id" is not null),
	CONSTRAINT "exceptions_resolution_complete" CHECK (("exceptions"."status" = 'open') = ("exceptions"."resolved_at" is null) and ("exceptions"."status" = 'open' or "exceptions"."resolution_reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_mail" ADD CONSTRAINT "outbound_mail_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_rules" ADD CONSTRAINT "approval_rules_type_code_exception_types_code_fk" FOREIGN KEY ("type_code") REFERENCES "public"."exception_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exception_audit" ADD CONSTRAINT "exception_audit_exception_id_exceptions_id_fk" FOREIGN KEY ("exception_id") REFERENCES "public"."exceptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exception_audit" ADD CONSTRAINT "exception_audit_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exception_escalation_levels" ADD CONSTRAINT "exception_escalation_levels_type_code_exception_types_code_fk" FOREIGN KEY ("type_code") REFERENCES "public"."exception_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exception_escalation_levels" ADD CONSTRAINT "exception_escalation_levels_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exception_routing_rules" ADD CONSTRAINT "exception_routing_rules_type_code_exception_types_code_fk" FOREIGN KEY ("type_code") REFERENCES "public"."exception_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exception_routing_rules" ADD CONSTRAINT "exception_routing_rules_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exception_routing_rules" ADD CONSTRAINT "exception_routing_rules_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exceptions" ADD CONSTRAINT "exceptions_type_exception_types_code_fk" FOREIGN KEY ("type") REFERENCES "public"."exception_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exceptions" ADD CONSTRAINT "exceptions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exceptions" ADD CONSTRAINT "exceptions_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exceptions" ADD CONSTRAINT "exceptions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exceptions" ADD CONSTRAINT "exceptions_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exceptions" ADD CONSTRAINT "exceptions_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exceptions" ADD CONSTRAINT "exceptions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "notifications_role_idx" ON "notifications" USING btree ("role","id");--> statement-breakpoint
CREATE INDEX "outbound_mail_queued_idx" ON "outbound_mail" USING btree ("id") WHERE "outbound_mail"."status" in ('queued','sending');--> statement-breakpoint
CREATE INDEX "exception_audit_exception_idx" ON "exception_audit" USING btree ("exception_id","id");--> statement-breakpoint
CREATE INDEX "exceptions_open_deadline_idx" ON "exceptions" USING btree ("deadline") WHERE "exceptions"."status" = 'open';--> statement-breakpoint
CREATE INDEX "exceptions_owner_user_idx" ON "exceptions" USING btree ("owner_user_id","status");--> statement-breakpoint
CREATE INDEX "exceptions_owner_role_idx" ON "exceptions" USING btree ("owner_role","status");--> statement-breakpoint
CREATE INDEX "exceptions_order_idx" ON "exceptions" USING btree ("order_id");--> statement-breakpoint
CREATE FUNCTION "exception_audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'exception_audit is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER "exception_audit_append_only" BEFORE UPDATE OR DELETE ON "exception_audit" FOR EACH ROW EXECUTE FUNCTION "exception_audit_append_only"();
