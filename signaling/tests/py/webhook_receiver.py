"""A webhook receiver for the tests. Each POST is verified with the `standardwebhooks` package
(an implementation independent of the server's) against the secret stored for its path in
SECRETS (a JSON object, re-read per request), and recorded in LOG (JSON lines: id, timestamp,
verified, payload). Answers 204 when the signature verifies, 400 otherwise; with
`--fail-first` the first delivery of each webhook-id is answered 503 after it was recorded.
Usage: webhook_receiver.py PORT SECRETS LOG [--fail-first]. Prints `listening` once ready."""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook

PORT, SECRETS, LOG = int(sys.argv[1]), sys.argv[2], sys.argv[3]
FAIL_FIRST = "--fail-first" in sys.argv[4:]
seen = set()
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        headers = {k.lower(): v for k, v in self.headers.items()}
        with open(SECRETS) as f:
            secret = json.load(f).get(self.path)
        try:
            payload = Webhook(secret).verify(body, headers)
            verified = True
        except Exception as e:  # the test reads why from the log
            payload, verified = {"error": type(e).__name__}, False
        wid = headers.get("webhook-id")
        with lock:
            first = wid not in seen
            seen.add(wid)
            with open(LOG, "a") as f:
                f.write(json.dumps({"path": self.path, "id": wid, "timestamp": headers.get("webhook-timestamp"), "verified": verified, "payload": payload}) + "\n")
        status = 503 if (FAIL_FIRST and first) else (204 if verified else 400)
        self.send_response(status)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
print("listening", flush=True)
server.serve_forever()
