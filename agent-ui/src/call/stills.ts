// High-resolution stills, not frame grabs: when the agent asks, the customer's browser takes a
// photo at the camera's full resolution (the call itself sends 640×480) and uploads it over
// HTTPS to the session with the link's token. The server checks, hashes and stores it and
// tells the agent.
import type { SessionId } from '../api/generated/SessionId';
import type { Still } from '../api/generated/Still';
import type { StillKind } from '../api/generated/StillKind';
import { ApiError, errorFromResponse } from '../api/problem';

/** How the photo was taken: the camera's photo mode, or a frame of a temporarily upscaled copy of the track. */
export type StillMethod = 'image_capture' | 'upscaled_frame';

interface Range {
  min?: number;
  max?: number;
}

/** The parts of ImageCapture (W3C Image Capture) used here; not in TypeScript's DOM library. */
interface ImageCaptureLike {
  getPhotoCapabilities(): Promise<{ imageWidth?: Range; imageHeight?: Range }>;
  takePhoto(settings?: { imageWidth?: number; imageHeight?: number }): Promise<Blob>;
}
type ImageCaptureCtor = new (track: MediaStreamTrack) => ImageCaptureLike;

/** The largest photo the camera offers, or no setting (the camera's own default) when it does not say. */
export function largestPhoto(caps: { imageWidth?: Range; imageHeight?: Range } | null): { imageWidth: number; imageHeight: number } | undefined {
  const w = caps?.imageWidth?.max;
  const h = caps?.imageHeight?.max;
  return w && h ? { imageWidth: w, imageHeight: h } : undefined;
}

/** Constraints asking a camera for its largest frame, from its capabilities (4K when it does not say). */
export function largestFrame(caps: { width?: Range; height?: Range } | null): MediaTrackConstraints {
  return { width: { ideal: caps?.width?.max ?? 3840 }, height: { ideal: caps?.height?.max ?? 2160 } };
}

/** Takes a full-resolution photo from the source of `track` without changing what the call sends. */
export async function takeStill(track: MediaStreamTrack): Promise<{ blob: Blob; method: StillMethod }> {
  const Ctor = (globalThis as { ImageCapture?: ImageCaptureCtor }).ImageCapture;
  if (Ctor) {
    try {
      const capture = new Ctor(track);
      const caps = await capture.getPhotoCapabilities().catch(() => null);
      const blob = await capture.takePhoto(largestPhoto(caps)).catch(() => capture.takePhoto());
      if (blob.size > 0) return { blob, method: 'image_capture' };
    } catch {
      /* no photo mode on this camera: take a frame instead */
    }
  }
  return { blob: await upscaledFrame(track), method: 'upscaled_frame' };
}

/**
 * A frame of a clone of the track, asked for the camera's largest size: the clone shares the
 * source, so the call's own track keeps its 640×480 while the clone gets the full picture.
 */
async function upscaledFrame(track: MediaStreamTrack): Promise<Blob> {
  const clone = track.clone();
  const video = document.createElement('video');
  try {
    await clone.applyConstraints(largestFrame(clone.getCapabilities?.() ?? null)).catch(() => undefined);
    video.muted = true;
    video.playsInline = true;
    video.srcObject = new MediaStream([clone]);
    await video.play();
    const want = clone.getSettings().width ?? 0;
    const deadline = performance.now() + 3000;
    // The first frames after the change may still be the old size.
    while ((video.videoWidth === 0 || video.videoWidth < want) && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d')!.drawImage(video, 0, 0);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode'))), 'image/jpeg', 0.92));
  } finally {
    video.srcObject = null;
    clone.stop();
  }
}

/** Uploads a still the agent asked for (`request_id` of the `capture` message); rejects with an `ApiError`. */
export async function uploadStill(
  session: SessionId,
  token: string,
  kind: StillKind,
  requestId: string,
  blob: Blob,
  fetchFn: typeof fetch = (i, init) => fetch(i, init),
): Promise<Still> {
  const query = new URLSearchParams({ kind, request_id: requestId });
  let res: Response;
  try {
    res = await fetchFn(`/api/v1/sessions/${encodeURIComponent(session)}/stills?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': blob.type || 'image/jpeg', accept: 'application/json, application/problem+json' },
      body: blob,
    });
  } catch {
    throw new ApiError(0, 'network_error');
  }
  if (!res.ok) throw await errorFromResponse(res);
  return (await res.json()) as Still;
}
