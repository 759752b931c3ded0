# encart's server words in Hebrew: its e-mails, their link pages and
# the moderation pages (/admin), which never travel to the widget.
# The messages and their variables are those of server/en.ftl; the language's plural rules and numbers are ../he.ftl's.

confirm-subject = אישור הכתובת לקבלת עדכונים על תגובות
confirm-line = ביקשת לקבל עדכון על תשובות לתגובה שלך על „{ $title }”.
confirm-button = לאשר את הכתובת שלי
confirm-after = ללא אישור, נמחק את הכתובת בעוד 7 ימים. אם לא ביקשת דבר, אפשר להתעלם מהודעה זו.
answers-subject = { $count ->
    [one] { $author } הגיב/ה לתגובה שלך על „{ $title }”
   *[other] { $count } תשובות חדשות לתגובה שלך על „{ $title }”
}
wrote = כתב/ה
read-answer = לקריאת התשובה
more-answers = תשובות נוספות מחכות לך בדיון.
stop-thread = להפסיק לקבל תשובות מהדיון הזה
stop-all = לא לקבל יותר שום מייל
colon = :
digest-subject = { $count ->
    [one] ניהול: תגובה אחת ממתינה להחלטה
   *[other] ניהול: { $count } תגובות ממתינות להחלטה
}
digest-line = { $count ->
    [one] תגובה אחת ב־{ $origin } ובאתרים האחרים ממתינה להחלטה (מעוכבת או מדווחת).
   *[other] { $count } תגובות ב־{ $origin } ובאתרים האחרים ממתינות להחלטה (מעוכבות או מדווחות).
}
digest-link = לפתיחת תור הניהול
link-invalid = הקישור אינו תקין.
confirm-title = יש לאשר את הכתובת כדי לקבל עדכונים על תשובות לתגובות שלך.
confirm = אישור
confirmed = הכתובת אושרה: נעדכן אותך על תשובות.
stopped-thread = לא תקבל/י יותר תשובות מהדיון הזה.
stopped-all = לא תקבל/י מאיתנו יותר שום מייל.

## דפי הניהול (/admin).
admin-heading = ניהול התגובות של encart
admin-sign-in = כניסה
admin-name = שם
admin-password = סיסמה
admin-stale-form = תוקף הטופס פג או שהוא לא הגיע מהאתר הזה: יש להיכנס שוב.
admin-too-many = { $seconds ->
    [one] יותר מדי ניסיונות. אפשר לנסות שוב בעוד שנייה.
    [two] יותר מדי ניסיונות. אפשר לנסות שוב בעוד שתי שניות.
   *[other] יותר מדי ניסיונות. אפשר לנסות שוב בעוד { $seconds } שניות.
}
admin-busy = השרת עמוס. אפשר לנסות שוב בעוד כמה שניות.
admin-wrong = שם או סיסמה שגויים.
admin-moderation = ניהול תגובות
admin-signed-in-as = מחובר/ת בתור { $moderator }
admin-sign-out = יציאה
admin-awaiting = { $count } ממתינות להחלטה
admin-awaiting-shown = { $count } ממתינות להחלטה ({ $shown } הוותיקות ביותר למטה)
admin-with-ticked = עם התגובות המסומנות
admin-approve = אישור
admin-reject = דחייה
admin-spam = ספאם
admin-delete = מחיקה
admin-nothing-awaits = שום דבר לא ממתין להחלטה.
admin-bans = חסימות בתוקף
admin-ban-which = חסימת הכותב של תגובה מס׳
admin-next = הבא
admin-no-ban = אין חסימה בתוקף.
admin-picks = בחירות המערכת
admin-picks-line = עד { $count } תגובות שפורסמו לכל כתבה, מוצגות מעל הדיון שלה.
admin-feature-which = הבלטת תגובה מס׳
admin-feature = הבלטה
admin-no-pick = אף תגובה אינה מובלטת.
admin-failed = משלוחי webhook שננטשו
admin-queued = נכנס לתור (UTC)
admin-event = אירוע
admin-webhook = Webhook
admin-attempts = ניסיונות
admin-last-error = שגיאה אחרונה
admin-recent = פעולות אחרונות
admin-when = מתי (UTC)
admin-who = מי
admin-did = פעולה
admin-comment = תגובה
admin-article = כתבה
admin-held = מעוכבת לניהול מוקדם
admin-edited = נערכה בידי הכותב: אישור מפרסם את הטקסט החדש, דחייה שומרת את המפורסם
admin-reported = { $count ->
    [one] פורסמה, דווחה פעם אחת ({ $reason })
    [two] פורסמה, דווחה פעמיים ({ $reason })
   *[other] פורסמה, דווחה { $count } פעמים ({ $reason })
}
admin-in-reply-to = בתגובה ל{ $author }
admin-select = בחירת תגובה מס׳ { $comment } של { $author }
admin-signed-in = מחובר/ת
admin-on-article = מס׳ { $comment } על „{ $title }”
admin-new-text = טקסט חדש:
admin-ban-author = חסימת הכותב…
admin-ban-author-of = חסימת הכותב של מס׳ { $comment }
admin-pick = מס׳ { $comment } של { $author } על „{ $title }”
admin-unfeature = ביטול הבלטה
admin-unfeature-which = ביטול הבלטה של מס׳ { $comment }
admin-banned-account = { $author } (מחובר/ת ב-{ $site })
admin-banned-erased = קורא/ת של { $site } שמחק/ה את הנתונים
admin-banned-address = פרסומים אנונימיים מהכתובת של תגובה מס׳ { $comment }
admin-ban-forever = לצמיתות
admin-ban-until = עד { $date }
admin-ban-by = על ידי { $moderator } ב-{ $date }
admin-lift = הסרה
admin-lift-which = הסרת חסימה { $ban }
admin-ban = חסימה
admin-no-comment = אין תגובה כזו (או שנמחקה).
admin-back = חזרה לניהול התגובות
admin-whom-account = { $author }, מחובר/ת ב-{ $site }: החשבון נחסם, מכל מקום שממנו יכתבו.
admin-whom-address = { $author }, אנונימי/ת: פרסומים ללא כניסה מהכתובת שממנה הגיעה התגובה הזו יידחו.
admin-whom-nothing = קורא/ת אנונימי/ת שכתובתו/ה כבר לא נשמרת: אי אפשר לחסום דבר.
admin-for-good = לצמיתות
admin-days = { $count ->
    [one] יום אחד
    [two] יומיים
   *[other] { $count } ימים
}
admin-reason = סיבה (נשמרת ברישום)
admin-how-long = לכמה זמן
admin-on = על „{ $title }” · { $date }
admin-approved = { $count ->
    [one] תגובה אחת אושרה.
   *[other] { $count } תגובות אושרו.
}
admin-rejected = { $count ->
    [one] תגובה אחת נדחתה.
   *[other] { $count } תגובות נדחו.
}
admin-marked-spam = { $count ->
    [one] תגובה אחת סומנה כספאם.
   *[other] { $count } תגובות סומנו כספאם.
}
admin-deleted = { $count ->
    [one] תגובה אחת נמחקה.
   *[other] { $count } תגובות נמחקו.
}
admin-now-banned = הכותב/ת חסום/ה: הפרסומים שלו/ה נדחים.
admin-no-address = דבר לא נחסם: התגובה אנונימית והכתובת שלה כבר לא נשמרת.
admin-lifted = החסימה הוסרה.
admin-not-in-force = החסימה הזו כבר לא הייתה בתוקף.
admin-featured = התגובה מובלטת מעל הדיון של הכתבה שלה.
admin-unfeatured = התגובה כבר לא מובלטת.
admin-not-published = דבר לא הובלט: לאף תגובה שפורסמה אין המספר הזה.
admin-picks-full = דבר לא הובלט: לכתבה כבר יש { $count } בחירות; יש לבטל אחת קודם.
admin-none-ticked = לא הוחלט דבר: יש לסמן קודם לפחות תגובה אחת.
## הפעולות ברישום.
did-approve = אישר/ה
did-reject = דחה/תה
did-spam = סימן/ה כספאם
did-delete = מחק/ה
did-ban = { $count ->
    [one] חסם/ה ליום אחד
    [two] חסם/ה ליומיים
   *[other] חסם/ה ל-{ $count } ימים
}
did-ban-forever = חסם/ה לצמיתות
did-lift = הסיר/ה חסימה
did-feature = הבליט/ה
did-unfeature = ביטל/ה הבלטה
did-sign-in = נכנס/ה
did-sign-out = יצא/ה
