### Member management pages: the members list, a member's page, the
### invitation form, the public link and join rules, the CSV import,
### departments, positions and locations, and the account defaults.

## Shared labels.
mem-field-name = 名前
mem-field-email = メールアドレス
mem-field-first-name = 名
mem-field-last-name = 姓
mem-field-phone = 電話番号
mem-field-role = 役割
mem-field-department = 部署
mem-field-position = 役職
mem-field-location = 勤務地
mem-field-work-number = 社員番号
mem-invite-teammates = メンバーを招待
# Between two sentences of one notice.
mem-sentence-gap = { "" }

## Roles, as the lists and forms show them.
mem-role-owner = オーナー
mem-role-admin = 管理者
mem-role-manager = マネージャー
mem-role-member = メンバー
mem-role-restricted = 制限付き

## A member's state, on their page.
mem-state-draft = 未送信
mem-state-invited = 招待中
mem-state-pending = 承認待ち
mem-state-active = 有効
mem-state-rejected = 却下
mem-state-terminated = 削除済み

## The members list.
mem-list-title = メンバー
mem-list-import = CSVをインポート
mem-list-export = CSVをエクスポート
mem-list-departments = 部署
mem-list-states = メンバーの状態
mem-tab-active = 有効
mem-tab-invited = 招待中
mem-tab-pending = 承認待ち
mem-tab-draft = 未送信
mem-tab-rejected = 却下
mem-tab-terminated = 削除済み
# A tab: the state and how many members are in it.
mem-list-tab = { $state }（{ $count }）
mem-list-search = メンバーを検索
mem-list-search-placeholder = 名前、メールアドレス、社員番号
mem-list-all-departments = すべての部署
mem-list-all-roles = すべての役割
mem-list-filter = 絞り込む
mem-list-alone = まだメンバーはあなただけです。
mem-list-alone-hint = メールでチームを招待するか、公開参加リンクを共有するか、CSVファイルをインポートしてください。
mem-list-none-match = 条件に合うメンバーはいません。
mem-list-select = 選択
mem-list-select-member = { $email }を選択
mem-list-actions = 操作
mem-list-previous = ← 前へ
mem-list-next = 次へ →
mem-list-page = { $page }/{ $pages }ページ
mem-action-activate = 招待を送信
mem-action-delete-draft = 削除
mem-action-resend = 再送信
mem-action-cancel-invitation = 招待を取り消す
mem-action-approve = 承認
mem-action-reject = 却下
mem-action-reexamine = 再審査
mem-action-terminate = 削除
mem-action-restore = 復元
# Notices after a row action.
mem-done-activate = { $email }に招待を送信しました。
mem-done-resend = { $email }に招待を再送信しました。
mem-done-cancel-invitation = { $email }の招待を取り消しました。
mem-done-join = { $email }が参加しました。
mem-done-approve = { $email }を承認しました。
mem-done-reject = { $email }を却下しました。
mem-done-reexamine = { $email }を再審査し、有効にしました。
mem-done-terminate = { $email }を削除しました。
mem-done-restore = { $email }を復元しました。
mem-bulk-legend = 選択したメンバーを一括編集
mem-bulk-department = 新しい部署
mem-bulk-department-unchanged = 部署：変更しない
mem-bulk-position = 新しい役職
mem-bulk-position-unchanged = 役職：変更しない
mem-bulk-location = 新しい勤務地
mem-bulk-location-unchanged = 勤務地：変更しない
mem-bulk-apply = 選択したメンバーに適用
mem-bulk-done = { $count }人のメンバーを更新しました。

## A member's page.
mem-edit-schedule-link = スケジュールと不在期間
mem-edit-personal = 個人情報（本人のみ）
mem-edit-email = メールアドレス（新しいアドレスはメールで確認します）
mem-edit-organization = 組織（オーナーと管理者）
mem-edit-professional = 業務
mem-edit-contact = 顧客向けの連絡先
mem-edit-slack-member-id = SlackメンバーID
mem-edit-meeting-url = 個人の会議URL
mem-edit-timezone = タイムゾーン
mem-edit-language = 言語
mem-edit-email-signature = メール署名
mem-edit-save = 保存
mem-edit-apply-defaults = アカウントの既定値を適用（スケジュール、タイムゾーン、言語）
mem-edit-saved = 保存しました。
mem-edit-email-pending = { $email }に確認リンクを送信しました。リンクを開くとアドレスが変更されます。
mem-edit-applied = ほかの{ $count }人のメンバーに適用しました。
mem-apply-legend = ほかのユーザーに適用
mem-apply-hint = 保存するときに、選んだ項目を選んだメンバーにコピーします。名前はコピーされません。このメンバーだけを保存する場合は何も選ばないでください。
mem-apply-role = 役割
mem-apply-meeting-url = 会議URL
mem-apply-slack-member-id = SlackメンバーID
mem-apply-contact = 連絡先
mem-apply-email-signature = メール署名
mem-apply-working-hours = 勤務時間
mem-apply-breaks = 休憩
mem-apply-daily-caps = 1日の上限
mem-apply-open-booking-cap = 未来の予約の上限
mem-apply-role-confirm = 役割もコピーします：選んだメンバーはこのメンバーの役割と、その役割で許される操作を得ます
mem-apply-role-unconfirmed = 役割をコピーすると、選んだメンバーができることが変わります。確認のため「役割もコピーします」にチェックを入れるか、役割を外してください。

## Inviting teammates.
mem-invite-result = 結果
mem-invite-invited = 招待しました
mem-invite-needs-approval = あなたが招待した人は、管理者の承認後にサインインできます。
mem-invite-emails = メールアドレス
mem-invite-emails-placeholder = ann@example.org, bob@example.org
mem-invite-emails-hint = アドレスはカンマ、スペース、改行で区切ってください。
mem-invite-as-new = 削除したアドレスを新しい人として招待する（以前のアカウントの内容は見えません）
mem-invite-send = 招待を送信
mem-invite-draft = 送信せずに作成
# Why an address was not invited; $address is the text as typed.
mem-refusal-invalid-email = 「{ $address }」は有効なメールアドレスではありません
mem-refusal-duplicate = { $email }がこの依頼に複数回含まれています
mem-refusal-already-active = { $email }はすでにメンバーです
mem-refusal-already-pending = { $email }はすでに参加し、承認を待っています。代わりに承認してください
mem-refusal-previously-rejected = { $email }は以前に却下されています。代わりに再審査してください
mem-refusal-previously-removed = { $email }は組織から削除されています。代わりに復元するか、新しい人として招待してください
mem-refusal-already-invited = { $email }はすでに招待されています。代わりに招待を再送信してください
mem-refusal-draft = { $email }は作成済みですが、招待はまだ送信されていません。代わりに招待を送信してください
mem-refusal-already-known = { $email }は招待できません。管理者にお問い合わせください

## Public link and join rules.
mem-link-title = 公開リンクと参加ルール
mem-link-public = 公開招待
mem-link-off = 公開参加はオフです。リンクとコードは使えません。
mem-link-hint = リンクまたは参加コードを知っている人は誰でも参加を申請できます。申請は管理者が1件ずつ承認します。
# $code is the eight-digit code, $address the page where it is entered.
mem-link-code = 参加コード：{ $code }（入力先：{ $address }）
mem-link-qr = リンクのQRコード
mem-link-qr-download = QRコードをダウンロード（SVG）
mem-link-rotate-confirm = リンクとコードを新しくしますか？現在のものはすぐに使えなくなります。
mem-link-rotate = リンクとコードを新しくする
mem-rules-title = 参加ルール
mem-rules-verification = 管理者以外が招待した人には承認が必要（招待の確認）
mem-rules-public-join = 公開リンクと参加コードを有効にする
mem-rules-required = 参加者が必ず入力する項目：
mem-join-field-phone = 電話番号
mem-join-field-department = 部署
mem-join-field-position = 役職
mem-join-field-location = 勤務地
mem-rules-days = メール招待の有効日数
mem-rules-save = ルールを保存

## CSV import.
mem-import-title = メンバーをインポート
mem-import-result = 結果
# $shown is $invited, in bold.
mem-import-summary = { $invited ->
   *[other] 招待{ $shown }件
}、スキップ{ $skipped }件、エラー{ $errors }件です。
mem-import-line = 行
mem-import-skipped-because = スキップの理由
mem-import-field = 項目
mem-import-error = エラー
mem-import-hint = テンプレート（UTF-8、カンマまたはセミコロン区切り）に記入してアップロードしてください。正しい行ごとにメールで招待します。エラーのある行は何も書き込みません。
mem-import-template = CSVテンプレートをダウンロード
mem-import-file = CSVファイル
mem-import-create-departments = ない部署を作成する
mem-import-submit = インポート

## Departments, positions and locations.
mem-org-title = 部署・役職・勤務地
mem-kind-departments = 部署
mem-kind-positions = 役職
mem-kind-locations = 勤務地
mem-kind-new-department = 新しい部署
mem-kind-new-position = 新しい役職
mem-kind-new-location = 新しい勤務地
mem-org-none = まだありません。
mem-org-rename-label = 「{ $name }」の名前を変更
mem-org-rename = 名前を変更
mem-org-members = { $count }人
mem-org-delete = 削除
mem-org-add = 追加
mem-org-added = 「{ $name }」を追加しました。
mem-org-renamed = 「{ $name }」に名前を変更しました。
mem-org-deleted = 「{ $name }」を削除しました。

## Account defaults.
mem-defaults-title = アカウントの既定値
mem-defaults-hint = 新しいメンバーはこの設定で始まります。メンバーのページの「アカウントの既定値を適用」で、そのメンバーをこの設定に戻せます。
mem-defaults-timezone = タイムゾーン
mem-defaults-language = 言語
mem-defaults-hours = 週間スケジュール
mem-defaults-save = 既定値を保存
mem-defaults-saved = 保存しました。
