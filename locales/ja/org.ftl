### The signed-in organization pages: dashboard, settings, webhooks, the
### mail queue and jobs, notifications, the schedule editor.

## 複数のページで共通。
org-when-utc = 日時（UTC）
org-duration-ms = { $ms } ミリ秒
org-delete = 削除
org-save = 保存
org-saved = 保存しました。

## 役割。
org-role-owner = オーナー
org-role-admin = 管理者
org-role-manager = マネージャー
org-role-member = メンバー
org-role-restricted = 制限付きメンバー

## ダッシュボード。
org-dashboard-title = ダッシュボード
org-dashboard-welcome = ようこそ、{ $name }さん。あなたは{ $org }の{ $role }です。

## 外部メンバー。
org-external-title = 外部メンバー
org-external-empty = 外部メンバーはまだいません。
org-external-explained = 外部メンバーとは、アカウントを持たずに候補日を入力する組織外の人です。

## 設定。
org-settings-title = 設定
org-settings-organization = 組織
org-settings-api-keys = APIキー
org-settings-api-keys-explained = スクリプトは{ $header }を付けてJSON APIを呼び出します。キーはあなたとして動作します。
org-settings-key-once = このキーを今すぐコピーしてください。表示されるのは一度だけです。
org-settings-key-name = 名前
org-settings-key-prefix = キーの先頭
org-settings-key-created = 作成日時
org-settings-revoke-confirm = このキーを無効にしますか？使っているスクリプトはすぐに動かなくなります。
org-settings-revoke = 無効にする
org-settings-new-key-name = 新しいキーの名前
org-settings-create-key = キーを作成
org-settings-audit = 監査ログ
org-settings-audit-empty = まだ何もありません。
org-settings-audit-who = 実行者
org-settings-audit-what = 操作
org-settings-audit-target = 対象
org-settings-audit-system = システム

## Webhook。
org-webhooks-title = Webhook
org-webhooks-explained = ConveneはJSON本文{ $body }を各URLにPOSTします。本文はWebhookのシークレットで署名され、署名はヘッダー{ $header }に入ります。
org-webhooks-created = Webhookを作成しました。署名用シークレットを今すぐコピーしてください。表示されるのは一度だけです。
org-webhooks-events-of = イベント：{ $events }
org-webhooks-no-deliveries = まだ配信はありません。
org-webhooks-event = イベント
org-webhooks-status = ステータス
org-webhooks-time = 所要時間
org-webhooks-ping = pingを送信
org-webhooks-delete-confirm = このWebhookを削除しますか？
org-webhooks-add-title = Webhookを追加
org-webhooks-url = URL
org-webhooks-events = イベント
org-webhooks-add = Webhookを追加

## メール送信キュー。
org-mail-title = メール送信キュー
org-mail-test-sent = { $email } 宛てのテストメッセージを送信中です。
org-mail-tab-failed = 失敗（{ $count }）
org-mail-tab-queued = 待機中（{ $count }）
org-mail-tab-sent = 送信済み（{ $count }）
org-mail-tab-held = 保留（{ $count }）
org-mail-held-note = これらは復元したバックアップの中で送信待ちだったメッセージです。バックアップ元のサーバーからすでに送信されたものがあるかもしれません。二重に送ってはいけないものを削除してから、残りを送信してください。
org-mail-release = 保留中の { $count } 件を送信
org-mail-empty = メッセージはありません。
org-mail-created = 作成日時（UTC）
org-mail-to = 宛先
org-mail-subject = 件名またはイベント
org-mail-attempts = 試行回数
org-mail-last-error = 最後のエラー
org-mail-retry = 再試行
org-mail-drop-confirm = このメッセージを破棄しますか？送信されなくなります。
org-mail-drop = 破棄
org-mail-send-test = 自分にテストメッセージを送信

## 定期ジョブ。
org-jobs-title = 定期ジョブ
org-jobs-job = ジョブ
org-jobs-schedule = スケジュール
org-jobs-last-run = 前回の実行（UTC）
org-jobs-outcome = 結果
org-jobs-next-run = 次回の実行（UTC）
org-jobs-never = 未実行
org-jobs-running = 実行中…
org-jobs-run-now = 今すぐ実行
org-job-outbox-sweep = 再送の時刻になったメールの送信を再開し、古い送信済みメッセージを削除します
org-job-token-cleanup = 期限切れのセッションとトークンを削除します
org-job-admin-digest = 承認待ちと送信に失敗したメールを管理者にメールで知らせます
org-job-booking-reminders = 時刻になった予約のリマインダーを送信します

## お知らせ。
org-notifications-title = お知らせ
org-notifications-empty = まだ何もありません。予約、承認、インポートがここに表示されます。
org-notifications-read-all = すべて既読にする
org-notifications-what = 内容
org-notifications-new = 新着
org-notifications-open = 開く
org-notifications-choose = 通知方法を選ぶ
org-notification-test = テスト通知
org-notification-pending = { $who } が承認を待っています
org-notification-import = インポートが完了しました：招待 { $invited } 件、スキップ { $skipped } 件、エラー { $errors } 件

## 通知の設定。
org-prefs-title = 通知の設定
org-prefs-notify-me = 通知するとき
org-prefs-email = メール
org-prefs-in-app = アプリ内
org-prefs-webhook = Webhook
org-prefs-aria-email = { $kind }：メール
org-prefs-aria-in-app = { $kind }：アプリ内
org-prefs-aria-webhook = { $kind }：Webhook
org-prefs-webhook-url = Webhook URL（SlackやZapierのフックなど）
org-prefs-send-test = テスト通知を送信
org-kind-booking-created = 予約が入ったとき
org-kind-booking-changed = 予約の日時が変更されたとき
org-kind-booking-cancelled = 予約がキャンセルされたとき
org-kind-external-dates = 外部メンバーが日程を入力したとき
org-kind-member-pending = 承認待ちの人がいるとき
org-kind-import-finished = インポートが完了したとき
org-kind-test = テスト通知

## メンバーのスケジュール。
org-schedule-title = { $name } のスケジュール
org-schedule-timezone = タイムゾーン
org-schedule-open-cap = 今後の予約の上限（空欄：上限なし）
org-schedule-save = スケジュールを保存
org-schedule-unavailability = 不在期間
org-schedule-none = ありません。
org-schedule-from = 開始
org-schedule-to = 終了
org-schedule-reason-placeholder = 理由（例：病欠）
org-schedule-reason = 理由
org-schedule-add = 追加
org-schedule-in-zone = （メンバーのタイムゾーン{ $zone }で入力）
org-schedule-whole-number = 整数を入力してください
org-schedule-date-time = 日時を入力してください（1970年から2200年までの日付）
org-schedule-out-of-range = 範囲外です

## スケジュールされたジョブの結果。
job-outcome-swept = 待機中 { $queued } 件、失敗 { $failed } 件、送信済みの古いメッセージを { $purged } 件削除しました
job-outcome-sessions = 期限切れのセッションを{ $sessions }件削除しました
job-outcome-digests = ダイジェストを{ $digests }件キューに入れました
job-outcome-reminders = リマインダーを{ $reminders }件キューに入れました
job-outcome-no-calendar-sync = このサーバーではカレンダー同期を行いません
job-outcome-calendars = カレンダーを { $synced } 件読み込み、変更なし { $unchanged } 件、失敗 { $failed } 件、新たに古くなったもの { $stale } 件
job-outcome-backup = { $file } を書き込みました（{ $rows } 行、{ $bytes } バイト）。古いバックアップを { $removed } 件削除しました
job-outcome-failed = 失敗：{ $error }
job-outcome-panicked = 内部エラーでジョブが停止しました：{ $message }
org-job-backup = オンラインバックアップを書き込み、新しいものを残します（[backup] keep）
