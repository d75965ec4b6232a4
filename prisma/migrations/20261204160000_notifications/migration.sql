-- Notifications to officials outside the browser (libs/notify): an outbox the
-- notifier fills from what the record already holds (new steps: the tasks they
-- open; clock events: reminders and missed time limits) and delivers from, by
-- e-mail or by a signed webhook, as each official chooses.

-- Each official's choice: an e-mail address, a webhook URL (with the secret its
-- bodies are signed with, shown once when the URL is registered), or both.
CREATE TABLE "notification_preferences" (
    "person_id" TEXT NOT NULL,
    "email" TEXT,
    "webhook_url" TEXT,
    "webhook_secret" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "notification_preferences_pkey" PRIMARY KEY ("person_id")
);

-- One row per notice, channel and recipient; "key" makes each once
-- (decision|source|action|person|kind|channel). Delivered at least once:
-- pending until sent, retried with backoff, failed after the last attempt.
CREATE TABLE "notifications" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "decision_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "notifications_key_key" ON "notifications"("key");
CREATE INDEX "notifications_status_next_attempt_at_idx" ON "notifications"("status", "next_attempt_at");
CREATE INDEX "notifications_person_id_idx" ON "notifications"("person_id");

-- What the notifier has looked at ('step:<decision>:<seq>', 'clock:<id>'), so
-- that each step and clock event is planned once, whether or not it notified
-- anyone. Everything recorded before notifications existed counts as planned:
-- nobody is told today of yesterday's tasks.
CREATE TABLE "notification_sources" (
    "source" TEXT NOT NULL,
    "planned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "notification_sources_pkey" PRIMARY KEY ("source")
);
INSERT INTO "notification_sources" ("source")
  SELECT 'step:' || "decision_id" || ':' || "seq" FROM "decision_steps"
  UNION ALL SELECT 'clock:' || "id" FROM "clock_events";

-- The planner reads the steps recorded lately.
CREATE INDEX "decision_steps_recorded_at_idx" ON "decision_steps"("recorded_at");

GRANT SELECT, INSERT, UPDATE, DELETE ON "notification_preferences" TO decision_app;
GRANT SELECT, INSERT, UPDATE ON "notifications" TO decision_app;
GRANT SELECT, INSERT ON "notification_sources" TO decision_app;
GRANT USAGE, SELECT ON SEQUENCE "notifications_id_seq" TO decision_app;
