/**
 * Writes `metadata.ts` beside this file: what the @nestjs/swagger compiler plugin reads from the
 * TypeScript types of every `*.dto.ts`, `*.entity.ts` and `*.entities.ts` class and every controller
 * method's return type (properties, nullability, enums, arrays, JSDoc descriptions, class-validator
 * limits). The plugin's "readonly" mode produces it once as a file, so webpack, ts-jest and ts-node all
 * describe the same responses without a compiler hook of their own. Run by `npm run openapi`; never
 * edit the output.
 *
 * A response is described by the class a controller method declares it returns: interfaces, type
 * aliases and generics (`Page<T>`) cannot be, so responses are classes in `*.dto.ts` files
 * (`pageOf(Item)` for a page); entity relations and secrets carry `@ApiHideProperty()`.
 */
import { join, resolve } from 'node:path';
import { PluginMetadataGenerator } from '@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator';
import { ReadonlyVisitor } from '@nestjs/swagger/plugin';

const root = resolve(__dirname, '../../../..');

new PluginMetadataGenerator().generate({
  visitors: [
    new ReadonlyVisitor({
      introspectComments: true,
      classValidatorShim: true,
      dtoFileNameSuffix: ['.dto.ts', '.entity.ts', '.entities.ts'],
      controllerFileNameSuffix: ['.controller.ts'],
      pathToSource: __dirname,
    }),
  ],
  outputDir: __dirname,
  filename: 'metadata.ts',
  tsconfigPath: join(root, 'apps/api/tsconfig.app.json'),
  watch: false,
  printDiagnostics: false,
});
