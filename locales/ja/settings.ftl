# settings
### The settings page (organization, join rules, booking, mail, jobs,
### webhooks, API keys), the test message's answer, why a host cannot
### serve a booking page, and why a booking page shows no times.

## 担当者が予約ページを担当できない理由（ページの編集画面とAPI）。
host-problem-not-active = { $name } さんは有効なメンバーではありません
host-problem-no-meeting-url = { $name } さんにはミーティングURLがなく、ビデオ会議リンクのパターンも設定されていません
host-problem-gone = { $name } はメンバーではなくなりました
