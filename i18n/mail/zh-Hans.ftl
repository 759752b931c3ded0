# encart's e-mails and their link pages in Chinese (simplified characters): the server's words, which
# never travel to the widget. The messages and their variables are those of
# mail/en.ftl; the language's plural rules and numbers are ../zh-Hans.ftl's.

confirm-subject = 确认邮箱地址以接收回复通知
confirm-line = 你要求在有人回复你在《{ $title }》下的评论时收到通知。
confirm-button = 确认我的邮箱
confirm-after = 如未确认，我们将在 7 天后删除此地址。如果你没有提出过请求，请忽略此邮件。
answers-subject = { $count ->
   *[other] 你在《{ $title }》下的评论有 { $count } 条新回复
}
wrote = 写道
read-answer = 查看回复
more-answers = 讨论中还有更多回复等你查看。
stop-thread = 不再接收此讨论的回复
stop-all = 不再接收任何邮件
colon = ：
digest-subject = 审核：{ $count } 条评论待处理
digest-line = { $origin } 及其他网站共有 { $count } 条评论待处理（被拦截或被举报）。
digest-link = 打开审核队列
link-invalid = 此链接无效。
confirm-title = 确认邮箱地址，以便在你的评论收到回复时获得通知。
confirm = 确认
confirmed = 邮箱已确认：有回复时我们会通知你。
stopped-thread = 你将不再收到此讨论的回复。
stopped-all = 你将不再收到我们的任何邮件。
