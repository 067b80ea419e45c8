### Connect：外部メンバー、候補日、メッセージ。

nav-messages = メッセージ

## 外部メンバーの一覧と詳細（管理者）。
connect-off-title = Connect はオフです。
connect-off-explained = オンにすると外部メンバーを招待できます。あとでオフにしても、外部メンバーと予約ページはそのまま残ります。
connect-turn-on = Connect をオンにする
connect-turn-off = Connect をオフにする
connect-usage = 外部メンバー { $used } / { $max } 人
connect-filter = 名前で絞り込む
connect-filter-apply = 絞り込む
connect-filter-none = その名前の外部メンバーはいません。
connect-invite-title = 外部メンバーを招待する
connect-invite-send = 招待を送る
connect-field-name = 名前
connect-field-email = メールアドレス
connect-field-organization = 組織名
connect-field-contact = 担当メンバー
connect-field-language = メールの言語
connect-field-status = 日程
connect-status-awaiting = 日程入力待ち
connect-status-entered = { $date } に日程入力済み
connect-requested-on = 最後に日程を依頼した日時：{ $date }
connect-back = 外部メンバー一覧
connect-ranges-title = 候補日
connect-ranges-none = これからの候補日はありません。
connect-message-title = メッセージ
connect-request-again = 日程を再依頼する
connect-request-confirm = { $name } さんに新しいリンクを送りますか？古いリンクはすぐに使えなくなります。
connect-pages-title = 予約ページ
connect-pages-none = この外部メンバーを担当者にした予約ページはまだありません。
connect-pages-new = 予約ページを作成
connect-page-off = 無効：日程入力待ち
connect-edit-title = アカウント設定
connect-delete = この外部メンバーを削除する
connect-delete-confirm = { $name } さんを削除しますか？{ $count ->
    [0] キャンセルされる予約はありません。
   *[other] これからの予約 { $count } 件がキャンセルされ、全員にメールが届きます。
}
connect-deleted-reason = { $name } さんの都合がつかなくなりました。
connect-done-invited = 招待を送りました。
connect-done-requested = 新しいリンクを送りました。古いリンクは使えません。
connect-done-deleted = 外部メンバーを削除しました。
connect-done-saved = 保存しました。
connect-done-on = Connect をオンにしました。
connect-done-off = Connect をオフにしました。外部メンバーと予約ページは残っています。

## メールのリンクから開く候補日ページ。
connect-page-title = 候補日の入力
connect-page-intro = { $name } 様、{ $org } からご都合の良い日時のお問い合わせです。候補の時間を選んで確認してください。
connect-page-zone = タイムゾーン
connect-page-ranges = 都合の良い時間
connect-page-ranges-help = 1 行に 1 つの時間帯。最大 { $max } 件、1 件は { $days } 日以内です。空の行は無視されます。
connect-page-from = 開始
connect-page-to = 終了
connect-page-message = メッセージ（任意）
connect-page-review = 確認する
connect-page-saved = 保存しました。同じリンクから日程を変更できます。
connect-page-expires = このリンクは { $date } まで有効です。
connect-grid-prev = 前の週
connect-grid-next = 次の週
connect-grid-help = 空いている 30 分の枠をタップまたはドラッグしてください。下の行に反映されます。
connect-grid-cell = 空き
connect-review-title = 日程の確認
connect-review-intro = 次の時間を候補として送ります：
connect-review-save = 保存する
connect-review-change = 変更する

## 担当メンバーへの通知。
connect-dates-entered-title = { $name } さんが候補日を入力しました

## メール。
mail-connect-subject = { $org } の { $inviter } さんから候補日入力のお願い
mail-connect-greeting = { $name } 様
mail-connect-body = { $org } の { $inviter } さんがご都合の良い日時をお尋ねしています。次のリンクから候補日を選んでください。アカウントは不要です。リンクは { $expires } まで有効です。
mail-connect-button = 候補日を入力する
booking-contact-to-change = この予約の変更やキャンセルは { $contact } までご連絡ください。

## メッセージ。
messages-title = メッセージ
messages-empty = メッセージはまだありません。
messages-explained = 外部メンバーが日程と一緒に送ったメッセージや、ゲストが予約時に残したメモがここに表示されます。
messages-kind-external = 外部メンバー
messages-kind-note = 予約メモ

## エラー。
err-connect-disabled = Connect はオフです。管理者が「外部メンバー」からオンにできます。
err-connect-limit = 外部メンバーはすでに上限の { $max } 人です（[limits] external_members_max）。
err-connect-email-taken = { $email } はすでに外部メンバーです
err-connect-contact-inactive = 有効なメンバーを選んでください
err-connect-link-unknown = このリンクは無効です。送信者に新しいリンクを依頼してください。
err-connect-link-expired = このリンクは期限切れです。送信者に新しいリンクを依頼してください。
err-connect-link-superseded = 新しいリンクが送られています。最新のメールのリンクを使ってください。
err-connect-no-ranges = 時間帯を 1 つ以上追加してください
err-connect-too-many = 時間帯は最大 { $max } 件です
err-connect-end-before-start = 終了は開始より後にしてください
err-connect-past = この時間帯は過去です
err-connect-too-long = 1 つの時間帯は { $days } 日以内です
err-connect-overlap = この時間帯は他と重なっています
err-page-external-round-robin = 外部メンバーを含むページではラウンドロビンは使えません。担当者 1 人か同席（コレクティブ）を選んでください。
err-page-awaiting-dates = { $name } さんがまだ候補日を入力していません。入力後にページを有効にできます。
host-problem-awaiting-dates = { $name } さんがまだ候補日を入力していないため、ページを有効にできません
bkadm-form-external = 外部メンバー
