### 監査ログのページ。

audit-title = 監査ログ
audit-actor = 実行者
audit-anyone = すべて
audit-system = システム
audit-action = 操作
audit-from = 開始日
audit-to = 終了日
audit-filter = 絞り込む
audit-zone = 時刻は { $zone } で表示しています。
audit-empty = 条件に一致する記録はありません。
audit-when = 日時
audit-target = 対象
audit-detail = 詳細
audit-pages = 監査ログのページ
audit-newest = ← 最新の記録
audit-older = 以前の記録 →
audit-bad-date = 日付は 2027-03-15 の形式で入力してください。この条件は無視しました。
