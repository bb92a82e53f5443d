import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EditionsModule } from '@app/editions/editions.module';
import { VenuesModule } from '@app/venues/venues.module';
import { LogisticsController } from './logistics.controller';
import { LogisticsService } from './logistics.service';
import { TaskDependency, TaskTemplateItem, VenueTask } from './task.entities';

/** Owns each venue's preparation checklist, its dependencies and readiness. */
@Module({
  imports: [TypeOrmModule.forFeature([TaskTemplateItem, VenueTask, TaskDependency]), VenuesModule, EditionsModule],
  controllers: [LogisticsController],
  providers: [LogisticsService],
  exports: [LogisticsService],
})
export class LogisticsModule {}
