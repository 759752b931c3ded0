# encart's words in Japanese. The messages and their variables are those of
# en.ftl (see there for the syntax); `cargo build` checks it.

## How the language counts and writes numbers, from CLDR
## (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html,
## the rules for whole numbers; "other" is what no rule gives).

-number-group = ,
-number-min-grouping = 1

## The widget.

loading = 記事を読み込んでいます…
by = 著者：
read-on-its-page = 元のページで記事を読む
retry = 再試行
error-network = サーバーに接続できません。接続を確認してください。
error-timeout = サーバーの応答に時間がかかっています。
error-not-found = この記事は見つかりませんでした。
error-server = サーバーでエラーが発生しました。
error-malformed = サーバーから予期しない応答がありました。
error-too-large = このコメントは長すぎて送信できません。
error-rate-limited = コメントの投稿が速すぎます。数秒後にもう一度お試しください。
loading-comments = コメントを読み込んでいます…
load-more = さらにコメントを表示
reply = 返信
cancel = キャンセル
leave-comment = コメントを書く
name-label = 名前
comment-label = コメント
honeypot-label = この欄には何も入力しないでください
post = 投稿する
posting = 送信中…
sending = 送信中
awaiting-moderation = 承認待ち：あなただけに表示されています
posted = ありがとうございます。コメントが公開されました。
post-failed = コメントは送信されませんでした。入力した文章は保存されています。
commenting-unavailable = このページからはコメントを送信できません。
author-required = 名前を入力してください。
author-too-long = 名前は 80 文字以内で入力してください。
body-required = コメントを入力してください。
body-too-long = コメントは 5,000 文字以内で入力してください。
control-characters = 使用できない文字が含まれています。
notify = 返信があったらメールで知らせる
email-label = メールアドレス（公開されません。確認用のリンクをお送りします）
email-required = 通知先のメールアドレスを入力してください。
email-invalid = このメールアドレスは無効です。
text-size = 文字サイズ
text-smaller = 文字を小さく
text-normal = 標準の文字サイズ
text-larger = 文字を大きく
theme = テーマ
theme-auto = 自動
theme-light = ライト
theme-dark = ダーク
theme-sepia = セピア
delete = 削除
confirm-delete = このコメントを完全に削除しますか？
yes-delete = 削除する
deleting = 削除中…
report = 報告
edit = 編集
edited = 編集済み
edit-label = あなたのコメント
save = 保存
edit-waits = 編集内容はモデレーターの承認後に表示されます。
picks = 編集部のおすすめ
sort-by = 並べ替え
sort-newest = 新しい順
sort-oldest = 古い順
sort-recommended = おすすめ順
recommend = おすすめ
report-why = このコメントを報告する理由：
reason-spam = スパム
reason-abuse = 誹謗中傷
reason-off-topic = 無関係
reason-other = その他
reported = 報告しました。モデレーターが確認します。
comment-deleted = コメントを削除しました。
commenting-as = コメント投稿者：
sign-in = ログイン
sign-out = ログアウト
sign-in-to-comment = コメントするにはログインしてください。
verified = 認証済みアカウント
staff = 編集部
error-sign-in-expired = セッションの有効期限が切れました。再度ログインするとコメントが送信されます。
error-sign-in-invalid = ログインを確認できませんでした。ページを再読み込みしてください。
error-banned = モデレーターにより、このサイトでのコメント権限が取り消されました。

## Counts, times and dates.

comments-heading = { $count ->
    [0] まだコメントはありません
   *[other] コメント { $count } 件
}
new-comments = 新しいコメント { $count } 件
reading-time = { $minutes } 分で読めます
time-now = たった今
time-minutes = { $minutes } 分前
time-hours = { $hours } 時間前
time-days = { $days } 日前
date = { NUMBER($year, useGrouping: "false") }年{ $month }月{ $day }日
exact-time = { $date } { NUMBER($hour, minimumIntegerDigits: 2) }:{ NUMBER($minute, minimumIntegerDigits: 2) } UTC

## The loader, where the widget cannot run at all.

reader-unavailable = ここでは記事リーダーを読み込めませんでした。
