// Invitations: the API's and the worker's modules, their jobs and handlers, the composer, status and answers, accepted invitations, a venue's delegates, link tokens and the public intake (RSVP form, inbound hook).
export { acceptedInvitations } from './accepted-invitations';
export { invitationAnswersOfVenues } from './invitation-answers';
export type { InvitationAnswer } from './invitation-answers';
export { InvitationComposer } from './invitation-composer';
export { InvitationStatus } from './invitation.enums';
export { InvitationsWorkerModule } from './invitations-worker.module';
export { InvitationsModule } from './invitations.module';
export { linkToken } from './links';
export { PublicIntake } from './public-intake';
export { ReconcileInvitationMessagesHandler, ReconcileInvitationMessagesJob } from './reconcile-invitation-messages.handler';
export { SendInvitationMessageHandler, SendInvitationMessageJob } from './send-invitation-message.handler';
export { InvitationsService } from './invitations.service';
export { InvitationQueryDto } from './dto/invitation.dto';
export { InvitationSummaryPage } from './dto/invitation-view.dto';
export { venueDelegates } from './venue-delegates';
export type { VenueDelegate } from './venue-delegates';
