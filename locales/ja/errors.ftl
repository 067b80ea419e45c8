### 操作が受け付けられなかったときに表示するメッセージ。

err-unauthorized = 先にサインインしてください。
err-bad-credentials = メールアドレスまたはパスワードが正しくありません。
err-awaiting-approval = 参加申請は管理者の承認待ちです。結果はメールでお知らせします。
err-forbidden-field = 項目「{ $field }」を変更する権限がありません。
err-csrf = フォームの有効期限が切れました。ページを再読み込みしてもう一度お試しください。
err-not-found = 見つかりませんでした。
err-payload-too-large = 送信されたデータが大きすぎます。
err-internal = サーバー側で問題が発生しました。もう一度お試しください。
err-email-taken = { $email } はすでにメンバーが使用しているアドレスです。
