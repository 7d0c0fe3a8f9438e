#!/usr/bin/env python3
"""Writes a few valid inputs per target into fuzz/corpus/<target>/ (idempotent), so the fuzzer
starts from the shapes real traffic has instead of discovering the framing from nothing."""
import json, os, struct

here = os.path.dirname(os.path.abspath(__file__))

def put(target, name, data):
    d = os.path.join(here, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)

def rtp(pt, seq, ts, ssrc, payload, marker=False):
    return struct.pack("!BBHII", 0x80, (0x80 if marker else 0) | pt, seq, ts, ssrc) + payload

# A VP8 keyframe start (payload descriptor S=1, then a key frame header 640x480) and an Opus packet.
vp8_key = bytes([0x10, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01]) + bytes(64)
vp8_inter = bytes([0x10, 0x01, 0x00, 0x00]) + bytes(32)
opus = bytes([0xfc, 0xff, 0xfe]) + bytes(40)

video = [rtp(96, 100 + i, 3000 * i, 0x1234, vp8_key if i == 0 else vp8_inter, marker=True) for i in range(4)]
audio = [rtp(111, 500 + i, 960 * i, 0x5678, opus) for i in range(4)]

put("recorder_rtp", "av", b"".join(bytes([0]) + struct.pack("!H", len(p)) + p for p in video)
    + b"".join(bytes([1]) + struct.pack("!H", len(p)) + p for p in audio))
put("recorder_decode_rtp", "vp8", b"".join(struct.pack("!H", len(p)) + p for p in video))

def msg(kind, payload):
    return struct.pack("!I", len(payload) + 1) + bytes([kind]) + payload

start = json.dumps({"type": "start", "session_id": "s1"}).encode()
challenge = json.dumps({"type": "challenge", "steps": ["centre", "left"], "seed": 5}).encode()
frame = bytes([2, 0, 0, 0]) + struct.pack("!IIQ", 4, 2, 40) + bytes(12)
rgb = bytes([1, 0, 0, 0]) + struct.pack("!IIQ", 2, 2, 80) + bytes(12)
put("sidecar_framing", "session", msg(1, start) + msg(1, challenge) + msg(3, frame) + msg(3, rgb) + msg(1, b'{"type":"end"}'))
put("sidecar_framing", "png", msg(2, bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c49444154789c63f8ffff3f0005fe02fea7d6a4e40000000049454e44ae426082")))
