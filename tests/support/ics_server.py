"""A plain web server publishing .ics files the way calendar providers do:
an ETag (and Last-Modified) per file, 304 for a matching If-None-Match,
Basic auth when a file has a ".auth" twin holding "user:password".

Also:  /huge.ics        a 50 MB calendar body, streamed
       /redirect?to=U   302 to U
       /_log            every request so far, as JSON lines
usage: python ics_server.py DIR  -> prints "READY <port>"
"""
import base64
import hashlib
import http.server
import json
import os
import sys
import threading
import urllib.parse

root = sys.argv[1]
log = []
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def record(self, status):
        with lock:
            log.append({
                "path": self.path,
                "status": status,
                "if_none_match": self.headers.get("If-None-Match"),
                "authorization": self.headers.get("Authorization"),
            })

    def answer(self, status, body=b"", headers=()):
        self.record(status)
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        if url.path == "/_log":
            with lock:
                body = "\n".join(json.dumps(e) for e in log).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if url.path == "/redirect":
            to = urllib.parse.parse_qs(url.query).get("to", [""])[0]
            return self.answer(302, headers=[("Location", to)])
        if url.path == "/huge.ics":
            self.record(200)
            line = b"X-FILLER:" + b"x" * 1000 + b"\r\n"
            total = 50 * 1024 * 1024
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.send_header("Content-Length", str(total))
            self.end_headers()
            sent = 0
            try:
                self.wfile.write(b"BEGIN:VCALENDAR\r\n")
                sent += 17
                while sent + len(line) <= total:
                    self.wfile.write(line)
                    sent += len(line)
                self.wfile.write(b"x" * (total - sent))
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        path = os.path.join(root, os.path.basename(url.path))
        if not os.path.isfile(path):
            return self.answer(404, b"not found")
        auth_file = path + ".auth"
        if os.path.isfile(auth_file):
            with open(auth_file) as f:
                expected = "Basic " + base64.b64encode(f.read().strip().encode()).decode()
            if self.headers.get("Authorization") != expected:
                return self.answer(401, b"who are you", [("WWW-Authenticate", 'Basic realm="cal"')])
        with open(path, "rb") as f:
            body = f.read()
        etag = '"' + hashlib.sha1(body).hexdigest() + '"'
        if self.headers.get("If-None-Match") == etag:
            return self.answer(304, headers=[("ETag", etag)])
        kind = "text/calendar; charset=utf-8" if path.endswith(".ics") else "text/html"
        self.answer(200, body, [("Content-Type", kind), ("ETag", etag)])


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print("READY", server.server_address[1], flush=True)
server.serve_forever()
