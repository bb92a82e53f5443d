import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The process answers; nothing else is checked. */
export class Liveness {
  status: 'ok';
}

/** Readiness: `ok` or `fail` for everyone; each dependency's state only for planners. */
export class Readiness {
  @ApiProperty({ enum: ['ok', 'fail'] })
  status: 'ok' | 'fail';

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Planners only: dependencies that answer' })
  info?: object;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Planners only: dependencies that do not' })
  error?: object;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Planners only: every dependency' })
  details?: object;
}
