"""Parses one .eml with Python's email package (an independent MIME reader)
and prints what the tests check, as JSON."""
import email
import email.policy
import json
import sys

msg = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
parts = []
for part in msg.walk():
    if part.is_multipart():
        continue
    entry = {
        "content_type": part.get_content_type(),
        "charset": part.get_content_charset(),
        "filename": part.get_filename(),
        "params": dict(part.get_params() or []),
    }
    try:
        entry["content"] = part.get_content() if part.get_content_maintype() == "text" else None
    except Exception as e:  # noqa: BLE001 - reported to the test
        entry["error"] = str(e)
    parts.append(entry)
out = {
    "subject": str(msg["subject"]),
    "to": str(msg["to"]),
    "to_display_name": msg["to"].addresses[0].display_name if msg["to"] else None,
    "from": str(msg["from"]),
    "envelope_to": str(msg["X-Envelope-To"]),
    "message_id": str(msg["message-id"]),
    "raw_subject": msg.get("subject", failobj=None) and str(msg.get_all("subject")),
    "content_type": msg.get_content_type(),
    "parts": parts,
    # Every address any recipient header names, and the raw header names:
    # an injected header or recipient shows up here.
    "header_recipients": [
        a.addr_spec
        for h in ("to", "cc", "bcc")
        for v in msg.get_all(h, [])
        for a in v.addresses
    ],
    "header_names": [k.lower() for k in msg.keys()],
    # Whom an answer goes to, as [display name, address] pairs, and the
    # raw unsubscribe header (None when absent).
    "reply_to": [
        [a.display_name, a.addr_spec]
        for v in msg.get_all("reply-to", [])
        for a in v.addresses
    ],
    "list_unsubscribe": msg.get("list-unsubscribe", failobj=None) and str(msg["list-unsubscribe"]),
    "list_unsubscribe_post": msg.get("list-unsubscribe-post", failobj=None) and str(msg["list-unsubscribe-post"]),
}
print(json.dumps(out))
