### booking_admin pages: booking pages and bookings, as members manage them.

## Shared by both lists.
bkadm-all-hosts = すべての担当者
bkadm-filter = 絞り込む
bkadm-filter-host = 担当者
bkadm-former-member = （退会したメンバー）
bkadm-state-confirmed = 確定
bkadm-state-cancelled = キャンセル済み

## What a change tells afterwards.
bkadm-done-created = 予約ページを作成しました。リンクを予約者に共有してください。
bkadm-done-saved = 保存しました。
bkadm-done-enabled = このページで再び予約を受け付けます。
bkadm-done-disabled = このページの受付を停止しました。リンクを開いた予約者には、予約を受け付けていないことが表示されます。
bkadm-done-deleted = 予約ページを削除しました。これまでの予約は「予約」で引き続き確認できます。
bkadm-done-settings = 予約の設定を保存しました。
bkadm-done-cancelled = 予約をキャンセルしました。予約者と担当者にメールで通知されます。
bkadm-done-rescheduled = 予約の日時を変更しました。予約者と担当者に新しい日時がメールで通知されます。

## The list of booking pages.
bkadm-pages-title = 予約ページ
bkadm-pages-search = 予約ページを検索
bkadm-pages-search-placeholder = タイトルまたはアドレス
bkadm-pages-filter-enabled = 受付状態
bkadm-pages-on-and-off = 受付中と停止中
bkadm-pages-taking-bookings = 受付中
bkadm-pages-switched-off = 停止中
bkadm-pages-filter-assignment = 担当の決め方
bkadm-pages-any-assignment = すべての決め方
bkadm-pages-col-title = タイトル
bkadm-pages-col-link = 公開リンク
bkadm-pages-col-duration = 所要時間
bkadm-pages-col-assignment = 担当の決め方
bkadm-pages-col-hosts = 担当者
bkadm-pages-col-enabled = 受付
bkadm-pages-col-actions = 操作
bkadm-pages-minutes = { $count }分
bkadm-pages-on = 受付中
bkadm-pages-off = 停止中
bkadm-pages-edit = 編集
bkadm-pages-disable = 停止する
bkadm-pages-enable = 再開する
bkadm-pages-allow-overlap = 予約の重複を許可する（同じ担当者の予約がページをまたいで重なってもよい）
bkadm-pages-save-setting = 設定を保存
bkadm-pages-empty = 予約ページはまだありません。
bkadm-pages-empty-hint = 予約ページを作ると、予約者がリンクから、あなたやチームの空いている時間を選んで予約できます。
bkadm-pages-new = 新しい予約ページ
bkadm-pages-none-match = 条件に合う予約ページはありません。
bkadm-pages-show-all = すべて表示
bkadm-pages-org-settings = 組織の設定

## How hosts are assigned, kinds of location and of questions.
bkadm-assign-single = 担当者1人
bkadm-assign-collective = 全員参加（担当者全員が出席）
bkadm-assign-round-robin = ラウンドロビン（空いている担当者1人）
bkadm-location-none = 場所なし
bkadm-location-in-person = 対面
bkadm-location-phone = 電話
bkadm-location-video = ビデオ通話
bkadm-kind-short-text = 短いテキスト
bkadm-kind-long-text = 長いテキスト
bkadm-kind-single-choice = 単一選択

## The booking page form.
bkadm-form-edit-title = 「{ $title }」を編集
bkadm-form-fix-fields = 印の付いた項目を修正してください。
bkadm-form-back = ← 予約ページ一覧
bkadm-form-save = 変更を保存
bkadm-form-create = 予約ページを作成
bkadm-form-page = ページ
bkadm-form-title = タイトル
bkadm-form-slug = アドレス
# $link is the page's public address, shown as code.
bkadm-form-slug-hint = 半角英小文字・数字・ハイフンが使えます。予約者は{ $link }から予約します。
bkadm-form-description = 説明（予約者に表示されます）
bkadm-form-taking-bookings = 予約を受け付ける
bkadm-form-timing = 時間の設定
bkadm-form-duration = 所要時間（分）
bkadm-form-step = 開始時刻の間隔（分。空欄なら所要時間と同じ）
bkadm-form-buffer-before = 前の余裕時間（分）
bkadm-form-buffer-after = 後の余裕時間（分）
bkadm-form-notice = 受付締切（開始の何分前まで）
bkadm-form-horizon = 予約可能な期間（何日先まで）
bkadm-form-location = 場所
bkadm-form-location-kind = 種類
bkadm-form-location-value = 住所、電話番号またはビデオ通話のリンク
bkadm-form-location-hint = ビデオ通話でリンクを空欄にすると、各担当者の会議URL（または自動生成のリンク）を使います。
bkadm-form-hosts = 担当者
bkadm-form-assignment = 担当の決め方
bkadm-form-host-status = 担当者の状態
bkadm-form-can-serve = 対応できます
bkadm-form-host-gone = { $id }はメンバーではなくなりました
bkadm-form-questions = 予約者への質問
bkadm-form-questions-hint = 名前とメールアドレスは必ず尋ねます。ラベルが空欄の行は無視されます。選択肢は1行に1つで、単一選択でのみ使われます。保存すると空の行が2つ追加されます。
bkadm-form-col-label = ラベル
bkadm-form-col-kind = 種類
bkadm-form-col-options = 選択肢
bkadm-form-col-required = 必須
bkadm-form-question-label = 質問{ $number }のラベル
bkadm-form-question-kind = 質問{ $number }の種類
bkadm-form-question-options = 質問{ $number }の選択肢
bkadm-form-question-required = 質問{ $number }を必須にする
bkadm-form-delete = このページを削除
bkadm-form-delete-hint = アドレス「/book/{ $slug }」は使えなくなり、ほかのページで使えるようになります。これまでの予約とこれからの予約は「予約」で引き続き確認できます（必要ならそこでキャンセルしてください）。
bkadm-form-delete-button = 「{ $title }」を完全に削除

## What the booking page form refuses.
bkadm-err-whole-number = 整数で入力してください
bkadm-err-pick-assignment = 担当の決め方を選んでください
bkadm-err-pick-location = 場所の種類を選んでください
bkadm-err-pick-kind = 種類を選んでください

## The list of bookings.
bkadm-bookings-title = 予約
bkadm-bookings-bad-date = 日付は2027-03-15の形式で入力してください。正しくない日付は無視しました。
bkadm-bookings-filter-page = 予約ページ
bkadm-bookings-all-pages = すべてのページ
bkadm-bookings-from = 開始日
bkadm-bookings-to = 終了日
bkadm-bookings-filter-state = 状態
bkadm-bookings-any-state = 確定とキャンセル済み
bkadm-bookings-times-in = 時刻は{ $zone }で表示しています。日付を指定しない場合は、これからの予約を表示します。
bkadm-bookings-empty = 予約はありません。
bkadm-bookings-empty-hint = 予約者があなたのページから予約すると、ここに表示されます。
bkadm-bookings-to-pages = 予約ページへ
bkadm-bookings-col-when = 日時
bkadm-bookings-col-page = ページ
bkadm-bookings-col-guest = 予約者
bkadm-bookings-col-hosts = 担当者
bkadm-bookings-col-state = 状態
bkadm-bookings-col-detail = 詳細
bkadm-bookings-open = 開く
bkadm-bookings-more = ほかの予約
bkadm-bookings-first-page = ← 最初のページ
bkadm-bookings-next = 次の{ $count }件 →

## A booking's detail.
bkadm-detail-title = { $page }（{ $guest } 様）
bkadm-detail-back = ← 予約一覧
bkadm-detail-bad-day = 日付は2027-03-15の形式で入力してください。明日の空き時間を表示しています
bkadm-detail-when = 日時
bkadm-detail-for-guest = 予約者の時刻：{ $when }
bkadm-detail-state = 状態
bkadm-detail-page = 予約ページ
bkadm-detail-guest = 予約者
bkadm-detail-hosts = 担当者
bkadm-detail-location = 場所
bkadm-detail-none-given = 指定なし
bkadm-detail-why-host = この担当者になった理由
bkadm-why-fewest = 期間内の予約が最も少ない({ $bookings }件)
bkadm-why-fewest-tied = 期間内の予約が最も少ない({ $bookings }件、ほか{ $others }名と同数)。前回の予約から最も間が空いている
bkadm-detail-notes = 備考
bkadm-detail-none = なし
bkadm-detail-cancelled-by = キャンセルした人
bkadm-detail-by-guest = 予約者
bkadm-detail-reason = 理由
bkadm-detail-sequence = 変更回数
bkadm-detail-sequence-hint = （これまでにメールで通知した変更）
bkadm-detail-booked = 予約を受けた日時
bkadm-detail-move = 別の日時に変更
bkadm-detail-day = 日付
bkadm-detail-show-times = 空き時間を表示
bkadm-detail-no-time = この日は担当者の空き時間がありません。別の日をお試しください。
bkadm-detail-pick-start = 新しい開始時刻を選んでください（{ $zone }）：
bkadm-detail-not-movable-cancelled = キャンセル済みの予約は日時を変更できません。
bkadm-detail-not-movable-page-gone = 予約ページが削除されています。この予約をキャンセルして、改めて予約してください。
bkadm-detail-cancel = キャンセル
bkadm-detail-cancel-reason = 理由（予約者に送られます。任意）
bkadm-detail-cancel-button = この予約をキャンセル
