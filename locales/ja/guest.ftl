### guest pages: the public booking page, the guest's own booking,
### joining, signing in and the first setup.

guest-names-separator = 、

## 予約ページ。
guest-closed-title = この予約ページは受付を終了しています
guest-closed-sorry = 申し訳ありませんが、この予約ページは現在予約を受け付けていません。
guest-closed-contact = こちらで予約する予定だった場合は、リンクを送った方にお問い合わせください。
guest-duration-minutes = { $count }分
guest-duration-hours = { $count }時間
guest-duration-hours-minutes = { $hours }時間{ $minutes }分
guest-location-in-person = 対面
guest-location-phone = 電話
guest-location-video = ビデオ通話
guest-with = 担当：{ $names }
guest-notice-not-understood = 指定された時間を読み取れませんでした。一覧から時間を選んでください。
guest-notice-taken = この時間はたった今ほかの方に予約されました。別の時間を選んでください。
guest-pick-day = 日付を選ぶと、空いている時間が表示されます。
guest-zone-label = 表示するタイムゾーン
guest-zone-submit = 時間を表示
guest-zone-unknown = タイムゾーン「{ $zone }」は不明です。代わりにUTCで表示しています。
guest-month-days = 日付
guest-month-prev = ‹ 前の月
guest-month-next = 次の月 ›
guest-day-available = { $date }、空きあり
guest-month-empty = 今月は空いている時間がありません。
guest-times = 時間
guest-day-empty = この日は空いている時間がありません。別の日を選んでください。
guest-start-taken = この時間はもう予約できません。別の時間を選んでください。
guest-pick-another = ‹ 別の時間を選ぶ
guest-field-your-name = お名前
guest-field-email = メールアドレス
guest-required = （必須）
guest-optional = （任意）
guest-choose = 選択してください…
guest-notes-label = 担当者に伝えておきたいことはありますか？
guest-book-submit = この時間で予約する
guest-booked-title = 予約が完了しました
guest-booked-sent = 詳細を{ $email }にお送りしました。変更やキャンセルは担当者にご連絡ください。

## ゲストから見た予約。
guest-detail-what = 内容
guest-detail-when = 日時
guest-detail-where = 場所
guest-detail-with = 担当
guest-detail-guest = ゲスト
guest-detail-guest-value = { $name }（{ $email }）
guest-detail-notes = メモ

## ゲストの予約管理ページ。
guest-manage-title = ご予約
guest-manage-title-cancelled = 予約はキャンセルされました
guest-manage-thanks = { $name }様、ありがとうございます。確認メールを{ $email }にお送りしています。
guest-manage-moved = { $when }に変更しました。
guest-manage-cancelled-now = キャンセルしました。担当者にもお知らせしました。
guest-manage-cancelled = キャンセル済みです。この予約は行われません。
guest-manage-reason = 理由
guest-manage-add-calendar = カレンダーに追加
guest-manage-reschedule = 別の時間を選ぶ
guest-manage-cancel-confirm = この予約をキャンセルしますか？
guest-manage-reason-label = キャンセルの理由
guest-manage-cancel = 予約をキャンセル
guest-manage-contact = この予約の変更やキャンセルは担当者にご連絡ください。

## 予約の変更。
guest-reschedule-now = 現在
guest-reschedule-closed = この予約ページは現在予約を受け付けていないため、オンラインで時間を変更できません。キャンセルするか、担当者にご連絡ください。
guest-reschedule-free = 今後{ $count }日間の空いている時間です（{ $zone }）。
guest-reschedule-none = 今後{ $count }日間に空いている時間はありません。担当者にご連絡ください。
guest-reschedule-invalid = この時間は予約できません。一覧から選んでください。
guest-reschedule-back = ‹ ご予約に戻る

## 参加。
guest-join-title = { $org }に参加
guest-join-invited = { $email }として招待されています。お名前とパスワードを設定してください。
guest-join-via-link = 申請は管理者に送られ、承認されると参加できます。
guest-join-via-code = 組織の参加コードを入力してください。申請は管理者が承認します。
guest-join-link-invalid = この参加リンクは無効になりました。組織に最新のリンクをお尋ねください。
guest-field-join-code = 参加コード
guest-field-first-name = 名
guest-field-last-name = 姓
guest-field-phone = 電話番号
guest-field-department = 部署
guest-field-position = 役職
guest-field-location = 所在地
guest-field-new-password = パスワード（10文字以上）
guest-join-submit = 参加する
guest-joined-title = ようこそ
guest-joined-ready = アカウントの準備ができました。{ $email }でサインインしてください。
guest-request-sent-title = 申請を送信しました
guest-request-sent = ありがとうございます。管理者が申請を確認します。承認されるとサインインできます。
guest-email-confirmed-title = メールアドレスを確認しました
guest-email-confirmed = 今後は{ $email }でサインインしてください。

## サインイン。
guest-sign-in = サインイン
guest-field-password = パスワード
guest-login-wrong = メールアドレスまたはパスワードが正しくありません。

## 初期設定。
guest-setup-done-title = 初期設定は完了しています
guest-setup-done = この組織にはすでにオーナーがいるため、初期設定のリンクは使えません。
guest-setup-bad-title = 初期設定のリンクが正しくありません
guest-setup-bad = サーバーの起動時にログに出力された初期設定のリンクを使うか、{ $command }でオーナーを作成してください。
guest-setup-title = オーナーのアカウントを作成
guest-setup-intro = あなたが最初の利用者です。このアカウントが組織のオーナーになります。
guest-field-organization = 組織名
guest-setup-submit = オーナーを作成してサインイン
guest-join-closed-title = 参加の受付は終了しています
guest-join-closed-body = { $org } は現在、参加申請を受け付けていません。
guest-join-closed-invited = 招待を受けた方は、招待メールのリンクをご利用ください。

## 新しいパスワードを設定するリンクのページ。
guest-reset-title = 新しいパスワードを決める
guest-reset-intro = { $email } のパスワードです。設定すると以前のパスワードは使えなくなり、このアカウントのすべてのセッションがサインアウトされます。
guest-reset-submit = 新しいパスワードを設定
guest-reset-done-title = 新しいパスワードを設定しました
guest-reset-done = 新しいパスワードで { $email } としてサインインしてください。
