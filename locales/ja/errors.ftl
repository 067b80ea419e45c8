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

## 複数のフォームで共通

err-required = 入力してください。
err-email-invalid = 有効なメールアドレスを入力してください。
err-too-long = { $limit ->
        [1000] 1,000
        [5000] 5,000
       *[other] { $limit }
    } 文字以内で入力してください。
err-names-too-long = 名前は { $limit } 文字以内で入力してください。
err-unknown-time-zone = タイムゾーン「{ $zone }」は存在しません。
err-language = en、ja、fr のいずれかを選んでください。
err-date-out-of-range = 1970 年から 2200 年までの日付を入力してください。
err-end-before-start = 終了は開始より後にしてください。
err-between-minutes = { $min } 分から { $max } 分までの値にしてください。
err-between-days = { $min } 日から { $max } 日までの値にしてください。
err-no-member = メンバー { $id } は存在しません。
err-supervisor-inactive = 上長は有効なメンバーである必要があります。
err-not-an-email = 「{ $email }」は有効なメールアドレスではありません。
err-url-invalid = 有効な URL ではありません：{ $detail }
err-role-forbids = あなたのロール（{ $role ->
        [owner] オーナー
        [admin] 管理者
        [manager] マネージャー
        [member] メンバー
        [restricted] 制限付きメンバー
       *[other] { $role }
    }）ではこの操作はできません。

## リクエストの読み取り

err-body-unreadable = 送信内容を読み取れません：{ $detail }
err-json-field = 項目 { $field } の JSON が正しくありません：{ $detail }
err-json = JSON が正しくありません：{ $detail }
err-json-required = JSON の本文が必要です。
err-form = フォームの内容が正しくありません：{ $detail }
err-query = クエリが正しくありません：{ $detail }
err-query-field = クエリの { $field } が正しくありません：{ $detail }
err-path = パスが正しくありません：{ $detail }
err-upload = アップロードされた内容が正しくありません：{ $detail }
err-invalid-cursor = カーソルが正しくありません。
err-unknown-state = 状態「{ $state }」は存在しません。
err-unknown-role = ロール「{ $role }」は存在しません。
err-unknown-outbox-state = 状態「{ $state }」は存在しません。failed、queued、sent のいずれかを指定してください。
err-unknown-notification-kind = 通知の種類「{ $kind }」は存在しません。
err-session-api-key = API キーにはセッションがありません。キーを無効にしてください。

## 試行回数の制限

err-rate-sign-in = サインインの試行が多すぎます。{ $seconds } 秒後にもう一度お試しください。
err-rate-join = 参加のリクエストが多すぎます。{ $seconds } 秒後にもう一度お試しください。
err-rate-booking = このアドレスからの予約が多すぎます。{ $seconds } 秒後にもう一度お試しください。
err-rate-join-codes = 誤った参加コードの入力が多すぎます。{ $minutes } 分後にもう一度お試しください。

## パスワード

err-password-too-short = パスワードは { $min } 文字以上にしてください。
err-password-too-long = パスワードは { $max } 文字以内にしてください。
err-password-too-weak = このパスワードはよく使われているか、推測されやすすぎます。関係のない単語をいくつか組み合わせてみてください。

## 初期設定と API キー

err-setup-first-name = 名を入力してください。
err-setup-organization-too-long = 名前は { $limit } 文字以内で入力してください。
err-setup-owner-exists = オーナーはすでに存在します。サインインしてください。
err-setup-email-taken = このメールアドレスのメンバーはすでに存在します。
err-api-key-name = キーに 1～{ $max } 文字の名前を付けてください。

## Webhook、ジョブ、送信キュー

err-job-running = このジョブはすでに実行中です。
err-webhook-url-scheme = 呼び出せるのは http:// と https:// の URL だけです。
err-webhook-no-events = イベントを 1 つ以上選んでください。
err-webhook-unknown-event = イベント「{ $event }」は存在しません。使えるイベント：{ $known }
err-webhook-secret-short = シークレットは { $min } 文字以上にしてください。
err-webhook-url-needed = Webhook で通知を受け取るには Webhook の URL を入力してください。
err-outbox-already-sent = メッセージ { $id } はすでに送信されています。
err-outbox-already-sent-at = メッセージ { $id } は { $at } にすでに送信されています。

## 予約ページと予約

err-booking-already-cancelled = この予約はすでにキャンセルされています。
err-booking-link-dead = このリンクに対応する予約はありません（すでになくなった可能性があります）。
err-booking-page-deleted = この予約の予約ページは削除されました。キャンセルしてからもう一度予約してください。
err-list-cursor = 前のページの `next` の値を指定してください。
err-list-limit = 1 から { $max } までの値にしてください。
err-book-name = お名前を { $limit } 文字以内で入力してください。
err-book-email = name@example.org のようなメールアドレスを入力してください。
err-book-answer-required = 「{ $label }」は必須です。
err-book-pick-option = 選択肢から 1 つ選んでください。
err-book-unknown-question = このページにはその質問はありません。
err-slot-date = 2027-03-15 のような日付を入力してください（1970 年から 2200 年まで）。
err-slot-to-before-from = 開始日より前にはできません。
err-slot-span = 一度に指定できるのは { $days } 日までです。
err-slot-start = 2027-03-15T10:00:00+09:00 のように時差を含む日時を入力してください（1970 年から 2200 年まで）。
err-slot-taken = この時間はたった今予約されました。別の時間を選んでください。
err-not-a-slot = この開始時刻はこのページの空き時間ではありません。
err-page-slug-characters = 1～{ $max } 文字の半角英小文字、数字、ハイフンで入力してください。
err-page-slug-hyphens = 先頭と末尾にハイフンは使えません。ハイフンを 2 つ続けることもできません。
err-page-too-many-questions = 質問は { $max } 個までです。
err-page-question-label = 1～{ $max } 文字のラベルを入力してください。
err-page-choice-options = 単一選択には選択肢が 2 つ以上必要です。
err-page-title = 1～{ $max } 文字のタイトルを入力してください。
err-page-address-needed = 対面の打ち合わせには住所が必要です。
err-page-video-link = ビデオ会議のリンクは https:// で始まる必要があります。
err-page-hosts-count = 担当者は 1～{ $max } 人にしてください。
err-page-single-host = 担当者 1 人のページには担当者をちょうど 1 人設定します。複数にする場合は全員参加か持ち回りを使ってください。
err-page-host-inactive = { $id } は有効なメンバーではありません。
err-page-own-hosts = 自分のページでは自分を担当者に含める必要があります。
err-page-create-forbidden = 予約ページを作成する権限がありません。
err-page-slug-taken = アドレス /book/{ $slug } はすでに別のページで使われています。
err-page-not-found = /book/{ $slug } に予約ページはありません。
err-page-disabled = この予約ページは現在予約を受け付けていません。

## 勤務スケジュール

err-schedule-time-format = 時刻は 00:00 から 24:00 までの HH:MM 形式で入力してください。
err-schedule-end-before-start = { $start }–{ $end }：終了は開始より後にしてください。
err-schedule-overlap = { $time } ごろの時間帯が重なっています。
err-schedule-weekdays = 曜日は mon、tue、wed、thu、fri、sat、sun のいずれかです。
err-schedule-break-outside = 休憩はその日の勤務時間内に設定してください。
err-schedule-daily-cap-min = 1 日の上限は 1 以上にしてください（上限なしの場合は空欄にします）。
err-schedule-daily-cap-no-hours = 1 日の上限を設定するには、その日に勤務時間が必要です。
err-schedule-open-cap-min = 1 以上にしてください（上限なしの場合は空欄にします）。

## メンバーと参加

err-join-first-name = 名を入力してください。
err-join-last-name = 姓を入力してください。
err-join-field-required = 参加するには{ $field ->
        [phone] 電話番号
        [department] 部署
        [position] 役職
        [location] 勤務地
       *[other] { $field }
    }の入力が必要です。
err-invitation-gone = この招待リンクは使用済みか、有効期限が切れたか、取り消されています。新しいリンクを依頼してください。
err-join-unknown-code = この参加リンクまたはコードは無効です（新しいものに置き換えられた可能性があります）。
err-join-link-replaced = この参加リンクはもう使えません。現在のリンクを依頼してください。
err-last-owner-role = 最後のオーナーのロールは変更できません。先に別の人をオーナーにしてください。
err-supervise-self = メンバーは自分自身の上長になれません。
err-supervisor-loop = 上長の関係が循環してしまいます。
err-first-name-empty = 名は空欄にできません。
err-meeting-url = 会議の URL は https:// で始まる必要があります。
err-icon-color = #2458d3 のような色を入力してください。
err-email-belongs-to-member = このアドレスはすでにメンバーが使用しています。
err-email-link-used = この確認リンクは使用済みか、有効期限が切れています。
err-password-link-used = このパスワード設定リンクは使用済みか、有効期限が切れています。管理者に新しいリンクを依頼してください。
err-not-bulk-editable = { $field } は一括編集できません。一括編集できるのは department、position、location だけです。
err-ids-strings = ids は文字列で指定してください。
err-ids-missing = 編集するメンバーの ids を指定してください。
err-text-value = 文字列を指定してください。
err-not-applicable = { $field } はほかのメンバーに適用できません。次から選んでください：{ $fields }
err-last-owner-keeps-role = { $email } は最後のオーナーのため、ロールは変更されません。
err-catalog-name = 1～{ $max } 文字の名前を入力してください。
err-catalog-exists = { $kind ->
        [department] 部署
        [position] 役職
       *[location] 勤務地
    }「{ $name }」はすでに存在します。
err-catalog-not-empty = { $kind ->
        [department] 部署
        [position] 役職
       *[location] 勤務地
    }「{ $name }」にはまだ { $count } 人のメンバーがいます。先にメンバーを移動してください。
err-catalog-unknown = { $kind ->
        [department] 部署
        [position] 役職
       *[location] 勤務地
    }「{ $name }」は存在しません。
err-illegal-transition = { $state ->
        [draft] 下書き
        [invited] 招待中
        [pending] 承認待ち
        [active] 有効
        [rejected] 却下済み
        [terminated] 削除済み
       *[other] { $state }
    }のメンバーに「{ $action ->
        [activate] 有効化
        [resend] 招待の再送
        [cancel_invitation] 招待の取り消し
        [join] 参加
        [approve] 承認
        [reject] 却下
        [reexamine] 再審査
        [terminate] 削除
        [restore] 復元
       *[other] { $action }
    }」はできません（現在の状態：{ $state }）。
err-owner-remove-or-restore = オーナーを削除または復元できるのはオーナーだけです。
err-remove-self = 自分自身を削除することはできません。ほかの管理者に依頼してください。
err-owner-remove = オーナーを削除できるのはオーナーだけです。
err-last-owner-remove = 最後のオーナーは削除できません。先に別の人をオーナーにしてください。

## 招待とインポート

err-invite-forbidden = あなたのロールでは招待できません。
err-invite-unsent-forbidden = 招待を送らずにメンバーを作成できるのは管理者だけです。
err-invite-none = メールアドレスを 1 つ以上入力してください。
err-invite-too-many = 一度に招待できるのは { $max } 件までです。それ以上は CSV インポートを使ってください。
err-invite-duplicate = { $email } がこのリクエストに複数回含まれています。
err-not-requirable = 「{ $field }」は必須にできません。
err-refusal-active = { $email } はすでにメンバーです。
err-refusal-pending = { $email } はすでに参加していて承認待ちです。招待ではなく承認してください。
err-refusal-rejected = { $email } は以前に却下されています。招待ではなく再審査してください。
err-refusal-removed = { $email } は組織から削除されています。復元するか、新しい人としてこのアドレスを招待してください。
err-refusal-invited = { $email } はすでに招待されています。招待を再送してください。
err-refusal-draft = { $email } は作成済みですが、まだ招待されていません。有効化してください。
err-refusal-known = { $email } は招待できません。管理者に問い合わせてください。
err-csv-not-utf8 = ファイルが UTF-8 のテキストではありません。CSV UTF-8 形式で保存してください。
err-csv-header = 見出し行を読み取れません：{ $detail }
err-csv-no-email-column = 見出し行には email 列が必要です。使える列：{ $columns }
err-csv-unknown-column = 列「{ $column }」は使えません。使える列：{ $columns }
err-csv-line = { $line } 行目：{ $detail }
err-csv-empty = 見出し行の下にデータがありません。
err-csv-daily-limit = 1 日にインポートできるのは、1 人あたり・1 アドレスあたり { $limit } 行までです。今日はすでに { $used } 行使用しており、このファイルは { $count } 行です。上限は { $resets } にリセットされます。
err-csv-daily-limit-reached = 1 日のインポート上限（{ $limit } 行）に達しました。上限は { $resets } にリセットされます。
err-csv-unknown-role = ロール「{ $role }」は存在しません。admin、manager、member、restricted のいずれかを指定してください。
err-csv-role-forbidden = ロール { $role } を付与する権限がありません。
err-csv-unknown-department = 部署「{ $department }」は存在しません（作成するには「存在しない部署を作成する」にチェックを入れてください）。
err-csv-too-long = { $field } が { $limit } 文字を超えています。
