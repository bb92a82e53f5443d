import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';
import type { LetterSettings } from '../letter-rules';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? (value as unknown[]).map((line) => (typeof line === 'string' ? line.trim() : line)) : value;

/** An edition's giấy mời settings, replaced whole (every field is sent). */
export class LetterSettingsDto implements LetterSettings {
  @ApiProperty({ example: 'BỘ CÔNG AN', description: 'Cơ quan, tổ chức chủ quản (printed in capitals)' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  issuingBody: string;

  @ApiProperty({ example: 'BAN CHỈ ĐẠO NGÀY HỘI TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC', description: 'Cơ quan ban hành (printed in bold capitals)' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  issuingUnit: string;

  @ApiProperty({
    example: 'Ban Chỉ đạo Ngày hội toàn dân bảo vệ an ninh Tổ quốc',
    description: 'The issuing unit as the body names it ("… trân trọng kính mời")',
  })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  issuerName: string;

  @ApiProperty({ example: 'BCĐ', description: 'Chữ viết tắt after "GM-" in the number: "Số: 12/GM-BCĐ"' })
  @Transform(trim)
  @IsString()
  @Matches(/^[\p{Lu}\d]+(-[\p{Lu}\d]+)*$/u, { message: 'chỉ gồm chữ in hoa, chữ số và dấu gạch nối, ví dụ BCĐ hoặc BCA-V05' })
  @MaxLength(40)
  numberCode: string;

  @ApiProperty({ example: 'Hà Nội', description: 'Địa danh of the place-and-date line' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  place: string;

  @ApiProperty({ example: 'TM. BAN CHỈ ĐẠO', description: 'Quyền hạn ký (TM., KT., Q., TL., TUQ. …); empty when the head signs in their own name' })
  @Transform(trim)
  @IsString()
  @MaxLength(120)
  signerAuthority: string;

  @ApiProperty({ example: 'TRƯỞNG BAN', description: 'Chức vụ of the signer' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  signerTitle: string;

  @ApiProperty({ example: 'Nguyễn Văn A', description: 'Họ và tên of the signer' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  signerName: string;

  @ApiProperty({ type: [String], example: ['Lưu: VT, V05'], description: 'Nơi nhận after "Như trên", one recipient a line' })
  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  copyTo: string[];

  @ApiPropertyOptional({ description: 'The version you edited (from the view); a stale one gets 409. Leave out while the defaults apply.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

/** An edition's giấy mời settings as they apply now (the defaults until a planner saves them). */
export class LetterSettingsView implements LetterSettings {
  editionId: string;
  issuingBody: string;
  issuingUnit: string;
  issuerName: string;
  numberCode: string;
  place: string;
  signerAuthority: string;
  signerTitle: string;
  signerName: string;
  copyTo: string[];
  /** Letters issued so far in the edition: the next one is numbered `lettersIssued + 1`. */
  lettersIssued: number;
  /** True while no settings have been saved for the edition. */
  isDefault: boolean;
  /** The saved settings' version (send it back to save); null while the defaults apply. */
  version: number | null;
}
