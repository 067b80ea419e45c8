"""An SMTP server for the tests (aiosmtpd) that offers AUTH on a plain
connection and refuses every sign-in with its own 535 answer, as a server
given a wrong password does. It accepts no message.

usage: python smtp_auth_sink.py   -> prints "READY <port>"
"""
import asyncio

from aiosmtpd.smtp import SMTP, AuthResult


def refuse(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=False, handled=False)


class Handler:
    async def handle_DATA(self, server, session, envelope):
        return "554 5.7.1 not signed in"


async def main():
    loop = asyncio.get_running_loop()
    srv = await loop.create_server(
        lambda: SMTP(
            Handler(),
            hostname="auth.test",
            authenticator=refuse,
            auth_require_tls=False,
        ),
        "127.0.0.1",
        0,
    )
    print("READY", srv.sockets[0].getsockname()[1], flush=True)
    await srv.serve_forever()


asyncio.run(main())
