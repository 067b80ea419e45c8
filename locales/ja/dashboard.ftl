# dashboard: the start page, and the lines that say what a list is filtered by

## The organization at a glance (owners and admins)
dash-org-heading = 組織の状況
dash-active = 有効なメンバー
dash-pending = 承認待ち
dash-invited = 未参加の招待
dash-bookings-week = 今週の予約
dash-failed-mail = 送信できなかったメール
dash-calendar-errors = 同期エラーのあるカレンダー
dash-alone = メンバーはまだあなただけです。
dash-alone-hint = 同僚を招待しましょう。招待されたメンバーは予約を受け付け、自分の勤務時間を管理できます。

## A host's own part
dash-next-heading = 今後の予約
dash-booking-with = { $page }（{ $guest }様）
dash-times-in = 時刻は{ $zone }で表示しています。
dash-all-bookings = 予約をすべて見る
dash-all-bookings-more = 予約をすべて見る（ほかにもあります）
dash-no-bookings = まだ予約はありません。
dash-no-bookings-hint = 予約ページのURLを共有すると、ゲストの予約がここに表示されます。
dash-to-pages = 自分の予約ページ
dash-setup-heading = 次に設定すること
dash-setup-hours = { $link }：ゲストは勤務時間内でしか予約できません。
dash-setup-hours-link = 勤務時間を設定する
dash-setup-meeting-url = { $link }：{ $count ->
   *[other] 「{ $pages }」はビデオ会議のため、会議URLが必要です。
}
dash-setup-meeting-url-link = 会議URLを登録する

## Everyone
dash-notifications-heading = 通知
dash-unread = { $count ->
   *[other] 未読の通知が{ $count }件あります。
}
dash-no-unread = 未読の通知はありません。
dash-open-notifications = 通知をすべて見る
dash-directory-hint = 同僚と仕事の連絡先は{ $link }で確認できます。
dash-directory = メンバー一覧

## Filtered lists
dash-filtered-by = 絞り込み条件：{ $filters }
dash-filter-part = { $label }「{ $value }」
dash-filter-search = 検索語
dash-filter-clear = 条件をクリア
dash-list-separator = 、
dash-week-filter = { $from }～{ $to }の週の予約（{ $zone }）
dash-week-clear = 今後の予約をすべて表示
dash-external = 外部メンバー
dash-external-awaiting = 日程入力待ちの外部メンバー
