# feeds: the members' and booking pages' read-only calendar feeds
err-feed-not-yours = メンバーの予約フィードを表示・変更できるのは、本人と管理者だけです。
err-feed-page-not-yours = 予約ページのフィードを表示・変更できるのは、そのページの担当者と管理者だけです。

feed-calendar-name = Convene — { $name }
feed-summary = { $title }：{ $guest }
feed-guest = ゲスト：{ $name } <{ $email }>
feed-answer = { $label }：{ $value }
feed-notes = メモ：{ $notes }
feed-cancel-reason = キャンセル理由：{ $reason }
feed-manage = 管理：{ $url }

feed-title-own = あなたの予約フィード
feed-title = 予約フィード
feed-explained = カレンダーアプリでこのアドレスを購読すると、予約がそこに表示されます。約15分ごとに更新され、アプリからは編集できません。
feed-address = フィードのアドレス
feed-copy = アドレスをコピー
feed-copied = アドレスをコピーしました。
feed-subscribe = カレンダーアプリで開く（webcal://）
feed-last-used = 最終取得
feed-never = なし
feed-help = 購読のしかた
feed-help-google = Google カレンダー：「他のカレンダー」の「+」から「URL で追加」を選び、アドレスを貼り付けます。
feed-help-outlook = Outlook：「カレンダーを追加」から「Web から購読」を選び、アドレスを貼り付けます。
feed-help-apple = Apple カレンダー：「ファイル」→「新規カレンダー照会」でアドレスを貼り付けます（webcal:// のリンクでも追加できます）。
feed-secret = このアドレスを知っている人は誰でも予約を閲覧できます。誤って共有した場合は新しいアドレスを発行してください。古いアドレスはすぐに使えなくなります。
feed-rotate = 新しいアドレスを発行
feed-rotate-confirm = 現在のアドレスはすぐに使えなくなり、購読中のカレンダーすべてに新しいアドレスを設定し直す必要があります。続けますか？
feed-rotated = フィードに新しいアドレスを発行しました。古いアドレスはもう使えません。
feed-col-used = フィードの利用
