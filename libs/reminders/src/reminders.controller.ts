import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, PlannersOnly } from '@app/auth';
import { ApiRefusals } from '@app/common';
import { ReminderPolicyDto } from './dto/reminder-policy.dto';
import { ReminderPolicyView } from './dto/reminder-policy-view.dto';
import { ReminderPoliciesService } from './reminder-policies.service';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('editions/:editionId/reminder-policy')
@PlannersOnly()
export class RemindersController {
  constructor(private readonly policies: ReminderPoliciesService) {}

  @Get()
  @ApiRefusals(404)
  get(@Param('editionId', ParseUUIDPipe) editionId: string): Promise<ReminderPolicyView> {
    return this.policies.get(editionId);
  }

  /** New offsets apply at once to every live invitation of the edition. */
  @Put()
  @ApiRefusals(404, 409, 428)
  update(@Param('editionId', ParseUUIDPipe) editionId: string, @Body() input: ReminderPolicyDto, @CurrentActor() actor: Actor): Promise<ReminderPolicyView> {
    return this.policies.update(editionId, input, actor);
  }
}
