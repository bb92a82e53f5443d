import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { AuditModule } from '@app/audit';
import { AuthModule } from '@app/auth';
import { ApiExceptionFilter, LoggingModule, MetricsModule } from '@app/common';
import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { EditionsModule } from '@app/editions';
import { InvitationsModule } from '@app/invitations';
import { LeadersModule } from '@app/leaders';
import { LogisticsModule } from '@app/logistics';
import { NotificationsModule } from '@app/notifications';
import { PlanningModule } from '@app/planning';
import { PrintingModule } from '@app/printing';
import { ProgrammesModule } from '@app/programmes';
import { ProtocolModule } from '@app/protocol';
import { ResultsModule } from '@app/results';
import { DocumentsModule } from '@app/documents';
import { PressModule } from '@app/press';
import { DayBoardModule } from '@app/day-board';
import { ProvincesModule } from '@app/provinces';
import { QueueModule } from '@app/queue';
import { RedisModule } from '@app/redis';
import { RemindersModule } from '@app/reminders';
import { SearchModule } from '@app/search';
import { VenuesModule } from '@app/venues';
import { ConsoleSettingsController } from './console/console-settings.controller';
import { HealthController } from './health/health.controller';
import { HttpMetrics } from './metrics/http-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { NotFoundFallback } from './not-found';

/** The HTTP app: wires the feature libraries and adds HTTP concerns only. It never runs jobs. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    MetricsModule,
    DatabaseModule,
    RedisModule,
    QueueModule.forRoot('producer'),
    TerminusModule.forRoot({ logger: false }),
    AuditModule,
    AuthModule,
    ProvincesModule,
    EditionsModule,
    VenuesModule,
    ProgrammesModule,
    ProtocolModule,
    ResultsModule,
    DayBoardModule,
    LeadersModule,
    InvitationsModule,
    RemindersModule,
    LogisticsModule,
    PlanningModule,
    NotificationsModule,
    SearchModule,
    PrintingModule,
    DocumentsModule,
    PressModule,
  ],
  controllers: [HealthController, MetricsController, ConsoleSettingsController],
  providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }, MetricsService, HttpMetrics, NotFoundFallback],
})
export class ApiModule {}
