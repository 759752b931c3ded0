# encart's e-mails and their link pages in Arabic: the server's words, which
# never travel to the widget. The messages and their variables are those of
# mail/en.ftl; the language's plural rules and numbers are ../ar.ftl's.

confirm-subject = أكّد عنوانك لنبلغك بالردود
confirm-line = طلبت أن نبلغك بالردود على تعليقك على «{ $title }».
confirm-button = تأكيد عنواني
confirm-after = دون تأكيد، سننسى هذا العنوان بعد 7 أيام. إن لم تطلب شيئًا، فتجاهل هذه الرسالة.
answers-subject = { $count ->
    [one] ردّ { $author } على تعليقك على «{ $title }»
    [two] ردّان جديدان على تعليقك على «{ $title }»
    [few] { $count } ردود جديدة على تعليقك على «{ $title }»
   *[other] { $count } ردًا جديدًا على تعليقك على «{ $title }»
}
wrote = كتب
read-answer = اقرأ الرد
more-answers = تنتظرك ردود أخرى في النقاش.
stop-thread = إيقاف ردود هذا النقاش
stop-all = عدم تلقي أي بريد إلكتروني
colon = :
digest-subject = { $count ->
    [one] الإشراف: تعليق واحد ينتظر قرارًا
    [two] الإشراف: تعليقان ينتظران قرارًا
    [few] الإشراف: { $count } تعليقات تنتظر قرارًا
   *[other] الإشراف: { $count } تعليقًا ينتظر قرارًا
}
digest-line = { $count ->
    [one] تعليق واحد على { $origin } والمواقع الأخرى ينتظر قرارًا (محتجز أو مُبلّغ عنه).
   *[other] { $count } من التعليقات على { $origin } والمواقع الأخرى تنتظر قرارًا (محتجزة أو مُبلّغ عنها).
}
digest-link = فتح قائمة الإشراف
link-invalid = هذا الرابط غير صالح.
confirm-title = أكّد عنوانك لنبلغك بالردود على تعليقاتك.
confirm = تأكيد
confirmed = تم تأكيد العنوان: سنبلغك بالردود.
stopped-thread = لن تتلقى بعد الآن ردود هذا النقاش.
stopped-all = لن تتلقى منّا أي بريد إلكتروني بعد الآن.
