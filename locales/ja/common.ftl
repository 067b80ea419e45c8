### Texts shared by every part of the product.

label-separator = ：

## ページの枠。
layout-skip = 本文へ移動
layout-main-nav = メイン
layout-language = 言語
layout-col-actions = 操作
layout-col-status = 状態
nav-members = メンバー
nav-booking-pages = 予約ページ
nav-bookings = 予約
nav-external-members = 外部メンバー
nav-settings = 設定
nav-notifications = お知らせ
nav-unread = 未読 { $count } 件
nav-sign-out = サインアウト

## エラーページ。
error-title-not-found = ページが見つかりません
error-title-forbidden = 権限がありません
error-title-gone = このリンクは無効になりました
error-title-rate-limited = 試行回数が多すぎます
error-title-internal = 問題が発生しました
error-title-other = 処理できませんでした
error-start-page = トップページへ
