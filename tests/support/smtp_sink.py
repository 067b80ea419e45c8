"""A real SMTP server for the tests (aiosmtpd): every accepted message is
written to OUTDIR as one .eml file, with the envelope in X-Envelope-* headers.
Recipients whose address starts with "reject" are refused with a permanent
550, as a mailbox that does not exist would be.

usage: python smtp_sink.py OUTDIR [PORT]   -> prints "READY <port>"
"""
import asyncio
import itertools
import os
import sys
import time

from aiosmtpd.smtp import SMTP

outdir = sys.argv[1]
port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
os.makedirs(outdir, exist_ok=True)
seq = itertools.count(1)


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("reject"):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = f"{time.time_ns()}-{next(seq):05d}"
        head = (
            f"X-Envelope-From: {envelope.mail_from}\r\n"
            f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n"
        ).encode()
        tmp = os.path.join(outdir, name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(head + envelope.original_content)
        os.rename(tmp, os.path.join(outdir, name + ".eml"))
        return "250 OK"


async def main():
    loop = asyncio.get_running_loop()
    srv = await loop.create_server(
        lambda: SMTP(Handler(), enable_SMTPUTF8=True, hostname="sink.test"),
        "127.0.0.1",
        port,
        reuse_address=True,
    )
    print("READY", srv.sockets[0].getsockname()[1], flush=True)
    await srv.serve_forever()


asyncio.run(main())
