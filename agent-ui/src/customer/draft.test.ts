import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { customerApi } from '../api/journey';
import { fakeJourneyServer, problem } from '../test/fake-journey-server';
import { applicantOf, Draft, valuesOf } from './draft';

beforeEach(() => {
  sessionStorage.clear();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

const newDraft = () => new Draft(customerApi('tok'), 'sess-1', sessionStorage, 500);

describe('the application draft', () => {
  it('maps the form to the API’s applicant and back, leaving empty fields out', () => {
    const v = valuesOf({ surname: 'Nguyễn', address: { city: 'Huế' } });
    expect(v.surname).toBe('Nguyễn');
    expect(v['address.city']).toBe('Huế');
    expect(v.email).toBe('');
    expect(applicantOf({ ...v, email: '  ' })).toEqual({ surname: 'Nguyễn', address: { city: 'Huế' } });
  });

  it('saves to the server once typing pauses, with the link’s token', async () => {
    const server = fakeJourneyServer();
    const d = newDraft();
    await d.load();
    d.set('surname', 'M');
    d.set('surname', 'Ma');
    d.set('surname', 'Martin');
    expect(server.calls('PUT', '/api/v1/sessions/sess-1/application')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(600);
    const puts = server.calls('PUT', '/api/v1/sessions/sess-1/application');
    expect(puts).toHaveLength(1);
    expect(puts[0].body).toEqual({ applicant: { surname: 'Martin' }, confirm_mrz: false });
    expect(puts[0].authorization).toBe('Bearer tok');
    expect(d.saveState.value).toBe('saved');
  });

  it('a reload mid-form loses nothing, even what the server never got', async () => {
    const server = fakeJourneyServer();
    const first = newDraft();
    await first.load();
    first.set('email', 'ana@example.org');
    // The page is reloaded before the pause that would have saved it.
    expect(server.calls('PUT', '/api/v1/sessions/sess-1/application')).toHaveLength(0);
    const second = newDraft();
    await second.load();
    expect(second.values.value.email).toBe('ana@example.org');
    // …and the reloaded page sent it on.
    expect(server.calls('PUT', '/api/v1/sessions/sess-1/application').at(-1)?.body).toEqual({ applicant: { email: 'ana@example.org' }, confirm_mrz: false });
    expect(server.state.applicant).toEqual({ email: 'ana@example.org' });
  });

  it('offline, the form comes back from this tab and says it is not saved on the server', async () => {
    fakeJourneyServer();
    const d = newDraft();
    await d.load();
    d.set('phone', '+33 6 12 34 56 78');
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))));
    const reloaded = newDraft();
    await reloaded.load();
    expect(reloaded.values.value.phone).toBe('+33 6 12 34 56 78');
    expect(reloaded.saveState.value).toBe('offline');
  });

  it('each refused field keeps the server’s code', async () => {
    fakeJourneyServer();
    const d = newDraft();
    await d.load();
    d.set('email', 'not an address');
    d.set('phone', '0123');
    await d.flush();
    expect(d.errors.value).toEqual({ email: 'invalid_email', phone: 'invalid_phone' });
  });

  it('a value longer than any real one is refused whole and named with its field', async () => {
    const server = fakeJourneyServer();
    server.on((m, p) => (m === 'PUT' && p.endsWith('/application') ? problem(422, 'field_too_long', { errors: [{ field: 'address.line1', code: 'field_too_long' }] }) : undefined));
    const d = newDraft();
    await d.load();
    d.set('address.line1', 'x'.repeat(300));
    await d.flush().catch(() => undefined);
    expect(d.errors.value['address.line1']).toBe('field_too_long');
    expect(d.saveState.value).toBe('failed');
  });
});
