# editors: the schedule editor, pickers, member forms, invitation
# refusals and import reports.

## Forms
ed-form-refused = 保存されませんでした：{ $reason }
ed-lists-manage = 部署・役職・勤務地は組織のリストから選びます（リストを編集）
ed-field-supervisor = 上司
ed-supervisor-former = { $name }（{ $state }）
ed-defaults-open-cap = 今後の予約の上限（空欄：上限なし）

## Pickers (select with search)
ed-picker-search = { $field }を検索
ed-picker-placeholder = 入力して絞り込み…
ed-picker-matches = 該当：{ $count }件
ed-picker-not-offered = 「{ $value }」は選択肢にありません

## Weekly schedule editor
ed-day-mon = 月曜日
ed-day-tue = 火曜日
ed-day-wed = 水曜日
ed-day-thu = 木曜日
ed-day-fri = 金曜日
ed-day-sat = 土曜日
ed-day-sun = 日曜日
ed-week-hint = 時刻は上で選んだタイムゾーンで入力します。終了を00:00にすると、その日の24時までになります。休日は空欄のままにしてください。
ed-week-hours = 勤務時間
ed-week-breaks = 休憩（勤務時間から除外）
ed-week-hours-start = { $day }の勤務時間{ $n }：開始
ed-week-hours-end = { $day }の勤務時間{ $n }：終了
ed-week-break-start = { $day }の休憩{ $n }：開始
ed-week-break-end = { $day }の休憩{ $n }：終了
ed-week-hours-remove = { $day }の勤務時間{ $n }を削除
ed-week-break-remove = { $day }の休憩{ $n }を削除
ed-week-remove = 削除
ed-week-add-hours = 勤務時間を追加
ed-week-add-break = 休憩を追加
ed-week-cap = 1日の予約上限
ed-week-cap-hint = 1以上の整数。空欄は上限なしです。勤務時間のある曜日のみ設定できます。
ed-week-copy = 月曜日の設定を平日すべてにコピー
ed-week-copy-on-save = 保存時に、月曜日の勤務時間・休憩・上限を火曜日～金曜日にも使う
ed-week-copied = 月曜日の勤務時間・休憩・上限を火曜日～金曜日にコピーしました。保存すると反映されます。
ed-week-pair-incomplete = 開始と終了の両方を入力するか、両方とも空欄にしてください

## Invitation refusals: what settles them
ed-resolve-approve = 承認する
ed-resolve-reexamine = 再審査する
ed-resolve-restore = 復元する
ed-resolve-activate = 招待を送信する
ed-resolve-resend = 招待を再送する
ed-resolve-invite-as-new = 新しいメンバーとして招待する
ed-resolve-open = メンバーのページを開く

## Import report
ed-import-skip-duplicate = このアドレスはファイルの前の行にもあります。前の行を使いました。
ed-import-skip-active = すでに有効なメンバーです。対応は不要です。
ed-import-skip-pending = すでに参加済みで承認待ちです。招待し直さず、承認してください。
ed-import-skip-rejected = 以前に却下されたメンバーです。招待し直さず、再審査してください。
ed-import-skip-removed = 組織から削除されたメンバーです。復元するか、招待フォームから新しいメンバーとして招待してください。
ed-import-skip-invited = このアドレスには招待済み（または未送信で作成済み）です。メンバー一覧から再送または送信してください。
ed-import-open-list = 「{ $list }」を開く
ed-import-fix-email = ファイルのアドレスを直して、その行をもう一度アップロードしてください。
ed-import-fix-role = owner、admin、manager、member、restricted のいずれかを指定するか、空欄（member）にしてください。
ed-import-fix-forbidden-role = このロールを付与できるのはオーナーだけです。空欄にするか、オーナーにこの行のインポートを依頼してください。
ed-import-fix-department = 先に部署を作成するか、「ない部署を作成する」にチェックを入れてもう一度アップロードしてください。
ed-import-fix-too-long = 値を短くして、その行をもう一度アップロードしてください。
