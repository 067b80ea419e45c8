### メンバーの退職：予約、予約ページ、担当の外部メンバー。

## 同じ日時のまま担当者が替わるときのメール。
booking-reassigned-subject-guest = 担当者変更：{ $title }（{ $when }）
booking-reassigned-subject-host = 担当になりました：{ $title }（{ $guest } 様、{ $when }）
booking-reassigned-intro-guest = ご予約の日時はそのままで、担当者が替わりました。
booking-reassigned-intro-host = { $guest } 様との予約の担当になりました。日時は変わりません。

## 予約の担当者が決まった理由。
bkadm-why-reassigned = 担当者の退職により割り当て直しました
bkadm-why-reassigned-fewest = 担当者の退職によりラウンドロビンで割り当て直しました（期間内の予約が最も少ない：{ $bookings } 件）

## 管理者とゲストへ。
dep-cancel-reason = 担当者が組織を離れました。
dep-page-without-hosts = { $name } さんが退職し、「{ $title }」の担当者がいなくなったため無効にしました
dep-kind-page-without-hosts = 予約ページの担当者がいなくなったとき
err-departure-decisions = 先に予約 { $bookings } 件と外部メンバー { $externals } 人の扱いを決めてください。何も変更していません。

## 退職の確認ページ。
dep-title = { $name } さんの退職
dep-back = メンバー一覧
dep-intro = { $name } さんが退職する前に、担当しているものの扱いを決めてください。確定するまで何も変わらず、確定するとすべて一度に変わります。
dep-bookings = これからの予約 { $count } 件
dep-no-bookings = これからの予約はありません。
dep-col-when = 日時
dep-col-page = ページ
dep-col-what = 扱い
dep-goes-to = ラウンドロビンで { $name } さんに割り当て
dep-choose = 選択してください
dep-cancel = キャンセルしてメールで知らせる
dep-reassign-to = { $name } さんに引き継ぐ
dep-not-free = そのメンバーはその時間に空いていません。別の人を選ぶかキャンセルしてください。
dep-reason = キャンセルされた予約のゲストに伝える理由
dep-pages = 担当から外れる予約ページ
dep-page-off = 担当者がいなくなるため無効
dep-externals = 担当している外部メンバー
dep-externals-to = 新しい担当メンバー
dep-calendars = カレンダーフィードと接続済みカレンダー { $calendars } 件は削除されます。
dep-terminate = { $name } さんを削除する
