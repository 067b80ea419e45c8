# editors: the schedule editor, pickers, member forms, invitation
# refusals and import reports.

## Forms
ed-form-refused = Not saved: { $reason }
ed-lists-manage = Departments, positions and locations are chosen from the organization's lists (edit the lists)
ed-field-supervisor = Supervisor
ed-supervisor-former = { $name } ({ $state })
ed-defaults-open-cap = Open booking cap (empty: no cap)

## Pickers (select with search)
ed-picker-search = { $field }: search
ed-picker-placeholder = Type to search…
ed-picker-matches = Matches: { $count }
ed-picker-not-offered = “{ $value }” is not one of the choices

## Weekly schedule editor
ed-day-mon = Monday
ed-day-tue = Tuesday
ed-day-wed = Wednesday
ed-day-thu = Thursday
ed-day-fri = Friday
ed-day-sat = Saturday
ed-day-sun = Sunday
ed-week-hint = Times are in the time zone above. An end of 00:00 means midnight at the end of the day. Leave a day empty for a day off.
ed-week-hours = Working hours
ed-week-breaks = Breaks (taken out of the working hours)
ed-week-hours-start = { $day }, working hours { $n }: start
ed-week-hours-end = { $day }, working hours { $n }: end
ed-week-break-start = { $day }, break { $n }: start
ed-week-break-end = { $day }, break { $n }: end
ed-week-hours-remove = Remove working hours { $n } on { $day }
ed-week-break-remove = Remove break { $n } on { $day }
ed-week-remove = Remove
ed-week-add-hours = Add hours
ed-week-add-break = Add a break
ed-week-cap = Daily booking cap
ed-week-cap-hint = A whole number from 1; empty means no cap. Only on days with working hours.
ed-week-copy = Copy Monday to all weekdays
ed-week-copy-on-save = When saving, also use Monday's hours, breaks and cap for Tuesday to Friday
ed-week-copied = Monday's hours, breaks and cap were copied to Tuesday to Friday. Save to keep them.
ed-week-pair-incomplete = give both a start and an end, or leave both empty

## Invitation refusals: what settles them
ed-resolve-approve = Approve
ed-resolve-reexamine = Re-examine
ed-resolve-restore = Restore
ed-resolve-activate = Send the invitation
ed-resolve-resend = Resend the invitation
ed-resolve-invite-as-new = Invite as a new person
ed-resolve-open = Open the member's page

## Import report
ed-import-skip-duplicate = This address is also on an earlier line of the file; that line was used.
ed-import-skip-active = This person is already an active member: nothing to do.
ed-import-skip-pending = This person has already joined and waits for approval: approve them instead of inviting again.
ed-import-skip-rejected = This person was rejected before: re-examine them instead of inviting again.
ed-import-skip-removed = This person was removed from the organization: restore them, or invite the address as a new person from the invitation form.
ed-import-skip-invited = This address already has an invitation (or was created without one): resend or send it from the members list.
ed-import-open-list = Open “{ $list }”
ed-import-fix-email = Correct the address in the file and upload that line again.
ed-import-fix-role = Use owner, admin, manager, member or restricted, or leave the role empty for member.
ed-import-fix-forbidden-role = Only an owner can give this role; leave it empty or ask an owner to import the line.
ed-import-fix-department = Create the department first, or tick “Create missing departments” and upload again.
ed-import-fix-too-long = Shorten the value and upload that line again.
