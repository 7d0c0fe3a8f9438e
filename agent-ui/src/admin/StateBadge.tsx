import type { StaffState } from './api';
import { stateLabel } from './roles';

/** An account's state as a coloured label; the word carries the meaning, the colour helps. */
export function StateBadge({ state }: { state: StaffState }) {
  return <span class={`badge badge-${state}`}>{stateLabel(state)}</span>;
}
