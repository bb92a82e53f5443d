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
      useFactory: (config: AppConfig) => {
        const options = dataSourceOptions(config);
        return {
          ...options,
          migrationsRun: false,
          // The apps' pool only (not the migration CLI): statements and idle transactions end on their own.
          extra: {
            ...(options.extra as object),
            statement_timeout: config.DB_STATEMENT_TIMEOUT_MS,
            idle_in_transaction_session_timeout: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
          },
        };
      },
    }),
  ],
})
export class DatabaseModule {}
