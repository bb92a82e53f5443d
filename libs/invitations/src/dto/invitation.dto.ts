import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsEmail, IsEnum, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { PageQueryDto } from '@app/common';
import { AssignmentRole } from '@app/leaders';
import { InvitationStatus, RSVP_ANSWERS, RsvpAnswer } from '../invitation.enums';

export class DelegateDto {
  @ApiProperty({ example: 'Nguyễn Văn Nam' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'Vụ trưởng' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  title?: string;

  @ApiProperty({ example: 'vanphong@example.vn' })
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class CreateInvitationDto {
  @ApiProperty()
  @IsUUID()
  venueId: string;

  @ApiPropertyOptional({ description: 'Invite a leader (their office e-mail and edition title are used)…' })
  @ValidateIf((input: CreateInvitationDto) => !input.delegate)
  @IsUUID()
  leaderId?: string;

  @ApiPropertyOptional({ type: DelegateDto, description: '…or a named delegate' })
  @ValidateIf((input: CreateInvitationDto) => !input.leaderId)
  @ValidateNested()
  @Type(() => DelegateDto)
  delegate?: DelegateDto;

  @ApiProperty({ enum: AssignmentRole, enumName: 'AssignmentRole' })
  @IsEnum(AssignmentRole)
  role: AssignmentRole;
}

export class ReasonDto {
  @ApiProperty({ example: 'Thay đổi kế hoạch công tác' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
}

export class InvitationQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  editionId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  venueId?: string;

  @ApiPropertyOptional({ description: 'One or more statuses, comma-separated' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsEnum(InvitationStatus, { each: true })
  status?: InvitationStatus[];

  @ApiPropertyOptional({ description: "Words of the delegate's name or title, whatever the diacritics and case", minLength: 1, maxLength: 100 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;
}

/** The invitations page's figures: an edition's invitations (or a venue's) counted per status. */
export class InvitationCountQueryDto extends PickType(InvitationQueryDto, ['venueId'] as const) {
  @ApiProperty()
  @IsUUID()
  editionId: string;
}

/** What the RSVP page posts (form-encoded or JSON). */
export class RsvpAnswerDto {
  @ApiProperty({ enum: RSVP_ANSWERS })
  @IsIn(RSVP_ANSWERS, { message: 'Hãy chọn một câu trả lời.' })
  answer: RsvpAnswer;

  @ApiPropertyOptional({ description: "The deputy's full name (a substitute answer)." })
  @ValidateIf((input: RsvpAnswerDto) => input.answer === RsvpAnswer.Substitute)
  @IsString({ message: 'Cần họ và tên người dự thay.' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @MinLength(3, { message: 'Họ và tên người dự thay cần ít nhất 3 ký tự.' })
  @MaxLength(200, { message: 'Họ và tên người dự thay dài tối đa 200 ký tự.' })
  substituteName?: string;

  @ApiPropertyOptional({ description: "The deputy's position and unit." })
  @ValidateIf((input: RsvpAnswerDto) => input.answer === RsvpAnswer.Substitute)
  @IsString({ message: 'Cần chức vụ, đơn vị của người dự thay.' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @MinLength(2, { message: 'Cần chức vụ, đơn vị của người dự thay.' })
  @MaxLength(300, { message: 'Chức vụ, đơn vị dài tối đa 300 ký tự.' })
  substitutePosition?: string;

  @ApiPropertyOptional({ description: "The deputy's e-mail: their own invitation goes there (required for a substitute answer)." })
  @ValidateIf((input: RsvpAnswerDto) => input.answer === RsvpAnswer.Substitute)
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'Thư điện tử của người dự thay không hợp lệ (ví dụ: nguyenvana@example.vn).' })
  @MaxLength(254, { message: 'Thư điện tử dài tối đa 254 ký tự.' })
  substituteEmail?: string;

  @ApiPropertyOptional({ description: "The deputy's phone (optional)." })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value))
  @Matches(/^[0-9 +().-]{6,30}$/, { message: 'Số điện thoại chỉ gồm chữ số, dấu cách và + ( ) . - (6–30 ký tự).' })
  substitutePhone?: string;

  @ApiPropertyOptional({ description: 'Arrival details or a note with the answer (optional).' })
  @IsOptional()
  @IsString()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value))
  @MaxLength(1000, { message: 'Ghi chú dài tối đa 1000 ký tự.' })
  note?: string;
}
