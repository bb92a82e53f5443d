import './pg-types';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/config';
import { dataSourceOptions } from './data-source';

/** Connects the app to PostgreSQL with the shared DataSource options. Never runs migrations itself. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config), migrationsRun: false }),
    }),
  ],
})
export class DatabaseModule {}
