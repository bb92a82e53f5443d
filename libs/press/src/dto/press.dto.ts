import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { AccreditationStatus } from '../press.enums';

/** The public form: a journalist asks to cover a venue's day. */
export class RequestAccreditationDto {
  @ApiProperty({ description: 'Điểm tổ chức' })
  @IsUUID()
  venueId: string;

  @ApiProperty({ description: 'Họ và tên', example: 'Nguyễn Thị Hoa' })
  @IsString()
  @MinLength(3)
  @MaxLength(120)
  fullName: string;

  @ApiProperty({ description: 'Cơ quan báo chí', example: 'Báo Công an Nhân dân' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  agency: string;

  @ApiProperty({ description: 'Số thẻ nhà báo', example: 'A12345' })
  @IsString()
  @Matches(/^\s*[A-Za-z0-9][A-Za-z0-9 /.-]{2,29}\s*$/)
  cardNumber: string;

  @ApiProperty({ description: 'Số điện thoại (Việt Nam)', example: '0912 345 678' })
  @IsString()
  @Matches(/^\s*(\+84|0)[\d .()-]{8,16}\s*$/)
  phone: string;

  @ApiProperty({ description: 'Địa chỉ e-mail nhận thẻ', example: 'hoa@cand.example.vn' })
  @IsEmail()
  @MaxLength(200)
  email: string;

  /** Left empty by people (the field is hidden); robots fill it. A filled one is answered alike and nothing is kept. */
  @ApiPropertyOptional({ description: 'Để trống (trường ẩn chống máy gửi tự động)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  website?: string;
}

/** What the form is answered, whatever became of the request (a robot's included). */
export class AccreditationReceivedView {
  message: string;
}

/** What the public form may show of a venue. */
export class PressVenueView {
  venueId: string;
  name: string;
  provinceName: string;
  /** YYYY-MM-DD, when scheduled. */
  scheduledDate: string | null;
  /** Whether requests are taken (an approved or scheduled venue). */
  open: boolean;
}

export class PressAccreditationView {
  id: string;
  venueId: string;
  fullName: string;
  agency: string;
  cardNumber: string;
  phone: string;
  email: string;
  @ApiProperty({ enum: AccreditationStatus, enumName: 'AccreditationStatus' })
  status: AccreditationStatus;
  statusName: string;
  refusalReason: string | null;
  decidedAt: Date | null;
  decidedByName: string | null;
  /** The pass code of an approved request. */
  passCode: string | null;
  /** Where the decision's e-mail stands. */
  emailStatus: string;
  createdAt: Date;
  version: number;
}

export class PressAccreditationListView {
  venueId: string;
  /** Whether the caller may decide (the venue's province or a planner). */
  canDecide: boolean;
  /** The public form's address for this venue, to hand to the press. */
  formUrl: string;
  items: PressAccreditationView[];
}

export class ApproveAccreditationDto {
  @ApiProperty({ description: 'The version read' })
  @IsInt()
  @Min(1)
  version: number;
}

export class RefuseAccreditationDto {
  @ApiProperty({ description: 'The version read' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ description: 'Lý do từ chối (gửi cho phóng viên)', example: 'Đã đủ số lượng phóng viên tác nghiệp tại điểm.' })
  @IsString()
  @MinLength(5)
  @MaxLength(1000)
  reason: string;
}
