import { render, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { application, capture } from '../test/journey-fixtures';
import { fakeAuthServer, json, problem } from '../test/fake-auth-server';
import { CallSession } from './call-session';
import { SessionFacts } from './SessionFacts';

const TODAY = new Date('2026-11-29T12:00:00Z');

function call() {
  return new CallSession('s1', { getUserMedia: () => Promise.reject(new Error('x')), client: () => { throw new Error('x'); }, now: () => 0 });
}

function serve(app: unknown, docs: unknown) {
  const server = fakeAuthServer(['agent'], true);
  server.on((method, path) =>
    method !== 'GET' ? undefined
    : path === '/api/v1/sessions/s1/application' ? (app === null ? problem(404, 'application_not_found') : json(200, app))
    : path === '/api/v1/sessions/s1/documents' ? (docs === null ? problem(404, 'session_not_found') : json(200, docs))
    : undefined,
  );
  return server;
}

const front = capture('doc-front', 'front', null, 1, null);
const back = (mrz: Parameters<typeof capture>[2], ok: boolean | null = true) => capture('doc-back', 'back', mrz, 2, ok);

describe('the application beside the ID document in the call', () => {
  it('shows every field the same when the application agrees with the MRZ once case and accents are folded', async () => {
    serve(application({ surname: 'Nguyễn', given_names: 'Văn An', date_of_birth: '1990-03-07', nationality: 'VNM' }, 'none'), [
      front,
      back({ surname: 'NGUYEN', given_names: 'VAN<AN', birth_date: '1990-03-07', nationality: 'VNM' }),
    ]);
    render(<SessionFacts call={call()} today={TODAY} />);
    const table = await screen.findByRole('table', { name: 'Application and ID document (MRZ): all compared fields agree' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell').at(-1)?.textContent)).toEqual(['✓ Same', '✓ Same', '✓ Same', '✓ Same']);
    expect(within(rows[0]).getByRole('cell', { name: 'Nguyễn' })).toBeTruthy();
    expect(within(rows[0]).getByRole('cell', { name: 'NGUYEN' })).toBeTruthy();
    expect(screen.getByText('✓ valid')).toBeTruthy();
    expect(screen.getByText('nothing to confirm (no difference when read)')).toBeTruthy();
    expect(screen.queryByText(/No application form or document data/)).toBeNull();
  });

  it('marks a differing field in words, with the failed check digits and the missing confirmation', async () => {
    serve(application({ surname: 'Martin', given_names: 'Anne', date_of_birth: '1985-01-02', nationality: 'FRA' }, 'pending'), [
      back({ surname: 'MARTINS', given_names: 'ANNE', birth_date: '1985-01-02', nationality: 'FRA' }, false),
    ]);
    render(<SessionFacts call={call()} today={TODAY} />);
    const table = await screen.findByRole('table', { name: 'Application and ID document (MRZ): one field differs' });
    const surname = within(table).getByRole('rowheader', { name: 'Surname' }).closest('tr')!;
    expect(within(surname).getByText('Different')).toBeTruthy();
    expect(surname.textContent).toContain('Martin');
    expect(surname.textContent).toContain('MARTINS');
    const givenNames = within(table).getByRole('rowheader', { name: 'Given names' }).closest('tr')!;
    expect(within(givenNames).getByText('Same')).toBeTruthy();
    expect(screen.getByText('✗ invalid: the MRZ may be misread or altered')).toBeTruthy();
    expect(screen.getByText('not confirmed: the customer has not yet confirmed or corrected the differences')).toBeTruthy();
  });

  it('keeps what the integrator submitted when the session has no customer journey', async () => {
    serve(null, []);
    render(<SessionFacts call={call()} today={TODAY} />);
    expect(await screen.findByText(/No application form or document data was submitted/)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('Reference')).toBeTruthy();
  });

  it('shows the document’s photos on request, from the server’s image address', async () => {
    serve(application({ surname: 'Martin' }, 'confirmed'), [front, back({ surname: 'MARTIN' })]);
    const user = userEvent.setup();
    render(<SessionFacts call={call()} today={TODAY} />);
    expect(await screen.findByText('confirmed by the customer')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
    await user.click(screen.getByRole('button', { name: "Show the document's front" }));
    const img = screen.getByRole('img', { name: 'ID document, front, as the customer uploaded it' });
    expect(img.getAttribute('src')).toBe('/api/v1/sessions/s1/documents/doc-front');
    await user.click(screen.getByRole('button', { name: "Show the document's back" }));
    expect(screen.getByRole('img', { name: 'ID document, back, as the customer uploaded it' }).getAttribute('src')).toBe('/api/v1/sessions/s1/documents/doc-back');
    expect(screen.queryByRole('img', { name: /front/ })).toBeNull();
  });

  it('says so, by the error’s code, when the application cannot be loaded', async () => {
    const server = fakeAuthServer(['agent'], true);
    server.on((method, path) => (method === 'GET' && path.startsWith('/api/v1/sessions/s1/') ? problem(403, 'forbidden') : undefined));
    render(<SessionFacts call={call()} today={TODAY} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/^The application and the ID document could not be loaded: /);
  });
});
