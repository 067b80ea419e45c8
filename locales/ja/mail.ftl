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
