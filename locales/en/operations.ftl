### Running the server: scheduled backups.

ops-backup-failed = A scheduled backup failed
ops-kind-backup-failed = A scheduled backup fails
err-method-not-allowed = this address takes { $allow } only
