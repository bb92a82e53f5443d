import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayUnique, IsEnum, IsOptional } from 'class-validator';

export enum SheetPart {
  Programme = 'programme',
  Checklist = 'checklist',
  Guests = 'guests',
}

export class VenueSheetQueryDto {
  @ApiPropertyOptional({
    enum: SheetPart,
    enumName: 'SheetPart',
    isArray: true,
    description: "Comma-separated; default: every part the reader may read (the guest list is the leaders' need-to-know: not for viewers)",
    example: 'programme,checklist,guests',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @ArrayUnique()
  @IsEnum(SheetPart, { each: true })
  parts?: SheetPart[];
}
