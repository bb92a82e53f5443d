import { ApiProperty } from '@nestjs/swagger';
import { FESTIVAL_TIME_ZONE } from '@app/common';

/** What the web console needs before anyone logs in (the login page shows no data). */
export class ConsoleSettings {
  /** Leaflet URL template of the map tiles. */
  mapTileUrl: string;

  mapTileAttribution: string;

  /** Every local time the API sends or reads is in this zone. */
  @ApiProperty({ enum: [FESTIVAL_TIME_ZONE] })
  timeZone: typeof FESTIVAL_TIME_ZONE;
}
