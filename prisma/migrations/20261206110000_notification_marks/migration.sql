-- How far the notifier has planned the steps (libs/notify/planner.ts): each pass read every step of the last week and
-- asked, of each, whether it was planned; nationally a million steps every few seconds, under the planner's lock. A
-- pass now reads from the last pass that planned all it found (less a margin for late commits).
CREATE TABLE "notification_marks" (
    "kind" TEXT NOT NULL,
    "caught_up" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notification_marks_pkey" PRIMARY KEY ("kind")
);

GRANT SELECT, INSERT, UPDATE ON "notification_marks" TO decision_app;
