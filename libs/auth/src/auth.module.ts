import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { Cluster, Redis } from 'ioredis';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/config';
import { ProvincesModule } from '@app/provinces';
import { REDIS, type RedisClient } from '@app/redis';
import { AccessGuard } from './access.guard';
import { AuthController, UsersController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginLockout } from './login-lockout';
import { LoginThrottlerGuard, loginAccountTracker } from './login-throttler.guard';
import { SessionChecks } from './session-checks';
import { SessionRevocations } from './session-revocations';
import { StreamTickets } from './stream-tickets';
import { User } from './user.entity';
import { UsersService } from './users.service';

/**
 * Owns accounts, login, access tokens and the global access guard (authentication + role lists).
 * Province-scope rules live in actor.ts and are applied by the feature services.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([User]),
    ProvincesModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        // One KeyObject made once: given a string, jsonwebtoken first tries it as a PEM public key
        // (and throws) on every verify — that alone was most of an authenticated request's CPU.
        const key = createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
        return {
          secretOrKeyProvider: () => key,
          signOptions: { expiresIn: config.JWT_TTL_SECONDS, algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        };
      },
    }),
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, REDIS],
      useFactory: (config: AppConfig, redis: RedisClient) => ({
        // Its overloads take one kind of client each.
        storage: redis.isCluster ? new ThrottlerStorageRedisService(redis as Cluster) : new ThrottlerStorageRedisService(redis as Redis),
        throttlers: [
          { name: 'login-ip', ttl: config.LOGIN_RATE_WINDOW_SECONDS * 1000, limit: config.LOGIN_RATE_LIMIT_PER_IP },
          {
            name: 'login-account',
            ttl: config.LOGIN_RATE_WINDOW_SECONDS * 1000,
            limit: config.LOGIN_RATE_LIMIT_PER_ACCOUNT,
            getTracker: loginAccountTracker,
          },
        ],
      }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    AuthService,
    UsersService,
    LoginLockout,
    LoginThrottlerGuard,
    StreamTickets,
    SessionRevocations,
    SessionChecks,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [UsersService, StreamTickets, SessionRevocations, SessionChecks],
})
export class AuthModule {}
