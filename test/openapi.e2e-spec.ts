import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import type { Test } from 'supertest';
import { Role } from '@app/auth';
import { Contract, loadContract } from './utils/contract';
import { createUser, freeEditionYear, TEST_PASSWORD } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';

/**
 * The OpenAPI document is the contract the console's client is generated from: every operation
 * describes what it answers, nothing secret is in it, and what the API really sends matches it.
 */
describe('OpenAPI contract', () => {
  let t: TestApp;
  let contract: Contract;

  beforeAll(async () => {
    t = await createTestApp();
    contract = await loadContract(t.http);
  });
  afterAll(() => t.close());

  const schemas = () => contract.document.components?.schemas ?? {};
  const resolveSchema = (schema: SchemaObject | ReferenceObject): SchemaObject =>
    '$ref' in schema ? (schemas()[schema.$ref.replace('#/components/schemas/', '')] as SchemaObject) : schema;

  /** A JSON schema that says something: a named or listed shape, an array of one, a map, or a scalar. */
  function describesShape(schema: SchemaObject | ReferenceObject): boolean {
    const resolved = resolveSchema(schema);
    if (!resolved) return false;
    if (resolved.type === 'array') return !!resolved.items && describesShape(resolved.items);
    if (resolved.type === 'object' || resolved.type === undefined) {
      return Object.keys(resolved.properties ?? {}).length > 0 || (resolved.additionalProperties !== undefined && resolved.additionalProperties !== false);
    }
    return true;
  }

  it('is the document `npm run openapi` exported (apps/api/openapi.json is up to date)', () => {
    const exported = JSON.parse(readFileSync(resolve(__dirname, '../apps/api/openapi.json'), 'utf8'));
    expect(contract.document).toEqual(exported);
  });

  it('describes a success answer and the error body for every operation', () => {
    const problems: string[] = [];
    const operations = contract.operations();
    expect(operations.length).toBeGreaterThan(80);
    for (const { method, path, operation } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      const successes = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status)) as Array<[string, ResponseObject]>;
      if (successes.length === 0) problems.push(`${where}: no 2xx response`);
      for (const [status, response] of successes) {
        if (status === '204') {
          if (response.content) problems.push(`${where}: 204 with content`);
          continue;
        }
        const content = Object.entries(response.content ?? {});
        if (content.length === 0) problems.push(`${where}: ${status} without content`);
        for (const [mediaType, { schema }] of content) {
          if (!schema) problems.push(`${where}: ${status} ${mediaType} without a schema`);
          else if (mediaType === 'application/json' && !describesShape(schema)) problems.push(`${where}: ${status} is a bare object`);
        }
      }
      const fallback = (operation.responses.default as ResponseObject | undefined)?.content?.['application/json']?.schema;
      if (!fallback || !('$ref' in fallback) || fallback.$ref !== '#/components/schemas/ApiErrorBody') {
        problems.push(`${where}: the default response is not ApiErrorBody`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('describes no secret', () => {
    const secretLike = /hash|secret|salt|password|token/i;
    const found = Object.entries(schemas()).flatMap(([name, schema]) =>
      Object.keys((schema as SchemaObject).properties ?? {})
        .filter((property) => secretLike.test(property))
        .map((property) => `${name}.${property}`),
    );
    // A password goes in (login, account creation, a change of one's own), never out; an access token is
    // what login is for; `mustChangePassword` is a flag, not a secret (the token version is never described).
    expect(found.sort()).toEqual([
      'AccessTokenDto.accessToken',
      'ChangePasswordDto.currentPassword',
      'ChangePasswordDto.newPassword',
      'CreateUserDto.password',
      'LoginDto.password',
      'LoginUser.mustChangePassword',
      'UserView.mustChangePassword',
    ]);
  });

  it('matches what the API answers, field for field', async () => {
    const planner = await createUser(t.dataSource, Role.CentralPlanner);
    const viewerUser = await createUser(t.dataSource, Role.Viewer);
    const login = await conforms(t.http.post('/api/auth/login').send({ email: planner.email, password: TEST_PASSWORD }), 200);
    const auth = `Bearer ${login.body.accessToken}`;
    const viewer = `Bearer ${await t.tokenFor(viewerUser)}`;
    const as = (test: Test, token = auth) => test.set('Authorization', token);

    // Before login, and about the caller.
    await conforms(t.http.get('/api/health/live'), 200);
    await conforms(t.http.get('/api/console-settings'), 200);
    await conforms(as(t.http.get('/api/auth/me')), 200);
    await conforms(as(t.http.get('/api/provinces')), 200);
    await conforms(as(t.http.get('/api/provinces/former')), 200);
    await conforms(as(t.http.get('/api/users?pageSize=5')), 200);

    // An edition and a venue through its workflow.
    const year = await freeEditionYear(t.dataSource);
    const edition = (await conforms(as(t.http.post('/api/editions').send({ year, theme: 'Hợp đồng OpenAPI' })), 201)).body;
    await conforms(as(t.http.get(`/api/editions/${edition.id}`)), 200);
    await conforms(as(t.http.get(`/api/editions?year=${year}`)), 200);
    const nominated = await conforms(
      as(
        t.http.post('/api/venues').send({
          editionId: edition.id,
          name: 'Ngày hội tại bản Nậm Cang',
          tier: 'central',
          provinceCode: '12',
          communeName: 'Xã Sìn Hồ',
          hamletName: 'Bản Nậm Cang',
          hostKind: 'ban',
          address: 'Bản Nậm Cang, xã Sìn Hồ, tỉnh Lai Châu',
          latitude: 22.36,
          longitude: 103.24,
          areaFlags: ['bien_gioi'],
          expectedAttendance: 800,
          candidateDates: [`${year}-08-12`],
        }),
      ),
      201,
    );
    const venueId = nominated.body.id;
    const transition = (body: object) => conforms(as(t.http.post(`/api/venues/${venueId}/transitions`).send(body)), 200);
    await transition({ to: 'shortlisted', version: 1 });
    await transition({ to: 'approved', version: 2 });
    const venue = (await transition({ to: 'scheduled', version: 3, date: `${year}-08-12`, startTime: '07:30', endTime: '11:00' })).body;
    expect(venue).toMatchObject({ status: 'scheduled', startTime: '07:30', endTime: '11:00' });
    await conforms(as(t.http.get(`/api/venues/${venueId}`)), 200);
    await conforms(as(t.http.get(`/api/venues?editionId=${edition.id}`)), 200);

    // Logistics: the checklist made on approval, readiness, budget, programme, shared resources.
    const tasks = (await conforms(as(t.http.get(`/api/venues/${venueId}/tasks`)), 200)).body;
    expect(tasks.length).toBeGreaterThan(0);
    await conforms(as(t.http.patch(`/api/venues/${venueId}/tasks/${tasks[0].id}`).send({ version: tasks[0].version, status: 'done' })), 200);
    await conforms(as(t.http.get(`/api/editions/${edition.id}/task-template`)), 200);
    await conforms(as(t.http.get(`/api/venues/${venueId}/readiness`)), 200);
    const dashboard = await conforms(as(t.http.get(`/api/editions/${edition.id}/readiness`)), 200);
    expect(dashboard.body.edition.venues).toBe(1);
    await conforms(
      as(
        t.http
          .post(`/api/venues/${venueId}/budget-lines`)
          .send({ category: 'security', description: 'Bảo vệ', plannedVnd: 15_000_000, fundingSource: 'provincial_budget' }),
      ),
      201,
    );
    await conforms(as(t.http.get(`/api/editions/${edition.id}/budget`)), 200);
    await conforms(as(t.http.get(`/api/editions/${edition.id}/programme-template`)), 200);
    await conforms(as(t.http.post(`/api/venues/${venueId}/programme/from-template`).send({})), 201);
    const resource = (
      await conforms(as(t.http.post(`/api/editions/${edition.id}/resources`).send({ name: 'Đội văn nghệ', kind: 'art_troupe', ownerUnit: 'Quân khu 2' })), 201)
    ).body;
    await conforms(as(t.http.get(`/api/editions/${edition.id}/resources`)), 200);
    await conforms(
      as(
        t.http
          .post(`/api/resources/${resource.id}/bookings`)
          .send({ venueId, startsAt: `${year}-08-12T07:00:00+07:00`, endsAt: `${year}-08-12T11:30:00+07:00` }),
      ),
      201,
    );
    await conforms(as(t.http.get(`/api/venues/${venueId}/bookings`)), 200);

    // Leaders: the planner's whole record, the viewer's public one, and who attends the venue.
    const leader = (
      await conforms(
        as(
          t.http.post('/api/leaders').send({
            fullName: 'Lê Văn Hợp Đồng',
            position: 'Bộ trưởng',
            rankTier: 'ministerial',
            organisation: 'Chính phủ',
            officeEmail: `hop-dong-${year}@vanphong.example.vn`,
            unavailability: [{ startDate: `${year}-07-01`, endDate: `${year}-07-02` }],
          }),
        ),
        201,
      )
    ).body;
    await conforms(as(t.http.get('/api/leaders?pageSize=5')), 200);
    const publicView = (await conforms(as(t.http.get(`/api/leaders/${leader.id}`), viewer), 200)).body;
    expect(publicView.officeEmail).toBeUndefined();
    await conforms(as(t.http.put(`/api/editions/${edition.id}/leaders/${leader.id}`).send({ title: 'Bộ trưởng', maxAppearances: 2 })), 200);
    await conforms(as(t.http.get(`/api/editions/${edition.id}/leaders`)), 200);
    await conforms(as(t.http.post(`/api/venues/${venueId}/leaders`).send({ leaderId: leader.id, role: 'chief_guest' })), 201);

    // An invitation, as a draft and with its e-mails.
    const invitation = (await conforms(as(t.http.post('/api/invitations').send({ venueId, leaderId: leader.id, role: 'chief_guest' })), 201)).body;
    await conforms(as(t.http.post(`/api/invitations/${invitation.id}/send`)), 202);
    const view = (await conforms(as(t.http.get(`/api/invitations/${invitation.id}`)), 200)).body;
    expect(view.messages).toHaveLength(1);
    await conforms(as(t.http.get(`/api/invitations/${invitation.id}/preview`)), 200);
    await conforms(as(t.http.get(`/api/invitations?editionId=${edition.id}`)), 200);
    await conforms(as(t.http.get(`/api/editions/${edition.id}/reminder-policy`)), 200);

    // A planning run: queued (for the worker to solve), read back, listed, cancelled.
    const run = (await conforms(as(t.http.post(`/api/editions/${edition.id}/planning-runs`).send({})), 201)).body;
    expect(run.status).toBe('queued');
    await conforms(as(t.http.get(`/api/editions/${edition.id}/planning-runs/${run.id}`)), 200);
    await conforms(as(t.http.get(`/api/editions/${edition.id}/planning-runs`)), 200);
    expect((await conforms(as(t.http.post(`/api/editions/${edition.id}/planning-runs/${run.id}/cancel`)), 200)).body.status).toBe('cancelled');

    // The audit log (which keeps no secret either), refusals, and what is not JSON.
    const logged = (await conforms(as(t.http.get(`/api/audit?entityType=invitation&entityId=${invitation.id}`)), 200)).body;
    expect(logged.items.length).toBeGreaterThan(0);
    expect(
      logged.items.flatMap((entry: { changes: object }) => Object.keys(entry.changes)).filter((field: string) => /hash|secret|password/i.test(field)),
    ).toEqual([]);
    await conforms(as(t.http.patch(`/api/venues/${venueId}`).send({ version: 1, name: 'Tên cũ' })), 409);
    await conforms(as(t.http.post('/api/venues').send({ editionId: edition.id })), 400);
    await conforms(as(t.http.get(`/api/editions/${edition.id}/export?format=csv`)), 200);
    await conforms(t.http.get('/api/rsvp/not-a-token'), 404);
    await conforms(t.http.get('/api/calendar/not-a-token.ics'), 404);
    await conforms(t.http.get('/metrics'), 200);
  });

  async function conforms(test: Test, status: number) {
    const response = await test;
    expect({ status: response.status, body: response.body }).toMatchObject({ status });
    contract.expectConforms(response);
    return response;
  }
});
