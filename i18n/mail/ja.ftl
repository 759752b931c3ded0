# encart's e-mails and their link pages in Japanese: the server's words, which
# never travel to the widget. The messages and their variables are those of
# mail/en.ftl; the language's plural rules and numbers are ../ja.ftl's.

confirm-subject = 返信の通知を受け取るためにメールアドレスを確認してください
confirm-line = 「{ $title }」へのあなたのコメントに返信があったときの通知をご希望いただきました。
confirm-button = メールアドレスを確認する
confirm-after = 確認がない場合、このアドレスは 7 日後に削除されます。お心当たりがない場合は、このメールを無視してください。
answers-subject = { $count ->
   *[other] 「{ $title }」へのあなたのコメントに新しい返信が { $count } 件あります
}
wrote = さんの返信
read-answer = 返信を読む
more-answers = ディスカッションにはほかにも返信があります。
stop-thread = このディスカッションの返信を受け取らない
stop-all = メールを一切受け取らない
colon = ：
digest-subject = モデレーション：判断待ちのコメント { $count } 件
digest-line = { $origin } とほかのサイトで { $count } 件のコメントが判断を待っています（保留中または報告済み）。
digest-link = モデレーションキューを開く
link-invalid = このリンクは無効です。
confirm-title = コメントへの返信の通知を受け取るには、メールアドレスを確認してください。
confirm = 確認する
confirmed = メールアドレスを確認しました。返信があればお知らせします。
stopped-thread = このディスカッションの返信は今後届きません。
stopped-all = 今後、当サービスからのメールは一切届きません。
