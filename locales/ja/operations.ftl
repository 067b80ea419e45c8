### サーバーの運用：定期バックアップ。

ops-backup-failed = 定期バックアップに失敗しました
ops-kind-backup-failed = 定期バックアップに失敗したとき
err-method-not-allowed = このアドレスで使えるのは { $allow } だけです
