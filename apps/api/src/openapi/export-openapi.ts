/**
 * Writes the API's OpenAPI document to apps/api/openapi.json (the contract the console's client is
 * generated from, see `npm run openapi`). The app is created in Nest's preview mode: modules and
 * routes are read, no provider is instantiated, so no database, Redis or configuration is needed.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { ApiModule } from '../api.module';
import { useApiPrefix } from '../configure-app';
import { createOpenApiDocument } from './openapi-document';

async function main(): Promise<void> {
  const app = await NestFactory.create(ApiModule, { preview: true, logger: false, abortOnError: false });
  useApiPrefix(app);
  const document = await createOpenApiDocument(app);
  const target = resolve(__dirname, '../../openapi.json');
  writeFileSync(target, JSON.stringify(document, null, 2) + '\n');
  await app.close();
  console.log(`OpenAPI document: ${Object.keys(document.paths).length} paths → ${target}`);
}

void main();
