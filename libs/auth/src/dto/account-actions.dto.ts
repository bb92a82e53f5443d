import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '../password';

/** A user changing their own password: the current one proves it is them. */
export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  currentPassword: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(256)
  newPassword: string;
}

/** A planner's action on an account, with the version of the account they saw (a stale one gets 409). */
export class AccountActionDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;
}
