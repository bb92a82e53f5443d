import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/auth/actor';
import { CurrentActor, PlannersOnly } from '@app/auth/decorators';
import { ReminderPolicyDto } from './dto/reminder-policy.dto';
import { ReminderPoliciesService, ReminderPolicyView } from './reminder-policies.service';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('editions/:editionId/reminder-policy')
@PlannersOnly()
export class RemindersController {
  constructor(private readonly policies: ReminderPoliciesService) {}

  @Get()
  get(@Param('editionId', ParseUUIDPipe) editionId: string): Promise<ReminderPolicyView> {
    return this.policies.get(editionId);
  }

  /** New offsets apply at once to every live invitation of the edition. */
  @Put()
  update(@Param('editionId', ParseUUIDPipe) editionId: string, @Body() input: ReminderPolicyDto, @CurrentActor() actor: Actor): Promise<ReminderPolicyView> {
    return this.policies.update(editionId, input, actor);
  }
}
