import type { ParameterObject, ReferenceObject, RequestBodyObject, SchemaObject } from '@nestjs/swagger';
import type { Test } from 'supertest';
import { Role } from '@app/auth';
import { Contract, ContractOperation, loadContract } from './utils/contract';
import { createEdition, createLeader, createUser, createVenue } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';

/**
 * Every operation of the OpenAPI document, sent malformed: path parameters that are not ids, query
 * values of the wrong type or far out of range, bodies with one field of the wrong type or far too
 * big, bodies that are not objects or not JSON at all. As a planner, a provincial organizer and with
 * no token, nothing may answer 5xx: bad input is the client's fault, said with a 4xx.
 *
 * Deterministic (a seeded generator picks the cases) and bounded (each parameter and field twice, and RANDOM_CASES_PER_OPERATION more, per role), so a
 * failure reproduces and the suite stays well under a minute: about 3,000 requests, 30 s on the
 * 2-core test machine (the count is asserted; a wall-clock bound would only measure the machine's load).
 */
const SEED = 0x16_16_16;
const RANDOM_CASES_PER_OPERATION = 6;

/** mulberry32: small, fast, and the same sequence on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE_PATH_VALUES = [
  'not-an-id',
  '99999999999999999999',
  '-1',
  '0',
  '1.5',
  '00000000-0000-0000-0000-000000000000',
  '6f1c2a52-0d3c-4c39-9a53-9e9d2f3b1a7z',
  "1'%20OR%20'1'='1",
  '%00',
  '%C0%AF',
  'x'.repeat(600),
  '%E0%A4%A',
];

const HOSTILE_QUERY_VALUES = [
  '99999999999999999999',
  '-99999999999999999999',
  '2147483648',
  '-1',
  '0',
  '1.5',
  '1e309',
  'NaN',
  'Infinity',
  '',
  'abc',
  'x'.repeat(4000),
  '%00',
  '2030-02-31',
  'true',
  '[object Object]',
];

/** A replacement for one field: wrong types, out-of-range numbers, oversize strings and lists. */
const HOSTILE_FIELD_VALUES: unknown[] = [
  null,
  true,
  'chuỗi',
  '',
  1e20, // 99999999999999999999 as JSON numbers reach the API: far beyond bigint
  -1e20,
  2147483648,
  -2147483649,
  Number.MAX_SAFE_INTEGER + 2,
  1.5,
  -1,
  0,
  {},
  { nested: { deeper: [1, 2, 3] } },
  [],
  [null],
  ['chuỗi', 1, true],
  Array.from({ length: 2000 }, (_, index) => index),
  'x'.repeat(20_000),
  '2030-02-31',
  '25:61',
  '0000-00-00',
  '00000000-0000-0000-0000-000000000000',
  '\u0000',
  '<img src=x onerror=alert(1)>',
];

/** Whole bodies that are not what any operation takes. */
const HOSTILE_BODIES: Array<{ type: string; body: string }> = [
  { type: 'application/json', body: 'null' },
  { type: 'application/json', body: '[]' },
  { type: 'application/json', body: '"chuỗi"' },
  { type: 'application/json', body: '12345678901234567890' },
  { type: 'application/json', body: '{"unterminated": ' },
  { type: 'application/json', body: '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}' },
  { type: 'application/json', body: JSON.stringify({ a: 'x'.repeat(900_000) }) },
  { type: 'text/plain', body: 'không phải JSON' },
  { type: 'application/x-www-form-urlencoded', body: 'a=1&a=2&b[c]=3' },
  { type: 'application/xml', body: '<a/>' },
  { type: 'text/calendar', body: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' },
];

interface FuzzCase {
  describe: string;
  path: string;
  query: string;
  body?: { type: string; body: string };
}

describe('OpenAPI fuzz: malformed input never gives 5xx', () => {
  let t: TestApp;
  let contract: Contract;
  const ids: Record<string, string> = {};
  const tokens: Record<'planner' | 'organizer' | 'none', string | null> = { planner: null, organizer: null, none: null };

  beforeAll(async () => {
    t = await createTestApp();
    contract = await loadContract(t.http);
    const planner = await createUser(t.dataSource, Role.CentralPlanner);
    const organizer = await createUser(t.dataSource, Role.ProvincialOrganizer, '12');
    tokens.planner = await t.tokenFor(planner);
    tokens.organizer = await t.tokenFor(organizer);
    // Real rows, so that a malformed request can also reach past the "not found" of an unknown id.
    const edition = await createEdition(t.dataSource);
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-12` });
    const leader = await createLeader(t.dataSource);
    const as = (test: Test) => test.set('Authorization', `Bearer ${tokens.planner}`).expect((response) => expect(response.status).toBeLessThan(300));
    await as(t.http.put(`/api/editions/${edition.id}/leaders/${leader.id}`).send({ title: 'Bộ trưởng', maxAppearances: 2 }));
    await as(t.http.post(`/api/venues/${venue.id}/leaders`).send({ leaderId: leader.id, role: 'chief_guest' }));
    const invitation = (await as(t.http.post('/api/invitations').send({ venueId: venue.id, leaderId: leader.id, role: 'chief_guest' }))).body;
    Object.assign(ids, { edition: edition.id, venue: venue.id, leader: leader.id, invitation: invitation.id });
  });
  afterAll(() => t.close());

  /** The id a path parameter names, when the test made one. */
  function realId(path: string, name: string): string {
    if (name === 'editionId') return ids.edition;
    if (name === 'venueId') return ids.venue;
    if (name === 'leaderId') return ids.leader;
    if (name === 'id') {
      if (path.startsWith('/api/editions')) return ids.edition;
      if (path.startsWith('/api/venues')) return ids.venue;
      if (path.startsWith('/api/leaders')) return ids.leader;
      if (path.startsWith('/api/invitations')) return ids.invitation;
    }
    return '00000000-0000-4000-8000-000000000000';
  }

  const resolve = (schema: SchemaObject | ReferenceObject | undefined): SchemaObject | undefined => {
    if (!schema) return undefined;
    if ('$ref' in schema) return resolve(contract.document.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')]);
    return schema;
  };

  /** A plausible value for a schema, so one hostile field is the only thing wrong with a body. */
  function sample(schemaOrRef: SchemaObject | ReferenceObject | undefined, depth = 0): unknown {
    const schema = resolve(schemaOrRef);
    if (!schema || depth > 4) return null;
    if (schema.allOf?.length) return sample(schema.allOf[0], depth + 1);
    if (schema.enum?.length) return schema.enum[0];
    switch (schema.type) {
      case 'integer':
      case 'number':
        return typeof schema.minimum === 'number' ? schema.minimum : 1;
      case 'boolean':
        return true;
      case 'array':
        return schema.items ? [sample(schema.items, depth + 1)] : [];
      case 'string':
        if (schema.format === 'uuid') return ids.venue;
        if (schema.format === 'date-time') return '2030-08-12T07:30:00+07:00';
        if (schema.format === 'email') return 'fuzz@test.ngayhoi.vn';
        if (schema.pattern?.includes('\\d{4}-')) return '2030-08-12';
        return 'Giá trị thử';
      default: {
        const properties = Object.entries(schema.properties ?? {});
        return Object.fromEntries(properties.map(([name, property]) => [name, sample(property, depth + 1)]));
      }
    }
  }

  function casesFor({ path, operation }: ContractOperation, next: () => number): FuzzCase[] {
    const pick = <T>(values: T[]): T => values[Math.floor(next() * values.length)];
    const parameters = (operation.parameters ?? []) as ParameterObject[];
    const pathParams = parameters.filter((parameter) => parameter.in === 'path');
    const queryParams = parameters.filter((parameter) => parameter.in === 'query');
    const requestBody = operation.requestBody as RequestBodyObject | undefined;
    const jsonSchema = requestBody?.content?.['application/json']?.schema;
    const base = jsonSchema ? sample(jsonSchema) : undefined;
    const properties = Object.keys(resolve(jsonSchema)?.properties ?? {});

    const fill = (hostile?: { name: string; value: string }) =>
      path.replace(/\{([^}]+)\}/g, (_, name: string) => (hostile?.name === name ? hostile.value : realId(path, name)));
    const cases: FuzzCase[] = [];
    const pathCase = (parameter: ParameterObject, value: string) =>
      cases.push({ describe: `path ${parameter.name}=${value.slice(0, 40)}`, path: fill({ name: parameter.name, value }), query: '', body: jsonBody(base) });
    const queryCase = (parameter: ParameterObject, value: string, repeated = false) => {
      const query = `${parameter.name}=${encodeURIComponent(value)}${repeated ? `&${parameter.name}=${encodeURIComponent(value)}` : ''}`;
      cases.push({ describe: `query ${query.slice(0, 60)}`, path: fill(), query });
    };
    const fieldCase = (field: string, value: unknown) =>
      cases.push({
        describe: `field ${field}=${JSON.stringify(value)?.slice(0, 40)}`,
        path: fill(),
        query: '',
        body: jsonBody({ ...(base as object), [field]: value }),
      });

    // Every parameter and field at least once, with what most often slips past validation: numbers
    // beyond PostgreSQL's integer and bigint, and one more hostile value picked by the generator.
    for (const parameter of pathParams) pathCase(parameter, pick(HOSTILE_PATH_VALUES));
    for (const parameter of queryParams) {
      queryCase(parameter, '99999999999999999999');
      queryCase(parameter, pick(HOSTILE_QUERY_VALUES), next() < 0.2);
    }
    for (const field of properties) {
      fieldCase(field, 1e20);
      fieldCase(field, pick(HOSTILE_FIELD_VALUES));
    }
    // Then a fixed number of cases anywhere, whole bodies and undeclared noise included.
    for (let index = 0; index < RANDOM_CASES_PER_OPERATION; index += 1) {
      const kinds = [
        ...(pathParams.length ? ['path'] : []),
        ...(queryParams.length ? ['query'] : []),
        ...(properties.length ? ['field', 'extra'] : []),
        ...(requestBody ? ['body', 'body'] : []),
        'noise',
      ];
      const kind = pick(kinds);
      if (kind === 'path') pathCase(pick(pathParams), pick(HOSTILE_PATH_VALUES));
      else if (kind === 'query') queryCase(pick(queryParams), pick(HOSTILE_QUERY_VALUES), next() < 0.2);
      else if (kind === 'field') fieldCase(pick(properties), pick(HOSTILE_FIELD_VALUES));
      else if (kind === 'extra') {
        cases.push({ describe: 'unknown field', path: fill(), query: '', body: jsonBody({ ...(base as object), notInTheSchema: 1 }) });
      } else if (kind === 'body') {
        const body = pick(HOSTILE_BODIES);
        cases.push({ describe: `body ${body.type} ${body.body.slice(0, 30)}`, path: fill(), query: '', body });
      } else {
        // Noise in places the operation does not declare: an unknown query and a stray body.
        cases.push({
          describe: 'undeclared query and body',
          path: fill(),
          query: `zzz=${encodeURIComponent(pick(HOSTILE_QUERY_VALUES))}`,
          body: pick(HOSTILE_BODIES),
        });
      }
    }
    return cases;
  }

  it('answers every malformed request below 500, as a planner, an organizer and with no token', async () => {
    const next = random(SEED);
    const operations = contract.operations();
    expect(operations.length).toBeGreaterThan(80);
    const failures: string[] = [];
    const planned = operations.map((operation) => casesFor(operation, next));
    let sent = 0;
    for (const [index, operation] of operations.entries()) {
      const cases = planned[index];
      for (const [who, token] of Object.entries(tokens)) {
        for (const fuzz of cases) {
          let test: Test = t.http[operation.method](`${fuzz.path}${fuzz.query ? `?${fuzz.query}` : ''}`);
          if (token) test = test.set('Authorization', `Bearer ${token}`);
          if (operation.path === '/api/inbound/calendar-replies') test = test.set('X-Inbound-Secret', 'not-the-secret');
          if (fuzz.body) test = test.set('Content-Type', fuzz.body.type).send(fuzz.body.body);
          const response = await test;
          sent += 1;
          if (response.status >= 500) {
            failures.push(
              `${operation.method.toUpperCase()} ${operation.path} as ${who}, ${fuzz.describe} → ${response.status} ${response.text.slice(0, 120)}`,
            );
          } else if (response.status >= 400 && (response.headers['content-type'] ?? '').startsWith('application/json')) {
            // Refusals keep the API's one error shape.
            if (typeof response.body?.code !== 'string' || typeof response.body?.message !== 'string') {
              failures.push(`${operation.method.toUpperCase()} ${operation.path} as ${who}, ${fuzz.describe} → ${response.status} without { code, message }`);
            }
          }
        }
      }
    }
    // Bounded and complete: every planned case went out for each of the three callers.
    expect(sent).toBe(planned.flat().length * 3);
    expect(failures).toEqual([]);
  }, 120_000);
});

function jsonBody(value: unknown): { type: string; body: string } | undefined {
  return value === undefined ? undefined : { type: 'application/json', body: JSON.stringify(value) };
}
