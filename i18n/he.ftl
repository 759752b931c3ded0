# encart's words in Hebrew. The messages and their variables are those of
# en.ftl (see there for the syntax); `cargo build` checks it.

## How the language counts and writes numbers, from CLDR
## (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html,
## the rules for whole numbers; "other" is what no rule gives).

-plural-one = i = 1 and v = 0 or i = 0 and v != 0
-plural-two = i = 2 and v = 0
-number-group = ,
-number-min-grouping = 1

## The widget.

loading = טוען את הכתבה…
by = מאת
read-on-its-page = לקריאת הכתבה בעמוד שלה
retry = לנסות שוב
error-network = לא ניתן להתחבר לשרת. כדאי לבדוק את החיבור.
error-timeout = השרת מתעכב בתשובה.
error-not-found = הכתבה לא נמצאה.
error-server = אירעה שגיאה בשרת.
error-malformed = השרת שלח תשובה לא צפויה.
error-too-large = התגובה ארוכה מכדי לשלוח אותה.
error-rate-limited = התגובות שלך מהירות מדי: כדאי לנסות שוב בעוד כמה שניות.
loading-comments = טוען את התגובות…
load-more = הצגת תגובות נוספות
reply = להגיב
cancel = ביטול
leave-comment = השארת תגובה
name-label = שם
comment-label = תגובה
honeypot-label = נא להשאיר שדה זה ריק
post = פרסום תגובה
posting = שולח…
sending = בשליחה
awaiting-moderation = ממתינה לאישור: רק את/ה רואה אותה
posted = תודה, התגובה שלך פורסמה.
post-failed = התגובה לא נשלחה; הטקסט שלך נשמר.
commenting-unavailable = לא ניתן לשלוח תגובות מעמוד זה.
author-required = נא להזין את שמך.
author-too-long = השם יכול להכיל עד 80 תווים.
body-required = נא לכתוב את התגובה.
body-too-long = התגובה יכולה להכיל עד 5,000 תווים.
control-characters = הטקסט מכיל תווים אסורים.
notify = לעדכן אותי במייל כשמישהו עונה
email-label = כתובת המייל שלך (לא תוצג לעולם; נשלח קישור לאישור)
email-required = נא להזין את הכתובת לעדכונים.
email-invalid = הכתובת אינה תקינה.
text-size = גודל טקסט
text-smaller = טקסט קטן יותר
text-normal = טקסט רגיל
text-larger = טקסט גדול יותר
theme = ערכת נושא
theme-auto = אוטומטית
theme-light = בהירה
theme-dark = כהה
theme-sepia = ספיה
delete = מחיקה
confirm-delete = למחוק את התגובה לצמיתות?
yes-delete = כן, למחוק
deleting = מוחק…
report = דיווח
edit = עריכה
edited = נערכה
edit-label = התגובה שלך
save = שמירה
edit-waits = העריכה תוצג לאחר אישור המערכת.
picks = בחירת המערכת
sort-by = מיון
sort-newest = החדשות ביותר
sort-oldest = הישנות ביותר
sort-recommended = המומלצות ביותר
recommend = המלצה
report-why = לדווח על התגובה בתור:
reason-spam = ספאם
reason-abuse = פוגענית
reason-off-topic = לא לעניין
reason-other = אחר
reported = הדיווח התקבל, תודה: צוות הניהול יבדוק אותה.
comment-deleted = התגובה נמחקה.
commenting-as = מגיב/ה בתור
sign-in = התחברות
sign-out = התנתקות
sign-in-to-comment = יש להתחבר כדי להגיב.
verified = חשבון מאומת
staff = המערכת
error-sign-in-expired = פג תוקף ההתחברות: אחרי התחברות מחדש התגובה תישלח.
error-sign-in-invalid = לא ניתן לאמת את ההתחברות. יש לטעון מחדש את העמוד.
error-banned = צוות הניהול שלל ממך את האפשרות להגיב באתר זה.

## Counts, times and dates.

comments-heading = { $count ->
    [0] אין עדיין תגובות
    [one] תגובה אחת
   *[other] { $count } תגובות
}
new-comments = { $count ->
    [one] תגובה חדשה אחת
   *[other] { $count } תגובות חדשות
}
reading-time = { $minutes ->
    [one] דקת קריאה אחת
   *[other] { $minutes } דקות קריאה
}
time-now = עכשיו
time-minutes = לפני { $minutes } דק׳
time-hours = לפני { $hours } שע׳
time-days = לפני { $days ->
    [one] יום
    [two] יומיים
   *[other] { $days } ימים
}
date = { $day } ב{ $month ->
    [1] ינואר
    [2] פברואר
    [3] מרץ
    [4] אפריל
    [5] מאי
    [6] יוני
    [7] יולי
    [8] אוגוסט
    [9] ספטמבר
    [10] אוקטובר
    [11] נובמבר
   *[12] דצמבר
} { NUMBER($year, useGrouping: "false") }
exact-time = { $date }, { NUMBER($hour, minimumIntegerDigits: 2) }:{ NUMBER($minute, minimumIntegerDigits: 2) } UTC

## The loader, where the widget cannot run at all.

reader-unavailable = לא ניתן היה לטעון כאן את קורא הכתבות.
