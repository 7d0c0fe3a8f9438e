// The camera for document captures and calls: which camera, at what resolution, and a frame of it
// as a JPEG. Framework-free; the components own the streams' lifetimes.

export type Facing = 'environment' | 'user';

/** Why a camera did not open, as a stable code the page translates (`camera-<code>`). */
export type CameraProblem = 'denied' | 'not_found' | 'busy' | 'unsupported' | 'failed';

export function cameraProblem(e: unknown): CameraProblem {
  const name = (e as { name?: string } | null)?.name ?? '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'not_found';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  if (name === 'TypeError' && !navigator.mediaDevices) return 'unsupported';
  return 'failed';
}

/**
 * A camera, preferring `facing` (the rear camera for a document, where a phone has one), at a
 * resolution where a document's small print stays legible.
 */
export async function openCamera(facing: Facing, audio = false): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('no getUserMedia'), { name: 'TypeError' });
  const video: MediaTrackConstraints = facing === 'environment'
    ? { facingMode: { ideal: 'environment' }, width: { ideal: 1920 }, height: { ideal: 1080 } }
    : { facingMode: { ideal: 'user' }, width: { ideal: 1280 }, height: { ideal: 720 } };
  return navigator.mediaDevices.getUserMedia({ video, audio });
}

export function stopStream(stream: MediaStream | null | undefined): void {
  stream?.getTracks().forEach((t) => t.stop());
}

/** The video's current frame, whole, at its native size, as a JPEG. */
export async function grabFrame(video: HTMLVideoElement, quality = 0.92): Promise<Blob> {
  const w = video.videoWidth;
  const h = video.videoHeight;
  if (!w || !h) throw new Error('no frame yet');
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.drawImage(video, 0, 0, w, h);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encoding failed'))), 'image/jpeg', quality));
}

/** Whether the device has more than one camera (a switch is worth showing). */
export async function cameraCount(): Promise<number> {
  try {
    return (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput').length;
  } catch {
    return 0;
  }
}
