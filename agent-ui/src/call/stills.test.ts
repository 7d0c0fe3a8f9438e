import { describe, expect, it, vi } from 'vitest';
import { largestFrame, largestPhoto, takeStill, uploadStill } from './stills';

describe('full-resolution stills', () => {
  it("asks the camera for its largest photo when it says what that is", () => {
    expect(largestPhoto({ imageWidth: { min: 160, max: 1920 }, imageHeight: { min: 120, max: 1080 } })).toEqual({ imageWidth: 1920, imageHeight: 1080 });
    expect(largestPhoto({})).toBeUndefined();
    expect(largestPhoto(null)).toBeUndefined();
    expect(largestFrame({ width: { max: 1280 }, height: { max: 720 } })).toEqual({ width: { ideal: 1280 }, height: { ideal: 720 } });
    expect(largestFrame(null)).toEqual({ width: { ideal: 3840 }, height: { ideal: 2160 } });
  });

  it("takes the photo with the camera's photo mode when the browser has one", async () => {
    const photo = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1])], { type: 'image/jpeg' });
    const takePhoto = vi.fn(async () => photo);
    class FakeImageCapture {
      getPhotoCapabilities = async () => ({ imageWidth: { max: 1280 }, imageHeight: { max: 720 } });
      takePhoto = takePhoto;
    }
    vi.stubGlobal('ImageCapture', FakeImageCapture);
    const r = await takeStill({} as MediaStreamTrack);
    expect(r).toEqual({ blob: photo, method: 'image_capture' });
    expect(takePhoto).toHaveBeenCalledWith({ imageWidth: 1280, imageHeight: 720 });
  });

  it("uploads with the link's token and the agent's request id, and reports refusals by code", async () => {
    const fetchFn = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) =>
      new Response(JSON.stringify({ type: 'x', title: 'x', status: 409, code: 'consent_required' }), { status: 409, headers: { 'content-type': 'application/problem+json' } }),
    );
    const blob = new Blob(['x'], { type: 'image/png' });
    await expect(uploadStill('s1', 'tok', 'id_front', 'r 1', blob, fetchFn)).rejects.toMatchObject({ code: 'consent_required', status: 409 });
    const [url, init] = fetchFn.mock.calls[0];
    expect(url).toBe('/api/v1/sessions/s1/stills?kind=id_front&request_id=r+1');
    expect(init?.headers).toMatchObject({ authorization: 'Bearer tok', 'content-type': 'image/png' });
    const offline = vi.fn(async () => {
      throw new TypeError('failed');
    });
    await expect(uploadStill('s1', 'tok', 'face', 'r', blob, offline)).rejects.toMatchObject({ code: 'network_error' });
  });
});
