-- The notifier looks only at clock events of the last seven days, and forgets
-- what it planned more than eight days ago (libs/notify/planner.ts): both by
-- index, so its work every few seconds does not grow with the years.
CREATE INDEX "clock_events_at_idx" ON "clock_events"("at");
CREATE INDEX "notification_sources_planned_at_idx" ON "notification_sources"("planned_at");
-- The marks are the notifier's bookkeeping, not the record: it may forget them.
GRANT DELETE ON "notification_sources" TO decision_app;
