// Face-analysis events as the server relays them from the media-ai sidecar
// (media-ai/PROTOCOL.md). The socket types carry them as plain JSON; `type` names each one.
import type { JsonValue } from '../api/generated/serde_json/JsonValue';

export interface AiEvent {
  type: string;
  [field: string]: unknown;
}

/** The event, when the JSON is an object with a string `type`; null otherwise. */
export function asAiEvent(value: JsonValue): AiEvent | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return typeof value.type === 'string' ? (value as AiEvent) : null;
}
