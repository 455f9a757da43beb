import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@bti/event-store';
import { municipalityProjection } from '@bti/municipality';
import {
  PROJECTION_RUNNER,
  READ_MODEL_STORE,
  type ProjectionRunner,
  type SqliteReadModelStore,
} from '@bti/read-models';
import { ApiClient, expectStatus } from '../support/api-client';
import { enrolledFamily, openedLog, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

/** The day these tests live on: their dates (consents, pregnancies …) are written for it. */
const NOW = new Date('2026-06-01T08:00:00.000Z');
describe('the consent form a family can read', () => {
  let t: TestApp;
  let s: Scenario;
  let logId: string;
  let consentId: string;
  let motherToken: string;
  beforeAll(async () => {
    t = await startTestApp({}, () => NOW);
    s = await enrolledFamily(t);
    ({ logId, consentId } = await openedLog(s, {
      validFrom: '2026-01-01',
      validUntil: '2026-12-31',
      level: 1,
      services: ['helsestasjon', 'barnehage'],
      categories: ['health', 'kindergarten_situation'],
    }));
    motherToken = await t.token({ subject: 'idp|mor', role: 'guardian' });
  });
  afterAll(() => t.close());

  const form = (query: string, token = motherToken) =>
    request(t.app.getHttpServer())
      .get(`/stafettlogger/${logId}/consents/${consentId}/form${query}`)
      .set('Authorization', `Bearer ${token}`);

  it.each([
    [
      'nb',
      'Samtykke til samarbeid om barnet',
      'hvordan barnet har det i barnehagen',
      'Slik trekker dere samtykket',
      'Fra 2026-01-01 til og med 2026-12-31.',
    ],
    [
      'nn',
      'Samtykke til samarbeid om barnet',
      'korleis barnet har det i barnehagen',
      'Slik trekkjer de samtykket',
      'Frå 2026-01-01 til og med 2026-12-31.',
    ],
    [
      'en',
      'Consent to working together for the child',
      'how the child is doing in kindergarten',
      'How to withdraw your consent',
      'From 2026-01-01 up to and including 2026-12-31.',
    ],
  ])(
    'in %s names each service, each kind of information in everyday words, the purpose, how long and how to withdraw',
    async (lang, title, category, withdraw, validity) => {
      const res = await form(`?lang=${lang}`).expect(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.text).toContain(`<html lang="${lang}">`);
      for (const text of [
        title,
        category,
        withdraw,
        validity,
        'Samordne hjelp',
        'helsestasjon',
        'barnehage',
      ])
        expect(res.text).toContain(text);
      expect(res.text).not.toContain('kindergarten_situation');
    },
  );

  it('is a PDF to print and sign, with the Norwegian letters intact', async () => {
    const res = await form('?format=pdf&lang=nb')
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = (res.body as Buffer).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    // Latin-1 (WinAnsi) bytes: å is \xe5, the dash \x96.
    expect(pdf).toContain('(Dere kan n\xe5r som helst trekke samtykket');
    expect(pdf).toContain('helse \x96 kropp og psykisk helse');
    expect(pdf).toContain('Underskrift');
    // The child is young: the guardians sign.
    expect(pdf).toContain('(Foresatt: ');
    expect(pdf).not.toContain('Ungdommen');
  });

  it('is shown where the log is: to the services it names and the family, no one else', async () => {
    expectStatus(await s.kari.get(`/stafettlogger/${logId}/consents/${consentId}/form`), 200);
    const stranger = await ApiClient.as(t, { subject: 'idp|fremmed', role: 'guardian' });
    expectStatus(await stranger.get(`/stafettlogger/${logId}/consents/${consentId}/form`), 404);
    const analyst = await ApiClient.as(t, { subject: 'a', role: 'analyst' });
    expectStatus(await analyst.get(`/stafettlogger/${logId}/consents/${consentId}/form`), 403);
    expectStatus(await s.mother.get(`/stafettlogger/${logId}/consents/${logId}/form`), 404);
    expectStatus(
      await s.mother.get(`/stafettlogger/${logId}/consents/${consentId}/form?lang=de`),
      400,
    );
    expectStatus(
      await s.mother.get(`/stafettlogger/${logId}/consents/${consentId}/form?format=docx`),
      400,
    );
  });
  it('is not made while the municipality’s catalogue is being rebuilt (it would name services by id)', async () => {
    const runner = t.app.get<ProjectionRunner>(PROJECTION_RUNNER);
    const readModels = t.app.get<SqliteReadModelStore>(READ_MODEL_STORE);
    await runner.stop();
    try {
      readModels.reset(municipalityProjection);
      const refused = await form('');
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ code: 'READ_MODELS_REBUILDING' });
    } finally {
      runner.start();
    }
    await runner.waitForPosition(await t.app.get<EventStore>(EVENT_STORE).headPosition(), 5000);
    expect((await form('')).status).toBe(200);
  });
});
