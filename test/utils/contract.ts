/**
 * The OpenAPI document as a test oracle: finds the operation a request went to and checks the
 * response against what the document says that operation answers with that status (media type,
 * and for JSON the body against the schema, with no property the schema does not name).
 *
 * Ajv checks JSON Schema, not OpenAPI 3.0: `nullable` is rewritten to a `null` type, and every
 * object schema that lists its properties gets `additionalProperties: false`, so an undocumented
 * field fails as surely as a missing one.
 */
import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const DOCUMENT_ID = 'openapi';

export interface ContractOperation {
  method: (typeof METHODS)[number];
  path: string;
  operation: OperationObject;
}

export class Contract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly templates: Array<{ path: string; pattern: RegExp; params: number }>;

  constructor(readonly document: OpenAPIObject) {
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: toJsonSchema(document.components ?? {}) });
    // Literal segments win over parameters (`/provinces/former` before `/provinces/{code}`).
    this.templates = Object.keys(document.paths)
      .map((path) => ({
        path,
        pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
        params: (path.match(/\{/g) ?? []).length,
      }))
      .sort((a, b) => a.params - b.params);
  }

  operations(): ContractOperation[] {
    return Object.entries(this.document.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).map((method) => ({ method, path, operation: item[method]! })),
    );
  }

  /** The operation `METHOD /url` reaches, or undefined when the document has none. */
  find(method: string, url: string): ContractOperation | undefined {
    const path = new URL(url, 'http://localhost').pathname;
    const lower = method.toLowerCase() as ContractOperation['method'];
    const template = this.templates.find((candidate) => candidate.pattern.test(path) && this.document.paths[candidate.path][lower]);
    return template && { method: lower, path: template.path, operation: this.document.paths[template.path][lower]! };
  }

  /** Fails (throws) unless the response is one the document describes for its request. */
  expectConforms(response: Response): void {
    const request = (response as unknown as { req: { method: string; path: string } }).req;
    const found = this.find(request.method, request.path);
    if (!found) throw new Error(`${request.method} ${request.path}: no such operation in the OpenAPI document`);
    const where = `${request.method} ${found.path} → ${response.status}`;
    // A success must be the status the document names; refusals may fall to the default error body.
    const described = found.operation.responses[String(response.status)] ?? (response.status >= 400 ? found.operation.responses.default : undefined);
    if (!described || '$ref' in described) throw new Error(`${where}: status not described`);
    if (!described.content) {
      if (response.text) throw new Error(`${where}: described without content, answered ${response.text.slice(0, 200)}`);
      return;
    }
    const mediaType = (response.headers['content-type'] ?? '').split(';')[0].trim();
    const content = described.content[mediaType];
    if (!content) throw new Error(`${where}: answered ${mediaType}, described ${Object.keys(described.content).join(', ')}`);
    if (mediaType !== 'application/json' || !content.schema) return;
    const key = `${found.method} ${found.path} ${response.status}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile({ $id: `${DOCUMENT_ID}-${this.validators.size}`, ...toJsonSchema(content.schema, DOCUMENT_ID) });
      this.validators.set(key, validate);
    }
    const body: unknown = Buffer.isBuffer(response.body) ? JSON.parse(response.body.toString('utf8')) : response.body;
    if (!validate(body)) {
      const errors = (validate.errors ?? []).map((error) => {
        const extra = (error.params as { additionalProperty?: string }).additionalProperty;
        return `${error.instancePath || '(body)'} ${error.message}${extra ? `: "${extra}"` : ''}`;
      });
      throw new Error(`${where}: the body does not match the document:\n  ${[...new Set(errors)].join('\n  ')}`);
    }
  }
}

/** Reads the document the app serves (the one /docs shows and `npm run openapi` exports). */
export async function loadContract(http: { get(url: string): PromiseLike<Response> }): Promise<Contract> {
  const response = await http.get('/docs/openapi.json');
  if (response.status !== 200) throw new Error(`GET /docs/openapi.json answered ${response.status}`);
  return new Contract(response.body as OpenAPIObject);
}

/** OpenAPI 3.0 schema → JSON Schema for Ajv; `$ref`s outside the document resource are made absolute. */
function toJsonSchema(node: object, base?: string): Record<string, unknown>;
function toJsonSchema(node: unknown, base?: string): unknown;
function toJsonSchema(node: unknown, base?: string): unknown {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, base));
  if (!node || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const schema: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    schema[key] = key === '$ref' && base && typeof value === 'string' ? `${base}${value}` : key === 'example' ? value : toJsonSchema(value, base);
  }
  if (schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
  if (nullable !== true) return schema;
  if (typeof schema.type === 'string' && !schema.allOf && !schema.$ref) {
    return { ...schema, type: [schema.type, 'null'], ...(Array.isArray(schema.enum) && { enum: [...schema.enum, null] }) };
  }
  return { anyOf: [schema, { type: 'null' }] };
}
