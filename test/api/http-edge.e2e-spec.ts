import { deflateSync, gzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@bti/event-store';
import { expectStatus } from '../support/api-client';
import { enrolledFamily, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

/** Requests a stranger sends: odd media types, hostile JSON, impossible dates. Each is refused and changes nothing. */

/** The day these tests live on: their dates (consents, pregnancies …) are written for it. */
const NOW = new Date('2026-06-01T08:00:00.000Z');
describe('the HTTP edge refuses what it cannot read', () => {
  let t: TestApp;
  let s: Scenario;
  let kariToken: string;
  let store: EventStore;
  beforeAll(async () => {
    t = await startTestApp({}, () => NOW);
    s = await enrolledFamily(t);
    store = t.app.get<EventStore>(EVENT_STORE);
    kariToken = await t.token({
      subject: 'staff-kari',
      role: 'staff',
      municipalityId: s.municipalityId,
      serviceId: 'helsestasjon',
    });
  });
  afterAll(() => t.close());

  const raw = (method: 'post' | 'put', path: string, contentType: string, body: string | Buffer) =>
    request(t.app.getHttpServer())
      [method](path)
      .set('Authorization', `Bearer ${kariToken}`)
      .set('Content-Type', contentType)
      // Bytes as they are: superagent would write a Buffer under a JSON type as JSON of its bytes.
      .serialize((bytes: unknown) => bytes as string)
      .send(body);

  /** Runs `act` and asserts that the log did not move. */
  async function changesNothing(act: () => Promise<unknown>): Promise<void> {
    const before = await store.headPosition();
    await act();
    expect(await store.headPosition()).toBe(before);
  }

  const concernBody = () => ({
    commandId: randomUUID(),
    concernId: randomUUID(),
    familyId: s.familyId,
    subjectId: s.childId,
    kind: 'undring',
    summary: 'Stille i det siste',
  });

  it('answers deeply nested JSON with 400 BODY_TOO_DEEP on POST and PUT, not 500', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    await changesNothing(async () => {
      const post = await raw('post', '/concerns', 'application/json', deep);
      expect(post.status).toBe(400);
      expect(post.body.code).toBe('BODY_TOO_DEEP');
      const nestedField = JSON.stringify({
        ...concernBody(),
        summary: JSON.parse(`${'['.repeat(40)}1${']'.repeat(40)}`),
      });
      const inField = await raw('post', '/concerns', 'application/json', nestedField);
      expect(inField.status).toBe(400);
      expect(inField.body.code).toBe('BODY_TOO_DEEP');
      const put = await raw(
        'put',
        `/municipalities/${s.municipalityId}/handlingsveileder`,
        'application/json',
        `${'['.repeat(100000)}${']'.repeat(100000)}`,
      );
      expect(put.status).toBe(400);
      expect(put.body.code).toBe('BODY_TOO_DEEP');
    });
  });

  it('still accepts a body with brackets inside its strings', async () => {
    const body = { ...concernBody(), summary: '{{{{[[[[ '.repeat(20) };
    const res = await raw('post', '/concerns', 'application/json', JSON.stringify(body));
    expect(res.status).toBe(201);
  });

  it.each([
    [
      'application/x-www-form-urlencoded',
      (b: Record<string, string>) => new URLSearchParams(b).toString(),
    ],
    ['text/plain', (b: Record<string, string>) => JSON.stringify(b)],
    ['application/json; charset=utf-16', (b: Record<string, string>) => JSON.stringify(b)],
    ['application/json; charset=latin1', (b: Record<string, string>) => JSON.stringify(b)],
    ['multipart/form-data; boundary=x', () => '--x\r\n\r\n--x--'],
  ])('refuses %s with 415 and writes nothing', async (contentType, encode) => {
    await changesNothing(async () => {
      const res = await raw('post', '/concerns', contentType, encode(concernBody()));
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({
        statusCode: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Send the body as application/json in UTF-8',
      });
    });
  });

  it('refuses a body said to be compressed (415), gzipped or not, and takes one said to be identity', async () => {
    const send = (encoding: string, body: string | Buffer) =>
      request(t.app.getHttpServer())
        .post('/concerns')
        .set('Authorization', `Bearer ${kariToken}`)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', encoding)
        .send(body);
    await changesNothing(async () => {
      for (const [encoding, body] of [
        ['gzip', JSON.stringify(concernBody())],
        ['gzip', gzipSync(JSON.stringify(concernBody()))],
        ['br', JSON.stringify(concernBody())],
      ] as const) {
        const res = await send(encoding, body);
        expect({ encoding, status: res.status, body: res.body as unknown }).toMatchObject({
          status: 415,
          body: { code: 'UNSUPPORTED_MEDIA_TYPE' },
        });
      }
    });
    expect((await send('identity', JSON.stringify(concernBody()))).status).toBe(201);
  });

  it('refuses compressed bytes sent with their length as compressed (415), not as a length mismatch', async () => {
    await changesNothing(async () => {
      for (const [encoding, body] of [
        ['gzip', gzipSync(JSON.stringify(concernBody()))],
        ['deflate', deflateSync(JSON.stringify(concernBody()))],
      ] as const) {
        const res = await request(t.app.getHttpServer())
          .post('/concerns')
          .set('Authorization', `Bearer ${kariToken}`)
          .set('Content-Type', 'application/json')
          .set('Content-Encoding', encoding)
          .set('Content-Length', String(body.length))
          .serialize((bytes: unknown) => bytes as string)
          .send(body);
        expect({ encoding, status: res.status, code: res.body.code as unknown }).toEqual({
          encoding,
          status: 415,
          code: 'UNSUPPORTED_MEDIA_TYPE',
        });
      }
    });
  });

  it('answers a body that is not UTF-8 with 400 INVALID_JSON, and a second charset with 415', async () => {
    await changesNothing(async () => {
      const text = JSON.stringify({ ...concernBody(), summary: 'Bekymring for Åse på skolen' });
      for (const bytes of [Buffer.from(text, 'latin1'), Buffer.from(`\ufeff${text}`, 'utf16le')]) {
        const res = await raw('post', '/concerns', 'application/json', bytes);
        expect({ status: res.status, code: res.body.code as unknown }).toEqual({
          status: 400,
          code: 'INVALID_JSON',
        });
      }
      const twice = await raw(
        'post',
        '/concerns',
        'application/json; charset=utf-8; charset=utf-16',
        JSON.stringify(concernBody()),
      );
      expect(twice.status).toBe(415);
    });
  });

  it('refuses a body whose Content-Type is given twice (415), in either order', async () => {
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const body = JSON.stringify(concernBody());
    const send = (types: string[]) =>
      new Promise<{ status: number; code: unknown }>((resolve, reject) => {
        const sent = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/concerns',
            // Node writes a header line per value: the type is told twice.
            headers: {
              Authorization: `Bearer ${kariToken}`,
              'Content-Type': types,
              'Content-Length': Buffer.byteLength(body),
            },
          },
          (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString()));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                code: (JSON.parse(text) as { code?: unknown }).code,
              }),
            );
          },
        );
        sent.on('error', reject);
        sent.end(body);
      });
    await changesNothing(async () => {
      for (const types of [
        ['application/json', 'text/plain'],
        ['text/plain', 'application/json'],
        ['application/json', 'application/json'],
      ])
        expect(await send(types)).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    });
    expect(await send(['application/json'])).toMatchObject({ status: 201 });
  });

  it('accepts application/json with charset=utf-8 spelled either way', async () => {
    for (const contentType of [
      'application/json; charset=utf-8',
      'application/json;charset=UTF8',
    ]) {
      const res = await raw('post', '/concerns', contentType, JSON.stringify(concernBody()));
      expect(res.status).toBe(201);
    }
  });

  it('answers a body over 1 MiB with 413 BODY_TOO_LARGE', async () => {
    const huge = JSON.stringify({ ...concernBody(), summary: 'x'.repeat(1100 * 1024) });
    await changesNothing(async () => {
      const res = await raw('post', '/concerns', 'application/json', huge);
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('BODY_TOO_LARGE');
    });
  });

  it('answers malformed JSON with 400 INVALID_JSON', async () => {
    const res = await raw('post', '/concerns', 'application/json', '{"commandId": ');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_JSON');
  });

  it.each(['prototype', '__proto__', 'constructor'])(
    'refuses a %s key like any unknown field, naming it',
    async (key) => {
      await changesNothing(async () => {
        const text = JSON.stringify(concernBody()).replace(/^\{/, `{"${key}":{"x":1},`);
        const res = await raw('post', '/concerns', 'application/json', text);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.fields).toEqual([
          { field: key, reasons: [`property ${key} should not exist`] },
        ]);
        const nested = JSON.stringify({
          ...concernBody(),
          scope: JSON.parse(`{"${key}": 1}`),
        });
        const deeper = await raw('post', '/concerns', 'application/json', nested);
        expect(deeper.status).toBe(400);
        expect(deeper.body.fields).toEqual(
          expect.arrayContaining([
            { field: `scope.${key}`, reasons: [`property scope.${key} should not exist`] },
          ]),
        );
      });
    },
  );

  it.each(['2026-02-30', '2025-02-29', '2026-00-10', '2026-13-01', '2026-04-31'])(
    'refuses the impossible date %s in every date field, and stores nothing',
    async (impossible) => {
      const concernId = randomUUID();
      expectStatus(await s.kari.post('/concerns', { ...concernBody(), concernId }), 201);
      await changesNothing(async () => {
        const talk = await s.kari.post(`/concerns/${concernId}/talks`, {
          with: 'guardians',
          heldOn: impossible,
          summary: 'Samtale',
        });
        expectStatus(talk, 400, 'VALIDATION_FAILED');
        expect(talk.body.fields).toEqual([
          { field: 'heldOn', reasons: ['heldOn must be a calendar date (YYYY-MM-DD)'] },
        ]);
        const pregnancy = await s.kari.post(`/families/${s.familyId}/subjects`, {
          subjectId: randomUUID(),
          kind: 'pregnancy',
          name: 'Baby',
          expectedBirthDate: impossible,
        });
        expectStatus(pregnancy, 400, 'VALIDATION_FAILED');
        expect(pregnancy.body.fields).toEqual([
          {
            field: 'expectedBirthDate',
            reasons: ['expectedBirthDate must be a calendar date (YYYY-MM-DD)'],
          },
        ]);
      });
    },
  );

  it.each(['0000-01-01', '1899-12-31', '2200-01-01'])(
    'refuses the date %s, outside the years a case can hold, and stores nothing',
    async (outside) => {
      const concernId = randomUUID();
      expectStatus(await s.kari.post('/concerns', { ...concernBody(), concernId }), 201);
      await changesNothing(async () => {
        const talk = await s.kari.post(`/concerns/${concernId}/talks`, {
          with: 'guardians',
          heldOn: outside,
          summary: 'Samtale',
        });
        expectStatus(talk, 400, 'VALIDATION_FAILED');
        expect(talk.body.fields).toEqual([
          { field: 'heldOn', reasons: ['heldOn must be from 1900-01-01 to 2199-12-31'] },
        ]);
      });
    },
  );

  it.each([' ', '\u200b', ' \t\n '])(
    'refuses a child named nothing but %j, naming the field',
    async (blank) => {
      await changesNothing(async () => {
        const res = await s.kari.post(`/families/${s.familyId}/subjects`, {
          subjectId: randomUUID(),
          kind: 'pregnancy',
          name: blank,
          expectedBirthDate: '2027-01-01',
        });
        expectStatus(res, 400, 'VALIDATION_FAILED');
        expect(res.body.fields).toEqual([{ field: 'name', reasons: ['name must not be blank'] }]);
      });
    },
  );

  it.each(['[]', '"x"', '3', 'null', 'true'])(
    'refuses the body %s: a command is a JSON object',
    async (text) => {
      await changesNothing(async () => {
        const res = await raw('post', '/concerns', 'application/json', text);
        expectStatus(res, 400, 'INVALID_JSON');
        expect(res.body.message).toBe('The body must be a JSON object');
      });
    },
  );

  it('refuses a body of hundreds of fields before validating it, and lists at most 50 problems', async () => {
    await changesNothing(async () => {
      const many = (count: number) => ({
        ...concernBody(),
        ...Object.fromEntries(Array.from({ length: count }, (_, i) => [`extra${i}`, i])),
      });
      const huge = await raw('post', '/concerns', 'application/json', JSON.stringify(many(300)));
      expectStatus(huge, 400, 'VALIDATION_FAILED');
      expect(huge.body.fields).toEqual([
        { field: 'body', reasons: ['the body has more than 200 fields'] },
      ]);
      const sixty = await raw('post', '/concerns', 'application/json', JSON.stringify(many(60)));
      expectStatus(sixty, 400, 'VALIDATION_FAILED');
      expect(sixty.body.fields).toHaveLength(50);
      expect(sixty.body.message).toBe(
        'Some fields are missing or invalid (the first 50 of 60 listed)',
      );
    });
  });

  it('refuses a key given twice in one object, naming it, where JSON.parse would keep the last', async () => {
    await changesNothing(async () => {
      const body = JSON.stringify(concernBody());
      const twice = body.replace(/^\{/, `{"commandId":"${randomUUID()}",`);
      const res = await raw('post', '/concerns', 'application/json', twice);
      expectStatus(res, 400, 'VALIDATION_FAILED');
      expect(res.body.fields).toEqual([
        { field: 'commandId', reasons: ['commandId must be given once'] },
      ]);
    });
  });

  it('refuses text with control characters or half a surrogate pair, naming the field, and keeps what is text', async () => {
    await changesNothing(async () => {
      for (const escaped of [
        '\\u0000',
        '\\ud800',
        '\\udc00x',
        '\\u001b[31m',
        '\\u009b',
        '\\u0085',
      ]) {
        const text = JSON.stringify({ ...concernBody(), summary: 'x' }).replace(
          '"summary":"x"',
          `"summary":"Bekymring ${escaped}"`,
        );
        const res = await raw('post', '/concerns', 'application/json', text);
        expectStatus(res, 400, 'VALIDATION_FAILED');
        expect(res.body.fields).toEqual([
          {
            field: 'summary',
            reasons: ['summary must be text without control characters or broken Unicode'],
          },
        ]);
      }
    });
    const kept = 'Åse 😀\tfortalte:\r\n«ja»';
    const res = await raw(
      'post',
      '/concerns',
      'application/json',
      JSON.stringify({ ...concernBody(), summary: kept }),
    );
    expect(res.status).toBe(201);
  });

  it('keeps accepting a real leap day', async () => {
    // A child born on one (a talk's date must lie within the last year, which holds no 29 February).
    expectStatus(
      await s.kari.post(`/families/${s.familyId}/subjects`, {
        subjectId: randomUUID(),
        kind: 'child',
        name: 'Skuddårsbarn',
        birthDate: '2024-02-29',
      }),
      201,
    );
  });
});
