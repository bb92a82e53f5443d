import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ApiErrorBody } from '@app/common';
import metadata from './metadata';

const OPERATIONS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The OpenAPI document of the HTTP API: requests from the DTOs, responses from the types the
 * controllers return (the plugin metadata generated into ./metadata.ts), and every error as
 * `ApiErrorBody` (`{ code, message, details }`, the exception filter's one shape). Served at /docs
 * and exported by `npm run openapi` for the console's generated client.
 */
export async function createOpenApiDocument(app: INestApplication): Promise<OpenAPIObject> {
  await SwaggerModule.loadPluginMetadata(metadata);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('ngayhoi API')
      .setDescription('Lập kế hoạch Ngày hội toàn dân bảo vệ an ninh Tổ quốc. Times are shown in Asia/Ho_Chi_Minh; instants in UTC.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { extraModels: [ApiErrorBody], operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}` },
  );
  // Any status an operation does not describe itself answers the filter's error body.
  for (const path of Object.values(document.paths)) {
    for (const method of OPERATIONS) {
      const operation = path[method];
      if (operation && !operation.responses.default) {
        operation.responses.default = {
          description: 'Lỗi: { code, message, details } với thông báo tiếng Việt (400, 401, 403, 404, 409, 422, 429, 503).',
          content: { 'application/json': { schema: { $ref: getSchemaPath(ApiErrorBody) } } },
        };
      }
    }
  }
  return document;
}
