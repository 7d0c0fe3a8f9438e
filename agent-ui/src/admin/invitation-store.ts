// The activation link just issued, shown once on the account's page and then forgotten: it
// lives only in memory, never in storage, and is gone after a reload.
import { signal } from '@preact/signals';
import type { Invitation } from './api';

export const freshInvitation = signal<{ staffId: string; invitation: Invitation } | null>(null);
