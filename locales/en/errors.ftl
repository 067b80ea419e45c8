### What a refused request tells the person, whatever part of the product refused it.

err-unauthorized = Please sign in first.
err-bad-credentials = The email or password is wrong.
err-awaiting-approval = Your request to join is waiting for an administrator’s approval. You will get an email when it is decided.
err-forbidden-field = You may not change the field { $field }.
err-csrf = Your session form expired. Reload the page and try again.
err-not-found = Nothing was found here.
err-payload-too-large = What you sent is too large.
err-internal = Something went wrong on our side. Please try again.
err-email-taken = The address { $email } already belongs to a member.
