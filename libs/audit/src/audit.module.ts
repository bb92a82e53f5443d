import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLog } from '@app/common';
import { AuditEntry } from './audit-entry.entity';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/**
 * Owns the append-only audit log; every feature records through AuditService in its own transaction
 * (auth, which the log's endpoint depends on, through the AuditLog port it provides).
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry])],
  controllers: [AuditController],
  providers: [AuditService, { provide: AuditLog, useExisting: AuditService }],
  exports: [AuditService, AuditLog],
})
export class AuditModule {}
