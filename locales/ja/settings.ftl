# settings
### The settings page (organization, join rules, booking, mail, jobs,
### webhooks, API keys), the test message's answer, why a host cannot
### serve a booking page, and why a booking page shows no times.

## 組織。
settings-org-name = 組織名
settings-org-timezone = タイムゾーン
settings-org-language = 既定の言語
settings-org-defaults-hint = 新しいメンバーには、このタイムゾーンと言語が設定されます。
settings-owner-only = タイムゾーンと言語は新しいメンバーの初期設定になるため、オーナーだけが変更できます。
settings-org-color = 公開ページの色
settings-org-color-default = Convene の標準色を使う
settings-org-color-hint = 予約・ログイン・参加の各ページのボタンとリンクがこの色になります。
settings-color-darkened = { $color } はページ上で読みにくいため（コントラスト比 { $ratio }:1、4.5:1 以上が必要）、代わりに濃い { $used } を使います。
settings-err-name-empty = 組織名を入力してください
settings-err-color = 「{ $color }」は色として読み取れません。#rrggbb の形で指定してください

## APIキー。
settings-key-regenerate = 再発行
settings-key-regenerate-named = { $name } を再発行
settings-key-regenerate-confirm = このキーを再発行しますか？ 古いキーを使っているスクリプトは、すぐに使えなくなります。

## 参加ルール、予約。
settings-rules-link = 公開リンク・参加コード・QRコード
settings-booking = 予約
settings-booking-overlap-hint = オフのときは、すべての予約ページを通じて、メンバーの予約が重なることはありません。
settings-booking-pages-link = 予約ページ

## メール、ジョブ、Webhook、監査ログ。
settings-mail = メール
settings-mail-transport = 送信方法
settings-mail-smtp = SMTPサーバー
settings-mail-file = データフォルダー内のファイル（実際には送信されません）
settings-mail-log = サーバーのログ（実際には送信されません）
settings-mail-destination = 送信先
settings-mail-from = 差出人
settings-mail-test-hint = テストメールはキューを通さずにすぐあなた宛てに送られ、メールサーバーの応答がこのページに表示されます。
settings-mail-test = 今すぐテストメールを送信
settings-jobs-last = 前回の結果
settings-jobs-link = ジョブをすぐに実行する・次回の実行予定を見る
settings-webhooks-count = { $count ->
    [0] Webhookはまだありません。
   *[other] Webhookが{ $count }件登録されています。
}
settings-webhooks-link = Webhookを管理
settings-webhook-pinged = テスト呼び出しを送信しています。まもなく配信結果がここに表示されます。
settings-webhook-deleted = Webhookを削除しました。
settings-audit-link = 監査ログ全体を検索
settings-back = ‹ 設定

## テストメールの結果。
settings-test-title = テストメール
settings-test-accepted = メールサーバー { $server } が { $email } 宛てのメールを受け付けました。サーバーの応答：
settings-test-written = メールはファイルに書き出されました（mail.transport = "file"）。メールサーバーには送っていません：
settings-test-logged = メールはサーバーのログに書き出されました（mail.transport = "log"）。メールサーバーには送っていません。
settings-test-config = 現在のメール設定では送信できません：
settings-test-refused = { $server } から応答がありません（接続が拒否されました）。メールサーバーが動いているか、mail.smtp_url のホストとポートが正しいかを確認してください。
settings-test-timeout = { $server } から { $seconds } 秒以内に応答がありませんでした。
settings-test-tls = { $server } との暗号化された接続を確立できませんでした：
settings-test-auth = { $server } がログインを拒否しました。mail.smtp_url のユーザー名とパスワードを確認してください。サーバーの応答：
settings-test-rejected = { $server } がメールを拒否しました。サーバーの応答：
settings-test-other = メールを送信できませんでした：

## 担当者が予約ページを担当できない理由（ページの編集画面とAPI）。
host-problem-not-active = { $name } さんは有効なメンバーではありません
host-problem-no-meeting-url = { $name } さんにはミーティングURLがなく、ビデオ会議リンクのパターンも設定されていません
host-problem-gone = { $name } はメンバーではなくなりました

## 公開予約ページに空き時間がない理由（月または選んだ日について一つだけ）。
book-why-no-host = このページは現在、予約を受け付けていません。
book-why-past = { $scope ->
    [day] この日はすでに終わっています。
   *[month] この月はすでに終わっています。
}
book-why-notice = { $scope ->
    [day] 予約は{ $notice }前までに行う必要があるため、この日の残りの時間は予約できません。
   *[month] 予約は{ $notice }前までに行う必要があるため、今月の残りの時間は予約できません。
}
book-why-notice-days = { $count }日
book-why-horizon = 予約は{ $days }日先まで受け付けています。
book-why-no-hours = { $scope ->
    [day] この日は受付時間が設定されていません。
   *[month] この月は受付時間が設定されていません。
}
book-why-open-cap = 今後の予約数が上限に達しているため、現在は新しい予約を受け付けていません。
book-why-daily-cap = { $scope ->
    [day] この日の予約数は上限に達しました。
   *[month] 今月の空きのある日は、どの日も1日の予約数の上限に達しています。
}
book-why-booked = { $scope ->
    [day] この日の時間はすべて埋まっています。
   *[month] 今月の時間はすべて埋まっています。
}
host-problem-calendar-stale = { $name } さんのカレンダーが長い間同期されていないため、空き時間が表示されていません
