# encart's server words in Arabic: its e-mails, their link pages and
# the moderation pages (/admin), which never travel to the widget.
# The messages and their variables are those of server/en.ftl; the language's plural rules and numbers are ../ar.ftl's.

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

## صفحات الإشراف (/admin).
admin-heading = إشراف encart
admin-sign-in = تسجيل الدخول
admin-name = الاسم
admin-password = كلمة المرور
admin-stale-form = انتهت صلاحية هذا النموذج أو لم يأتِ من هذا الموقع: سجّل الدخول من جديد.
admin-too-many = { $seconds ->
    [one] محاولات كثيرة جدًا. أعد المحاولة بعد ثانية واحدة.
    [two] محاولات كثيرة جدًا. أعد المحاولة بعد ثانيتين.
    [few] محاولات كثيرة جدًا. أعد المحاولة بعد { $seconds } ثوانٍ.
   *[other] محاولات كثيرة جدًا. أعد المحاولة بعد { $seconds } ثانية.
}
admin-busy = الخادم مشغول. أعد المحاولة بعد بضع ثوانٍ.
admin-wrong = الاسم أو كلمة المرور غير صحيحة.
admin-moderation = الإشراف
admin-signed-in-as = مسجّل الدخول باسم { $moderator }
admin-sign-out = تسجيل الخروج
admin-awaiting = { $count } بانتظار قرار
admin-awaiting-shown = { $count } بانتظار قرار (الأقدم { $shown } أدناه)
admin-with-ticked = مع التعليقات المحددة
admin-approve = قبول
admin-reject = رفض
admin-spam = رسالة مزعجة
admin-delete = حذف
admin-nothing-awaits = لا شيء بانتظار قرار.
admin-bans = الحظر الساري
admin-ban-which = حظر كاتب التعليق رقم
admin-next = التالي
admin-no-ban = لا يوجد حظر سارٍ.
admin-picks = اختيارات التحرير
admin-picks-line = حتى { $count } تعليقات منشورة لكل مقال، تظهر فوق نقاشه.
admin-feature-which = إبراز التعليق رقم
admin-feature = إبراز
admin-no-pick = لا يوجد تعليق مُبرز.
admin-failed = عمليات تسليم webhook المتخلّى عنها
admin-queued = في الطابور (UTC)
admin-event = الحدث
admin-webhook = Webhook
admin-attempts = المحاولات
admin-last-error = آخر خطأ
admin-recent = الإجراءات الأخيرة
admin-when = متى (UTC)
admin-who = من
admin-did = الإجراء
admin-comment = التعليق
admin-article = المقال
admin-held = محتجز للإشراف المسبق
admin-edited = عدّله كاتبه: «قبول» ينشر النص الجديد، و«رفض» يُبقي المنشور
admin-reported = { $count ->
    [one] منشور، أُبلغ عنه مرة واحدة ({ $reason })
    [two] منشور، أُبلغ عنه مرتين ({ $reason })
    [few] منشور، أُبلغ عنه { $count } مرات ({ $reason })
   *[other] منشور، أُبلغ عنه { $count } مرة ({ $reason })
}
admin-in-reply-to = ردًا على { $author }
admin-select = تحديد التعليق رقم { $comment } بقلم { $author }
admin-signed-in = مسجّل الدخول
admin-on-article = رقم { $comment } على «{ $title }»
admin-new-text = النص الجديد:
admin-ban-author = حظر الكاتب…
admin-ban-author-of = حظر كاتب التعليق رقم { $comment }
admin-pick = رقم { $comment } بقلم { $author } على «{ $title }»
admin-unfeature = إلغاء الإبراز
admin-unfeature-which = إلغاء إبراز التعليق رقم { $comment }
admin-banned-account = { $author } (مسجّل الدخول على { $site })
admin-banned-erased = قارئ من { $site } محا بياناته
admin-banned-address = منشورات مجهولة من عنوان التعليق رقم { $comment }
admin-ban-forever = نهائيًا
admin-ban-until = حتى { $date }
admin-ban-by = بواسطة { $moderator } في { $date }
admin-lift = رفع
admin-lift-which = رفع الحظر { $ban }
admin-ban = حظر
admin-no-comment = لا يوجد تعليق بهذا الرقم (أو حُذف).
admin-back = العودة إلى الإشراف
admin-whom-account = { $author }، مسجّل الدخول على { $site }: يُحظر حسابه أينما كتب.
admin-whom-address = { $author }، مجهول: تُرفض المنشورات دون تسجيل دخول من العنوان الذي جاء منه هذا التعليق.
admin-whom-nothing = قارئ مجهول لم يعد عنوانه محفوظًا: لا يمكن حظر أي شيء.
admin-for-good = نهائيًا
admin-days = { $count ->
    [one] يوم واحد
    [two] يومان
    [few] { $count } أيام
   *[other] { $count } يومًا
}
admin-reason = السبب (يُحفظ في السجل)
admin-how-long = المدة
admin-on = على «{ $title }» · { $date }
admin-approved = { $count ->
    [one] قُبل تعليق واحد.
    [two] قُبل تعليقان.
    [few] قُبلت { $count } تعليقات.
   *[other] قُبل { $count } تعليقًا.
}
admin-rejected = { $count ->
    [one] رُفض تعليق واحد.
    [two] رُفض تعليقان.
    [few] رُفضت { $count } تعليقات.
   *[other] رُفض { $count } تعليقًا.
}
admin-marked-spam = { $count ->
    [one] وُسم تعليق واحد كرسالة مزعجة.
    [two] وُسم تعليقان كرسائل مزعجة.
    [few] وُسمت { $count } تعليقات كرسائل مزعجة.
   *[other] وُسم { $count } تعليقًا كرسائل مزعجة.
}
admin-deleted = { $count ->
    [one] حُذف تعليق واحد.
    [two] حُذف تعليقان.
    [few] حُذفت { $count } تعليقات.
   *[other] حُذف { $count } تعليقًا.
}
admin-now-banned = الكاتب محظور: تُرفض منشوراته.
admin-no-address = لم يُحظر شيء: التعليق مجهول ولم يعد عنوانه محفوظًا.
admin-lifted = رُفع الحظر.
admin-not-in-force = لم يعد ذلك الحظر ساريًا.
admin-featured = التعليق مُبرز فوق نقاش مقاله.
admin-unfeatured = لم يعد التعليق مُبرزًا.
admin-not-published = لم يُبرز شيء: لا يحمل أي تعليق منشور هذا الرقم.
admin-picks-full = لم يُبرز شيء: لمقاله بالفعل { $count } اختيارات؛ ألغِ إبراز واحد أولًا.
admin-none-ticked = لم يُتخذ أي قرار: حدّد تعليقًا واحدًا على الأقل أولًا.
## إجراءات السجل.
did-approve = قبِل
did-reject = رفض
did-spam = وسم كرسالة مزعجة
did-delete = حذف
did-ban = { $count ->
    [one] حظر ليوم واحد
    [two] حظر ليومين
    [few] حظر لمدة { $count } أيام
   *[other] حظر لمدة { $count } يومًا
}
did-ban-forever = حظر نهائيًا
did-lift = رفع حظرًا
did-feature = أبرز
did-unfeature = ألغى الإبراز
did-sign-in = سجّل الدخول
did-sign-out = سجّل الخروج
