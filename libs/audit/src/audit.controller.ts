import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PlannersOnly } from '@app/auth';
import { AuditService } from './audit.service';
import { AuditEntryPage } from './dto/audit-entry-page.dto';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The audit log, newest first, filtered by entity, actor or action. Planners only. */
  @Get()
  @PlannersOnly()
  list(@Query() query: AuditQueryDto): Promise<AuditEntryPage> {
    return this.audit.list(query);
  }
}
