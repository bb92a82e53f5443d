// Mail: the module, the mailer and the email templates.
export { EmailTemplates } from './email-templates';
export type { RenderedEmail } from './email-templates';
export { MailModule } from './mail.module';
export { Mailer } from './mailer';
export { WholeMessageStream } from './whole-message-stream';
