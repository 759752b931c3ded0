# encart's words in Arabic. The messages and their variables are those of
# en.ftl (see there for the syntax); `cargo build` checks it.

## How the language counts and writes numbers, from CLDR
## (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html,
## the rules for whole numbers; "other" is what no rule gives).

-plural-zero = n = 0
-plural-one = n = 1
-plural-two = n = 2
-plural-few = n % 100 = 3..10
-plural-many = n % 100 = 11..99
-number-group = ,
-number-min-grouping = 1

## The widget.

loading = جارٍ تحميل المقال…
by = بقلم
read-on-its-page = اقرأ المقال في صفحته
retry = إعادة المحاولة
error-network = تعذّر الاتصال بالخادم. تحقّق من اتصالك.
error-timeout = يستغرق الخادم وقتًا طويلًا للرد.
error-not-found = تعذّر العثور على هذا المقال.
error-server = حدث خطأ في الخادم.
error-malformed = أرسل الخادم ردًا غير متوقع.
error-too-large = هذا التعليق أطول من أن يُرسَل.
error-rate-limited = أنت تعلّق بسرعة كبيرة: أعد المحاولة بعد بضع ثوانٍ.
loading-comments = جارٍ تحميل التعليقات…
load-more = عرض مزيد من التعليقات
reply = رد
cancel = إلغاء
leave-comment = اترك تعليقًا
name-label = الاسم
comment-label = التعليق
honeypot-label = اترك هذا الحقل فارغًا
post = نشر التعليق
posting = جارٍ الإرسال…
sending = قيد الإرسال
awaiting-moderation = بانتظار الإشراف: لا يراه غيرك
posted = شكرًا، نُشر تعليقك.
post-failed = لم يُرسَل تعليقك؛ نصّك محفوظ.
commenting-unavailable = لا يمكن إرسال التعليقات من هذه الصفحة.
author-required = يُرجى إدخال اسمك.
author-too-long = يجب ألا يزيد اسمك على 80 حرفًا.
body-required = يُرجى كتابة تعليقك.
body-too-long = يجب ألا يزيد تعليقك على 5,000 حرف.
control-characters = يحتوي هذا النص على أحرف غير مسموح بها.
notify = أبلغني بالبريد الإلكتروني عند الرد
email-label = بريدك الإلكتروني (لا يُعرض أبدًا؛ سنرسل إليك رابطًا لتأكيده)
email-required = يُرجى إدخال العنوان الذي نبلغك عليه.
email-invalid = هذا العنوان غير صالح.
text-size = حجم النص
text-smaller = نص أصغر
text-normal = نص عادي
text-larger = نص أكبر
theme = المظهر
theme-auto = تلقائي
theme-light = فاتح
theme-dark = داكن
theme-sepia = بني داكن
delete = حذف
confirm-delete = هل تريد حذف هذا التعليق نهائيًا؟
yes-delete = نعم، احذفه
deleting = جارٍ الحذف…
report = إبلاغ
edit = تعديل
edited = معدَّل
edit-label = تعليقك
save = حفظ
edit-waits = سيظهر تعديلك بعد موافقة المشرفين عليه.
picks = اختيارات التحرير
sort-by = الترتيب
sort-newest = الأحدث
sort-oldest = الأقدم
sort-recommended = الأكثر توصية
recommend = أوصي به
report-why = الإبلاغ عن هذا التعليق بأنه:
reason-spam = رسائل مزعجة
reason-abuse = مسيء
reason-off-topic = خارج الموضوع
reason-other = غير ذلك
reported = تم الإبلاغ، شكرًا: سيراجعه أحد المشرفين.
comment-deleted = حُذف التعليق.
commenting-as = تعلّق باسم
sign-in = تسجيل الدخول
sign-out = تسجيل الخروج
sign-in-to-comment = سجّل الدخول للتعليق.
verified = حساب موثّق
staff = هيئة التحرير
error-sign-in-expired = انتهت جلستك: سجّل الدخول مجددًا وسيُرسَل تعليقك.
error-sign-in-invalid = تعذّر التحقق من تسجيل دخولك. أعد تحميل الصفحة.
error-banned = سحب المشرفون حقك في التعليق على هذا الموقع.

## Counts, times and dates.

comments-heading = { $count ->
    [0] لا تعليقات بعد
    [one] تعليق واحد
    [two] تعليقان
    [few] { $count } تعليقات
    [many] { $count } تعليقًا
   *[other] { $count } تعليق
}
new-comments = { $count ->
    [one] تعليق جديد
    [two] تعليقان جديدان
    [few] { $count } تعليقات جديدة
    [many] { $count } تعليقًا جديدًا
   *[other] { $count } تعليق جديد
}
reading-time = { $minutes ->
    [one] دقيقة واحدة
    [two] دقيقتان
    [few] { $minutes } دقائق
    [many] { $minutes } دقيقة
   *[other] { $minutes } دقيقة
} للقراءة
time-now = الآن
time-minutes = منذ { $minutes ->
    [one] دقيقة
    [two] دقيقتين
    [few] { $minutes } دقائق
    [many] { $minutes } دقيقة
   *[other] { $minutes } دقيقة
}
time-hours = منذ { $hours ->
    [one] ساعة
    [two] ساعتين
    [few] { $hours } ساعات
    [many] { $hours } ساعة
   *[other] { $hours } ساعة
}
time-days = منذ { $days ->
    [one] يوم
    [two] يومين
    [few] { $days } أيام
    [many] { $days } يومًا
   *[other] { $days } يوم
}
date = { $day } { $month ->
    [1] يناير
    [2] فبراير
    [3] مارس
    [4] أبريل
    [5] مايو
    [6] يونيو
    [7] يوليو
    [8] أغسطس
    [9] سبتمبر
    [10] أكتوبر
    [11] نوفمبر
   *[12] ديسمبر
} { NUMBER($year, useGrouping: "false") }
exact-time = { $date }، { NUMBER($hour, minimumIntegerDigits: 2) }:{ NUMBER($minute, minimumIntegerDigits: 2) } UTC

## The loader, where the widget cannot run at all.

reader-unavailable = تعذّر تحميل قارئ المقالات هنا.
