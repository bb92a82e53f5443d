export * from './mail.module';
export * from './mailer';
export * from './email-templates';
