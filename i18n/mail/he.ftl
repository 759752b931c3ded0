# encart's e-mails and their link pages in Hebrew: the server's words, which
# never travel to the widget. The messages and their variables are those of
# mail/en.ftl; the language's plural rules and numbers are ../he.ftl's.

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
