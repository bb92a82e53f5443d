import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { FESTIVAL_TIME_ZONE } from '@app/common';
import { AppConfig } from '@app/config';
import { ConsoleSettings } from './console-settings.dto';

/** What the web console needs before anyone logs in (the login page shows no data). */
@ApiTags('console')
@Controller('console-settings')
export class ConsoleSettingsController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @Public()
  get(): ConsoleSettings {
    return { mapTileUrl: this.config.MAP_TILE_URL, mapTileAttribution: this.config.MAP_TILE_ATTRIBUTION, timeZone: FESTIVAL_TIME_ZONE };
  }
}
