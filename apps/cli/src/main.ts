/**
 * Operator commands, run with `npm run cli -- <command>` (see package.json for the named scripts):
 *   env:init                        write config/.env from config/.env.example (new JWT secret) if missing
 *   db:create                       create the database named in DATABASE_URL if it does not exist
 *   migration:run | migration:revert
 *   seed                            idempotent demo edition (see libs/seed)
 *   user:create-planner --email E --name N [--password-stdin]
 *   user:create --role R --email E --name N [--province CODE] [--password-stdin]
 * Without --password-stdin a strong random password is generated and printed once; none is built in.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { exitOnConfigError, loadAppConfig, loadEnvFile } from '@app/config';
import { createDatabaseIfMissing, createDataSource } from '@app/database';
import { Role } from '@app/auth';
import { createUserAccount } from './create-user';
import { initEnvFile } from './init-env';
import { seedDemo } from '@app/seed';

async function main(): Promise<void> {
  if (process.argv[2] === 'env:init') {
    console.log(initEnvFile());
    return;
  }
  loadEnvFile();
  const config = exitOnConfigError(loadAppConfig);
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      province: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
  });

  if (command === 'db:create') {
    const created = await createDatabaseIfMissing(config.DATABASE_URL);
    console.log(created ? 'database created' : 'database already exists');
    return;
  }

  const dataSource = await createDataSource(config).initialize();
  try {
    switch (command) {
      case 'migration:run': {
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        console.log(applied.length ? `applied: ${applied.map((migration) => migration.name).join(', ')}` : 'schema up to date');
        break;
      }
      case 'migration:revert':
        await dataSource.undoLastMigration({ transaction: 'each' });
        console.log('reverted the last migration');
        break;
      case 'seed':
        console.log(await seedDemo(dataSource, config));
        break;
      case 'user:create-planner':
      case 'user:create': {
        const role = command === 'user:create-planner' ? Role.CentralPlanner : (values.role as Role);
        const result = await createUserAccount(dataSource, {
          email: required(values.email, '--email'),
          fullName: required(values.name, '--name'),
          role,
          provinceCode: values.province,
          passwordFromStdin: values['password-stdin'] ?? false,
        });
        console.log(result);
        break;
      }
      default:
        console.error(`Unknown command "${command ?? ''}". See apps/cli/src/main.ts for the list.`);
        process.exitCode = 2;
    }
  } finally {
    await dataSource.destroy();
  }
}

function required(value: string | undefined, flag: string): string {
  if (!value) {
    console.error(`${flag} is required`);
    process.exit(2);
  }
  return value;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
