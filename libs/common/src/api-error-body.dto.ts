import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Every error the API answers: a machine code, a Vietnamese message for people, optional details. */
export class ApiErrorBody {
  /** Machine-readable code, e.g. `VALIDATION_FAILED`, `VERSION_CONFLICT`, `PROVINCE_SCOPE`. */
  @ApiProperty({ example: 'VERSION_CONFLICT' })
  code: string;

  /** The refusal in Vietnamese, ready to show. */
  @ApiProperty({ example: 'Dữ liệu đã được người khác thay đổi. Vui lòng tải lại rồi thử lại.' })
  message: string;

  /** What the refusal is about: the fields and their messages for `VALIDATION_FAILED`, the clashing item, the versions… */
  @ApiPropertyOptional({
    description: 'Depends on the code; for VALIDATION_FAILED an array of { field, messages }.',
    oneOf: [
      { type: 'object', additionalProperties: true },
      { type: 'array', items: {} },
    ],
    type: undefined, // any JSON value, not the `object` the plugin reads from `unknown`
  })
  details?: unknown;
}
