### The audit log page.

audit-title = Audit log
audit-actor = Who
audit-anyone = Anyone
audit-system = The system
audit-action = Action
audit-from = From
audit-to = To
audit-filter = Filter
audit-zone = Times in { $zone }.
audit-empty = No entries match these filters.
audit-when = When
audit-target = On
audit-detail = Details
audit-pages = Pages of the audit log
audit-newest = ← Newest entries
audit-older = Older entries →
audit-bad-date = A date looks like 2027-03-15; that filter was left out.
