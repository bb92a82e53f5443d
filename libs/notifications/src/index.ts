// Notifications: the API's and the worker's modules (the Notifier port they provide is in @app/common), the kinds, and the retention job.
export { NotificationsModule, NotificationsWorkerModule } from './notifications.module';
export { NOTIFICATION_KIND_NAMES, NotificationKind } from './notification.enums';
export { PurgeNotificationsHandler, PurgeNotificationsJob } from './purge-notifications.handler';
