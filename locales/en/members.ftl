### Member management pages: the members list, a member's page, the
### invitation form, the public link and join rules, the CSV import,
### departments, positions and locations, and the account defaults.

## Shared labels.
mem-field-name = Name
mem-field-email = Email
mem-field-first-name = First name
mem-field-last-name = Last name
mem-field-phone = Phone
mem-field-role = Role
mem-field-department = Department
mem-field-position = Position
mem-field-location = Location
mem-field-work-number = Work number
mem-invite-teammates = Invite teammates
# Between two sentences of one notice.
mem-sentence-gap = { " " }

## Roles, as the lists and forms show them.
mem-role-owner = owner
mem-role-admin = admin
mem-role-manager = manager
mem-role-member = member
mem-role-restricted = restricted

## A member's state, on their page.
mem-state-draft = draft
mem-state-invited = invited
mem-state-pending = pending
mem-state-active = active
mem-state-rejected = rejected
mem-state-terminated = terminated

## The members list.
mem-list-title = Members
mem-list-import = Import CSV
mem-list-export = Export CSV
mem-list-departments = Departments
mem-list-states = Member states
mem-tab-active = Active
mem-tab-invited = Invited
mem-tab-pending = Pending
mem-tab-draft = Not sent
mem-tab-rejected = Rejected
mem-tab-terminated = Terminated
# A tab: the state and how many members are in it.
mem-list-tab = { $state } ({ $count })
mem-list-search = Search members
mem-list-search-placeholder = Name, email or work number
mem-list-all-departments = All departments
mem-list-all-roles = All roles
mem-list-filter = Filter
mem-list-alone = You are the only one here so far.
mem-list-alone-hint = Invite your team by email, share the public join link, or import a CSV file.
mem-list-none-match = No members match.
mem-list-select = Select
mem-list-select-member = Select { $email }
mem-list-actions = Actions
mem-list-previous = ← Previous
mem-list-next = Next →
mem-list-page = Page { $page } of { $pages }
mem-action-activate = Send invitation
mem-action-delete-draft = Delete
mem-action-resend = Resend
mem-action-cancel-invitation = Cancel invitation
mem-action-approve = Approve
mem-action-reject = Reject
mem-action-reexamine = Re-examine
mem-action-terminate = Remove
mem-action-restore = Restore
# Notices after a row action.
mem-done-activate = { $email }: activate done.
mem-done-resend = { $email }: resend done.
mem-done-cancel-invitation = { $email }: cancel invitation done.
mem-done-join = { $email }: join done.
mem-done-approve = { $email }: approve done.
mem-done-reject = { $email }: reject done.
mem-done-reexamine = { $email }: reexamine done.
mem-done-terminate = { $email }: terminate done.
mem-done-restore = { $email }: restore done.
mem-bulk-legend = Bulk edit the selected members
mem-bulk-department = New department
mem-bulk-department-unchanged = Department: unchanged
mem-bulk-position = New position
mem-bulk-position-unchanged = Position: unchanged
mem-bulk-location = New location
mem-bulk-location-unchanged = Location: unchanged
mem-bulk-apply = Apply to selected
mem-bulk-done = { $count ->
    [one] { $count } member updated.
   *[other] { $count } members updated.
}

## A member's page.
mem-edit-schedule-link = Schedule and unavailability
mem-edit-personal = Personal (only the person themself)
mem-edit-email = Email (a new address is confirmed by mail)
mem-edit-organization = Organization (owners and admins)
mem-edit-professional = Professional
mem-edit-contact = Contact for customers
mem-edit-slack-member-id = Slack member ID
mem-edit-meeting-url = Personal meeting URL
mem-edit-timezone = Time zone
mem-edit-language = Language
mem-edit-email-signature = Email signature
mem-edit-save = Save
mem-edit-apply-defaults = Apply account defaults (schedule, time zone, language)
mem-edit-saved = Saved.
mem-edit-email-pending = A confirmation link was sent to { $email }; the address changes once it is followed.
mem-edit-applied = { $count ->
    [one] Applied to { $count } other member.
   *[other] Applied to { $count } other members.
}
mem-apply-legend = Apply to other users
mem-apply-hint = Copy the chosen fields to the chosen members when saving. Names are never copied; choose nothing to save only this member.
mem-apply-role = role
mem-apply-meeting-url = meeting url
mem-apply-slack-member-id = slack member id
mem-apply-contact = contact
mem-apply-email-signature = email signature
mem-apply-working-hours = working hours
mem-apply-breaks = breaks
mem-apply-daily-caps = daily caps
mem-apply-open-booking-cap = open booking cap
mem-apply-role-confirm = Yes, copy the role too: the chosen members get this member's role and what it allows
mem-apply-role-unconfirmed = Copying the role changes what the chosen members may do. Tick “Yes, copy the role too” to confirm, or leave the role out.

## Inviting teammates.
mem-invite-result = Result
mem-invite-invited = Invited
mem-invite-needs-approval = An admin approves the people you invite before they can sign in.
mem-invite-emails = Emails
mem-invite-emails-placeholder = ann@example.org, bob@example.org
mem-invite-emails-hint = Separate addresses with commas, spaces or new lines.
mem-invite-as-new = Invite removed addresses as new people (they see nothing of the former account)
mem-invite-send = Send invitations
mem-invite-draft = Create without sending
# Why an address was not invited; $address is the text as typed.
mem-refusal-invalid-email = "{ $address }" is not a valid email address
mem-refusal-duplicate = { $email } appears more than once in this request
mem-refusal-already-active = { $email } is already a member
mem-refusal-already-pending = { $email } has already joined and waits for approval: approve instead
mem-refusal-previously-rejected = { $email } was rejected before: re-examine instead
mem-refusal-previously-removed = { $email } was removed from the organization: restore instead, or invite the address as a new person
mem-refusal-already-invited = { $email } is already invited: resend the invitation instead
mem-refusal-draft = { $email } is already created but not invited: activate instead
mem-refusal-already-known = { $email } cannot be invited; ask an admin

## Public link and join rules.
mem-link-title = Public link and join rules
mem-link-public = Public invitation
mem-link-off = Public joining is off: the link and code do not work.
mem-link-hint = Anyone with the link or the join code can ask to join; an admin approves each request.
# $code is the eight-digit code, $address the page where it is entered.
mem-link-code = Join code: { $code } — entered at { $address }
mem-link-qr = QR code of the link
mem-link-qr-download = Download the QR code (SVG)
mem-link-rotate-confirm = Replace the link and code? The current ones stop working at once.
mem-link-rotate = Replace link and code
mem-rules-title = Join rules
mem-rules-verification = People invited by non-admins need approval (inviting verification)
mem-rules-public-join = Public link and join code work
mem-rules-required = Fields a joiner must fill in:
mem-join-field-phone = phone
mem-join-field-department = department
mem-join-field-position = position
mem-join-field-location = location
mem-rules-days = Days an email invitation stays valid
mem-rules-save = Save rules

## CSV import.
mem-import-title = Import members
mem-import-result = Result
# $shown is $invited, in bold.
mem-import-summary = { $invited ->
   *[other] { $shown } invited
}, { $skipped } skipped, { $errors } with errors.
mem-import-line = Line
mem-import-skipped-because = Skipped because
mem-import-field = Field
mem-import-error = Error
mem-import-hint = Fill in the template (UTF-8, comma or semicolon separated) and upload it. Each good row is invited by email; nothing is written for a row with an error.
mem-import-template = Download the CSV template
mem-import-file = CSV file
mem-import-create-departments = Create missing departments
mem-import-submit = Import

## Departments, positions and locations.
mem-org-title = Departments, positions, locations
mem-kind-departments = departments
mem-kind-positions = positions
mem-kind-locations = locations
mem-kind-new-department = New department
mem-kind-new-position = New position
mem-kind-new-location = New location
mem-org-none = None yet.
mem-org-rename-label = Rename { $name }
mem-org-rename = Rename
mem-org-members = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
mem-org-delete = Delete
mem-org-add = Add
mem-org-added = { $name } added.
mem-org-renamed = Renamed to { $name }.
mem-org-deleted = { $name } deleted.

## Account defaults.
mem-defaults-title = Account defaults
mem-defaults-hint = New members start with these settings. "Apply account defaults" on a member's page resets that member to them.
mem-defaults-timezone = Time zone
mem-defaults-language = Language
mem-defaults-hours = Weekly schedule
mem-defaults-save = Save defaults
mem-defaults-saved = Saved.
