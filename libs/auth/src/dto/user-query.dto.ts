import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '@app/common';
import { Role } from '../role.enums';

/** The accounts list's filters: words of the e-mail or the name (whatever the diacritics and case), role, province. */
export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Words of the e-mail or the full name, whatever the diacritics and case' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: Role, enumName: 'Role' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\d{2}$/)
  provinceCode?: string;
}
