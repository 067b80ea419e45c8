### Mails about the account and the organization.

mail-footer = Sent by Convene. You receive this mail because of your account or a booking.
mail-test-subject = Test message from { $org }
mail-test-body = Hello { $name }, this is a test message. If you can read it, mail from Convene reaches you.
mail-digest-subject = { $org }: { $pending } waiting for approval, { $failed } failed mails
mail-digest-pending = Waiting for approval
mail-digest-failed = Mails that could not be sent: { $failed }. See the mail queue.
mail-invite-subject = { $inviter } invites you to join { $org } on Convene
mail-invite-body = Follow this link to set your name and password and join { $org }. The link works once and expires on { $expires }.
mail-invite-join = Join { $org }
mail-email-change-subject = Confirm your new email address for { $org }
mail-email-change-body = Someone (hopefully you) asked to use this address for your account. Follow the link to confirm; until then the old address stays in use. The link expires on { $expires }.
mail-notification-open = Open in Convene

## The answer to a request to join.
mail-approved-subject = Welcome to { $org }: your request was approved
mail-approved-body = An administrator of { $org } approved your request to join. You can sign in now.
mail-approved-sign-in = Sign in
mail-rejected-subject = Your request to join { $org }
mail-rejected-body = An administrator of { $org } did not approve your request to join. If you think this is a mistake, please contact the organization.

## A link to set a new password.
mail-password-reset-subject = Set a new password for { $org }
mail-password-reset-body = An administrator of { $org } sent you this link to set a new password. Follow it and choose one; your old password stops working then, and you are signed out everywhere. The link works once and expires on { $expires }.
mail-password-reset-ignore = If you did not ask for this, ignore this message: your password stays as it is.
