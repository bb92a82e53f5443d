// Notifications: the API's and the worker's modules (the Notifier port they provide is in @app/common), the kinds, the retention job and the e-mail tick (digests).
export { NotificationsModule, NotificationsWorkerModule } from './notifications.module';
export { NOTIFICATION_KIND_NAMES, NotificationKind } from './notification.enums';
export { PurgeNotificationsHandler, PurgeNotificationsJob } from './purge-notifications.handler';
export { NotificationEmailTickHandler, NotificationEmailTickJob } from './email/notification-email-tick.handler';
