# encart's e-mails and their link pages in Polish: the server's words, which
# never travel to the widget. The messages and their variables are those of
# mail/en.ftl; the language's plural rules and numbers are ../pl.ftl's.

confirm-subject = Potwierdź adres, aby dostawać powiadomienia o odpowiedziach
confirm-line = Poprosiłeś o powiadomienia o odpowiedziach na Twój komentarz pod „{ $title }”.
confirm-button = Potwierdź mój adres
confirm-after = Bez potwierdzenia zapomnimy ten adres po 7 dniach. Jeśli o nic nie prosiłeś, zignoruj tę wiadomość.
answers-subject = { $count ->
    [one] { $author } odpowiedział(a) na Twój komentarz pod „{ $title }”
    [few] { $count } nowe odpowiedzi na Twój komentarz pod „{ $title }”
   *[many] { $count } nowych odpowiedzi na Twój komentarz pod „{ $title }”
}
wrote = napisał(a)
read-answer = Przeczytaj odpowiedź
more-answers = W dyskusji czekają na Ciebie kolejne odpowiedzi.
stop-thread = Nie wysyłaj więcej odpowiedzi z tej dyskusji
stop-all = Nie wysyłaj mi żadnych e-maili
colon = :
digest-subject = { $count ->
    [one] Moderacja: { $count } komentarz czeka na decyzję
    [few] Moderacja: { $count } komentarze czekają na decyzję
   *[many] Moderacja: { $count } komentarzy czeka na decyzję
}
digest-line = { $count ->
    [one] { $count } komentarz w { $origin } i innych serwisach czeka na decyzję (wstrzymany lub zgłoszony).
    [few] { $count } komentarze w { $origin } i innych serwisach czekają na decyzję (wstrzymane lub zgłoszone).
   *[many] { $count } komentarzy w { $origin } i innych serwisach czeka na decyzję (wstrzymanych lub zgłoszonych).
}
digest-link = Otwórz kolejkę moderacji
link-invalid = Ten link jest nieprawidłowy.
confirm-title = Potwierdź adres, aby dostawać powiadomienia o odpowiedziach na Twoje komentarze.
confirm = Potwierdź
confirmed = Adres potwierdzony: będziesz dostawać powiadomienia o odpowiedziach.
stopped-thread = Nie będziesz już dostawać odpowiedzi z tej dyskusji.
stopped-all = Nie będziesz już dostawać od nas żadnych e-maili.
