// Signaling protocol v1 (docs/signaling-protocol.md). Mirrors signaling/src/ws/protocol.rs.
// Hand-written for now; this folder is where the ts-rs output from the Rust types will land, so
// the swap is a replacement of this file. Types only: nothing here may hold logic.

export type Role = 'customer' | 'agent';

export interface IceServerMsg { urls: string[]; username?: string; credential?: string }

export type ServerMsg =
  | { type: 'joined'; protocol: number; session_id: string; role: Role; ice_servers: IceServerMsg[]; peer_present: boolean }
  | { type: 'answer'; sdp: string }
  | { type: 'candidate'; candidate: RTCIceCandidateInit }
  | { type: 'peer_joined'; role: Role }
  | { type: 'peer_left'; role: Role }
  | { type: 'peer_mute'; role: Role; audio: boolean; video: boolean }
  | { type: 'media_state'; state: string }
  | { type: 'pong'; id: number }
  | { type: 'ended'; reason: string }
  | { type: 'server_closing' }
  | { type: 'ai'; event: AiEvent }
  | { type: 'ai_status'; available: boolean }
  | { type: 'error'; code: string; message: string };

export type ClientMsg =
  | ({ type: 'join'; protocol: number } & Credential)
  | { type: 'offer'; sdp: string }
  | { type: 'candidate'; candidate: RTCIceCandidateInit }
  | { type: 'mute'; audio: boolean; video: boolean }
  | { type: 'ping'; id: number }
  | { type: 'leave' }
  | { type: 'hangup' }
  | { type: 'start_challenge'; steps?: string[]; moves?: number; step_timeout_ms?: number };

/** An event of the face-analysis sidecar (media-ai/PROTOCOL.md); `type` names it. */
export interface AiEvent { type: string; [field: string]: unknown }

/** Who joins: a customer by their link's token, a signed-in agent by the session id. */
export type Credential = { token: string } | { session_id: string };
