import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '@app/common';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'venue' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ enum: ['create', 'update', 'transition', 'delete'] })
  @IsOptional()
  @IsIn(['create', 'update', 'transition', 'delete'])
  action?: string;
}
