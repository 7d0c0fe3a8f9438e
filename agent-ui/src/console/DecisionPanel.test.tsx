import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Checklist, Profile } from '../api/console';
import { fakeAuthServer, json, problem } from '../test/fake-auth-server';
import { CallSession } from './call-session';
import { ChecklistPanel } from './ChecklistPanel';
import { DecisionPanel } from './DecisionPanel';

const PROFILE = { id: 'basic', reasons: { reject: ['document_invalid', 'face_mismatch'], inconclusive: ['poor_quality'] } } as unknown as Profile;
const item = (id: string, state: 'open' | 'satisfied', confirmable = false) =>
  ({ id, label: id, requirement: 'S5', required: true, confirmable, state, ...(state === 'satisfied' ? { by: 'agent_confirmed' } : {}) }) as Checklist['items'][number];

function session(checklist: Checklist) {
  const call = new CallSession('s1', { getUserMedia: () => Promise.reject(new Error('x')), client: () => { throw new Error('x'); }, now: () => 0 });
  call.profile.value = PROFILE;
  call.checklist.value = checklist;
  return call;
}

const DECISION = { outcome: 'rejected', reasons: ['face_mismatch'], note: null, override_reason: null, staff_id: 'u-1', decided_at: 0, status: 'final', evidence: {} };

describe('the decision', () => {
  it('says before sending what blocks an approval, and shows the server’s refusal', async () => {
    const server = fakeAuthServer(['agent'], true);
    // Focusing the panel fetches the checklist again: the server still has the face photo open.
    const open: Checklist = { profile: 'basic', profile_version: 'v', items: [item('still_face', 'open')], approval_blockers: [{ code: 'check_open', item: 'still_face' }] };
    server.on((method, path) =>
      method === 'POST' && path === '/api/v1/sessions/s1/decision'
        ? problem(422, 'approval_blocked', { blockers: [{ code: 'recording_unhealthy', reason: 'No space left on device' }, { code: 'check_open', item: 'still_face' }] })
        : method === 'GET' && path === '/api/v1/sessions/s1/checklist' ? json(200, open) : undefined,
    );
    const call = session(open);
    const user = userEvent.setup();
    render(<DecisionPanel call={call} />);
    await user.click(screen.getByRole('radio', { name: 'Approve' }));
    expect(screen.getByText('An approval will be refused while:')).toBeTruthy();
    expect(screen.getByText('Not done yet: Photo of the face.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Record approval' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Approval refused:')).toBeTruthy();
    expect(within(alert).getByText('The recording is not healthy: the disk is full.')).toBeTruthy();
    expect(server.calls('POST', '/api/v1/sessions/s1/decision')[0].body).toEqual({ outcome: 'approved', reasons: [], note: null, override_reason: null });
  });

  it('takes back a refusal once its blockers are cleared', async () => {
    const server = fakeAuthServer(['agent'], true);
    const open: Checklist = { profile: 'basic', profile_version: 'v', items: [item('still_face', 'open')], approval_blockers: [{ code: 'check_open', item: 'still_face' }] };
    server.on((method, path) =>
      method === 'POST' && path === '/api/v1/sessions/s1/decision'
        ? problem(422, 'approval_blocked', { blockers: [{ code: 'check_open', item: 'still_face' }] })
        : method === 'GET' && path === '/api/v1/sessions/s1/checklist' ? json(200, open) : undefined,
    );
    const call = session(open);
    const user = userEvent.setup();
    render(<DecisionPanel call={call} />);
    await user.click(screen.getByRole('radio', { name: 'Approve' }));
    await user.click(screen.getByRole('button', { name: 'Record approval' }));
    expect(within(await screen.findByRole('alert')).getByText('Approval refused:')).toBeTruthy();
    call.checklist.value = { ...open, items: [item('still_face', 'satisfied')], approval_blockers: [] };
    await waitFor(() => expect(screen.queryByText('Approval refused:')).toBeNull());
  });

  it('asks for a reason before rejecting, then records the rejection', async () => {
    const server = fakeAuthServer(['agent'], true);
    server.on((method, path) => (method === 'POST' && path === '/api/v1/sessions/s1/decision' ? json(201, DECISION) : undefined));
    const call = session({ profile: 'basic', profile_version: 'v', items: [], approval_blockers: [] });
    const user = userEvent.setup();
    render(<DecisionPanel call={call} />);
    await user.click(screen.getByRole('radio', { name: 'Reject' }));
    await user.click(screen.getByRole('button', { name: 'Record rejection' }));
    expect(screen.getByText('Choose at least one reason.')).toBeTruthy();
    expect(server.calls('POST', '/api/v1/sessions/s1/decision')).toHaveLength(0);
    await user.click(screen.getByRole('checkbox', { name: 'Face does not match the document' }));
    await user.type(screen.getByLabelText('Note (optional)'), 'different person');
    await user.click(screen.getByRole('button', { name: 'Record rejection' }));
    expect(await screen.findByRole('heading', { name: 'Decision recorded' })).toBeTruthy();
    expect(server.calls('POST', '/api/v1/sessions/s1/decision')[0].body).toEqual({ outcome: 'rejected', reasons: ['face_mismatch'], note: 'different person', override_reason: null });
  });

  it('asks for a written override to approve against a face no-match', async () => {
    fakeAuthServer(['agent'], true);
    const call = session({ profile: 'basic', profile_version: 'v', items: [{ ...item('face_match', 'open'), state: 'failed', why: 'no_match' } as Checklist['items'][number]], approval_blockers: [] });
    const user = userEvent.setup();
    render(<DecisionPanel call={call} />);
    await user.click(screen.getByRole('radio', { name: 'Approve' }));
    expect(screen.getByLabelText('Why you approve despite “no match”')).toBeTruthy();
  });
});

describe('the checklist', () => {
  it('ticks a manual check at once and keeps the server’s answer', async () => {
    const server = fakeAuthServer(['agent'], true);
    const after = { profile: 'basic', profile_version: 'v', items: [item('document_genuine', 'satisfied', true)], approval_blockers: [] };
    server.on((method, path) => (method === 'PUT' && path === '/api/v1/sessions/s1/checklist/document_genuine' ? json(200, after) : undefined));
    const call = session({ profile: 'basic', profile_version: 'v', items: [item('document_genuine', 'open', true), item('still_face', 'open')], approval_blockers: [] });
    const user = userEvent.setup();
    render(<ChecklistPanel call={call} />);
    expect(screen.getByText('0 of 2 done')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Document allowed and inspected' }));
    await waitFor(() => expect(screen.getByText('1 of 1 done')).toBeTruthy());
    expect((screen.getByRole('checkbox', { name: 'Document allowed and inspected' }) as HTMLInputElement).checked).toBe(true);
    expect(server.calls('PUT', '/api/v1/sessions/s1/checklist/document_genuine')[0].body).toEqual({ confirmed: true, note: null });
  });
});
