import { describe, expect, it, vi } from 'vitest';
import { consoleApi, type Checklist } from '../api/console';
import { CallSession } from './call-session';

const list = (state: 'open' | 'satisfied'): Checklist =>
  ({
    profile: 'basic',
    profile_version: 'v',
    items: [{ id: 'tan', label: 'tan', requirement: 'S10', required: true, confirmable: true, state, ...(state === 'satisfied' ? { by: 'agent_confirmed' } : {}) }],
    approval_blockers: state === 'open' ? [{ code: 'check_open', item: 'tan' }] : [],
  }) as unknown as Checklist;

const noMedia = {
  getUserMedia: () => Promise.reject(new Error('no camera')),
  client: () => {
    throw new Error('not joined');
  },
  now: () => 0,
};

describe('the call’s checklist', () => {
  it('keeps a tick when a refresh that set out before it comes back after it', async () => {
    let answerRefresh!: (c: Checklist) => void;
    vi.spyOn(consoleApi, 'checklist').mockReturnValue(new Promise((resolve) => (answerRefresh = resolve)));
    vi.spyOn(consoleApi, 'confirm').mockResolvedValue(list('satisfied'));
    const call = new CallSession('s1', noMedia);
    const refresh = call.refreshChecklist();
    await call.confirm('tan', true);
    answerRefresh(list('open'));
    await refresh;
    expect(call.checklist.value?.items[0].state).toBe('satisfied');
  });

  it('shows a refresh asked after a tick', async () => {
    vi.spyOn(consoleApi, 'confirm').mockResolvedValue(list('satisfied'));
    vi.spyOn(consoleApi, 'checklist').mockResolvedValue(list('open'));
    const call = new CallSession('s1', noMedia);
    await call.confirm('tan', true);
    await call.refreshChecklist();
    expect(call.checklist.value?.items[0].state).toBe('open');
  });
});
