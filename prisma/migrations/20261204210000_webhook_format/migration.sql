-- What an official's webhook posts (libs/notify/work-apps.ts): our signed JSON,
-- or a DingTalk (钉钉) or WeCom (企业微信) group robot's markdown message.
ALTER TABLE "notification_preferences" ADD COLUMN "webhook_format" TEXT NOT NULL DEFAULT 'signed-json';
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_webhook_format_check" CHECK ("webhook_format" IN ('signed-json', 'dingtalk', 'wecom'));
