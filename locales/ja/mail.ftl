### Mails about the account and the organization.

mail-footer = Convene から送信されました。アカウントまたは予約に関するお知らせです。
mail-test-subject = { $org } からのテストメッセージ
mail-test-body = { $name } さん、これはテストメッセージです。このメールが読めれば、Convene からのメールは届いています。
mail-digest-subject = { $org }：承認待ち { $pending } 件、送信失敗メール { $failed } 件
mail-digest-pending = 承認待ちのメンバー
mail-digest-failed = 送信できなかったメール：{ $failed } 件。メールキューを確認してください。
mail-invite-subject = { $inviter } さんから { $org } への招待が届いています
mail-invite-body = 次のリンクから名前とパスワードを設定して { $org } に参加してください。リンクは一度だけ有効で、{ $expires } に期限が切れます。
mail-invite-join = { $org } に参加する
mail-email-change-subject = { $org } の新しいメールアドレスの確認
mail-email-change-body = このアドレスをアカウントに使うよう依頼がありました。リンクから確認してください。確認されるまでは以前のアドレスが使われます。リンクは { $expires } に期限が切れます。
mail-notification-open = Convene で開く

## 参加申請への回答。
mail-approved-subject = { $org } へようこそ：参加申請が承認されました
mail-approved-body = { $org } の管理者があなたの参加申請を承認しました。今すぐサインインできます。
mail-approved-sign-in = サインイン
mail-rejected-subject = { $org } への参加申請について
mail-rejected-body = { $org } の管理者はあなたの参加申請を承認しませんでした。誤りだと思われる場合は、組織にお問い合わせください。

## A link to set a new password.
mail-password-reset-subject = { $org } の新しいパスワードの設定
mail-password-reset-body = { $org } の管理者から、新しいパスワードを設定するためのリンクが届きました。リンクを開いて新しいパスワードを決めてください。設定すると以前のパスワードは使えなくなり、すべての端末でサインアウトされます。リンクは一度だけ使え、{ $expires } に期限が切れます。
mail-password-reset-ignore = 心当たりがない場合は、このメールを無視してください。パスワードは変わりません。
